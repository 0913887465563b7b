/**
 * lvsd's decisions about a resolved configuration, in one place: which blocks it reads and
 * which it starts, the IPVS service each becomes, persistence, and the real servers it adds.
 * The lint rules, the plan and the generators all ask here.
 */
import type { LvsModel, ModelGlobal, ModelServer, ModelVirtual } from "./resolve.ts";

/**
 * Whether lvsd reads the `virtual` block `v`, active or not: every one in lvs mode, none with
 * `service = fos` (pulse then runs fos, which uses the `failover` blocks only).
 */
export function isLvsVirtual(v: ModelVirtual, g: ModelGlobal): boolean {
  return v.block === "virtual" && g.service === "lvs";
}

/** Whether lvsd starts `v`: a `virtual` block it reads that is active. */
export function isStarted(v: ModelVirtual, g: ModelGlobal): boolean {
  return v.active === 1 && isLvsVirtual(v, g);
}

/** The `virtual` blocks lvsd starts, in file order. */
export function startedVirtuals(model: LvsModel): ModelVirtual[] {
  return model.virtuals.filter((v) => isStarted(v, model.global));
}

/** The key of the IPVS service lvsd's `ipvsadm -A` creates for a virtual. */
export function serviceKey(v: ModelVirtual): string {
  return v.fwmark !== 0 ? `fwmark:${v.fwmark}` : `${v.protocol}:${v.address}:${v.port}`;
}

/**
 * Persistence as lvsd passes it to ipvsadm: `-p` only when positive, `-M` only then and when the
 * mask is not 0.0.0.0 (the parser reads 255.255.255.255 as 0.0.0.0: no `-M`).
 */
export function persistenceOf(v: ModelVirtual): { timeout: number | null; pmask: string | null } {
  if (v.persistent <= 0) return { timeout: null, pmask: null };
  return { timeout: v.persistent, pmask: v.pmask === "0.0.0.0" || v.pmask === "255.255.255.255" ? null : v.pmask };
}

/** The real servers of a virtual that lvsd starts a nanny for (`active = 1`). */
export function activeServers(v: ModelVirtual): ModelServer[] {
  return v.servers.filter((s) => s.active === 1);
}

/** Whether a virtual has an active real server. */
export function hasActiveServer(v: ModelVirtual): boolean {
  return v.servers.some((s) => s.active === 1);
}

/** The schedulers that take the real servers' weights into account. */
export const WEIGHTED_SCHEDULERS: ReadonlySet<string> = new Set(["wrr", "wlc", "lblc", "lblcr"]);
