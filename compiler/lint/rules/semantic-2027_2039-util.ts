/** Helpers shared by the semantic rules LVS2027–LVS2039. */
import type { LvsModel, ModelServer, ModelVirtual } from "../../model/resolve.ts";
import { formatIPv4 } from "../../model/values.ts";
import { activeVirtuals, ipv4 } from "./semantic-util.ts";

/**
 * The virtual servers lvsd runs: active `virtual` blocks, and none at all with `service = fos`
 * (pulse then runs fos, which ignores `virtual` blocks; LVS2037 reports them).
 */
export function runningVirtuals(model: LvsModel): ModelVirtual[] {
  return model.global.service === "lvs" ? activeVirtuals(model) : [];
}

/** The real servers lvsd starts a nanny for: those with `active = 1`. */
export function activeServers(v: ModelVirtual): ModelServer[] {
  return v.servers.filter((s) => s.active === 1);
}

/** Schedulers that take the real servers' weights into account. */
export const WEIGHTED_SCHEDULERS: ReadonlySet<string> = new Set(["wrr", "wlc", "lblc", "lblcr"]);

/** `10.11.12.0/24` for an address and a contiguous mask (dotted quads). */
export function networkOf(address: string, mask: string): string {
  const a = ipv4(address)!;
  const m = ipv4(mask)!;
  let bits = 0;
  for (let x = m; x !== 0; x = (x << 1) >>> 0) bits++;
  return `${formatIPv4((a & m) >>> 0)}/${bits}`;
}

/** A valid TCP or UDP port number. */
export function isPort(n: number): boolean {
  return n >= 1 && n <= 65535;
}
