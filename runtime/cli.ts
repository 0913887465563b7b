/**
 * `lvs-run`: runs a bundle on the director (health checks and the IPVS table), or talks to a
 * running instance (`status`, `reload`), or runs one check (`check`, for keepalived's MISC_CHECK).
 * How a bundle directory or an lvs.cf becomes a plan is given by the caller.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { probe } from "./checks/probe.ts";
import { askControl, listenControl } from "./control.ts";
import { Director, type DirectorStatus, type LogEvent } from "./director.ts";
import { dryRunBackend, ipvsadmBackend } from "./ipvs/backend.ts";
import { reconcile } from "./ipvs/reconcile.ts";
import { loadAverage } from "./checks/load.ts";
import { directorScriptRunner } from "./failover/activation.ts";
import type { FailoverStatus } from "./failover/node.ts";
import { failoverNode } from "./failover/pair.ts";
import { decideRole, interfaceAddresses } from "./failover/roles.ts";
import type { BundleManifest, RuntimePlan } from "./manifest.ts";
import { metricsAddress, serveMetrics } from "./metrics.ts";

export const RUN_USAGE = `Usage: lvs-run [options] BUNDLE_DIR|lvs.cf
       lvs-run status [--json] [--state-dir DIR]
       lvs-run reload [--state-dir DIR]
       lvs-run check --manifest FILE --service KEY --server ADDRESS:PORT

Runs on the director in the foreground, as Piranha's pulse, lvsd and nanny: exchanges
heartbeats with the partner director and, while this one is active, holds the VIPs,
health-checks every active real server and keeps the IPVS services of the bundle in step
(nothing else in the table is touched). SIGHUP or 'lvs-run reload' re-reads the bundle;
SIGTERM stops, removing the services and the VIPs.

Options:
      --standalone            no failover: active at once, the VIPs left alone
      --failback              a returning primary takes the VIPs back from an active backup
      --force-active          become active at start (the backup then yields), as pulse's --forceactive
      --arping PATH           the iputils arping sending gratuitous ARPs (default arping; '' for none)
      --state-dir DIR         where the control socket lives (default /run/lvs-run)
      --log-format text|json  one line per event on standard output (default text)
      --dry-run               print the ipvsadm commands instead of running them
      --ipvsadm PATH          the ipvsadm to run (default: the manifest's)
      --drain-timeout SECONDS a removed server leaves after its connections end or this long (60)
      --keep-on-exit          leave the IPVS services in place when stopping
      --metrics [HOST:]PORT   serve Prometheus metrics at /metrics (host 127.0.0.1 unless given)
  -h, --help                  show this help
`;

const DEFAULT_STATE_DIR = "/run/lvs-run";

export class RunUsageError extends Error {}

export interface RunIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Registers a handler for a process signal. */
  onSignal(signal: "SIGHUP" | "SIGTERM" | "SIGINT", handler: () => void): void;
}

export interface LoadedBundle {
  readonly plan: RuntimePlan;
  /** The text of the director script (`lvs-director`) that moves the VIPs. */
  readonly directorScript: string;
}

/** Reads a bundle directory or an lvs.cf; throws an Error with a one-line message. */
export type PlanLoader = (source: string) => Promise<LoadedBundle>;

const DIRECTOR_SCRIPT = join("director", "lvs-director");

/** The plan in a bundle directory's manifest.json, and its director script. */
export function readBundle(dir: string): LoadedBundle {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as BundleManifest;
  if (manifest.schema !== 1 || !manifest.plan) throw new Error(`${dir}: not a bundle of manifest schema 1`);
  const script = join(dir, DIRECTOR_SCRIPT);
  if (!existsSync(script)) throw new Error(`${dir}: no ${DIRECTOR_SCRIPT} in the bundle`);
  return { plan: manifest.plan, directorScript: readFileSync(script, "utf8") };
}

/** What `lvs-run status` answers. */
export interface RunStatus extends DirectorStatus {
  /** Null with --standalone. */
  readonly failover: FailoverStatus | null;
}

function formatLog(format: "text" | "json", e: LogEvent): string {
  if (format === "json") return JSON.stringify({ time: new Date().toISOString(), ...e }) + "\n";
  return `${new Date().toISOString()} ${e.event}: ${e.message}\n`;
}

function ago(at: number): string {
  return `${((Date.now() - at) / 1000).toFixed(1)} s ago`;
}

function failoverLines(f: FailoverStatus): string[] {
  const name = f.role === "master" ? "primary" : "backup";
  const lines = [`${name} director ${f.address}: ${f.active ? "active" : "standing by"} since ${new Date(f.since).toISOString()}: ${f.reason}`];
  if (f.partner) {
    const heard = f.partner.lastHeartbeat ? `last heartbeat ${f.partner.lastHeartbeat.state} ${ago(f.partner.lastHeartbeat.at)}` : "no heartbeat heard";
    lines.push(`  partner ${f.partner.address}: ${heard}`);
  } else {
    lines.push("  no partner director");
  }
  if (f.linkFailed) lines.push("  local link down: activation disabled");
  return lines;
}

