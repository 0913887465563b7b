/**
 * The running director: one monitor per active real server, one probe per distinct target
 * (shared by the monitors that check it alike; probe-groups.ts), all in one event loop, and
 * the IPVS table reconciled with what the monitors say after every change. Services the plan
 * does not name are never touched; the table is never flushed.
 */
import type { CheckOutcome } from "./checks/types.ts";
import { needsLoad } from "./checks/weights.ts";
import type { DestinationConnections, IpvsBackend, IpvsTable } from "./ipvs/types.ts";
import { withRetry } from "./ipvs/retry.ts";
import { destinationPort, parseSaved } from "./ipvs/saved.ts";
import type { PlanRealServer, PlanService, RuntimePlan } from "./manifest.ts";
import { afterCheck, initialHealth } from "./monitor.ts";
import { directorStatus, type DirectorStatus } from "./director-status.ts";
import type { OwnedService, Ownership } from "./ownership.ts";
import { ProbeGroups, type ProbeGroup } from "./probe-groups.ts";
import { TickSchedule } from "./tick-schedule.ts";
import { afterCommands, monitorId, settingsOf, wantedTable, type Draining, type Monitor } from "./wanted-table.ts";
import type { TrafficReading } from "./traffic.ts";

export interface DirectorDeps {
  readonly backend: IpvsBackend;
  readonly probe: (service: PlanService, server: PlanRealServer, signal: AbortSignal) => Promise<CheckOutcome>;
  readonly load: ((service: PlanService, server: PlanRealServer) => Promise<number | null>) | null;
  /** The fewest commands turning `current` into `desired` for the owned services. */
  readonly reconcile: (current: IpvsTable, desired: IpvsTable, owned: ReadonlySet<string>) => string[][];
  readonly log: (event: LogEvent) => void;
  /** Milliseconds after which a removed server is deleted even with connections left. */
  readonly drainTimeoutMs: number;
  /** Called when an ipvsadm command failed and the plan says `hard_shutdown`: the director should stop. */
  readonly onFatal?: (reason: string) => void;
  readonly now?: () => number;
  /** Milliseconds between re-reads of the kernel's table that put right what differs (TABLE_REREAD_MS). */
  readonly resyncMs?: number;
  /** Where the services this director owns are recorded for the next run; none: not recorded. */
  readonly ownership?: Ownership;
  /** One probe per distinct target (the default); false: one per monitor, as nanny runs them. */
  readonly shareProbes?: boolean;
}

export type { DirectorStatus, ServerStatus } from "./director-status.ts";

/** One command of a planned reload, and the connections of what it removes or re-weights. */
export interface ReloadStep {
  readonly command: readonly string[];
  /** For `-d`, `-e` and `-D`: the kernel's counts; null for other commands, or when it has none. */
  readonly connections: { readonly active: number; readonly inactive: number } | null;
}

/** What a reload would do (see `Director.planReload`). */
export interface ReloadPlan {
  /** Whether this director keeps the table; a standing-by one would change nothing. */
  readonly managing: boolean;
  readonly steps: readonly ReloadStep[];
}

/** The connections a command's service (`-D`) or destination (`-d`, `-e`) holds, by the kernel's counts. */
function connectionsOf(command: readonly string[], counts: readonly DestinationConnections[]): ReloadStep["connections"] {
  const [verb, ...rest] = command;
  if (verb !== "-d" && verb !== "-e" && verb !== "-D") return null;
  // Read as the `-a`/`-A` line of `ipvsadm -S` naming the same destination or service.
  const named = parseSaved([verb === "-D" ? "-A" : "-a", ...rest].join(" "));
  const d = named.destinations[0];
  const hit = counts.filter((c) => (d ? c.service === d.service && c.address === d.address && c.port === d.port : c.service === named.services[0]?.key));
  if (hit.length === 0) return null;
  return { active: hit.reduce((n, c) => n + c.active, 0), inactive: hit.reduce((n, c) => n + c.inactive, 0) };
}

