/** Helpers shared by the semantic rules LVS2027–LVS2039. */
import { formatIPv4, prefixLength } from "../../model/values.ts";
import { ipv4 } from "./semantic-util.ts";

export { activeServers, hasActiveServer } from "./semantic-2014_2026-util.ts";

/** Schedulers that take the real servers' weights into account. */
export const WEIGHTED_SCHEDULERS: ReadonlySet<string> = new Set(["wrr", "wlc", "lblc", "lblcr"]);

/** `10.11.12.0/24` for an address and a contiguous mask (dotted quads). */
export function networkOf(address: string, mask: string): string {
  const a = ipv4(address)!;
  const m = ipv4(mask)!;
  return `${formatIPv4((a & m) >>> 0)}/${prefixLength(mask)}`;
}

/** A valid TCP or UDP port number. */
export function isPort(n: number): boolean {
  return n >= 1 && n <= 65535;
}
