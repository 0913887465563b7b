/**
 * lvs-run's part of `npm run bench`, each job in a fresh process (`dist/bench/runtime-child.js`):
 * health checks of 5,000 real servers every second (TCP servers on loopback in a process of their
 * own; the IPVS table kept in memory), by the Director, by the probe alone and by HAProxy (the
 * same check, counted at the servers; CPU per check side by side); shared probes; and
 * reconciling a 10,000-service table where one weight changed.
 */
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { TABLE_REREAD_MS } from "../runtime/director.ts";
import { haproxyBench, type HaproxyFigures } from "./haproxy.ts";

const SERVERS = 5000;
const WARMUP_S = 5;
const MEASURE_S = 15;

export interface ChecksFigures {
  readonly mode: "director" | "probe";
  readonly servers: number;
  /**
   * Milliseconds from the start until every server was checked and, for the Director, is in the
   * table; null: not within 60 s (measured all the same).
   */
  readonly settledMs: number | null;
  readonly checksPerSecond: number;
  readonly failures: number;
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly eventLoopDelayMs: { readonly p99: number; readonly max: number };
  /** The Director only: reconciles asked for and passes run from the start, and their mean time. */
  readonly reconcilesAsked?: number;
  readonly reconcilePasses?: number;
  readonly reconcilePassMs?: number;
  readonly [more: string]: unknown;
}

export interface ReconcileFigures {
  readonly services: number;
  readonly destinations: number;
  readonly reconcileMs: number;
  /** The wanted table and the commands, with the table known (no read). */
  readonly passMs: number;
  readonly commands: number;
  readonly parseSavedMs: number;
  readonly savedMegabytes: number;
  readonly desiredTableMs: number;
  /** A resync pass of a table that is right: parse `ipvsadm -S -n`, compare twice, no command. */
  readonly resyncMs: number;
  readonly [more: string]: unknown;
}

/** 100 VIPs × 2 ports over the same 50 servers: probes per second against distinct targets. */
export interface SharedFigures {
  readonly services: number;
  readonly checksByService: number;
  readonly targets: number;
  readonly probesPerSecond: number;
}

export interface RuntimeFigures {
  readonly checks: readonly ChecksFigures[];
  /** The same checks by HAProxy, counted at the servers; skipped without haproxy. */
  readonly haproxy: HaproxyFigures | { skipped: string };
  readonly shared: SharedFigures;
  readonly reconcile: ReconcileFigures;
}

/**
 * The child's command line, run by sh with as many open files as allowed: 5,000 listening
 * sockets and their connections, or 5,000 checks started at once.
 */
function withOpenFiles(child: string, args: readonly string[]): [string, string[]] {
  const script = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';
  return ["sh", ["-c", script, process.execPath, child, ...args]];
}

/** Runs the child to its end; its last line of output, as JSON. */
function runChild<T>(child: string, args: readonly string[]): Promise<T> {
  const [command, argv] = withOpenFiles(child, args);
  return new Promise((resolve, reject) => {
    const p = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (b: Buffer) => (out += b));
    p.stderr.on("data", (b: Buffer) => (err += b));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`runtime-child ${args.join(" ")} failed (${code}): ${err}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
    });
  });
}

/** Starts the TCP servers; resolves once they listen, with their connection count and their end. */
function startServers(child: string): Promise<{ stop: () => void; accepted: () => number }> {
  const [command, argv] = withOpenFiles(child, ["listen", String(SERVERS)]);
  return new Promise((resolve, reject) => {
    const p = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    p.stderr.on("data", (b: Buffer) => (err += b));
    p.on("error", reject);
    p.on("exit", (code) => reject(new Error(`the benchmark's TCP servers ended (${code}): ${err}`)));
    let accepted = 0;
    const lines = createInterface({ input: p.stdout });
    lines.once("line", () => resolve({ stop: () => p.kill(), accepted: () => accepted }));
    lines.on("line", (line) => {
      const n = (JSON.parse(line) as { accepted?: number }).accepted;
      if (n !== undefined) accepted = n;
    });
  });
}