export function formatStatus(status: RunStatus): string {
  const lines: string[] = status.failover ? failoverLines(status.failover) : [];
  for (const s of status.services) {
    lines.push(`${s.key} ${s.scheduler}${s.sorryServerUp ? " (sorry server in)" : ""}`);
    for (const rs of s.servers) {
      const last = rs.lastCheck ? ` last ${rs.lastCheck.ok ? "ok" : "failed"} ${Math.round(rs.lastCheck.latencyMs)} ms: ${rs.lastCheck.detail}` : "";
      lines.push(`  ${rs.address}:${rs.port} ${rs.state} weight ${rs.weight}${last}`);
    }
  }
  lines.push(`ipvsadm calls ${status.ipvsadmCalls}, failed ${status.ipvsadmFailures}`);
  return lines.join("\n") + "\n";
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "state-dir": { type: "string" },
        "log-format": { type: "string" },
        "dry-run": { type: "boolean" },
        ipvsadm: { type: "string" },
        "drain-timeout": { type: "string" },
        "keep-on-exit": { type: "boolean" },
        standalone: { type: "boolean" },
        failback: { type: "boolean" },
        "force-active": { type: "boolean" },
        arping: { type: "string" },
        metrics: { type: "string" },
        json: { type: "boolean" },
        manifest: { type: "string" },
        service: { type: "string" },
        server: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new RunUsageError((e as Error).message.split("\n")[0]!);
  }
}

/** `lvs-run check`: one check of one server from an installed manifest; exit 0 when it passes. */
async function checkOnce(manifestPath: string, serviceKey: string, server: string, io: RunIO): Promise<number> {
  const plan = (JSON.parse(readFileSync(manifestPath, "utf8")) as BundleManifest).plan;
  const service = plan.services.find((s) => s.key === serviceKey);
  if (!service) throw new RunUsageError(`no service '${serviceKey}' in ${manifestPath}`);
  const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(server);
  if (!m) throw new RunUsageError(`--server takes ADDRESS:PORT, not '${server}'`);
  const outcome = await probe(service.check, { address: m[1]!, port: Number(m[2]) });
  io.stdout(`${outcome.ok ? "ok" : "failed"}: ${outcome.detail}\n`);
  return outcome.ok ? 0 : 1;
}

