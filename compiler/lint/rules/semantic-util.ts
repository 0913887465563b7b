/**
 * Helpers for the rules that judge the resolved configuration (LVS2xxx): where a model field
 * was set, address arithmetic, the groups lvsd forms.
 */
import { inetAton } from "../../model/values.ts";
import { modelOrigin, type LvsModel, type ModelGlobal, type ModelServer, type ModelVirtual, type SourceSpan } from "../../model/resolve.ts";
import type { Report } from "../types.ts";

type ModelObject = ModelGlobal | ModelVirtual | ModelServer;

/** The span of the statement that set `field` of a model object, if the file set it. */
export function fieldSpan(obj: ModelObject, field: string): SourceSpan | undefined {
  return modelOrigin(obj).span(field);
}

/** Where the statement that set `field` starts, if the file set it (for ordering, without a span). */
export function fieldStart(obj: ModelObject, field: string): number | undefined {
  return modelOrigin(obj).startOf(field);
}

/** Whether the file set `field` of a virtual, server or the global section. */
export function isSet(obj: ModelObject, field: string): boolean {
  return modelOrigin(obj).has(field);
}

/** The opener line of a virtual or server block (`virtual NAME {`). */
export function openerSpan(obj: ModelVirtual | ModelServer): SourceSpan {
  return modelOrigin(obj).opener!;
}

/** Where to report something about `field` of `obj`: its statement, else the block's opener, else the start of the file. */
export function spanFor(obj: ModelObject, field: string): SourceSpan {
  return fieldSpan(obj, field) ?? modelOrigin(obj).opener ?? { start: 0, end: 0, line: 1 };
}

/** A report at a span. */
export function at(span: SourceSpan, message: string, extra: Partial<Report> = {}): Report {
  return { start: span.start, end: span.end, message, ...extra };
}

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

/** Virtuals sharing each non-zero firewall mark, in file order. */
export function fwmarkGroups(virtuals: readonly ModelVirtual[]): Map<number, ModelVirtual[]> {
  const groups = new Map<number, ModelVirtual[]>();
  for (const v of virtuals) {
    if (v.fwmark === 0) continue;
    const g = groups.get(v.fwmark);
    if (g) g.push(v);
    else groups.set(v.fwmark, [v]);
  }
  return groups;
}

/** `virtual NAME` (or `server NAME`) for messages. */
export function label(obj: ModelVirtual | ModelServer): string {
  const kind = "block" in obj && typeof obj.block === "string" ? obj.block : "server";
  return obj.name === null ? `this ${kind}` : `\`${kind} ${obj.name}\``;
}