export interface LogEvent {
  readonly event: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/**
 * How long the table the director last read, with its own successful commands applied, stands
 * in for the kernel's: a change made by hand is seen within this time, and a large table is not
 * read on every change.
 */
export const TABLE_REREAD_MS = 10_000;

/** The longest the first checks of a start or a reload are spread over. */
const FIRST_CHECKS_SPREAD_MS = 1000;
/** Probes due within the same 10 ms start together (tick-schedule.ts); nanny's intervals are whole seconds. */
const CHECK_TICK_MS = 10;

/** A failing ipvsadm call is tried three times in all; the next change reconciles again anyway. */
const RETRY = { attempts: 3, baseMs: 200, maxMs: 2000 } as const;

export class Director {
  private plan: RuntimePlan;
  private readonly monitors = new Map<string, Monitor>();
  private readonly probes: ProbeGroups;
  private readonly schedule: TickSchedule<ProbeGroup>;
  private readonly draining = new Map<string, Draining>();
  private reconcileQueued = false;
  /** The last reconcile did not get the table right: the next check tries again. */
  private dirty = false;
  private running: Promise<void> | null = null;
  private waiting: Promise<void> | null = null;
  private stopped = false;
  /** Whether the table is kept in step; a standing-by director only checks. */
  private managing = true;
  private drainTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  /** The next pass reads the kernel's table, whatever is known. */
  private resyncDue = false;
  private calls = 0;
  private failures = 0;
  private repairs = 0;
  /** The kernel's table as last read, and when. */
  private lastRead: { table: IpvsTable; at: number } | null = null;
  /** When this director last changed the table (ms), null before its first change. */
  private changedAt: number | null = null;
  /** The table as the last read left it plus this director's commands since, and when it was read. */
  private known: { table: IpvsTable; readAt: number } | null = null;
  private readonly now: () => number;

  constructor(
    plan: RuntimePlan,
    private readonly deps: DirectorDeps,
  ) {
    this.plan = plan;
    this.now = deps.now ?? Date.now;
    this.schedule = new TickSchedule(CHECK_TICK_MS, (group) => void this.check(group));
    this.probes = new ProbeGroups(deps.shareProbes ?? true, this.schedule);
  }

  private owned(plan: RuntimePlan = this.plan): Set<string> {
    return new Set(plan.services.map((s) => s.key));
  }

  /**
   * Removes what an earlier run owned and the plan no longer names, adopts what the table
   * already holds of the plan, then starts every check.
   */
  async start(): Promise<void> {
    let current = await this.deps.backend.read();
    if (await this.removeLeftovers(current, this.owned())) current = await this.deps.backend.read();
    this.record(this.plan.services);
    this.addMonitors(this.plan, current);
    this.deps.log({ event: "start", message: `managing ${this.plan.services.length} services, ${this.monitors.size} real servers` });
    await this.reconcileNow();
    this.startChecks();
  }

  private startChecks(): void {
    this.startProbes([...this.probes.all()]);
    this.drainTimer = setInterval(() => {
      if (this.draining.size > 0) void this.reconcileNow();
    }, 1000);
    this.resyncTimer = setInterval(() => void this.resync(), this.deps.resyncMs ?? TABLE_REREAD_MS);
  }

  /** Reads the kernel's table and puts right what differs from what the bundle owns. */
  resync(): Promise<void> {
    if (!this.managing || this.stopped) return Promise.resolve();
    this.resyncDue = true;
    return this.reconcileNow();
  }

  /**
   * Starts every check without touching the table, as a standing-by director: when it takes
   * over, the table is written from what the checks already know, in one pass.
   */
  watch(): void {
    this.managing = false;
    this.addMonitors(this.plan, { services: [], destinations: [] });
    this.deps.log({ event: "watch", message: `checking ${this.monitors.size} real servers of ${this.plan.services.length} services; the table is left alone while standing by` });
    this.startChecks();
  }

  /**
   * Standing by, nothing of the bundle belongs in this director's table: removes the plan's
   * services and what an earlier run owned, where the table holds them.
   */
  async clearOwned(): Promise<void> {
    await this.removeLeftovers(await this.deps.backend.read(), new Set());
    this.record([]);
  }