export async function runMain(argv: string[], io: RunIO, loadPlan: PlanLoader): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const stateDir = values["state-dir"] ?? DEFAULT_STATE_DIR;
  const [first] = positionals;
  if (first === "status" || first === "reload") {
    let answer: unknown;
    try {
      // A reload answers once the new configuration is applied, which takes longer than a status.
      answer = await askControl(stateDir, first, first === "reload" ? 60_000 : 5000);
    } catch (e) {
      io.stderr(`lvs-run: no running lvs-run answers in ${stateDir}: ${(e as Error).message}\n`);
      return 1;
    }
    if (answer && typeof answer === "object" && "error" in answer) {
      io.stderr(`lvs-run: ${String((answer as { error: unknown }).error)}\n`);
      return 1;
    }
    io.stdout(first === "reload" || values.json ? JSON.stringify(answer, null, 2) + "\n" : formatStatus(answer as RunStatus));
    return 0;
  }
  if (first === "check") {
    if (!values.manifest || !values.service || !values.server) throw new RunUsageError("check needs --manifest, --service and --server");
    return checkOnce(values.manifest, values.service, values.server, io);
  }
  if (positionals.length !== 1) throw new RunUsageError("give one bundle directory or lvs.cf");
  const format = values["log-format"] ?? "text";
  if (format !== "text" && format !== "json") throw new RunUsageError(`--log-format takes text or json, not '${format}'`);
  const metricsAt = values.metrics === undefined ? null : metricsAddress(values.metrics);
  if (values.metrics !== undefined && metricsAt === null) throw new RunUsageError(`--metrics takes [HOST:]PORT, not '${values.metrics}'`);
  const drain = Number(values["drain-timeout"] ?? 60);
  if (!Number.isFinite(drain) || drain < 0) throw new RunUsageError(`--drain-timeout takes seconds, not '${values["drain-timeout"]}'`);

  const source = first!;
  let loaded: LoadedBundle;
  try {
    loaded = await loadPlan(source);
  } catch (e) {
    io.stderr(`lvs-run: ${(e as Error).message}\n`);
    return 1;
  }
  let plan = loaded.plan;
  const decision = values.standalone ? null : decideRole(plan.failover, interfaceAddresses());
  if (decision && decision.role === null) {
    io.stderr(`lvs-run: ${decision.message}\n`);
    return decision.exitCode;
  }
  const dryRun = values["dry-run"] ?? false;
  const log = (e: LogEvent) => io.stdout(formatLog(format, e));
  const ipvsadm = values.ipvsadm ?? (plan.ipvsadm === "/sbin/ipvsadm" ? "ipvsadm" : plan.ipvsadm);
  const real = ipvsadmBackend(ipvsadm);
  const backend = dryRun ? dryRunBackend(() => real.read(), (line) => io.stdout(line + "\n")) : real;
  let fatal: ((reason: string) => void) | null = null;
  const makeDirector = (p: RuntimePlan) =>
    new Director(p, {
      backend,
      probe: (service, server, signal) => probe(service.check, { address: server.address, port: server.port }, { signal }),
      load: (service, server) =>
        service.check.loadMonitor ? loadAverage(service.check.loadMonitor, { address: server.address, port: server.port }, service.check.interval * 1000) : Promise.resolve(null),
      reconcile,
      log,
      drainTimeoutMs: drain * 1000,
      onFatal: (reason) => {
        log({ event: "hard-shutdown", message: `hard_shutdown = 1: stopping every service after: ${reason}` });
        fatal?.(reason);
      },
    });

  const director = makeDirector(plan);
  let stopping = false;
  // While standing by, the director checks the real servers but leaves the table alone.
  const services = { start: () => director.takeOver(), stop: () => director.standDown() };

  /** Reloads run one after another; each resolves with null, or why it was refused. */
  let reloading: Promise<string | null> = Promise.resolve(null);
  const reload = (): Promise<string | null> => {
    reloading = reloading.then(async () => {
      try {
        const next = (await loadPlan(source)).plan;
        if (decision && !sameFloating(plan, next))
          log({ event: "reload-partial", message: "VIPs, NAT router, failover and sync daemon settings take effect when lvs-run restarts" });
        plan = next;
        await director.reload(next);
        return null;
      } catch (e) {
        const reason = (e as Error).message;
        log({ event: "reload-refused", message: `keeping the running configuration: ${reason}` });
        return reason;
      }
    });
    return reloading;
  };
  let pair: ReturnType<typeof failoverNode> | null = null;
  const runStatus = (): RunStatus => ({ ...director.status(), failover: pair?.node.status() ?? null });
  const server = await listenControl(stateDir, async (request): Promise<unknown> => {
    if (request === "reload") {
      const refused = await reload();
      return refused === null ? { reloaded: true } : { reloaded: false, error: `reload refused, the running configuration stays: ${oneLine(refused)}` };
    }
    return runStatus();
  });
  if (decision) {
    const script = join(stateDir, "lvs-director");
    if (!dryRun) writeFileSync(script, loaded.directorScript, { mode: 0o700 });
    pair = failoverNode({
      plan: () => plan,
      decision,
      script: dryRun ? async (action) => io.stdout(`lvs-director ${action}\n`) : directorScriptRunner(script),
      services,
      arping: dryRun || values.arping === "" ? null : (values.arping ?? "arping"),
      failback: values.failback ?? false,
      forceActive: values["force-active"] ?? false,
      log: (event, message, fields) => log({ event, message, ...fields }),
    });
    director.watch();
    try {
      await pair.node.start();
    } catch (e) {
      server.close();
      await director.stop(true);
      io.stderr(`lvs-run: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    await director.start();
  }
  const metrics = metricsAt ? await serveMetrics(metricsAt, runStatus) : null;
  return new Promise<number>((resolve) => {
    const stop = (code: number, why: string) => {
      if (stopping) return;
      stopping = true;
      server.close();
      metrics?.close();
      void reloading
        .then(async () => {
          if (pair) {
            await pair.node.stop(why);
            pair.close();
          }
          await director.stop(values["keep-on-exit"] ?? false);
        })
        .then(() => resolve(code));
    };
    fatal = (reason) => {
      if (pair?.node.status().partner) pair.node.failed(reason);
      else stop(1, reason);
    };
    io.onSignal("SIGHUP", () => void reload());
    io.onSignal("SIGTERM", () => stop(0, "SIGTERM"));
    io.onSignal("SIGINT", () => stop(0, "SIGINT"));
  });
}

/** A multi-line reason (a lint report) as one line for the control socket's answer. */
function oneLine(text: string): string {
  return text.trim().split(/\s*\n\s*/).join("; ");
}

/** Whether two plans move the same addresses the same way (what pulse reads only at start). */
function sameFloating(a: RuntimePlan, b: RuntimePlan): boolean {
  const floating = (p: RuntimePlan) => JSON.stringify([p.vips, p.natRouter, p.failover, p.syncDaemon]);
  return floating(a) === floating(b);
}
