/**
 * What taking over and standing by do on the director: the bundle's `lvs-director vip-up` and
 * `vip-down` (addresses, active_cmd / inactive_cmd, sync daemon role), gratuitous ARPs for every
 * floating address, and the health checks with the IPVS table started or stopped.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import type { FloatingAddress } from "../manifest.ts";
import type { Activator } from "./node.ts";

/** The checks and the IPVS table, started on activation and stopped on deactivation. */
export interface ServicesControl {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** At the first stand-by: removes what a killed active run may have left in the table. */
  clear(): Promise<void>;
}

export type ScriptAction = "vip-up" | "vip-down";

export interface ActivatorOptions {
  /** Runs the director script with `vip-up` or `vip-down`; a failure rejects with the reason. */
  readonly script: (action: ScriptAction) => Promise<void>;
  readonly addresses: () => readonly FloatingAddress[];
  readonly activeCommand: () => readonly string[] | null;
  readonly services: ServicesControl;
  /** The arping of iputils (`-U`: unsolicited ARP requests); null sends none. */
  readonly arping: string | null;
  /** Gratuitous ARPs per address, one a second, as Piranha's send_arp is run. */
  readonly arpCount?: number;
  readonly log: (event: string, message: string, fields?: Record<string, unknown>) => void;
}

/** The director script at `path`, run without a shell; each run ends within `timeoutMs`. */
export function directorScriptRunner(path: string, timeoutMs = 30_000): (action: ScriptAction) => Promise<void> {
  return (action) => runScript(path, action, timeoutMs);
}

function runScript(script: string, action: ScriptAction, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(script, [action], { encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL" }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const said = stderr.trim().split("\n").filter(Boolean).join("; ");
      reject(new Error(`${script} ${action} failed: ${said || error.message}`));
    });
  });
}

/** Starts `argv` without a shell and without waiting for it, as pulse runs active_cmd. */
function fireAndForget(argv: readonly string[], log: ActivatorOptions["log"]): void {
  const [program, ...args] = argv;
  if (!program) return;
  const child = spawn(program, args, { stdio: "ignore", detached: true });
  // The command line goes to the log only: it may carry what the status must not show.
  child.on("error", (e: NodeJS.ErrnoException) => log("command-failed", `active_cmd or inactive_cmd did not start (${e.code ?? "error"})`, { detail: `${argv.join(" ")}: ${e.message}` }));
  child.unref();
}

export function scriptActivator(options: ActivatorOptions): Activator & { close(): void } {
  const arpers = new Set<ChildProcess>();
  const announce = (): void => {
    if (!options.arping) return;
    for (const a of options.addresses()) {
      const child = spawn(options.arping, ["-q", "-U", "-c", String(options.arpCount ?? 5), "-I", a.baseDevice, a.address], { stdio: ["ignore", "ignore", "pipe"] });
      let said = "";
      child.stderr?.on("data", (d: Buffer) => (said += d.toString()));
      arpers.add(child);
      child.on("error", (e) => options.log("arp-failed", `${options.arping}: ${e.message}`));
      child.on("close", (code) => {
        arpers.delete(child);
        if (code !== 0 && code !== null) options.log("arp-failed", `arping for ${a.address} on ${a.baseDevice} exited ${code}: ${said.trim()}`);
      });
    }
  };
  const stopAnnouncing = (): void => {
    for (const child of arpers) child.kill("SIGKILL");
    arpers.clear();
  };
  // A failing address must not keep the others or the services from coming up: the failure is
  // logged and the rest goes on.
  const script = (action: ScriptAction): Promise<void> => options.script(action).catch((e: Error) => options.log("script-failed", e.message));
  return {
    async standBy() {
      await Promise.all([script("vip-down"), options.services.clear().catch((e: Error) => options.log("clear-failed", e.message))]);
    },
    // The services are set up while the addresses come up, as pulse starts lvsd before the ARPs.
    async activate() {
      await Promise.all([script("vip-up").then(announce), options.services.start()]);
    },
    async deactivate() {
      stopAnnouncing();
      try {
        await options.services.stop();
      } finally {
        await script("vip-down");
      }
    },
    async reannounce() {
      const argv = options.activeCommand();
      if (argv) fireAndForget(argv, options.log);
      stopAnnouncing();
      announce();
    },
    close: stopAnnouncing,
  };
}
