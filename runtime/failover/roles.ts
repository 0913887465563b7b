/** Which director this host is, as pulse decides it from the addresses of its interfaces. */
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";
import type { PlanDirector, PlanFailover } from "../manifest.ts";
import type { Role } from "./machine.ts";

export type RoleDecision =
  | { readonly role: Role; readonly self: PlanDirector; readonly partner: PlanDirector | null }
  /** Not to run here: `exitCode` 0 for the backup of `backup_active = 0`, 1 for a stranger. */
  | { readonly role: null; readonly message: string; readonly exitCode: 0 | 1 };

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * The first IPv4 address of each interface, alias labels (`eth0:1`) left out: the addresses
 * pulse compares `primary` and `backup` with (it asks each interface for its address).
 */
export function interfaceAddresses(interfaces: Interfaces = networkInterfaces()): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const [name, infos] of Object.entries(interfaces)) {
    if (name.includes(":")) continue;
    const first = infos?.find((i) => i.family === "IPv4");
    if (first && !byAddress.has(first.address)) byAddress.set(first.address, name);
  }
  return byAddress;
}

/** The interface that has `address` among any of its addresses, alias labels stripped. */
export function interfaceOf(address: string, interfaces: Interfaces = networkInterfaces()): string | null {
  for (const [name, infos] of Object.entries(interfaces)) {
    if (infos?.some((i) => i.address === address)) return name.split(":")[0]!;
  }
  return null;
}

export function decideRole(failover: PlanFailover, local: ReadonlyMap<string, string>): RoleDecision {
  if (local.has(failover.primary.address)) return { role: "master", self: failover.primary, partner: failover.backup };
  const backup = failover.backup;
  if (backup && local.has(backup.address)) return { role: "backup", self: backup, partner: failover.primary };
  if (failover.inactiveBackup !== null && local.has(failover.inactiveBackup))
    return { role: null, exitCode: 0, message: `this host is the backup director (${failover.inactiveBackup}) and backup_active = 0: a backup director that is not active does not run` };
  const which = backup
    ? `has neither the primary director's address (${failover.primary.address}) nor the backup's (${backup.address})`
    : `does not have the primary director's address (${failover.primary.address}) and lvs.cf has no active backup`;
  return {
    role: null,
    exitCode: 1,
    message: `this host ${which}; run with --standalone to run without failover`,
  };
}
