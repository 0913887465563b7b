/** The groups of virtual servers that share a firewall mark (one `-f MARK` service for lvsd). */
import { activeServers, startedVirtuals } from "../../../model/lvsd.ts";
import type { LvsModel, ModelVirtual } from "../../../model/resolve.ts";

/** Virtuals sharing each non-zero firewall mark, in file order. */
export function fwmarkGroups(virtuals: readonly ModelVirtual[]): Map<number, ModelVirtual[]> {
  const groups = new Map<number, ModelVirtual[]>();
  for (const v of virtuals) {
    if (v.fwmark === 0) continue;
    const g = groups.get(v.fwmark);
    if (g) g.push(v);
    else groups.set(v.fwmark, [v]);
  }
  return groups;
}

/** Groups of two or more started virtuals sharing a firewall mark, first member first. */
export function sharedMarks(model: LvsModel): Array<[number, ModelVirtual[]]> {
  return [...fwmarkGroups(startedVirtuals(model))].filter(([, g]) => g.length > 1);
}

/** Addresses of the active real servers of a virtual, in file order, without repeats. */
export function activeServerAddresses(v: ModelVirtual): string[] {
  return [...new Set(activeServers(v).map((s) => s.address))];
}
