/** What each real server has to do, derived from the plan: the VIPs and ports it answers for. */
import type { ForwardingMethod, RuntimePlan, ServiceMember } from "../../runtime/manifest.ts";

export const FTP_PORT = 21;

/** One VIP a real server answers on, with the ports its services use there. */
export interface ServedVip {
  readonly address: string;
  readonly protocol: "tcp" | "udp";
  readonly ports: readonly number[];
}

export interface RealServerRole {
  readonly address: string;
  readonly method: ForwardingMethod;
  readonly vips: readonly ServedVip[];
  /** The VIP of the first FTP service it is behind, null when it serves no FTP. */
  readonly ftpVip: string | null;
  /** NAT only: the router address to use as default gateway. */
  readonly gateway: string | null;
}

export function isFtp(member: Pick<ServiceMember, "protocol" | "port">): boolean {
  return member.protocol === "tcp" && member.port === FTP_PORT;
}

/**
 * Each real server address once, in order of first appearance, with the VIPs and ports of the
 * services it is listed in (active or not: any of them may be switched on by a reload).
 */
export function realServerRoles(plan: RuntimePlan): RealServerRole[] {
  const served = new Map<string, Map<string, { protocol: "tcp" | "udp"; address: string; ports: Set<number> }>>();
  const ftp = new Map<string, string>();
  for (const service of plan.services) {
    for (const server of service.servers) {
      let vips = served.get(server.address);
      if (!vips) served.set(server.address, (vips = new Map()));
      for (const m of service.members) {
        const key = `${m.protocol} ${m.address}`;
        const entry = vips.get(key) ?? { protocol: m.protocol, address: m.address, ports: new Set<number>() };
        entry.ports.add(m.port);
        vips.set(key, entry);
        if (isFtp(m) && !ftp.has(server.address)) ftp.set(server.address, m.address);
      }
    }
  }
  return [...served.entries()].map(([address, vips]) => ({
    address,
    method: plan.method,
    vips: [...vips.values()].map((v) => ({ address: v.address, protocol: v.protocol, ports: [...v.ports].sort((a, b) => a - b) })),
    ftpVip: ftp.get(address) ?? null,
    gateway: plan.method === "nat" ? (plan.natRouter?.address ?? null) : null,
  }));
}

/** The distinct VIP addresses a real server holds, in order. */
export function vipAddresses(role: RealServerRole): string[] {
  return [...new Set(role.vips.map((v) => v.address))];
}
