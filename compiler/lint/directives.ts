/**
 * `# lvs-lint disable=LVS1003[,inline-comment…] -- reason` on a line of its own silences the
 * named rules for the next statement, block or closing `}` line, or for the whole file when it
 * comes before the first statement.
 */
import type { BlockItem, LvsFile, TopItem } from "../../grammar/index.ts";
import type { Diagnostic, Report } from "./types.ts";

const DIRECTIVE = /^#\s*lvs-lint\s+disable\s*=\s*([^\s].*?)\s*(?:--\s*(.*))?$/;

export interface Directive {
  readonly start: number;
  readonly end: number;
  /** Rule ids or aliases as written. */
  readonly names: string[];
  /** The offsets it covers. */
  readonly scope: readonly [number, number];
  readonly used: Set<string>;
}

export function findDirectives(file: LvsFile): Directive[] {
  const out: Directive[] = [];
  const found = file.comments.filter((c) => !c.inline && c.text.includes("lvs-lint"));
  if (found.length === 0) return out;
  const items = file.items;
  const firstStart = items.length > 0 ? items[0]!.start : Infinity;
  // Every line a directive can stand before, in file order: statements, blocks and the `}` that
  // closes a block (so that a directive before a `}` covers that line, not whatever follows it).
  const nested: Array<{ readonly start: number; readonly end: number }> = [];
  const flatten = (list: ReadonlyArray<TopItem | BlockItem>): void => {
    for (const i of list) {
      nested.push(i);
      if (i.kind !== "block") continue;
      flatten(i.items);
      if (i.close) nested.push(i.close);
    }
  };
  flatten(items);
  for (const c of found) {
    const m = DIRECTIVE.exec(c.text.trimEnd());
    if (!m) continue;
    const names = m[1]!.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    let scope: readonly [number, number];
    if (c.start < firstStart) scope = [0, file.end];
    else {
      const next = nested.find((n) => n.start > c.end);
      scope = next ? [next.start, next.end] : [c.end, c.end];
    }
    out.push({ start: c.start, end: c.end, names, scope, used: new Set() });
  }
  return out;
}

/** Drops the diagnostics a directive covers and records which directive names were used. */
export function applyDirectives(diagnostics: Diagnostic[], directives: Directive[]): Diagnostic[] {
  if (directives.length === 0) return diagnostics;
  return diagnostics.filter((d) => {
    for (const dir of directives) {
      if (d.start < dir.scope[0] || d.start > dir.scope[1]) continue;
      const name = dir.names.find((n) => n === d.ruleId || n === d.alias);
      if (name !== undefined) {
        dir.used.add(name);
        return false;
      }
    }
    return true;
  });
}

/** Findings for directive names that match no rule or silenced nothing. */
export function unusedDirectiveReports(directives: Directive[], known: (name: string) => boolean): Report[] {
  const out: Report[] = [];
  for (const dir of directives) {
    for (const name of dir.names) {
      if (!known(name)) out.push({ start: dir.start, end: dir.end, message: `\`${name}\` in this disable comment names no rule.` });
      else if (!dir.used.has(name))
        out.push({ start: dir.start, end: dir.end, message: `This disable comment silences nothing: no ${name} finding where it applies. Remove it.` });
    }
  }
  return out;
}
