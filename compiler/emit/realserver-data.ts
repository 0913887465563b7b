/**
 * `realserver/lvs-realserver.conf`: what every real server of the cluster takes, one line per
 * (real server, VIP, protocol, ports), in the plain format lvs-realserver reads with `read`.
 * The same file goes to every real server; each applies the lines of its own addresses.
 */
import type { BundleOptions, ForwardingMethod, RuntimePlan, ServiceMember } from "../../runtime/manifest.ts";
import { address, integer } from "./shell.ts";
import { BUNDLE_DIR } from "./systemd.ts";

export const FTP_PORT = 21;
export const REALSERVER_DATA = "lvs-realserver.conf";
/** Where the bundle's README installs the data file; the script reads it there by default. */
export const INSTALLED_REALSERVER_DATA = `${BUNDLE_DIR}/${REALSERVER_DATA}`;

/** How a real server keeps from answering ARP for the VIPs; `-` with NAT. */
export type LineArp = "arptables" | "iptables" | "sysctl" | "-";

/** One line of the data file: real-server method vip protocol ports arp gateway. */
export type RealServerLine = readonly [string, ForwardingMethod, string, "tcp" | "udp", string, LineArp, string];

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
 * VIP, protocol and port it takes, in the order lvs.cf gives them; no line twice. Ports are a
 * port, or `min:max` for the passive FTP ports an iptables REDIRECT must also take. The gateway
 * is NAT's router, `-` otherwise or when lvs.cf names none.
 */
export function realServerLines(plan: RuntimePlan, options: BundleOptions): RealServerLine[] {
  const method = plan.method;
  const arp = lineArp(method, options);
  const gateway = method === "nat" && plan.natRouter ? address(plan.natRouter.address) : "-";
  const passive = `${integer(options.ftpPassive.min, 1024, 65535)}:${integer(options.ftpPassive.max, 1024, 65535)}`;
  const seen = new Set<string>();
  const lines: RealServerLine[] = [];
  for (const service of plan.services) {
    const takes: [string, "tcp" | "udp", string][] = [];
    for (const m of service.members) {
      takes.push([address(m.address), m.protocol, integer(m.port, 0, 65535)]);
      // Without the VIP on the server, the passive data ports need their own REDIRECT.
      if (arp === "iptables" && isFtp(m)) takes.push([address(m.address), "tcp", passive]);
    }
    for (const rs of service.servers) {
      const server = address(rs.address);
      for (const [vip, protocol, ports] of takes) {
        const key = `${server} ${vip} ${protocol} ${ports}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push([server, method, vip, protocol, ports, arp, gateway]);
      }
    }
  }
  return lines;
}

export function realServerData(lines: readonly RealServerLine[]): string {
  const widths: number[] = FIELDS.map((f, i) => (i === 0 ? f.length + 2 : f.length));
  for (const line of lines) for (let i = 0; i < line.length - 1; i++) if (line[i]!.length > widths[i]!) widths[i] = line[i]!.length;
  const [w0, w1, w2, w3, w4, w5] = widths as [number, number, number, number, number, number];
  const row = (f: readonly string[]): string =>
    `${f[0]!.padEnd(w0)}  ${f[1]!.padEnd(w1)}  ${f[2]!.padEnd(w2)}  ${f[3]!.padEnd(w3)}  ${f[4]!.padEnd(w4)}  ${f[5]!.padEnd(w5)}  ${f[6]}`;
  const rows = [
    "# lvs-realserver.conf: the real servers of this cluster and what each takes (lvs-toolchain).",
    "# Generated from lvs.cf; regenerate it rather than editing it. The same file goes to every",
    "# real server: lvs-realserver applies the lines whose first field is one of the host's addresses.",
    "# arp: how a direct-routing server keeps quiet about the VIP (arptables, sysctl, or iptables:",
    "# no VIP on the host, a REDIRECT of its ports); gateway: NAT's default route. '-': not used.",
    row(FIELDS.map((f, i) => (i === 0 ? `# ${f}` : f))),
  ];
  for (const line of lines) rows.push(row(line));
  return rows.join("\n") + "\n";
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
