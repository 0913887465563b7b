/**
 * systemd's watchdog, fed from the event loop: when the unit sets `WatchdogSec=`, systemd passes
 * WATCHDOG_USEC (and WATCHDOG_PID), and lvs-run sends `WATCHDOG=1` four times per period with
 * systemd-notify (the unit allows that with `NotifyAccess=all`). A process whose event loop is
 * frozen sends nothing, and systemd restarts it.
 */
import { spawn } from "node:child_process";

export interface Watchdog {
  stop(): void;
}

/** The ping interval the environment asks for, in ms; null when there is no watchdog for this process. */
export function watchdogInterval(env: NodeJS.ProcessEnv, pid: number): number | null {
  const usec = Number(env["WATCHDOG_USEC"]);
  if (!env["NOTIFY_SOCKET"] || !Number.isFinite(usec) || usec <= 0) return null;
  if (env["WATCHDOG_PID"] && Number(env["WATCHDOG_PID"]) !== pid) return null;
  return Math.max(100, Math.floor(usec / 1000 / 4));
}

function notify(state: string): void {
  const child = spawn("systemd-notify", [state], { stdio: "ignore" });
  child.on("error", () => {});
}

/** Starts feeding systemd's watchdog, when it watches this process. */
export function feedWatchdog(env: NodeJS.ProcessEnv = process.env, pid = process.pid): Watchdog {
  const interval = watchdogInterval(env, pid);
  if (interval === null) return { stop: () => {} };
  notify("WATCHDOG=1");
  const timer = setInterval(() => notify("WATCHDOG=1"), interval);
  return { stop: () => clearInterval(timer) };
}
