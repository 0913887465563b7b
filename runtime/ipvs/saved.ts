/**
 * The kernel's IPVS table as ipvsadm prints it: `ipvsadm -S -n` (one command per line, the form
 * `ipvsadm -R` reads) and `ipvsadm -L -n` (the listing with connection counts). Services are
 * keyed as the plan keys them: `tcp:VIP:PORT`, `udp:VIP:PORT`, `fwmark:MARK`; what the plan never
 * holds gets a key of its own (`sctp:VIP:PORT`, `fwmark6:MARK` for `-f MARK -6`, `[…]` around
 * IPv6 addresses) so that it is never mistaken for one of ours.
 */
import { destinationPort as kernelPort } from "../../lib/ipvs.ts";
import type { ForwardingMethod } from "../manifest.ts";
import type { DestinationConnections, IpvsDestination, IpvsService, IpvsStats, IpvsTable, TrafficCounters } from "./types.ts";

/** ipvsadm's persistence timeout when `-p` comes without one. */
const DEFAULT_PERSISTENCE = 360;
/** The persistence granularity of one client address, which ipvsadm leaves out. */
const FULL_MASK = "255.255.255.255";

/** The short form of each long option that has one; a line is read in short forms. */
const SHORT_OPTION: ReadonlyMap<string, string> = new Map([
  ["--tcp-service", "-t"],
  ["--udp-service", "-u"],
  ["--fwmark-service", "-f"],
  ["--ipv6", "-6"],
  ["--scheduler", "-s"],
  ["--persistent", "-p"],
  ["--netmask", "-M"],
  ["--real-server", "-r"],
  ["--masquerading", "-m"],
  ["--gatewaying", "-g"],
  ["--ipip", "-i"],
  ["--weight", "-w"],
]);
const METHOD_OF_FLAG: ReadonlyMap<string, ForwardingMethod> = new Map([
  ["-m", "nat"],
  ["-g", "direct"],
  ["-i", "tunnel"],
]);
const PROTOCOL_OF_FLAG: ReadonlyMap<string, string> = new Map([
  ["-t", "tcp"],
  ["-u", "udp"],
  ["--sctp-service", "sctp"],
]);
const FLAG_OF_PROTOCOL: ReadonlyMap<string, string> = new Map([
  ["tcp", "-t"],
  ["udp", "-u"],
  ["sctp", "--sctp-service"],
]);
const PROTOCOL_OF_LISTING: ReadonlyMap<string, string> = new Map([
  ["TCP", "tcp"],
  ["UDP", "udp"],
  ["SCTP", "sctp"],
]);

/** Options of `-A`/`-a` lines that take a value (in short form where there is one); every other option stands alone. */
const TAKES_VALUE = new Set(["-t", "-u", "-f", "-s", "-M", "-r", "-w", "-x", "-y", "-b", "--sctp-service", "--u-threshold", "--l-threshold", "--sched-flags", "--pe", "--tun-type", "--tun-port"]);

/** An `ADDR:PORT` as ipvsadm prints it (`[…]` around an IPv6 address), or null. */
function splitAddressPort(text: string): { address: string; port: number } | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { address: m[1] ?? m[2]!, port };
}

/** One destination of one service as a map key: `SERVICE_KEY ADDRESS:PORT`. */
export const destinationKey = (serviceKey: string, address: string, port: number): string => `${serviceKey} ${address}:${port}`;

/** `ADDR:PORT` for ipvsadm's `-t`, `-u` and `-r`. */
export function addressPort(address: string, port: number): string {
  return `${address.includes(":") ? `[${address}]` : address}:${port}`;
}

function protocolKey(protocol: string, addressAndPort: string): string | null {
  const ap = splitAddressPort(addressAndPort);
  return ap ? `${protocol}:${addressPort(ap.address, ap.port)}` : null;
}

