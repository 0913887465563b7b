/** What a director reports of itself: each service's servers, their state and last check. */
import type { IpvsTable } from "./ipvs/types.ts";
import { destinationPort } from "./ipvs/saved.ts";
import type { HealthCheck, RuntimePlan } from "./manifest.ts";
import type { Traffic, TrafficReading } from "./traffic.ts";
import { groupBy, monitorId, type Draining, type Monitor } from "./wanted-table.ts";

export interface ServerStatus {
  readonly service: string;
  readonly address: string;
  readonly port: number;
  readonly name: string | null;
  readonly state: "up" | "down" | "quiesced" | "draining" | "pending";
  /** When it went into that state (ms since the epoch). */
  readonly since: number;
  readonly weight: number;
  /**
   * The last check's outcome in a few fixed words (CheckOutcome.summary): never the bytes sent
   * or expected, a reply, or a program's name or arguments. The log has the whole detail.
   */
  readonly lastCheck: { readonly ok: boolean; readonly summary: string; readonly latencyMs: number; readonly at: number } | null;
  /** Its weight in the kernel's table as last read, null when it was not there. */
  readonly kernelWeight: number | null;
  /** Its connections and counters in the kernel, null when not read or not there. */
  readonly traffic: Traffic | null;
  /** The other services whose checks of this server are the same probe, its result shared. */
  readonly probeSharedWith: readonly string[];
  readonly transitions: number;
  readonly checks: number;
  readonly checkFailures: number;
}

export interface ServiceStatus {
  readonly key: string;
  /** `tcp`, `udp` or `fwmark`; the address and port are the first virtual server's for a mark. */
  readonly protocol: "tcp" | "udp" | "fwmark";
  readonly address: string;
  readonly port: number;
  readonly fwmark: number | null;
  readonly scheduler: string;
  /** Seconds; null without persistence. */
  readonly persistence: number | null;
  /** The names of the lvs.cf virtual servers it stands for. */
  readonly virtuals: readonly string[];
  /** The kind of health check (never its settings). */
  readonly check: HealthCheck["kind"];
  /** up: every real server up; degraded: some; down: none (the sorry server, if any, takes it). */
  readonly health: "up" | "degraded" | "down";
  readonly sorryServerUp: boolean;
  readonly traffic: Traffic | null;
  readonly servers: readonly ServerStatus[];
}

export interface DirectorStatus {
  readonly services: readonly ServiceStatus[];
  readonly ipvsadmCalls: number;
  readonly ipvsadmFailures: number;
  /** Changes made from outside and put back. */
  readonly tableRepairs: number;
  /** When the kernel's table was last read (ms since the epoch), null before the first read. */
  readonly tableReadAt: number | null;
  /** When lvs-run last changed the table; a read before that is no longer the kernel's view. */
  readonly tableChangedAt: number | null;
  /** When the traffic figures were read, null when they were not. */
  readonly trafficReadAt: number | null;
}

export interface DirectorCounts {
  readonly calls: number;
  readonly failures: number;
  readonly repairs: number;
  readonly kernel: { readonly table: IpvsTable; readonly at: number } | null;
  readonly changedAt: number | null;
}

function serverStatus(m: Monitor, kernel: ReadonlyMap<string, number> | null, sharedWith: readonly string[], traffic: TrafficReading | null): ServerStatus {
  const state = !m.checked && !m.health.inTable ? "pending" : m.health.up ? "up" : m.health.inTable ? "quiesced" : "down";
  const id = monitorId(m.service.key, m.server.address, destinationPort(m.service.key, m.service.method, m.server.port));
  return {
    service: m.service.key,
    address: m.server.address,
    port: m.server.port,
    name: m.server.name,
    state,
    since: m.since,
    weight: m.health.weight,
    kernelWeight: kernel?.get(id) ?? null,
    traffic: traffic?.destinations.get(id) ?? null,
    probeSharedWith: sharedWith,
    lastCheck: m.last,
    transitions: m.health.transitions,
    checks: m.checks,
    checkFailures: m.checkFailures,
  };
}

function healthOf(servers: readonly ServerStatus[]): ServiceStatus["health"] {
  const real = servers.filter((s) => s.state !== "draining");
  const up = real.filter((s) => s.state === "up").length;
  return up === 0 ? "down" : up === real.length ? "up" : "degraded";
}

export function directorStatus(
  plan: RuntimePlan,
  monitors: Iterable<Monitor>,
  draining: Iterable<Draining>,
  sharedWith: (m: Monitor) => readonly string[],
  counts: DirectorCounts,
  traffic: TrafficReading | null = null,
): DirectorStatus {
  const byService = groupBy(monitors, (m) => m.service.key);
  const kernel = counts.kernel && new Map(counts.kernel.table.destinations.map((d) => [monitorId(d.service, d.address, d.port), d.weight]));
  const drainsByService = groupBy(draining, (d) => d.destination.service);
  return {
    services: plan.services.map((s): ServiceStatus => {
      const servers = (byService.get(s.key) ?? []).map((m) => serverStatus(m, kernel, sharedWith(m), traffic));
      const drains = (drainsByService.get(s.key) ?? []).map((d): ServerStatus => {
        const id = monitorId(d.destination.service, d.destination.address, d.destination.port);
        return {
          service: s.key,
          address: d.destination.address,
          port: d.destination.port,
          name: null,
          state: "draining",
          since: d.since,
          weight: 0,
          probeSharedWith: [],
          kernelWeight: kernel?.get(id) ?? null,
          traffic: traffic?.destinations.get(id) ?? null,
          lastCheck: null,
          transitions: 0,
          checks: 0,
          checkFailures: 0,
        };
      });
      return {
        key: s.key,
        protocol: s.fwmark !== null ? "fwmark" : s.protocol,
        address: s.address,
        port: s.port,
        fwmark: s.fwmark,
        scheduler: s.scheduler,
        persistence: s.persistence,
        virtuals: s.members.flatMap((m) => (m.virtual === null ? [] : [m.virtual])),
        check: s.check.check.kind,
        health: healthOf(servers),
        sorryServerUp: s.sorryServer !== null && !servers.some((x) => x.state === "up"),
        traffic: traffic?.services.get(s.key) ?? null,
        servers: [...servers, ...drains],
      };
    }),
    ipvsadmCalls: counts.calls,
    ipvsadmFailures: counts.failures,
    tableRepairs: counts.repairs,
    tableReadAt: counts.kernel?.at ?? null,
    tableChangedAt: counts.changedAt,
    trafficReadAt: traffic?.at ?? null,
  };
}