  /** Deletes the recorded services of an earlier run not in `keep` that `table` holds; whether any went. */
  private async removeLeftovers(table: IpvsTable, keep: ReadonlySet<string>): Promise<boolean> {
    const recorded = this.deps.ownership?.read() ?? [];
    const candidates = new Map<string, OwnedService>(recorded.map((o) => [o.key, o]));
    if (keep.size === 0) for (const s of this.plan.services) candidates.set(s.key, s);
    const present = new Set(table.services.map((s) => s.key));
    let removed = false;
    for (const o of candidates.values()) {
      if (keep.has(o.key) || !present.has(o.key)) continue;
      this.calls++;
      try {
        await this.deps.backend.run(["-D", ...o.ipvsadmService]);
        removed = true;
        this.deps.log({ event: "leftover-removed", message: `removed ${o.key}: ${keep.size ? "an earlier run owned it and the bundle no longer names it" : "standing by, this director holds no service of the bundle"}` });
      } catch (e) {
        this.failures++;
        this.deps.log({ event: "ipvsadm-failed", message: `ipvsadm -D ${o.ipvsadmService.join(" ")} failed: ${(e as Error).message}` });
      }
    }
    return removed;
  }

  private record(services: readonly OwnedService[]): void {
    this.deps.ownership?.write(services);
  }

  /** Starts keeping the table in step with the checks (after `watch`). */
  async takeOver(): Promise<void> {
    this.managing = true;
    this.record(this.plan.services);
    this.deps.log({ event: "take-over", message: `managing ${this.plan.services.length} services, ${this.monitors.size} real servers` });
    await this.reconcileNow();
  }

  /** Stops keeping the table and deletes the plan's services; the checks go on. */
  async standDown(): Promise<void> {
    this.managing = false;
    await (this.waiting ?? this.running);
    await this.deleteServices(this.plan, [...this.owned()]);
    this.record([]);
    this.deps.log({ event: "stand-down", message: "the IPVS services are removed; checks go on" });
  }

  private addMonitors(plan: RuntimePlan, current: IpvsTable): void {
    const inTable = new Map(current.destinations.map((d) => [monitorId(d.service, d.address, d.port), d.weight]));
    const tableId = (service: PlanService, server: PlanRealServer) => monitorId(service.key, server.address, destinationPort(service.key, service.method, server.port));
    for (const service of plan.services) {
      for (const server of service.servers) {
        if (!server.active) continue;
        const id = monitorId(service.key, server.address, server.port);
        if (this.monitors.has(id)) continue;
        this.draining.delete(id);
        const settings = settingsOf(service, server);
        this.monitors.set(id, {
          id,
          service,
          server,
          settings,
          health: initialHealth(settings, inTable.get(tableId(service, server)) ?? null),
          last: null,
          since: this.now(),
          checked: false,
          checks: 0,
          checkFailures: 0,
          probe: "",
        });
        this.probes.join(this.monitors.get(id)!);
      }
    }
  }

  /**
   * Starts probes spread over the first interval (a second at most), as HAProxy spreads its first
   * checks: thousands of targets do not all connect in the same millisecond (a burst of sockets,
   * memory and CPU), and none waits long for its first check.
   */
  private startProbes(groups: readonly ProbeGroup[]): void {
    groups.forEach((group, i) => {
      const [first] = group.members;
      const spreadMs = Math.min(first!.settings.interval * 1000, FIRST_CHECKS_SPREAD_MS);
      this.scheduleProbe(group, Math.floor((i / groups.length) * spreadMs));
    });
  }

  private scheduleProbe(group: ProbeGroup, delayMs: number): void {
    if (this.stopped) return;
    this.schedule.at(group, delayMs);
  }

  /** One probe of a group's target; its result goes to every monitor of the group. */
  private async check(group: ProbeGroup): Promise<void> {
    if (this.stopped || !this.probes.current(group)) return;
    group.inFlight = true;
    const [first] = group.members;
    const outcome = await this.deps.probe(first!.service, first!.server, group.abort.signal);
    group.inFlight = false;
    if (this.stopped || !this.probes.current(group)) return;
    let changed = false;
    for (const m of group.members) {
      const load = this.readsLoad(m, outcome) ? await this.deps.load!(m.service, m.server) : null;
      if (this.applyOutcome(m, outcome, load)) changed = true;
    }
    if (this.stopped || !this.probes.current(group)) return;
    if (changed || this.dirty) this.queueReconcile();
    this.scheduleProbe(group, first!.settings.interval * 1000);
  }