/** The arguments naming a service for ipvsadm: `-t VIP:PORT`, `-u VIP:PORT`, `-f MARK`. */
export function serviceArgs(key: string): string[] {
  const colon = key.indexOf(":");
  const kind = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (kind === "fwmark") return ["-f", rest];
  if (kind === "fwmark6") return ["-f", rest, "-6"];
  const flag = FLAG_OF_PROTOCOL.get(kind);
  if (colon < 0 || flag === undefined) throw new Error(`'${key}' is not a service key`);
  return [flag, rest];
}

function isFwmarkKey(key: string): boolean {
  return key.startsWith("fwmark");
}

/** The port the kernel keeps a destination of the service `serviceKey` at (see lib/ipvs.ts). */
export function destinationPort(serviceKey: string, method: ForwardingMethod, port: number): number {
  const fwmark = isFwmarkKey(serviceKey);
  return kernelPort(method, fwmark, fwmark ? 0 : Number(serviceKey.slice(serviceKey.lastIndexOf(":") + 1)), port);
}

/** The value of `-p`, which ipvsadm takes with or without one. */
function persistenceValue(next: string | undefined): number | null {
  return next !== undefined && /^\d+$/.test(next) ? Number(next) : null;
}

interface SavedLine {
  command: string;
  service: string | null;
  scheduler: string;
  persistence: number | null;
  pmask: string | null;
  server: string | null;
  method: ForwardingMethod;
  weight: number;
}

/** The words of a line; ipvsadm separates them with one space. */
function wordsOf(line: string): string[] {
  const plain = line.length > 0 && line[0] !== " " && line[line.length - 1] !== " " && !line.includes("  ") && !line.includes("\t") && !line.includes("\r");
  return plain ? line.split(" ") : line.trim().split(/\s+/);
}

/**
 * One line of `ipvsadm -S` as options; null for a line that is not a command. `keys` remembers
 * the service key of each `-t`/`-u` target already read: every destination line repeats it.
 */
function readSavedLine(line: string, keys: Map<string, string | null>): SavedLine | null {
  const words = wordsOf(line);
  const command = words[0];
  if (command !== "-A" && command !== "-a") return null;
  const out: SavedLine = { command, service: null, scheduler: "wlc", persistence: null, pmask: null, server: null, method: "direct", weight: 1 };
  let protocol: string | null = null;
  let target: string | null = null;
  let fwmark: string | null = null;
  let ipv6 = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const option = word.startsWith("--") ? (SHORT_OPTION.get(word) ?? word) : word;
    const next = words[i + 1];
    switch (option) {
      case "-t":
      case "-u":
      case "--sctp-service":
        if (next !== undefined) {
          protocol = PROTOCOL_OF_FLAG.get(option)!;
          target = next;
        }
        break;
      case "-f":
        if (next !== undefined) fwmark = next;
        break;
      case "-6":
        ipv6 = true;
        break;
      case "-s":
        if (next !== undefined) out.scheduler = next;
        break;
      case "-p": {
        const value = persistenceValue(next);
        out.persistence = value ?? DEFAULT_PERSISTENCE;
        if (value !== null) i++;
        break;
      }
      case "-M":
        if (next !== undefined) out.pmask = next;
        break;
      case "-r":
        if (next !== undefined) out.server = next;
        break;
      case "-m":
      case "-g":
      case "-i":
        out.method = METHOD_OF_FLAG.get(option)!;
        break;
      case "-w":
        if (next !== undefined && /^\d+$/.test(next)) out.weight = Number(next);
        break;
    }
    if (TAKES_VALUE.has(option)) i++;
  }
  if (fwmark !== null && /^\d+$/.test(fwmark)) out.service = `${ipv6 ? "fwmark6" : "fwmark"}:${Number(fwmark)}`;
  else if (protocol !== null && target !== null) {
    const raw = `${protocol} ${target}`;
    let key = keys.get(raw);
    if (key === undefined) keys.set(raw, (key = protocolKey(protocol, target)));
    out.service = key;
  }
  if (out.persistence === null || out.pmask === FULL_MASK) out.pmask = null;
  return out;
}

