/**
 * `realserver/lvs-realserver.conf`: what every real server of the cluster takes, one line per
 * (real server, VIP, protocol, ports), in the plain format lvs-realserver reads with `read`.
 * The same file goes to every real server; each applies the lines of its own addresses.
 */
import type { BundleOptions, ForwardingMethod, RuntimePlan, ServiceMember } from "../../runtime/manifest.ts";
import { address, integer } from "./shell.ts";
import { LineText } from "./line-text.ts";
import { BUNDLE_DIR } from "./systemd.ts";

export const FTP_PORT = 21;
export const REALSERVER_DATA = "lvs-realserver.conf";
/** Where the bundle's README installs the data file; the script reads it there by default. */
export const INSTALLED_REALSERVER_DATA = `${BUNDLE_DIR}/${REALSERVER_DATA}`;

/** How a real server keeps from answering ARP for the VIPs; `-` with NAT. */
export type LineArp = "arptables" | "iptables" | "sysctl" | "-";

/** The columns of a line: real-server method vip protocol ports arp gateway. */
export const FIELDS = ["real-server", "method", "vip", "protocol", "ports", "arp", "gateway"] as const;

export function isFtp(member: Pick<ServiceMember, "protocol" | "port">): boolean {
  return member.protocol === "tcp" && member.port === FTP_PORT;
}

function lineArp(method: ForwardingMethod, options: BundleOptions): LineArp {
  if (method === "nat") return "-";
  // Tunnelled packets arrive on tunl0: the ARP sysctls keep quiet whatever --dr-arp says.
  return method === "tunnel" ? "sysctl" : options.drArp;
}

/** What a service's real servers take: VIP, protocol and ports. */
type Take = readonly [vip: string, protocol: "tcp" | "udp", ports: string];

/** The longest value of each column but the last: an address, a method, an address, a protocol, ports, an ARP way. */
const LONGEST = ["255.255.255.255", "tunnel", "255.255.255.255", "udp", "65535:65535", "arptables"] as const;

/**
 * Each column as wide as the longest value it can hold, or its name: a line's layout does not
 * depend on the other lines, so a changed server changes its own lines only.
 */
const WIDTHS = LONGEST.map((value, i) => Math.max(value.length, i === 0 ? `# ${FIELDS[0]}`.length : FIELDS[i]!.length));

const SPACES = " ".repeat(Math.max(...WIDTHS));

/** `value` followed by spaces up to `width` (every column is at most SPACES wide). */
function padded(value: string, width: number): string {
  return value.length >= width ? value : value + SPACES.slice(0, width - value.length);
}

/** Columns from the first on, each padded to its width but the last, two spaces apart. */
function columns(fields: readonly string[]): string {
  return fields.map((x, i) => (i < WIDTHS.length ? padded(x, WIDTHS[i]!) : x)).join("  ");
}

/** The servers a take was given: a service's list, made a set when another service adds to it. */
class Given {
  private set: Set<string> | null = null;
  constructor(private readonly first: readonly string[]) {}
  has(server: string): boolean {
    return (this.set ??= new Set(this.first)).has(server);
  }
  add(server: string): void {
    (this.set ??= new Set(this.first)).add(server);
  }
}

/** The servers' addresses without repeats, in order; compared pairwise while few. */
function distinct(servers: readonly { readonly address: string }[]): readonly string[] {
  const out: string[] = [];
  if (servers.length > 16) {
    for (const server of new Set(servers.map((rs) => rs.address))) out.push(address(server));
    return out;
  }
  for (let i = 0; i < servers.length; i++) {
    const server = address(servers[i]!.address);
    if (!out.includes(server)) out.push(server);
  }
  return out;
}

const HEADER = [
  "# lvs-realserver.conf: the real servers of this cluster and what each takes (lvs-toolchain).",
  "# Generated from lvs.cf; regenerate it rather than editing it. The same file goes to every",
  "# real server: lvs-realserver applies the lines whose first field is one of the host's addresses.",
  "# arp: how a direct-routing server keeps quiet about the VIP (arptables, sysctl, or iptables:",
  "# no VIP on the host, a REDIRECT of its ports); gateway: NAT's default route. '-': not used.",
];

/** The data file: the header, then a line per real server and what it takes, in aligned columns. */
export function realServerData(plan: RuntimePlan, options: BundleOptions): string {
  return realServerDataLines(plan, options).text();
}

/**
 * Every real server of every service (active or not: a reload may switch it on), with each
 * VIP, protocol and port it takes, in the order lvs.cf gives them; no line twice. Ports are a
 * port, or `min:max` for the passive FTP ports an iptables REDIRECT must also take. The gateway
 * is NAT's router, `-` otherwise or when lvs.cf names none.
 */
export function realServerDataLines(plan: RuntimePlan, options: BundleOptions): LineText {
  const method = plan.method;
  const arp = lineArp(method, options);
  const gateway = method === "nat" && plan.natRouter ? address(plan.natRouter.address) : "-";
  const passive = `${integer(options.ftpPassive.min, 1024, 65535)}:${integer(options.ftpPassive.max, 1024, 65535)}`;
  const text = new LineText();
  for (const line of HEADER) text.push(line);
  text.push(columns([`# ${FIELDS[0]}`, ...FIELDS.slice(1)]));
  const [m, a] = [padded(method, WIDTHS[1]!), padded(arp, WIDTHS[5]!)];
  // The servers given each take so far, by take: those of the first service to name it, and a
  // set only once a second service names it too.
  const given = new Map<string, Given>();
  // Index loops: these run for every real server, and an iterator each costs collections.
  const services = plan.services;
  for (let k = 0; k < services.length; k++) {
    const service = services[k]!;
    const takes: Take[] = [];
    for (let j = 0; j < service.members.length; j++) {
      const member = service.members[j]!;
      takes.push([address(member.address), member.protocol, integer(member.port, 0, 65535)]);
      // Without the VIP on the server, the passive data ports need their own REDIRECT.
      if (arp === "iptables" && isFtp(member)) takes.push([address(member.address), "tcp", passive]);
    }
    const servers = distinct(service.servers);
    // For each take, the rest of its line, and the servers not given it before: all of them
    // (null) when no service named it yet.
    const after: string[] = [];
    const taking: Array<Set<string> | null> = [];
    for (let t = 0; t < takes.length; t++) {
      const [vip, protocol, ports] = takes[t]!;
      after.push(`  ${m}  ${padded(vip, WIDTHS[2]!)}  ${padded(protocol, WIDTHS[3]!)}  ${padded(ports, WIDTHS[4]!)}  ${a}  ${gateway}`);
      const key = `${vip} ${protocol} ${ports}`;
      const before = given.get(key);
      if (before === undefined) {
        given.set(key, new Given(servers));
        taking.push(null);
        continue;
      }
      const added = new Set(servers.filter((server) => !before.has(server)));
      for (const server of added) before.add(server);
      taking.push(added);
    }
    for (let r = 0; r < servers.length; r++) {
      const server = padded(servers[r]!, WIDTHS[0]!);
      for (let i = 0; i < takes.length; i++) if (taking[i] === null || taking[i]!.has(servers[r]!)) text.push(server + after[i]!);
    }
  }
  return text;
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
