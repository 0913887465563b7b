/**
 * One job of lvs-run's benchmark, in a process of its own; prints its figures as one JSON line.
 *
 * - `listen N`: N TCP servers on loopback (50 addresses 127.0.0.1–50, ports from 20000) that
 *   answer any request with `HTTP/1.0 200 OK` and close; prints `{"ready":true}` once listening.
 * - `checks director|probe N WARMUP_S MEASURE_S`: a Director checking those N servers every
 *   second (Piranha's default check of port 80: `GET / HTTP/1.0`, expect `HTTP`) with the real
 *   probe and an IPVS table kept in memory, or the probe alone on the same schedule; what it
 *   sustained during MEASURE_S seconds after the warm-up.
 * - `reconcile`: the commands and the time for a 10,000-service table where one weight changed,
 *   the time to read that table from `ipvsadm -S -n` text, and to work out the plan's table.
 */
import net from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { probe } from "../runtime/checks/probe.ts";
import type { CheckOutcome } from "../runtime/checks/types.ts";
import { Director } from "../runtime/director.ts";
import { desiredTable } from "../runtime/ipvs/desired.ts";
import { reconcile } from "../runtime/ipvs/reconcile.ts";
import { addressPort, parseSaved, serviceArgs } from "../runtime/ipvs/saved.ts";
import type { IpvsBackend, IpvsDestination, IpvsService, IpvsTable } from "../runtime/ipvs/types.ts";
import type { PlanRealServer, PlanService, RuntimePlan } from "../runtime/manifest.ts";
import { natPlan, natService, realServer } from "../test/helpers/plans.ts";
import { checkedServer } from "./servers.ts";
import { limitHeapGrowth, RUNTIME_HEAP_GROWTH_PERCENT } from "../lib/heap.ts";

const SERVERS_PER_SERVICE = 10;
/** How long the warm-up waits for the checks to settle before measuring anyway. */
const SETTLE_LIMIT_MS = 60_000;
const HTTP_CHECK = { kind: "http-default", send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP" } as const;

/** Where the `i`th checked server listens: 50 loopback addresses, below the ephemeral ports. */

/** A NAT plan of `services` services on port 80 with 10 real servers each, weight 1. */
function planOf(services: number, serverAt: (i: number) => { address: string; port: number }): RuntimePlan {
  const planServices: PlanService[] = [];
  for (let s = 0; s < services; s++) {
    const vip = `172.${16 + ((s >> 16) & 15)}.${(s >> 8) & 255}.${s & 255}`;
    const servers: PlanRealServer[] = [];
    for (let k = 0; k < SERVERS_PER_SERVICE; k++) {
      const at = serverAt(s * SERVERS_PER_SERVICE + k);
      servers.push(realServer(`rs${k}`, at.address, at.port, 1));
    }
    const service = natService(vip, servers, { members: [{ virtual: `web${s}`, address: vip, protocol: "tcp", port: 80 }] });
    planServices.push({ ...service, check: { ...service.check, check: HTTP_CHECK, reentry: 15 } });
  }
  return natPlan(planServices);
}

/** Where ipvsadm would run: other events are handled meanwhile, as while the program runs. */
const ipvsadmRuns = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An IPVS table in memory that ipvsadm's `-A -E -D -a -e -d` change, as the kernel would. */
function memoryBackend(): IpvsBackend & { size(): number } {
  const services = new Map<string, IpvsService>();
  const destinations = new Map<string, IpvsDestination>();
  const destinationKey = (d: IpvsDestination): string => `${d.service} ${addressPort(d.address, d.port)}`;
  return {
    size: () => destinations.size,
    read: async () => {
      await ipvsadmRuns();
      return { services: [...services.values()], destinations: [...destinations.values()] };
    },
    connections: async () => [],
    run: async (args) => {
      await ipvsadmRuns();
      const [command, ...rest] = args;
      // Read as the `-A`/`-a` line of `ipvsadm -S` with the same options.
      const line = parseSaved([command === command!.toUpperCase() ? "-A" : "-a", ...rest].join(" "));
      const service = line.services[0];
      const destination = line.destinations[0];
      if (command === "-A" || command === "-E") services.set(service!.key, service!);
      else if (command === "-D") {
        services.delete(service!.key);
        for (const [id, d] of destinations) if (d.service === service!.key) destinations.delete(id);
      } else if (command === "-a" || command === "-e") destinations.set(destinationKey(destination!), destination!);
      else if (command === "-d") destinations.delete(destinationKey(destination!));
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x: number, digits = 1): number => +x.toFixed(digits);

async function listen(count: number): Promise<void> {
  const reply = Buffer.from("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const server = net.createServer((socket) => {
      accepted++;
      socket.on("error", () => {});
      socket.once("data", () => socket.end(reply));
    });
    const { address, port } = checkedServer(i);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: address, port, backlog: 511 }, resolve);
    });
  }
  process.stdout.write(JSON.stringify({ ready: true }) + "\n");
  // The connections accepted so far, for a checker counted at the servers; until the parent ends it.
  setInterval(() => process.stdout.write(JSON.stringify({ accepted }) + "\n"), 250);
}

