/**
 * `lvs-run BUNDLE`: the director itself. Assembles the IPVS backend, the director (checks and
 * table), the reload queue, the control socket, failover with the partner, metrics and the
 * signals, and runs until SIGTERM or SIGINT.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { loadAverage } from "./checks/load.ts";
import { probe } from "./checks/probe.ts";
import type { CommandIO } from "./commands.ts";
import { listenControl } from "./control.ts";
import { Director, type LogEvent } from "./director.ts";
import { directorScriptRunner } from "./failover/activation.ts";
import { failoverNode } from "./failover/pair.ts";
import { decideRole, interfaceAddresses } from "./failover/roles.ts";
import { dryRunBackend, ipvsadmBackend } from "./ipvs/backend.ts";
import type { IpvsBackend } from "./ipvs/types.ts";
import { reconcile } from "./ipvs/reconcile.ts";
import { withRetry } from "./ipvs/retry.ts";
import { ownershipIn } from "./ownership.ts";
import { planProblem } from "./plan-schema.ts";
import { lockStateDir, type StateLock } from "./state-lock.ts";
import { feedWatchdog } from "./watchdog.ts";
import { READABLE_SCHEMAS, type BundleManifest, type RuntimePlan } from "./manifest.ts";
import { metricsText } from "./metrics.ts";
import { RecentEvents, STATUS_SCHEMA, statusView, summarize, type BundleIdentity, type RunStatus } from "./status.ts";
import { TrafficReader } from "./traffic.ts";
import { freshWithin } from "../lib/fresh-within.ts";
import { limitHeapGrowth, RUNTIME_HEAP_GROWTH_PERCENT } from "../lib/heap.ts";
import { sha256 } from "../lib/sha256.ts";
import { readCredentials, type Credentials } from "./web/auth.ts";
import { serveHttp } from "./web/server.ts";

export interface LoadedBundle {
  readonly plan: RuntimePlan;
  /** The text of the director script (`lvs-director`) that moves the VIPs. */
  readonly directorScript: string;
  readonly identity: BundleIdentity;
}

/** Reads a bundle directory or an lvs.cf; throws an Error with a one-line message. */
export type PlanLoader = (source: string) => Promise<LoadedBundle>;

const DIRECTOR_SCRIPT = join("director", "lvs-director");

/** The plan in a bundle directory's manifest.json, and its director script. */
export function readBundle(dir: string): LoadedBundle {
  const path = join(dir, "manifest.json");
  let manifest: BundleManifest;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
    manifest = JSON.parse(text) as BundleManifest;
  } catch (e) {
    throw new Error(`${path}: ${e instanceof SyntaxError ? `not JSON: ${e.message}` : (e as Error).message}`);
  }
  if (typeof manifest !== "object" || manifest === null || !READABLE_SCHEMAS.includes(manifest.schema))
    throw new Error(`${dir}: not a bundle lvs-run reads (manifest schema ${READABLE_SCHEMAS.join(" or ")})`);
  // Checked whole before any of it is used: a reload of a broken manifest changes nothing.
  const problem = planProblem(manifest.plan);
  if (problem) throw new Error(`${path}: ${problem}`);
  const script = join(dir, DIRECTOR_SCRIPT);
  if (!existsSync(script)) throw new Error(`${dir}: no ${DIRECTOR_SCRIPT} in the bundle`);
  const serialNo = typeof manifest.source?.serialNo === "number" ? manifest.source.serialNo : null;
  return { plan: manifest.plan, directorScript: readFileSync(script, "utf8"), identity: { path: dir, hash: sha256(text), serialNo } };
}

export interface DaemonIO extends CommandIO {
  /** All of standard input (for `http-password`). */
  stdin(): Promise<string>;
  /** Registers a handler for a process signal. */
  onSignal(signal: "SIGHUP" | "SIGTERM" | "SIGINT", handler: () => void): void;
}

/** How the daemon runs, from the command line (see RUN_USAGE). */
export interface DaemonOptions {
  readonly source: string;
  readonly stateDir: string;
  readonly logFormat: "text" | "json";
  /** Where `--http` listens; null for nowhere. */
  readonly httpAt: { readonly host: string; readonly port: number } | null;
  /** The `--http-auth` file; null for none. */
  readonly httpAuth: string | null;
  readonly drainTimeoutMs: number;
  /** Milliseconds between re-reads of the kernel's table. */
  readonly resyncMs: number;
  readonly dryRun: boolean;
  /** The ipvsadm to run instead of the manifest's. */
  readonly ipvsadm: string | null;
  readonly standalone: boolean;
  readonly failback: boolean;
  readonly forceActive: boolean;
  /** The arping command; null for none. */
  readonly arping: string | null;
  readonly keepOnExit: boolean;
}

function formatLog(format: "text" | "json", e: LogEvent): string {
  if (format === "json") return JSON.stringify({ time: new Date().toISOString(), ...e }) + "\n";
  const detail = typeof e.detail === "string" && e.detail !== "" ? ` (${e.detail})` : "";
  return `${new Date().toISOString()} ${e.event}: ${e.message}${detail}\n`;
}

