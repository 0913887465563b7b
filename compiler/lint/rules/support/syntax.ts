/** What the rules ask of the syntax tree: keywords as written, levels, indentation, counts. */
import type { Block, Keyword, Level, Statement, TopItem } from "../../../../grammar/index.ts";

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

/** Leading blanks of the line starting at `lineStart`. */
export function indentAt(text: string, lineStart: number): string {
  let i = lineStart;
  while (text[i] === " " || text[i] === "\t") i++;
  return text.slice(lineStart, i);
}

/**
 * Whether the file has a top-level item (a statement, a block or a stray line). The language
 * server shows a document rule the items of its first two segments only, which settles it.
 */
export class AnyTopLevel {
  seen = false;
  readonly visit = (): void => {
    this.seen = true;
  };
}

/** The same visitor for the statements of each keyword named (a `keywords` visitor). */
export function forKeywords(names: Iterable<string>, visit: (stmt: Statement, parent: Block | null) => void): Record<string, typeof visit> {
  const out: Record<string, typeof visit> = {};
  for (const name of names) out[name] = visit;
  return out;
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
