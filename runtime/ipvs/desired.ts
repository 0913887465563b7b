/** The IPVS table the plan asks for, given which real servers are up and at what weight. */
import type { PlanService, RuntimePlan } from "../manifest.ts";
import { destinationPort } from "./saved.ts";
import type { IpvsDestination, IpvsService, IpvsTable } from "./types.ts";

/**
 * The weight a destination should have in the table, null when it should not be there.
 * Asked for every active real server (at its port in the plan) and for the sorry server (at
 * the virtual port).
 */
export type WeightOf = (serviceKey: string, address: string, port: number) => number | null;

function checkedWeight(weight: number, service: string, address: string): number {
  if (!Number.isInteger(weight) || weight < 0 || weight > 65535) throw new RangeError(`weight ${weight} of ${address} in ${service} is not a whole number from 0 to 65535`);
  return weight;
}

function serviceOf(s: PlanService): IpvsService {
  return { key: s.key, scheduler: s.scheduler, persistence: s.persistence, pmask: s.persistence === null ? null : s.pmask };
}

/** The service's destinations, once each at the port the kernel keeps them at; the first wins. */
function destinationsOf(s: PlanService, up: WeightOf): IpvsDestination[] {
  const out: IpvsDestination[] = [];
  const seen = new Set<string>();
  const add = (address: string, port: number): void => {
    const weight = up(s.key, address, port);
    if (weight === null) return;
    const at = destinationPort(s.key, s.method, port);
    const id = `${address}:${at}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ service: s.key, address, port: at, method: s.method, weight: checkedWeight(weight, s.key, address) });
  };
  for (const rs of s.servers) if (rs.active) add(rs.address, rs.port);
  if (s.sorryServer !== null) add(s.sorryServer, s.port);
  return out;
}

/** Every service of the plan, with the destinations `up` gives a weight to, in plan order. */
export function desiredTable(plan: RuntimePlan, up: WeightOf): IpvsTable {
  return {
    services: plan.services.map(serviceOf),
    destinations: plan.services.flatMap((s) => destinationsOf(s, up)),
  };
}