/** Every check's outcome, and those of the measured window kept apart. */
class Outcomes {
  measuring = false;
  done = 0;
  readonly latencies: number[] = [];
  failures = 0;
  readonly details = new Map<string, number>();

  record(outcome: CheckOutcome): void {
    this.done++;
    if (!outcome.ok) this.details.set(outcome.detail, (this.details.get(outcome.detail) ?? 0) + 1);
    if (!this.measuring) return;
    this.latencies.push(outcome.latencyMs);
    if (!outcome.ok) this.failures++;
  }
}

/** Checks every one of `count` servers, each again an interval after its last check ended. */
interface Checker {
  start(): Promise<void>;
  /** Whether every server was checked once and, for the Director, is in the table. */
  settled(): boolean;
  figures(): Record<string, unknown>;
}

function directorChecker(count: number, outcomes: Outcomes): Checker {
  const plan = planOf(count / SERVERS_PER_SERVICE, checkedServer);
  const backend = memoryBackend();
  const events = new Map<string, number>();
  // The commands a reconcile pass works out from the table and the wanted table.
  let passes = 0;
  let passMs = 0;
  let asked = 0;
  const director = new Director(plan, {
    backend,
    probe: async (service, server, signal) => {
      const outcome = await probe(service.check, { address: server.address, port: server.port }, { signal });
      outcomes.record(outcome);
      return outcome;
    },
    load: null,
    reconcile: (current, desired, owned) => {
      const startedAt = performance.now();
      const commands = reconcile(current, desired, owned);
      passes++;
      passMs += performance.now() - startedAt;
      return commands;
    },
    log: (e) => events.set(e.event, (events.get(e.event) ?? 0) + 1),
    drainTimeoutMs: 60_000,
  });
  // Reconciles asked for, against the passes that serve them (requests made during a pass share one).
  const reconcileNow = director.reconcileNow.bind(director);
  director.reconcileNow = () => {
    asked++;
    return reconcileNow();
  };
  return {
    start: () => director.start(),
    settled: () => backend.size() === count && outcomes.done >= count,
    figures: () => ({
      reconcilesAsked: asked,
      reconcilePasses: passes,
      reconcilePassMs: round(passMs / Math.max(1, passes), 2),
      ipvsadmCalls: director.status().ipvsadmCalls,
      events: Object.fromEntries(events),
    }),
  };
}

/** The same checks without the Director: only the probe and its timers, for comparison. */
function probeChecker(count: number, outcomes: Outcomes): Checker {
  const settings = planOf(1, checkedServer).services[0]!.check;
  const check = async (i: number): Promise<void> => {
    outcomes.record(await probe(settings, checkedServer(i)));
    setTimeout(() => void check(i), settings.interval * 1000);
  };
  return {
    start: async () => {
      for (let i = 0; i < count; i++) setTimeout(() => void check(i), 0);
    },
    settled: () => outcomes.done >= count,
    figures: () => ({}),
  };
}