  /** Whether a passed check of `m` reads the server's load before its weight is set. */
  private readsLoad(m: Monitor, outcome: CheckOutcome): boolean {
    return outcome.ok && m.health.up && this.deps.load !== null && needsLoad(m.health.weight, m.settings.weight);
  }

  /** What one result does to one monitor; whether the table should follow. */
  private applyOutcome(m: Monitor, outcome: CheckOutcome, load: number | null): boolean {
    if (this.monitors.get(m.id) !== m) return false;
    const before = m.health;
    m.health = afterCheck(before, outcome.ok, m.settings, load);
    m.last = { ok: outcome.ok, summary: outcome.summary, latencyMs: outcome.latencyMs, at: this.now() };
    m.checks++;
    if (!outcome.ok) m.checkFailures++;
    const firstCheck = !m.checked;
    m.checked = true;
    if (firstCheck || before.up !== m.health.up || before.inTable !== m.health.inTable) m.since = this.now();
    if (before.up !== m.health.up) {
      this.deps.log({
        event: m.health.up ? "server-up" : "server-down",
        message: `${m.health.up ? "[ active ] making" : "[inactive] shutting down"} ${m.server.address}:${m.server.port} ${m.health.up ? "available" : `due to ${outcome.summary}`}`,
        service: m.service.key,
        server: `${m.server.address}:${m.server.port}`,
        detail: outcome.detail,
      });
    }
    return before.inTable !== m.health.inTable || before.weight !== m.health.weight || firstCheck;
  }

  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    queueMicrotask(() => {
      this.reconcileQueued = false;
      void this.reconcileNow();
    });
  }

  /**
   * Brings the table in step with the monitors. One pass runs at a time, and at most one more
   * waits behind it: every request made meanwhile is served by that one, since a pass reads
   * the table and the monitors afresh when it starts.
   */
  reconcileNow(): Promise<void> {
    if (this.waiting) return this.waiting;
    if (!this.running) return this.startPass();
    const waiting = this.running.then(() => {
      this.waiting = null;
      return this.startPass();
    });
    this.waiting = waiting;
    return waiting;
  }

  private startPass(): Promise<void> {
    const pass = this.pass();
    this.running = pass;
    void pass.then(() => {
      if (this.running === pass) this.running = null;
    });
    return pass;
  }

  /** The kernel's table: the one known, unless a resync is due, it is too old or a command failed since. */
  private async currentTable(known: Director["known"]): Promise<{ table: IpvsTable; readAt: number }> {
    if (known && !this.dirty && !this.resyncDue && this.now() - known.readAt < TABLE_REREAD_MS) return known;
    this.resyncDue = false;
    const readAt = this.now();
    const table = await this.deps.backend.read();
    this.lastRead = { table, at: readAt };
    if (known && !this.dirty) this.noteRepairs(table, known.table);
    return { table, readAt };
  }

  /**
   * What was changed from outside since the director last set the table: the commands that
   * put its own services back as it left them, one log line each.
   */
  private noteRepairs(kernel: IpvsTable, believed: IpvsTable): void {
    for (const args of this.deps.reconcile(kernel, believed, this.owned())) {
      this.repairs++;
      this.deps.log({ event: "repair", message: `the IPVS table was changed from outside: ipvsadm ${args.join(" ")} puts it back` });
    }
  }

  /** One reconcile; a failure is logged and the next check tries again. */
  private async pass(): Promise<void> {
    if (!this.managing) return;
    let failed = false;
    const known = this.known;
    this.known = null;
    try {
      const { table: current, readAt } = await this.currentTable(known);
      await this.finishDrains();
      const desired = wantedTable(this.plan, this.monitors.values(), this.draining.values());
      const owned = this.owned();
      const commands = this.deps.reconcile(current, desired, owned);
      failed = !(await this.apply(commands, desired, owned));
      if (commands.length) this.changedAt = this.now();
      if (!failed) this.known = { table: afterCommands(current, desired, owned), readAt };
    } catch (e) {
      failed = true;
      this.failures++;
      this.deps.log({ event: "reconcile-failed", message: `reading the IPVS table failed: ${(e as Error).message}` });
    }
    this.dirty = failed;
  }

