/** How findings name things: blocks, lines, lists, persistence, and did-you-mean distances. */
import { Block } from "../../../../grammar/index.ts";
import { persistenceOf } from "../../../model/lvsd.ts";
import type { ModelServer, ModelVirtual } from "../../../model/resolve.ts";
import { openerSpan } from "./fields.ts";

/**
 * `virtual NAME` (or `server NAME`, `failover NAME`) for messages, from the syntax tree or the
 * resolved configuration. A nameless block reads as its keyword, a nameless model object as
 * "this virtual".
 */
export function label(of: Block | ModelVirtual | ModelServer): string {
  if (of instanceof Block) {
    const name = of.names[0]?.value;
    return name === undefined ? `\`${of.blockType}\`` : `\`${of.blockType} ${name}\``;
  }
  const kind = "block" in of && typeof of.block === "string" ? of.block : "server";
  return of.name === null ? `this ${kind}` : `\`${kind} ${of.name}\``;
}

/** The line of a virtual's or server's opener, for "(line N)" in messages. */
export function lineOf(obj: ModelVirtual | ModelServer): number {
  return openerSpan(obj).line;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function describePersistence(v: ModelVirtual): string {
  const p = persistenceOf(v);
  if (p.timeout === null) return "no persistence";
  return `persistent ${p.timeout}${p.pmask ? ` with pmask ${p.pmask}` : ""}`;
}

/** Edit distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
