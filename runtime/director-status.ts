/** What a director reports of itself: each service's servers, their state and last check. */
import type { RuntimePlan } from "./manifest.ts";
import { groupBy, type Draining, type Monitor } from "./wanted-table.ts";

export interface ServerStatus {
  readonly service: string;
  readonly address: string;
  readonly port: number;
  readonly name: string | null;
  readonly state: "up" | "down" | "quiesced" | "draining" | "pending";
  readonly weight: number;
  readonly lastCheck: { readonly ok: boolean; readonly detail: string; readonly latencyMs: number; readonly at: number } | null;
  readonly transitions: number;
  readonly checks: number;
  readonly checkFailures: number;
}

export interface DirectorStatus {
  readonly services: ReadonlyArray<{ readonly key: string; readonly scheduler: string; readonly sorryServerUp: boolean; readonly servers: readonly ServerStatus[] }>;
  readonly ipvsadmCalls: number;
  readonly ipvsadmFailures: number;
}

function serverStatus(m: Monitor): ServerStatus {
  const state = !m.checked && !m.health.inTable ? "pending" : m.health.up ? "up" : m.health.inTable ? "quiesced" : "down";
  return { service: m.service.key, address: m.server.address, port: m.server.port, name: m.server.name, state, weight: m.health.weight, lastCheck: m.last, transitions: m.health.transitions, checks: m.checks, checkFailures: m.checkFailures };
}

export function directorStatus(plan: RuntimePlan, monitors: Iterable<Monitor>, draining: Iterable<Draining>, calls: number, failures: number): DirectorStatus {
  const byService = groupBy(monitors, (m) => m.service.key);
  const drainsByService = groupBy(draining, (d) => d.destination.service);
  return {
    services: plan.services.map((s) => {
      const servers = (byService.get(s.key) ?? []).map(serverStatus);
      const drains = (drainsByService.get(s.key) ?? []).map((d): ServerStatus => ({ service: s.key, address: d.destination.address, port: d.destination.port, name: null, state: "draining", weight: 0, lastCheck: null, transitions: 0, checks: 0, checkFailures: 0 }));
      return { key: s.key, scheduler: s.scheduler, sorryServerUp: s.sorryServer !== null && !servers.some((x) => x.state === "up"), servers: [...servers, ...drains] };
    }),
    ipvsadmCalls: calls,
    ipvsadmFailures: failures,
  };
}