/** The director of `plan`: its checks, its load monitor and its IPVS backend (ipvsadm, or printed). */
function backendFor(plan: RuntimePlan, opts: DaemonOptions, io: CommandIO): IpvsBackend {
  const ipvsadm = opts.ipvsadm ?? (plan.ipvsadm === "/sbin/ipvsadm" ? "ipvsadm" : plan.ipvsadm);
  const real = ipvsadmBackend(ipvsadm);
  return opts.dryRun ? dryRunBackend(() => real.read(), (line) => io.stdout(line + "\n")) : real;
}

function directorFor(plan: RuntimePlan, backend: IpvsBackend, opts: DaemonOptions, log: (e: LogEvent) => void, onFatal: (reason: string) => void): Director {
  return new Director(plan, {
    backend,
    probe: (service, server, signal) => probe(service.check, { address: server.address, port: server.port }, { signal }),
    load: (service, server) =>
      service.check.loadMonitor ? loadAverage(service.check.loadMonitor, { address: server.address, port: server.port }, service.check.interval * 1000) : Promise.resolve(null),
    reconcile,
    log,
    drainTimeoutMs: opts.drainTimeoutMs,
    resyncMs: opts.resyncMs,
    // A dry run changes nothing, so it owns nothing either.
    ...(opts.dryRun ? {} : { ownership: ownershipIn(opts.stateDir) }),
    onFatal,
  });
}

/** Signals as they arrive before lvs-run is ready: a reload and a stop wait for the start. */
interface EarlySignals {
  hup: boolean;
  stop: string | null;
  onHup: () => void;
  onStop: (signal: string) => void;
}

function earlySignals(io: DaemonIO): EarlySignals {
  const s: EarlySignals = {
    hup: false,
    stop: null,
    onHup: () => void (s.hup = true),
    onStop: (signal) => void (s.stop ??= signal),
  };
  io.onSignal("SIGHUP", () => s.onHup());
  io.onSignal("SIGTERM", () => s.onStop("SIGTERM"));
  io.onSignal("SIGINT", () => s.onStop("SIGINT"));
  return s;
}

/** How long a status waits for a fresh reading of the traffic before it answers with the last. */
const TRAFFIC_WAIT_MS = 500;

/** A start whose reading or writing of the table fails is tried three times, 1 s and 2 s apart. */
const START_RETRY = { attempts: 3, baseMs: 1000, maxMs: 2000 } as const;

export async function runDaemon(opts: DaemonOptions, io: DaemonIO, loadPlan: PlanLoader): Promise<number> {
  limitHeapGrowth(RUNTIME_HEAP_GROWTH_PERCENT);
  // Installed before anything changes, so that no signal finds lvs-run half started.
  const signals = earlySignals(io);
  let lock: StateLock;
  try {
    lock = lockStateDir(opts.stateDir);
  } catch (e) {
    io.stderr(`lvs-run: ${(e as Error).message}\n`);
    return 1;
  }
  if (!lock.ok) {
    io.stderr(`lvs-run: another lvs-run (pid ${lock.holder}) runs with --state-dir ${opts.stateDir}; stop it first, or give another --state-dir\n`);
    return 1;
  }
  try {
    return await runLocked(opts, io, loadPlan, signals);
  } finally {
    lock.release();
  }
}

