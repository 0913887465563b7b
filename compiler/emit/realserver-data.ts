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

/** How every line of a plan forwards: the same for all. */
interface How {
  readonly method: ForwardingMethod;
  readonly arp: LineArp;
  readonly gateway: string;
}

/**
 * The lines of the data file, as parallel lists: line i is `servers[i]` taking
 * `takes[lineTakes[i]]`; each take is listed once however many lines it has.
 */
interface DataLines {
  readonly how: How;
  readonly takes: Take[];
  readonly servers: string[];
  readonly lineTakes: number[];
}

/**
 * Every real server of every service (active or not: a reload may switch it on), with each
 * VIP, protocol and port it takes, in the order lvs.cf gives them; no line twice. Ports are a
 * port, or `min:max` for the passive FTP ports an iptables REDIRECT must also take. The gateway
 * is NAT's router, `-` otherwise or when lvs.cf names none.
 */
function dataLines(plan: RuntimePlan, options: BundleOptions): DataLines {
  const method = plan.method;
  const arp = lineArp(method, options);
  const gateway = method === "nat" && plan.natRouter ? address(plan.natRouter.address) : "-";
  const passive = `${integer(options.ftpPassive.min, 1024, 65535)}:${integer(options.ftpPassive.max, 1024, 65535)}`;
  const lines: DataLines = { how: { method, arp, gateway }, takes: [], servers: [], lineTakes: [] };
  // The servers given each take so far, by take: those of the first service to name it, and a
  // set only once a second service names it too.
  const given = new Map<string, Given>();
  // Index loops: these run for every real server, and an iterator each costs collections.
  const services = plan.services;
  for (let k = 0; k < services.length; k++) {
    const service = services[k]!;
    const first = lines.takes.length;
    for (let j = 0; j < service.members.length; j++) {
      const m = service.members[j]!;
      lines.takes.push([address(m.address), m.protocol, integer(m.port, 0, 65535)]);
      // Without the VIP on the server, the passive data ports need their own REDIRECT.
      if (arp === "iptables" && isFtp(m)) lines.takes.push([address(m.address), "tcp", passive]);
    }
    const servers = distinct(service.servers);
    // For each take, the servers not given it before: all of them (null) when no service named it yet.
    const taking: Array<Set<string> | null> = [];
    for (let t = first; t < lines.takes.length; t++) {
      const key = lines.takes[t]!.join(" ");
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
      const server = servers[r]!;
      for (let i = 0; i < taking.length; i++) {
        if (taking[i] !== null && !taking[i]!.has(server)) continue;
        lines.servers.push(server);
        lines.lineTakes.push(first + i);
      }
    }
  }
  return lines;
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

export function realServerDataLines(plan: RuntimePlan, options: BundleOptions): LineText {
  const { how, takes, servers, lineTakes } = dataLines(plan, options);
  // Each column as wide as its longest value, or its name.
  const widths: number[] = FIELDS.map((f, i) => (i === 0 ? f.length + 2 : f.length));
  for (let i = 0; i < servers.length; i++) if (servers[i]!.length > widths[0]!) widths[0] = servers[i]!.length;
  // Only the takes that have a line count: a service without servers shows nothing.
  const shown = new Uint8Array(takes.length);
  for (let i = 0; i < lineTakes.length; i++) shown[lineTakes[i]!] = 1;
  takes.forEach((take, t) => {
    if (shown[t]) for (let i = 0; i < 3; i++) if (take[i]!.length > widths[i + 2]!) widths[i + 2] = take[i]!.length;
  });
  widths[1] = Math.max(widths[1]!, how.method.length);
  widths[5] = Math.max(widths[5]!, how.arp.length);
  /** Columns from `first` on, each padded to its width but the last, two spaces apart. */
  const columns = (fields: readonly string[], first: number): string =>
    fields.map((x, i) => (first + i < FIELDS.length - 1 ? x.padEnd(widths[first + i]!) : x)).join("  ");
  const text = new LineText();
  for (const line of HEADER) text.push(line);
  text.push(columns([`# ${FIELDS[0]}`, ...FIELDS.slice(1)], 0));
  // All but the server is the same on every line of a take: made once per take.
  const after = takes.map((take) => "  " + columns([how.method, ...take, how.arp, how.gateway], 1));
  for (let i = 0; i < servers.length; i++) text.push(servers[i]!.padEnd(widths[0]!) + after[lineTakes[i]!]!);
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