  /**
   * Runs `commands`: as one batch where the backend takes one, else (or when the batch fails)
   * one by one, each retried. Whether every command took.
   */
  private async apply(commands: string[][], desired: IpvsTable, owned: ReadonlySet<string>): Promise<boolean> {
    let todo = commands;
    if (todo.length > 1 && this.deps.backend.runBatch) {
      try {
        this.calls++;
        await this.deps.backend.runBatch(todo);
        return true;
      } catch (e) {
        // Which commands took is unknown: what is still to do is worked out from the table.
        this.failures++;
        this.deps.log({ event: "ipvsadm-batch-failed", message: `${(e as Error).message}; running the commands one by one` });
        todo = this.deps.reconcile(await this.deps.backend.read(), desired, owned);
      }
    }
    let all = true;
    for (const args of todo) if (!(await this.runWithRetry(args))) all = false;
    return all;
  }

  /** One ipvsadm command, tried again on failure; a final failure stops everything under `hard_shutdown`. */
  private async runWithRetry(args: string[]): Promise<boolean> {
    try {
      await withRetry(
        () => {
          this.calls++;
          return this.deps.backend.run(args);
        },
        {
          ...RETRY,
          onRetry: (e, attempt, delayMs) => {
            this.failures++;
            this.deps.log({ event: "ipvsadm-retry", message: `ipvsadm ${args.join(" ")} failed (try ${attempt}), again in ${delayMs} ms: ${(e as Error).message}` });
          },
        },
      );
      return true;
    } catch (e) {
      this.failures++;
      const reason = `ipvsadm ${args.join(" ")} failed: ${(e as Error).message}`;
      this.deps.log({ event: "ipvsadm-failed", message: reason });
      if (this.plan.failover.hardShutdown && this.deps.onFatal) this.deps.onFatal(reason);
      return false;
    }
  }

  /** Draining servers leave the table once their connections end or the drain time is over. */
  private async finishDrains(): Promise<void> {
    if (this.draining.size === 0) return;
    let counts: DestinationConnections[] = [];
    try {
      counts = await this.deps.backend.connections();
    } catch {
      return;
    }
    for (const [id, d] of this.draining) {
      const c = counts.find((x) => x.service === d.destination.service && x.address === d.destination.address && x.port === d.destination.port);
      const idle = !c || c.active + c.inactive === 0;
      if (idle || this.now() - d.since >= this.deps.drainTimeoutMs) {
        this.draining.delete(id);
        this.deps.log({ event: "drained", message: `${d.destination.address}:${d.destination.port} leaves ${d.destination.service}${idle ? "" : " with connections left (drain timeout)"}` });
      }
    }
  }

  /** Whether some removed server still waits for its connections to end. */
  get drainsPending(): boolean {
    return this.draining.size > 0;
  }

  /**
   * Switches to a new plan: monitors of unchanged servers keep their state, new ones start,
   * removed ones drain (weight 0, deleted once idle).
   */
  async reload(plan: RuntimePlan): Promise<void> {
    this.known = null;
    const current = this.managing ? await this.deps.backend.read() : { services: [], destinations: [] };
    const keep = new Map<string, { service: PlanService; server: PlanRealServer }>();
    for (const service of plan.services) for (const server of service.servers) if (server.active) keep.set(monitorId(service.key, server.address, server.port), { service, server });
    const services = this.owned(plan);
    for (const [id, m] of this.monitors) {
      const kept = keep.get(id);
      if (kept) {
        m.service = kept.service;
        m.server = kept.server;
        m.settings = settingsOf(kept.service, kept.server);
        // A changed check may make it another target's.
        if (this.probes.keyOf(m) !== m.probe) {
          this.probes.leave(m);
          this.probes.join(m);
        }
        continue;
      }
      this.probes.leave(m);
      this.monitors.delete(id);
      if (this.managing && m.health.inTable && services.has(m.service.key)) {
        this.draining.set(id, {
          destination: { service: m.service.key, address: m.server.address, port: destinationPort(m.service.key, m.service.method, m.server.port), method: m.service.method, weight: 0 },
          since: this.now(),
        });
      }
    }
    const removedServices = [...this.owned()].filter((k) => !services.has(k));
    const before = this.plan;
    // Until the removed services are gone, they are still this director's to remove.
    if (this.managing) this.record([...plan.services, ...before.services.filter((s) => removedServices.includes(s.key))]);
    this.plan = plan;
    this.addMonitors(plan, current);
    this.deps.log({ event: "reload", message: `reloaded: ${plan.services.length} services, ${this.monitors.size} real servers, ${this.draining.size} draining` });
    await this.reconcileNow();
    // A service gone from the plan is deleted: the old plan owned it.
    if (removedServices.length && this.managing) await this.deleteServices(before, removedServices);
    if (this.managing) this.record(plan.services);
    // New targets are checked at once; a monitor that joined a running probe gets its next result.
    this.startProbes([...this.probes.all()].filter((g) => !this.probes.scheduled(g) && !g.inFlight));
  }