async function checks(mode: string, count: number, warmupS: number, measureS: number): Promise<void> {
  const outcomes = new Outcomes();
  const checker = mode === "director" ? directorChecker(count, outcomes) : probeChecker(count, outcomes);
  const started = performance.now();
  await checker.start();
  // Warm-up: until every server was checked (and is in the table), at most 60 s; then WARMUP_S.
  let settledMs: number | null = null;
  for (;;) {
    const elapsed = performance.now() - started;
    if (settledMs === null && checker.settled()) settledMs = elapsed;
    if (settledMs !== null ? elapsed - settledMs >= warmupS * 1000 : elapsed >= SETTLE_LIMIT_MS) break;
    await sleep(settledMs === null ? 10 : 100);
  }

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  outcomes.measuring = true;
  await sleep(measureS * 1000);
  outcomes.measuring = false;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loopDelay.disable();

  const latencies = outcomes.latencies.sort((a, b) => a - b);
  const result = {
    mode,
    servers: count,
    intervalS: 1,
    settledMs: settledMs === null ? null : Math.round(settledMs),
    measuredS: round(wallMs / 1000, 2),
    checks: latencies.length,
    checksPerSecond: Math.round(latencies.length / (wallMs / 1000)),
    failures: outcomes.failures,
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    latencyMs: { p50: round(percentile(latencies, 0.5), 2), p99: round(percentile(latencies, 0.99), 2), max: round(latencies.at(-1) ?? 0, 2) },
    eventLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
    failureDetails: Object.fromEntries(outcomes.details),
    ...checker.figures(),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

const METHOD_FLAG = { nat: "-m", direct: "-g", tunnel: "-i" } as const;

/** The `ipvsadm -S -n` text of a table (services without persistence). */
function savedText(table: IpvsTable): string {
  const lines: string[] = [];
  for (const s of table.services) lines.push(`-A ${serviceArgs(s.key).join(" ")} -s ${s.scheduler}`);
  for (const d of table.destinations) lines.push(`-a ${serviceArgs(d.service).join(" ")} -r ${addressPort(d.address, d.port)} ${METHOD_FLAG[d.method]} -w ${d.weight}`);
  return lines.join("\n") + "\n";
}

function bestOf<T>(runs: number, f: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}

function reconcileJob(): void {
  const services = 10_000;
  const plan = planOf(services, (i) => ({ address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, port: 80 }));
  const changed = plan.services[services / 2]!.servers[3]!;
  const built = bestOf(5, () => desiredTable(plan, () => 1));
  const current = built.value;
  const desired = desiredTable(plan, (_service, address) => (address === changed.address ? 2 : 1));
  const owned = new Set(plan.services.map((s) => s.key));
  const commands = bestOf(5, () => reconcile(current, desired, owned));
  // A whole pass with the table known: the wanted table from the checks' weights, then the commands.
  const pass = bestOf(5, () => reconcile(current, desiredTable(plan, (_service, address) => (address === changed.address ? 2 : 1)), owned));
  const text = savedText(current);
  const parsed = bestOf(5, () => parseSaved(text));
  if (reconcile(parsed.value, current, owned).length !== 0) throw new Error("the -S -n text does not read back as the table");
  // A resync with the table right: read (parse), what changed from outside (none), the commands (none).
  const resync = bestOf(5, () => {
    const fresh = parseSaved(text);
    reconcile(fresh, current, owned);
    return reconcile(fresh, desiredTable(plan, () => 1), owned);
  });
  if (resync.value.length !== 0) throw new Error("a resync of a right table found commands");
  const result = {
    services,
    destinations: current.destinations.length,
    reconcileMs: round(commands.ms, 2),
    passMs: round(pass.ms, 2),
    commands: commands.value.length,
    command: commands.value.map((c) => c.join(" ")),
    parseSavedMs: round(parsed.ms, 2),
    savedMegabytes: round(Buffer.byteLength(text) / 1e6, 2),
    desiredTableMs: round(built.ms, 2),
    resyncMs: round(resync.ms, 2),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

/**
 * 100 VIPs × 2 ports over the same 50 real servers (each checked at the service's port): 10,000
 * checks by service, 100 distinct targets. Probes per second, counted at a stand-in probe that
 * answers at once, show what is really checked.
 */
async function sharedJob(measureS: number): Promise<void> {
  const services: PlanService[] = [];
  for (let v = 0; v < 100; v++) {
    for (const port of [80, 443]) {
      const vip = `172.20.${v >> 8}.${v & 255}`;
      const servers = Array.from({ length: 50 }, (_, k) => realServer(`rs${k}`, `10.9.0.${k + 1}`, port, 1));
      const s = natService(vip, servers, { key: `tcp:${vip}:${port}`, ipvsadmService: ["-t", `${vip}:${port}`], port, members: [{ virtual: `web${v}-${port}`, address: vip, protocol: "tcp", port }] });
      services.push({ ...s, check: { ...s.check, check: HTTP_CHECK, interval: 1, reentry: 2 } });
    }
  }
  let probes = 0;
  const director = new Director(natPlan(services), {
    backend: memoryBackend(),
    probe: async () => {
      probes++;
      return { ok: true, latencyMs: 0, detail: "ok", summary: "connected" };
    },
    load: null,
    reconcile,
    log: () => {},
    drainTimeoutMs: 60_000,
  });
  await director.start();
  await new Promise((r) => setTimeout(r, 1500));
  const from = probes;
  await new Promise((r) => setTimeout(r, measureS * 1000));
  const perSecond = (probes - from) / measureS;
  await director.stop(true);
  const targets = new Set(services.flatMap((s) => s.servers.map((rs) => `${rs.address}:${rs.port}`))).size;
  process.stdout.write(JSON.stringify({ services: services.length, checksByService: services.length * 50, targets, probesPerSecond: round(perSecond, 1) }) + "\n");
}

const [job, ...args] = process.argv.slice(2);
// As lvs-run does (runDaemon).
limitHeapGrowth(RUNTIME_HEAP_GROWTH_PERCENT);
if (job === "listen") await listen(Number(args[0]));
else if (job === "checks") {
  await checks(args[0]!, Number(args[1]), Number(args[2]), Number(args[3]));
  // The checks, and the reconciles the Director still has queued, end with the process.
  process.exit(0);
} else if (job === "reconcile") reconcileJob();
else if (job === "shared") {
  await sharedJob(Number(args[0] ?? 5));
  process.exit(0);
}
else throw new Error(`unknown job '${job}'`);
