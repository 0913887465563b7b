/**
 * `realserver/lvs-realserver.conf`: what every real server of the cluster takes, one line per
 * (real server, VIP, protocol, ports), in the plain format lvs-realserver reads with `read`.
 * The same file goes to every real server; each applies the lines of its own addresses.
 */
import type { BundleOptions, ForwardingMethod, RuntimePlan, ServiceMember } from "../../runtime/manifest.ts";
import { address, integer } from "./shell.ts";

export const FTP_PORT = 21;
export const REALSERVER_DATA = "lvs-realserver.conf";
/** Where the bundle's README installs the data file; the script reads it there by default. */
export const INSTALLED_REALSERVER_DATA = `/etc/lvs-toolchain/${REALSERVER_DATA}`;

/** How a real server keeps from answering ARP for the VIPs; `-` with NAT. */
export type LineArp = "arptables" | "iptables" | "sysctl" | "-";

/** One line of the data file. */
export interface RealServerLine {
  readonly server: string;
  readonly method: ForwardingMethod;
  readonly vip: string;
  readonly protocol: "tcp" | "udp";
  /** A port, or `min:max` (the passive FTP ports an iptables REDIRECT must also take). */
  readonly ports: string;
  readonly arp: LineArp;
  /** NAT: the NAT router, the server's default gateway; `-` otherwise or when lvs.cf has none. */
  readonly gateway: string;
}

export const FIELDS = ["real-server", "method", "vip", "protocol", "ports", "arp", "gateway"] as const;

export function isFtp(member: Pick<ServiceMember, "protocol" | "port">): boolean {
  return member.protocol === "tcp" && member.port === FTP_PORT;
}

function lineArp(method: ForwardingMethod, options: BundleOptions): LineArp {
  if (method === "nat") return "-";
  // Tunnelled packets arrive on tunl0: the ARP sysctls keep quiet whatever --dr-arp says.
  return method === "tunnel" ? "sysctl" : options.drArp;
}

/**
 * Every real server of every service (active or not: a reload may switch it on), with each
 * VIP, protocol and port it takes, in the order lvs.cf gives them; no line twice.
 */
export function realServerLines(plan: RuntimePlan, options: BundleOptions): RealServerLine[] {
  const arp = lineArp(plan.method, options);
  const gateway = plan.method === "nat" && plan.natRouter ? address(plan.natRouter.address) : "-";
  const passive = `${integer(options.ftpPassive.min, 1024, 65535)}:${integer(options.ftpPassive.max, 1024, 65535)}`;
  const seen = new Set<string>();
  const lines: RealServerLine[] = [];
  const add = (line: RealServerLine) => {
    const key = `${line.server} ${line.vip} ${line.protocol} ${line.ports}`;
    if (seen.has(key)) return;
    seen.add(key);
    lines.push(line);
  };
  for (const service of plan.services) {
    for (const rs of service.servers) {
      for (const m of service.members) {
        const line = { server: address(rs.address), method: plan.method, vip: address(m.address), protocol: m.protocol, arp, gateway };
        add({ ...line, ports: integer(m.port, 0, 65535) });
        // Without the VIP on the server, the passive data ports need their own REDIRECT.
        if (arp === "iptables" && isFtp(m)) add({ ...line, ports: passive });
      }
    }
  }
  return lines;
}

export function realServerData(lines: readonly RealServerLine[]): string {
  const rows = [FIELDS.map((f, i) => (i === 0 ? `# ${f}` : f)), ...lines.map((l) => [l.server, l.method, l.vip, l.protocol, l.ports, l.arp, l.gateway])];
  const widths = FIELDS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const text = rows.map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join("  "));
  return (
    [
      "# lvs-realserver.conf: the real servers of this cluster and what each takes (lvs-toolchain).",
      "# Generated from lvs.cf; regenerate it rather than editing it. The same file goes to every",
      "# real server: lvs-realserver applies the lines whose first field is one of the host's addresses.",
      "# arp: how a direct-routing server keeps quiet about the VIP (arptables, sysctl, or iptables:",
      "# no VIP on the host, a REDIRECT of its ports); gateway: NAT's default route. '-': not used.",
      ...text,
    ].join("\n") + "\n"
  );
}

/** An FTP service's VIP and the real servers behind it, for its vsftpd snippet. */
export interface FtpService {
  readonly vip: string;
  readonly servers: readonly string[];
}

export function ftpServices(plan: RuntimePlan): FtpService[] {
  const byVip = new Map<string, Set<string>>();
  for (const service of plan.services) {
    for (const m of service.members) {
      if (!isFtp(m)) continue;
      const servers = byVip.get(m.address) ?? new Set<string>();
      for (const rs of service.servers) servers.add(rs.address);
      byVip.set(m.address, servers);
    }
  }
  return [...byVip.entries()].map(([vip, servers]) => ({ vip, servers: [...servers] }));
}
