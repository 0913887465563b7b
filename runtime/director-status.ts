/** What a director reports of itself: each service's servers, their state and last check. */
import type { IpvsTable } from "./ipvs/types.ts";
import { destinationPort } from "./ipvs/saved.ts";
import type { RuntimePlan } from "./manifest.ts";
import { groupBy, monitorId, type Draining, type Monitor } from "./wanted-table.ts";

export interface ServerStatus {
  readonly service: string;
  readonly address: string;
  readonly port: number;
  readonly name: string | null;
  readonly state: "up" | "down" | "quiesced" | "draining" | "pending";
  readonly weight: number;
  readonly lastCheck: { readonly ok: boolean; readonly detail: string; readonly latencyMs: number; readonly at: number } | null;
  /** Its weight in the kernel's table as last read, null when it was not there. */
  readonly kernelWeight: number | null;
  /** The other services whose checks of this server are the same probe, its result shared. */
  readonly probeSharedWith: readonly string[];
  readonly transitions: number;
  readonly checks: number;
  readonly checkFailures: number;
}

export interface DirectorStatus {
  readonly services: ReadonlyArray<{ readonly key: string; readonly scheduler: string; readonly sorryServerUp: boolean; readonly servers: readonly ServerStatus[] }>;
  readonly ipvsadmCalls: number;
  readonly ipvsadmFailures: number;
  /** Changes made from outside and put back. */
  readonly tableRepairs: number;
  /** When the kernel's table was last read (ms since the epoch), null before the first read. */
  readonly tableReadAt: number | null;
  /** When lvs-run last changed the table; a read before that is no longer the kernel's view. */
  readonly tableChangedAt: number | null;
}

export interface DirectorCounts {
  readonly calls: number;
  readonly failures: number;
  readonly repairs: number;
  readonly kernel: { readonly table: IpvsTable; readonly at: number } | null;
  readonly changedAt: number | null;
}

function serverStatus(m: Monitor, kernel: ReadonlyMap<string, number> | null, sharedWith: readonly string[]): ServerStatus {
  const state = !m.checked && !m.health.inTable ? "pending" : m.health.up ? "up" : m.health.inTable ? "quiesced" : "down";
  const kernelWeight = kernel?.get(monitorId(m.service.key, m.server.address, destinationPort(m.service.key, m.service.method, m.server.port))) ?? null;
  return { service: m.service.key, address: m.server.address, port: m.server.port, name: m.server.name, state, weight: m.health.weight, kernelWeight, probeSharedWith: sharedWith, lastCheck: m.last, transitions: m.health.transitions, checks: m.checks, checkFailures: m.checkFailures };
}

export function directorStatus(
  plan: RuntimePlan,
  monitors: Iterable<Monitor>,
  draining: Iterable<Draining>,
  sharedWith: (m: Monitor) => readonly string[],
  counts: DirectorCounts,
): DirectorStatus {
  const byService = groupBy(monitors, (m) => m.service.key);
  const kernel = counts.kernel && new Map(counts.kernel.table.destinations.map((d) => [monitorId(d.service, d.address, d.port), d.weight]));
  const drainsByService = groupBy(draining, (d) => d.destination.service);
  return {
    services: plan.services.map((s) => {
      const servers = (byService.get(s.key) ?? []).map((m) => serverStatus(m, kernel, sharedWith(m)));
      const drains = (drainsByService.get(s.key) ?? []).map((d): ServerStatus => ({ service: s.key, address: d.destination.address, port: d.destination.port, name: null, state: "draining", weight: 0, probeSharedWith: [], kernelWeight: kernel?.get(monitorId(d.destination.service, d.destination.address, d.destination.port)) ?? null, lastCheck: null, transitions: 0, checks: 0, checkFailures: 0 }));
      return { key: s.key, scheduler: s.scheduler, sorryServerUp: s.sorryServer !== null && !servers.some((x) => x.state === "up"), servers: [...servers, ...drains] };
    }),
    ipvsadmCalls: counts.calls,
    ipvsadmFailures: counts.failures,
    tableRepairs: counts.repairs,
    tableReadAt: counts.kernel?.at ?? null,
    tableChangedAt: counts.changedAt,
  };
}