/**
 * The table `ipvsadm -S -n` prints. Lines that are not `-A`/`-a` commands and options this
 * runtime has no use for (`-x`, `--tun-type`, `--pe`, `-o`, `-b` …) are passed over.
 */
export function parseSaved(text: string): IpvsTable {
  const services: IpvsService[] = [];
  const destinations: IpvsDestination[] = [];
  const seenServices = new Set<string>();
  const keys = new Map<string, string | null>();
  for (const line of text.split("\n")) {
    const saved = readSavedLine(line, keys);
    if (!saved || saved.service === null) continue;
    if (saved.command === "-A") {
      if (seenServices.has(saved.service)) continue;
      seenServices.add(saved.service);
      services.push({ key: saved.service, scheduler: saved.scheduler, persistence: saved.persistence, pmask: saved.pmask });
    } else if (saved.server !== null) {
      const server = splitAddressPort(saved.server);
      if (!server) continue;
      destinations.push({ service: saved.service, address: server.address, port: server.port, method: saved.method, weight: saved.weight });
    }
  }
  return { services, destinations };
}

/** The service key of a listing line (`TCP  10.0.0.1:80 wlc …`, `FWM  80 wrr`), or null. */
function listedService(line: string): string | null {
  const fwm = /^FWM\s+(\d+)(\s+IPv6)?(?:\s|$)/.exec(line);
  if (fwm) return `${fwm[2] ? "fwmark6" : "fwmark"}:${Number(fwm[1])}`;
  const svc = /^(TCP|UDP|SCTP)\s+(\S+)/.exec(line);
  return svc ? protocolKey(PROTOCOL_OF_LISTING.get(svc[1]!)!, svc[2]!) : null;
}

const COUNTERS = /\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

function counters(m: RegExpExecArray): TrafficCounters {
  return { conns: Number(m[1]), inPkts: Number(m[2]), outPkts: Number(m[3]), inBytes: Number(m[4]), outBytes: Number(m[5]) };
}

/** The counters of every service and destination in an `ipvsadm -L -n --stats --exact` listing. */
export function parseStats(text: string): IpvsStats {
  const services = new Map<string, TrafficCounters>();
  const destinations = new Map<string, TrafficCounters>();
  let service: string | null = null;
  for (const line of text.split("\n")) {
    const numbers = COUNTERS.exec(line);
    const dest = /^\s+->\s+(\S+)/.exec(line);
    if (dest) {
      const server = splitAddressPort(dest[1]!);
      if (service !== null && server && numbers) destinations.set(destinationKey(service, server.address, server.port), counters(numbers));
      continue;
    }
    if (!/^\S/.test(line)) continue;
    service = listedService(line);
    if (service !== null && numbers) services.set(service, counters(numbers));
  }
  return { services, destinations };
}

/** The sync daemons `ipvsadm -L --daemon` lists (`master sync daemon (mcast=eth0, syncid=1)`). */
export function parseDaemons(text: string): Array<"master" | "backup"> {
  const out: Array<"master" | "backup"> = [];
  for (const m of text.matchAll(/^(master|backup) sync daemon/gm)) out.push(m[1] as "master" | "backup");
  return out;
}

/** Connection counts of every destination in an `ipvsadm -L -n` listing. */
export function parseListing(text: string): DestinationConnections[] {
  const out: DestinationConnections[] = [];
  let service: string | null = null;
  for (const line of text.split("\n")) {
    const dest = /^\s+->\s+(\S+)\s+[A-Za-z]+\s+\d+\s+(\d+)\s+(\d+)/.exec(line);
    if (dest) {
      const server = splitAddressPort(dest[1]!);
      if (service !== null && server) out.push({ service, address: server.address, port: server.port, active: Number(dest[2]), inactive: Number(dest[3]) });
      continue;
    }
    if (/^\S/.test(line)) service = listedService(line);
  }
  return out;
}