async function runLocked(opts: DaemonOptions, io: DaemonIO, loadPlan: PlanLoader, signals: EarlySignals): Promise<number> {
  const { source, stateDir } = opts;
  let credentials: Credentials | null = null;
  try {
    if (opts.httpAuth !== null) credentials = readCredentials(opts.httpAuth);
  } catch (e) {
    io.stderr(`lvs-run: ${(e as Error).message}\n`);
    return 1;
  }
  let loaded: LoadedBundle;
  try {
    loaded = await loadPlan(source);
  } catch (e) {
    io.stderr(`lvs-run: ${(e as Error).message}\n`);
    return 1;
  }
  let plan = loaded.plan;
  const decision = opts.standalone ? null : decideRole(plan.failover, interfaceAddresses());
  if (decision && decision.role === null) {
    io.stderr(`lvs-run: ${decision.message}\n`);
    return decision.exitCode;
  }
  const dryRun = opts.dryRun;
  const startedAt = Date.now();
  const events = new RecentEvents();
  const log = (e: LogEvent) => {
    events.add(e, Date.now());
    io.stdout(formatLog(opts.logFormat, e));
  };
  let fatal: ((reason: string) => void) | null = null;
  const onFatal = (reason: string): void => {
    log({ event: "hard-shutdown", message: `hard_shutdown = 1: stopping every service after: ${reason}` });
    fatal?.(reason);
  };
  const backend = backendFor(plan, opts, io);
  const director = directorFor(plan, backend, opts, log, onFatal);
  const traffic = new TrafficReader(backend);
  let identity = loaded.identity;
  let stopping = false;
  // While standing by, the director checks the real servers but leaves the table alone.
  const services = { start: () => director.takeOver(), stop: () => director.standDown(), clear: () => director.clearOwned() };

  /**
   * Reloads run one after another; each resolves with null, or why it was refused. Requests that
   * arrive while one runs share the one that follows it: it reads the bundle after all of them.
   */
  let reloading: Promise<string | null> = Promise.resolve(null);
  let queued: Promise<string | null> | null = null;
  const reload = (): Promise<string | null> => {
    if (queued) return queued;
    const turn = reloading.then(async () => {
      queued = null;
      try {
        const reread = await loadPlan(source);
        const next = reread.plan;
        if (decision && !sameFloating(plan, next))
          log({ event: "reload-partial", message: "VIPs, NAT router, failover and sync daemon settings take effect when lvs-run restarts" });
        plan = next;
        identity = reread.identity;
        await director.reload(next);
        return null;
      } catch (e) {
        const reason = (e as Error).message;
        // The reason may quote the lvs.cf (a check's send string): the log has it, the status does not.
        log({ event: "reload-refused", message: "keeping the running configuration: the new one was refused", detail: reason });
        return reason;
      }
    });
    queued = turn;
    reloading = turn;
    return turn;
  };
  let pair: ReturnType<typeof failoverNode> | null = null;
  const runStatus = async (): Promise<RunStatus> => {
    const reading = await traffic.within(TRAFFIC_WAIT_MS);
    const status = director.status(reading);
    return {
      schema: STATUS_SCHEMA,
      at: Date.now(),
      startedAt,
      bundle: identity,
      ...status,
      failover: pair?.node.status() ?? null,
      syncDaemon: plan.syncDaemon && { ...plan.syncDaemon, running: reading?.daemons ? [...reading.daemons] : null },
      events: events.list(),
      summary: summarize(status.services),
    };
  };
  const server = await listenControl(stateDir, async (request): Promise<unknown> => {
    if (request === "reload") {
      const refused = await reload();
      return refused === null ? { reloaded: true } : { reloaded: false, error: `reload refused, the running configuration stays: ${oneLine(refused)}` };
    }
    if (request.startsWith("plan ")) {
      const path = request.slice("plan ".length);
      try {
        return await director.planReload((await loadPlan(path)).plan);
      } catch (e) {
        return { error: `a reload to ${path} would be refused: ${oneLine((e as Error).message)}` };
      }
    }
    return runStatus();
  });
  // Listening comes before any change: a port in use stops lvs-run before it touches the table.
  let http: Server | null = null;
  if (opts.httpAt) {
    try {
      // Every page open asks each 1.5 s; they share one status a second (50 ms at 100,000 servers).
      const shared = freshWithin(1000, runStatus);
      const sources = { status: async (query: URLSearchParams) => (query.size > 0 ? statusView(await shared(), query) : shared()), metrics: async () => metricsText(await shared()) };
      http = await serveHttp(opts.httpAt, sources, credentials);
    } catch (e) {
      server.close();
      io.stderr(`lvs-run: cannot listen on ${opts.httpAt.host}:${opts.httpAt.port} (--http): ${(e as Error).message}\n`);
      return 1;
    }
  }
  if (decision) {
    const script = join(stateDir, "lvs-director");
    if (!dryRun) writeFileSync(script, loaded.directorScript, { mode: 0o700 });
    pair = failoverNode({
      plan: () => plan,
      decision,
      script: dryRun ? async (action) => io.stdout(`lvs-director ${action}\n`) : directorScriptRunner(script),
      services,
      arping: dryRun ? null : opts.arping,
      failback: opts.failback,
      forceActive: opts.forceActive,
      log: (event, message, fields) => log({ event, message, ...fields }),
    });
    director.watch();
    try {
      await pair.node.start();
    } catch (e) {
      server.close();
      http?.close();
      await director.stop(true);
      io.stderr(`lvs-run: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    // A call that keeps failing under hard_shutdown stops the start as it would stop a run.
    let startFatal: string | null = null;
    fatal = (reason) => void (startFatal ??= reason);
    try {
      await withRetry(() => director.start(), {
        ...START_RETRY,
        onRetry: (e, attempt, delayMs) =>
          log({ event: "start-retry", message: `start failed (try ${attempt} of ${START_RETRY.attempts}), again in ${delayMs} ms: ${(e as Error).message}` }),
      });
    } catch (e) {
      startFatal ??= (e as Error).message;
    }
    if (startFatal !== null) {
      server.close();
      http?.close();
      await director.stop(opts.keepOnExit);
      io.stderr(`lvs-run: cannot start: ${startFatal}\n`);
      return 1;
    }
  }
  const watchdog = feedWatchdog();
  return new Promise<number>((resolve) => {
    const stop = (code: number, why: string) => {
      if (stopping) return;
      stopping = true;
      server.close();
      http?.close();
      watchdog.stop();
      void reloading
        .then(async () => {
          if (pair) {
            await pair.node.stop(why);
            pair.close();
          }
          await director.stop(opts.keepOnExit);
        })
        .then(() => resolve(code));
    };
    fatal = (reason) => {
      if (pair?.node.status().partner) pair.node.failed(reason);
      else stop(1, reason);
    };
    signals.onHup = () => void reload();
    signals.onStop = (signal) => stop(0, signal);
    if (signals.stop !== null) stop(0, signals.stop);
    else if (signals.hup) void reload();
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