export async function runtimeBench(child: string): Promise<RuntimeFigures> {
  const servers = await startServers(child);
  const checks: ChecksFigures[] = [];
  let haproxy: HaproxyFigures | { skipped: string };
  try {
    for (const mode of ["director", "probe"]) checks.push(await runChild<ChecksFigures>(child, ["checks", mode, String(SERVERS), String(WARMUP_S), String(MEASURE_S)]));
    haproxy = await haproxyBench(SERVERS, servers.accepted, WARMUP_S, MEASURE_S);
  } finally {
    servers.stop();
  }
  const r = spawnSync(process.execPath, [child, "reconcile"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`runtime-child reconcile failed: ${r.stderr}`);
  const shared = spawnSync(process.execPath, [child, "shared", "5"], { encoding: "utf8" });
  if (shared.status !== 0) throw new Error(`runtime-child shared failed: ${shared.stderr}`);
  return { checks, haproxy, reconcile: JSON.parse(r.stdout.trim()) as ReconcileFigures, shared: JSON.parse(shared.stdout.trim()) as SharedFigures };
}

/** The printed table: one line per figure. */
export function runtimeLines(f: RuntimeFigures): string[] {
  const lines = [`lvs-run (${SERVERS} TCP servers on loopback, ${MEASURE_S} s measured after the warm-up; IPVS table in memory)`];
  for (const c of f.checks) {
    const what = c.mode === "director" ? `checks/s ${c.servers} servers @1s` : `checks/s ${c.servers} servers @1s, probe alone`;
    const all = c.mode === "director" ? "every server checked and in the table" : "every server checked";
    const settled = c.settledMs === null ? `not ${all} within 60 s` : `${all} after ${(c.settledMs / 1000).toFixed(1)} s`;
    const passes = c.reconcilePasses === undefined ? [] : [`${c.reconcilesAsked} reconciles asked for, served by ${c.reconcilePasses} passes (${c.reconcilePassMs} ms each to work out the commands)`];
    lines.push(
      ["lvs-run", what, c.checksPerSecond, `cpu ${c.cpuPercent}%`, `rss ${c.peakRssMiB} MiB`, `p99 ${c.latencyMs.p99} ms`, `failed ${c.failures}`, `loop delay p99 ${c.eventLoopDelayMs.p99} ms`, settled, ...passes].join(" | "),
    );
  }
  const director = f.checks.find((c) => c.mode === "director")!;
  if ("skipped" in f.haproxy) lines.push(`HAProxy | skipped: ${f.haproxy.skipped}`);
  else {
    const h = f.haproxy;
    const perCheck = (cpu: number, rate: number) => (cpu * 10) / rate;
    const lvs = perCheck(director.cpuPercent, director.checksPerSecond);
    const ha = perCheck(h.cpuPercent, h.checksPerSecond);
    lines.push(`${h.version} | checks/s ${SERVERS} servers @1s, counted at the servers | ${h.checksPerSecond} | cpu ${h.cpuPercent}% | rss ${h.peakRssMiB} MiB`);
    lines.push(`CPU per check | lvs-run ${lvs.toFixed(3)} ms | HAProxy ${ha.toFixed(3)} ms | lvs-run / HAProxy ${(lvs / ha).toFixed(2)}`);
  }
  const r = f.reconcile;
  const size = `${r.services.toLocaleString("en")} services × ${r.destinations / r.services}`;
  lines.push(`lvs-run | reconcile pass ${size}, one weight changed, table known: wanted table + commands (best of 5) | ${r.passMs} ms | ${r.commands} command${r.commands === 1 ? "" : "s"}`);
  lines.push(`lvs-run | commands alone | ${r.reconcileMs} ms`);
  lines.push(`lvs-run | parseSaved ${size} (${r.savedMegabytes} MB of ipvsadm -S -n; a pass reads the table at most every ${TABLE_REREAD_MS / 1000} s) | ${r.parseSavedMs} ms`);
  lines.push(`lvs-run | desiredTable ${size} | ${r.desiredTableMs} ms`);
  const sh = f.shared;
  lines.push(`lvs-run | shared probes: ${sh.services} services (100 VIPs × 2 ports) over the same 50 servers, ${sh.checksByService} checks by service, ${sh.targets} distinct targets @1s | ${sh.probesPerSecond} probes/s`);
  const share = ((r.resyncMs / TABLE_REREAD_MS) * 100).toFixed(2);
  lines.push(`lvs-run | resync ${size}, table right (parse ipvsadm -S -n, compare; ipvsadm's own time not included) | ${r.resyncMs} ms per pass | ${share}% of a core at one pass per ${TABLE_REREAD_MS / 1000} s`);
  return lines;
}
