/**
 * `# lvs-lint disable=LVS1003[,inline-comment…] -- reason` on a line of its own silences the
 * named rules for the next statement, block or closing `}` line, or for the whole file when it
 * comes before the first statement.
 */
import type { Comment } from "../../grammar/index.ts";
import type { Diagnostic, Report } from "./types.ts";

const DIRECTIVE = /^#\s*lvs-lint\s+disable\s*=\s*([^\s].*?)\s*(?:--\s*(.*))?$/;

export interface Directive {
  readonly start: number;
  readonly end: number;
  /** Rule ids or aliases as written. */
  readonly names: string[];
  /** The offsets it covers; null until its target is known. */
  scope: readonly [number, number] | null;
  readonly used: Set<string>;
}

/**
 * Finds the directives among comments and gives each its scope as the walk reaches the lines
 * after it: `target` is called for every statement, block and `}` line in file order.
 */
export class DirectiveTracker {
  readonly directives: Directive[] = [];
  private pending: Directive[] = [];
  private seenTarget = false;

  constructor(private readonly textLength: number) {}

  comments(comments: readonly Comment[]): void {
    for (const c of comments) {
      if (c.inline || !c.text.includes("lvs-lint")) continue;
      const m = DIRECTIVE.exec(c.text);
      if (!m) continue;
      const names = m[1]!.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
      const d: Directive = { start: c.start, end: c.end, names, scope: null, used: new Set() };
      this.directives.push(d);
      this.pending.push(d);
    }
  }

  target(node: { readonly start: number; readonly end: number }): void {
    if (this.pending.length > 0) {
      const still: Directive[] = [];
      for (const d of this.pending) {
        if (d.end > node.start) still.push(d);
        else d.scope = this.seenTarget ? [node.start, node.end] : [0, this.textLength];
      }
      this.pending = still;
    }
    this.seenTarget = true;
  }

  finish(): Directive[] {
    for (const d of this.pending) d.scope = this.seenTarget ? [d.end, d.end] : [0, this.textLength];
    this.pending = [];
    return this.directives;
  }
}

/** Drops the diagnostics a directive covers and records which directive names were used. */
export function applyDirectives(diagnostics: Diagnostic[], directives: readonly Directive[], unsilenced: (d: Diagnostic) => boolean = () => false): Diagnostic[] {
  if (directives.length === 0) return diagnostics;
  return diagnostics.filter((d) => {
    for (const dir of directives) {
      if (!dir.scope || d.start < dir.scope[0] || d.start > dir.scope[1]) continue;
      const name = dir.names.find((n) => n === d.ruleId || n === d.alias);
      if (name !== undefined) {
        dir.used.add(name);
        return unsilenced(d);
      }
    }
    return true;
  });
}

/** Findings for directive names that match no rule or silenced nothing. */
export function unusedDirectiveReports(directives: readonly Directive[], known: (name: string) => boolean): Report[] {
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