  /**
   * What a reload to `plan` would do to the kernel's table now, changing nothing: the commands,
   * each with the connections of the destination or service it removes or re-weights. Servers
   * keep their health as a reload keeps it; new ones come in after their first check, so not yet.
   */
  async planReload(plan: RuntimePlan): Promise<ReloadPlan> {
    const current = await this.deps.backend.read();
    const counts = await this.deps.backend.connections().catch((): DestinationConnections[] => []);
    const inTable = new Map(current.destinations.map((d) => [monitorId(d.service, d.address, d.port), d.weight]));
    const monitors: Monitor[] = [];
    const kept = new Set<string>();
    for (const service of plan.services) {
      for (const server of service.servers) {
        if (!server.active) continue;
        const id = monitorId(service.key, server.address, server.port);
        kept.add(id);
        const settings = settingsOf(service, server);
        const running = this.monitors.get(id);
        const weight = inTable.get(monitorId(service.key, server.address, destinationPort(service.key, service.method, server.port))) ?? null;
        monitors.push(
          running
            ? { ...running, service, server, settings }
            : { id, service, server, settings, health: initialHealth(settings, weight), last: null, since: this.now(), checked: false, checks: 0, checkFailures: 0, probe: "" },
        );
      }
    }
    const services = this.owned(plan);
    const draining: Draining[] = [...this.draining.values()];
    for (const [id, m] of this.monitors) {
      if (kept.has(id) || !m.health.inTable || !services.has(m.service.key)) continue;
      draining.push({ destination: { service: m.service.key, address: m.server.address, port: destinationPort(m.service.key, m.service.method, m.server.port), method: m.service.method, weight: 0 }, since: this.now() });
    }
    const owned = new Set([...this.owned(), ...services]);
    const commands = this.managing ? this.deps.reconcile(current, wantedTable(plan, monitors, draining), owned) : [];
    return { managing: this.managing, steps: commands.map((command) => ({ command, connections: connectionsOf(command, counts) })) };
  }

  private async deleteServices(plan: RuntimePlan, keys: readonly string[]): Promise<void> {
    this.known = null;
    for (const s of plan.services) {
      if (!keys.includes(s.key)) continue;
      this.calls++;
      try {
        await this.deps.backend.run(["-D", ...s.ipvsadmService]);
      } catch (e) {
        this.failures++;
        this.deps.log({ event: "ipvsadm-failed", message: `ipvsadm -D ${s.ipvsadmService.join(" ")} failed: ${(e as Error).message}` });
      }
    }
  }

  /** Stops every check; unless `keep`, deletes the services of the plan, as lvsd does. */
  async stop(keep: boolean): Promise<void> {
    this.stopped = true;
    if (this.drainTimer) clearInterval(this.drainTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.probes.stopAll();
    this.schedule.clear();
    await (this.waiting ?? this.running);
    if (!this.managing) return this.deps.log({ event: "stop", message: "stopped" });
    if (!keep) {
      await this.deleteServices(this.plan, [...this.owned()]);
      this.record([]);
    }
    this.deps.log({ event: "stop", message: keep ? "stopped; the IPVS services stay" : "stopped; the IPVS services are removed" });
  }

  /** The director's state; with `traffic`, each service's and server's traffic in the kernel. */
  status(traffic: TrafficReading | null = null): DirectorStatus {
    const sharedWith = (m: Monitor): string[] => [...(this.probes.of(m)?.members ?? [])].filter((o) => o !== m).map((o) => o.service.key);
    return directorStatus(this.plan, this.monitors.values(), this.draining.values(), sharedWith, {
      calls: this.calls,
      failures: this.failures,
      repairs: this.repairs,
      kernel: this.lastRead,
      changedAt: this.changedAt,
    }, traffic);
  }
}
