/** Helpers of the rules LVS2001–LVS2013 (firewall-mark groups, routers, VIP devices, real servers). */
import type { TopItem } from "../../../grammar/index.ts";
import { startedVirtuals } from "../../model/plan.ts";
import { formatIPv4, maskPrefix } from "../../model/values.ts";
import type { LvsModel, ModelServer, ModelVirtual, SourceSpan } from "../../model/resolve.ts";
import { fieldSpan, fwmarkGroups, ipv4, openerSpan } from "./semantic-util.ts";

/** Groups of two or more started virtuals sharing a firewall mark, first member first. */
export function sharedMarks(model: LvsModel): Array<[number, ModelVirtual[]]> {
  return [...fwmarkGroups(startedVirtuals(model))].filter(([, g]) => g.length > 1);
}

/** The line of a virtual's or server's opener, for "(line N)" in messages. */
export function lineOf(obj: ModelVirtual | ModelServer): number {
  return openerSpan(obj).line;
}

export { isSet } from "./semantic-util.ts";

/** A span's statement, or `fallback` when the file did not set the field. */
export function spanOr(obj: Parameters<typeof fieldSpan>[0], field: string, fallback: SourceSpan): SourceSpan {
  return fieldSpan(obj, field) ?? fallback;
}

/** Persistence as lvsd passes it to ipvsadm: `-p` only when positive, `-M` only then and when non-zero. */
export function persistenceOf(v: ModelVirtual): { timeout: number; pmask: string | null } {
  if (v.persistent <= 0) return { timeout: 0, pmask: null };
  return { timeout: v.persistent, pmask: v.pmask === "0.0.0.0" ? null : v.pmask };
}

export function describePersistence(v: ModelVirtual): string {
  const p = persistenceOf(v);
  if (p.timeout === 0) return "no persistence";
  return `persistent ${p.timeout}${p.pmask ? ` with pmask ${p.pmask}` : ""}`;
}

/** Addresses of the active real servers of a virtual, in file order, without repeats. */
export function activeServerAddresses(v: ModelVirtual): string[] {
  return [...new Set(v.servers.filter((s) => s.active === 1).map((s) => s.address))];
}

/** A network learnt from the file: a netmask given with an address. Its words are made only for a message. */
export class KnownNetwork {
  constructor(
    readonly network: number,
    readonly mask: number,
    private readonly prefix: number,
    private readonly origin: () => string,
  ) {}
  /** `10.0.0.0/24`. */
  get text(): string {
    return `${formatIPv4(this.network)}/${this.prefix}`;
  }
  /** Where it comes from, for messages: "the `vip_nmask` of `virtual web` on line 20". */
  get from(): string {
    return this.origin();
  }
}

/**
 * A network from an address and its netmask, when the mask describes one: contiguous and
 * between /1 and /30 (0.0.0.0 leaves the mask to ifconfig; /31 and /32 name single hosts).
 */
export function networkOf(address: string, mask: string, from: () => string): KnownNetwork | null {
  const a = ipv4(address);
  const m = ipv4(mask);
  const len = m === null ? null : maskPrefix(m);
  if (a === null || m === null || len === null || len < 1 || len > 30) return null;
  return new KnownNetwork((a & m) >>> 0, m, len, from);
}

/** Whether an address (as `ipv4` reads it) lies in `net`; null for host names. */
export function inNetwork(net: KnownNetwork, address: number | null): boolean | null {
  return address === null ? null : ((address & net.mask) >>> 0) === net.network;
}

/**
 * The networks the file tells: the `vip_nmask` of each started VIP and, with NAT, the
 * `nat_nmask` of the NAT router address.
 */
export function knownNetworks(model: LvsModel, label: (v: ModelVirtual) => string): KnownNetwork[] {
  const out: KnownNetwork[] = [];
  for (const v of startedVirtuals(model)) {
    const n = networkOf(v.address, v.vip_nmask, () => `the \`vip_nmask\` of ${label(v)} on line ${fieldSpan(v, "vip_nmask")?.line ?? lineOf(v)}`);
    if (n) out.push(n);
  }
  const g = model.global;
  if (g.service !== "fos" && g.network === "nat" && g.nat_router) {
    const n = networkOf(g.nat_router.address, g.nat_nmask, () => `\`nat_router\` and \`nat_nmask\` on line ${fieldSpan(g, "nat_nmask")?.line ?? 1}`);
    if (n) out.push(n);
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The global keywords the file writes, whether or not their values can be read: a value the
 * model had to skip is LVS1010's finding, and must not read as a missing setting here.
 */
export function writtenGlobals(): { topLevel(item: TopItem): void; has(name: string): boolean } {
  const names = new Set<string>();
  return {
    topLevel(item) {
      if (item.kind === "statement" && item.keyword && item.keyword.level === "global") names.add(item.keyword.name);
    },
    has: (name) => names.has(name),
  };
}
