/**
 * What the monitors of a director want the IPVS table to hold: their real servers at the
 * weights their health gives, draining servers at weight 0, and a sorry server where no real
 * server of a service is up.
 */
import { desiredTable } from "./ipvs/desired.ts";
import { destinationKey } from "./ipvs/saved.ts";
import type { IpvsDestination, IpvsTable } from "./ipvs/types.ts";
import type { PlanRealServer, PlanService, RuntimePlan } from "./manifest.ts";
import type { MonitorSettings, ServerHealth } from "./monitor.ts";
import type { ServerStatus } from "./director-status.ts";

export interface Monitor {
  readonly id: string;
  service: PlanService;
  server: PlanRealServer;
  settings: MonitorSettings;
  health: ServerHealth;
  last: ServerStatus["lastCheck"];
  /** When the state `status` shows began (ms since the epoch). */
  since: number;
  checked: boolean;
  checks: number;
  checkFailures: number;
  /** The key of the probe group it gets its results from (probe-groups.ts). */
  probe: string;
}

export interface Draining {
  readonly destination: IpvsDestination;
  readonly since: number;
}

/** A monitor is known by the destination it keeps. */
export const monitorId = destinationKey;

export function settingsOf(service: PlanService, server: PlanRealServer): MonitorSettings {
  return { interval: service.check.interval, reentry: service.check.reentry, quiesce: service.check.quiesce, weight: server.weight };
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The destinations the monitors put in the table, and each service's sorry server when none is up. */
export function wantedTable(plan: RuntimePlan, monitors: Iterable<Monitor>, draining: Iterable<Draining>): IpvsTable {
  const weights = new Map<string, number>();
  // `monitors` may be an iterator: it is read once, here.
  const byService = groupBy(monitors, (m) => m.service.key);
  for (const members of byService.values()) {
    for (const m of members) if (m.health.inTable) weights.set(monitorId(m.service.key, m.server.address, m.server.port), m.health.weight);
  }
  for (const s of plan.services) {
    const members = byService.get(s.key) ?? [];
    const settled = members.every((m) => m.checked || m.health.inTable);
    if (s.sorryServer !== null && settled && !members.some((m) => m.health.up)) weights.set(monitorId(s.key, s.sorryServer, s.port), 1);
  }
  const table = desiredTable(plan, (key, address, port) => weights.get(monitorId(key, address, port)) ?? null);
  return { services: table.services, destinations: [...table.destinations, ...[...draining].map((d) => d.destination)] };
}

/** The table once `desired`'s owned services are in place: the other services as they were. */
export function afterCommands(current: IpvsTable, desired: IpvsTable, owned: ReadonlySet<string>): IpvsTable {
  return {
    services: [...current.services.filter((s) => !owned.has(s.key)), ...desired.services.filter((s) => owned.has(s.key))],
    destinations: [...current.destinations.filter((d) => !owned.has(d.service)), ...desired.destinations.filter((d) => owned.has(d.service))],
  };
}
