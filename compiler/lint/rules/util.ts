/** Small helpers shared by the rules. */
import type { Block, Keyword, Level, Statement } from "../../../grammar/index.ts";

export const LEVEL_NAMES: Record<Level, string> = {
  global: "at top level",
  virtual: "inside a virtual or failover block",
  server: "inside a server block",
};

/** The keyword a statement sets, spelled exactly as Piranha wants it; undefined otherwise. */
export function exactKeyword(stmt: Statement): Keyword | undefined {
  return stmt.keywordExact && stmt.keyword ? stmt.keyword : undefined;
}

/** The keyword (any letter case) of a `key = value` statement with at least one value; null otherwise. */
export function assignedKeyword(stmt: Statement): Keyword | null {
  const kw = stmt.keyword;
  return kw && stmt.values.length > 0 && stmt.equalsAt >= 0 && kw.kind !== "block" ? kw : null;
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

/** `virtual NAME` / `server NAME` as it reads in a message. */
export function blockLabel(block: Block): string {
  const name = block.names[0]?.value;
  return name === undefined ? `\`${block.blockType}\`` : `\`${block.blockType} ${name}\``;
}

/** Leading blanks of the line holding `offset`. */
export function indentAt(text: string, lineStart: number): string {
  let i = lineStart;
  while (text[i] === " " || text[i] === "\t") i++;
  return text.slice(lineStart, i);
}

/** Counts the statements, blocks and stray lines at the top level as the walk passes them. */
export class TopLevelCount {
  count = 0;
  readonly visit = (): void => {
    this.count++;
  };
}

/** The same visitor for the statements of each keyword named (a `keywords` visitor). */
export function forKeywords(names: Iterable<string>, visit: (stmt: Statement, parent: Block | null) => void): Record<string, typeof visit> {
  const out: Record<string, typeof visit> = {};
  for (const name of names) out[name] = visit;
  return out;
}
