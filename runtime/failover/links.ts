/** The link state of the interfaces the heartbeat leaves by, read from sysfs as `ip link` shows it. */
import { readFileSync } from "node:fs";

export interface LinkReport {
  readonly up: boolean;
  readonly detail: string;
}

type Read = (path: string) => string;

const readSys: Read = (path) => readFileSync(path, "utf8").trim();

/** An interface's link: down when it is administratively down or has no carrier. */
export function linkOf(device: string, read: Read = readSys): LinkReport {
  let operstate: string;
  try {
    operstate = read(`/sys/class/net/${device}/operstate`);
  } catch {
    return { up: false, detail: `${device} is gone` };
  }
  let carrier = "0";
  try {
    carrier = read(`/sys/class/net/${device}/carrier`);
  } catch {
    // Reading carrier of an interface that is down fails: no carrier.
  }
  if (operstate === "down" || carrier !== "1") return { up: false, detail: `${device} link down (operstate ${operstate}, carrier ${carrier})` };
  return { up: true, detail: `${device} link up` };
}

/** All of `devices` up, or the first one down. */
export function linksOf(devices: readonly string[], read: Read = readSys): LinkReport {
  for (const d of devices) {
    const report = linkOf(d, read);
    if (!report.up) return report;
  }
  return { up: true, detail: devices.length ? `${devices.join(", ")} link up` : "no interface to watch" };
}
