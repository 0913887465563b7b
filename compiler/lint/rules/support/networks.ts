/** Address arithmetic for the rules: IPv4 numbers, networks, alias devices, ports. */
import { startedVirtuals } from "../../../model/lvsd.ts";
import type { LvsModel, ModelVirtual } from "../../../model/resolve.ts";
import { formatIPv4, inetAton, maskPrefix } from "../../../model/values.ts";
import { fieldSpan } from "./fields.ts";
import { lineOf } from "./messages.ts";

/** An IPv4 address as an unsigned 32-bit number; null for host names and garbage. */
export function ipv4(address: string): number | null {
  return /^\d+\.\d+\.\d+\.\d+$/.test(address) ? inetAton(address) : null;
}

/** Whether two addresses lie in one network under `mask` (all dotted quads). */
export function sameNetwork(a: string, b: string, mask: string): boolean {
  const x = ipv4(a);
  const y = ipv4(b);
  const m = ipv4(mask);
  if (x === null || y === null || m === null) return false;
  return ((x & m) >>> 0) === ((y & m) >>> 0);
}

/** `eth0:1` is an alias label; `eth0` is a base device. */
export function isAliasDevice(device: string): boolean {
  return /^[^:]+:[^:]+$/.test(device);
}

/** A valid TCP or UDP port number. */
export function isPort(n: number): boolean {
  return n >= 1 && n <= 65535;
}

/** An IPv4 network: its address and mask as numbers, and its prefix length. */
export class Network {
  constructor(
    readonly network: number,
    readonly mask: number,
    readonly prefix: number,
  ) {}
  /** `10.0.0.0/24`. */
  get text(): string {
    return `${formatIPv4(this.network)}/${this.prefix}`;
  }
  /** Whether an address (as `ipv4` reads it) lies here; null for host names. */
  holds(address: number | null): boolean | null {
    return address === null ? null : ((address & this.mask) >>> 0) === this.network;
  }
}

/** The network of an address under a contiguous mask (dotted quads); null otherwise. */
export function networkOf(address: string, mask: string): Network | null {
  const a = ipv4(address);
  const m = ipv4(mask);
  const prefix = m === null ? null : maskPrefix(m);
  if (a === null || m === null || prefix === null) return null;
  return new Network((a & m) >>> 0, m, prefix);
}

/** A network the file tells, and where it tells it (made into words only for a message). */
export interface KnownNetwork {
  readonly net: Network;
  /** "the `vip_nmask` of `virtual web` on line 20". */
  from(): string;
}

/** A known network from an address and a mask that describes one: /1 to /30 (0.0.0.0 leaves it to ifconfig; /31 and /32 name hosts). */
function known(address: string, mask: string, from: () => string): KnownNetwork | null {
  const net = networkOf(address, mask);
  return net && net.prefix >= 1 && net.prefix <= 30 ? { net, from } : null;
}

/**
 * The networks the file tells: the `vip_nmask` of each started VIP and, with NAT, the
 * `nat_nmask` of the NAT router address.
 */
export function knownNetworks(model: LvsModel, label: (v: ModelVirtual) => string): KnownNetwork[] {
  const out: KnownNetwork[] = [];
  for (const v of startedVirtuals(model)) {
    const n = known(v.address, v.vip_nmask, () => `the \`vip_nmask\` of ${label(v)} on line ${fieldSpan(v, "vip_nmask")?.line ?? lineOf(v)}`);
    if (n) out.push(n);
  }
  const g = model.global;
  if (g.service !== "fos" && g.network === "nat" && g.nat_router) {
    const n = known(g.nat_router.address, g.nat_nmask, () => `\`nat_router\` and \`nat_nmask\` on line ${fieldSpan(g, "nat_nmask")?.line ?? 1}`);
    if (n) out.push(n);
  }
  return out;
}
