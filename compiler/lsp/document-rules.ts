/**
 * The document-scoped rules (`RuleMeta.scope`), run at every change over the model put together
 * from all segments. A rule that declares what it reads (`RuleMeta.reads`) keeps its previous findings, moved
 * with the text, when the change touched none of the fields it reads.
 */
import type { SourceText } from "../../grammar/index.ts";
import { LintRun, type LintOptions } from "../lint/engine.ts";
import type { Diagnostic, Rule } from "../lint/types.ts";
import { modelOrigin, type ModelGlobal, type ModelServer, type ModelVirtual } from "../model/resolve.ts";
import type { Segment } from "./segments.ts";

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly delta: number;
}

interface Previous {
  /** What of the first segment the document rules read besides its virtual servers. */
  readonly globals: string;
  readonly virtuals: readonly ModelVirtual[];
  readonly findings: ReadonlyMap<string, Diagnostic[]>;
}

/**
 * Adds to `out` the fields whose value, or whether the file sets them, differ ("v:name" for a
 * virtual, "s:name" for a server); false when the real servers differ in number.
 */
function differences(before: ModelVirtual | ModelServer, after: ModelVirtual | ModelServer, prefix: string, out: Set<string>): boolean {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of Object.keys(b)) {
    if (key === "servers") {
      const sa = a[key] as ModelServer[];
      const sb = b[key] as ModelServer[];
      if (sa.length !== sb.length) return false;
      for (let i = 0; i < sb.length; i++) if (sa[i] !== sb[i] && !differences(sa[i]!, sb[i]!, "s:", out)) return false;
    } else if (a[key] !== b[key]) out.add(prefix + key);
  }
  const setBefore = modelOrigin(before).fields;
  const setAfter = modelOrigin(after).fields;
  for (const key of setBefore) if (!setAfter.includes(key)) out.add(prefix + key);
  for (const key of setAfter) if (!setBefore.includes(key)) out.add(prefix + key);
  return true;
}

/** What changed between two lists of virtual servers; null when blocks or real servers came or went. */
function changedFields(before: readonly ModelVirtual[], after: readonly ModelVirtual[]): Set<string> | null {
  if (before.length !== after.length) return null;
  const out = new Set<string>();
  for (let i = 0; i < after.length; i++) {
    if (before[i] !== after[i] && !differences(before[i]!, after[i]!, "v:", out)) return null;
  }
  return out;
}

/** Whether a rule reading `inputs` reads one of the `changed` fields. */
function readsAny(inputs: { readonly virtual: readonly string[]; readonly server: readonly string[] }, changed: ReadonlySet<string>): boolean {
  for (const f of changed) if ((f.startsWith("v:") ? inputs.virtual : inputs.server).includes(f.slice(2))) return true;
  return false;
}

/**
 * A range of the previous text in the current one; null when an edit touched it (the spans a
 * finding stands on may then have been read otherwise, not merely moved).
 */
function moveThrough(start: number, end: number, edits: readonly Edit[]): [number, number] | null {
  let a = start;
  let b = end;
  for (const e of edits) {
    if (b < e.from) continue;
    if (a <= e.to) return null;
    a += e.delta;
    b += e.delta;
  }
  return [a, b];
}

function moveFinding(d: Diagnostic, edits: readonly Edit[], source: SourceText): Diagnostic | null {
  const range = moveThrough(d.start, d.end, edits);
  if (!range) return null;
  const out: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { ...d, start: range[0], end: range[1] };
  if (d.fix) {
    const fix = moveThrough(d.fix.range[0], d.fix.range[1], edits);
    if (!fix) return null;
    out.fix = { range: fix, text: d.fix.text };
  }
  const s = source.position(range[0]);
  const e = source.position(range[1]);
  out.line = s.line;
  out.column = s.column;
  out.endLine = e.line;
  out.endColumn = e.column;
  return out;
}

export class DocumentRules {
  private previous: Previous | null = null;
  private edits: Edit[] = [];
  private linesMoved = false;

  constructor(
    private readonly rules: readonly Rule[],
    private readonly options: LintOptions,
  ) {}

  /** Takes note of an edit of the text: `[from, to)` replaced by `inserted`, which was `removed`. */
  noteEdit(from: number, to: number, inserted: string, removed: string): void {
    this.edits.push({ from, to, delta: inserted.length - (to - from) });
    if (/[\r\n]/.test(inserted) || /[\r\n]/.test(removed)) this.linesMoved = true;
  }

  /**
   * The findings over the model of all segments. `globals` stands for what the rules read of
   * the first segment besides its virtual servers (the global section, the keywords written).
   */
  findings(source: SourceText, segments: readonly Segment[], global: ModelGlobal, virtuals: ModelVirtual[], globals: string): Diagnostic[] {
    const previous = this.previous;
    const changed = previous && previous.globals === globals ? changedFields(previous.virtuals, virtuals) : null;
    const kept = new Map<string, Diagnostic[]>();
    const again: Rule[] = [];
    for (const rule of this.rules) {
      const inputs = rule.meta.reads;
      const before = previous?.findings.get(rule.meta.id);
      // Findings may name lines in their messages: when lines moved, they are worked out again.
      const untouched = inputs && before && changed && !readsAny(inputs, changed) && !(this.linesMoved && before.length > 0);
      const moved = untouched ? before.map((d) => moveFinding(d, this.edits, source)) : null;
      if (moved && moved.every((d) => d !== null)) kept.set(rule.meta.id, moved as Diagnostic[]);
      else again.push(rule);
    }
    const found = new Map<string, Diagnostic[]>(again.map((r) => [r.meta.id, []]));
    if (again.length > 0) {
      const run = new LintRun(source, { ...this.options, rules: again, model: { global, virtuals } });
      // The rules see the top-level items of the first two segments only (`RuleMeta.scope`).
      for (const s of segments.slice(0, 2)) run.visitTopLevel(s.items);
      const oddBlanks: Array<readonly [number, number]> = [];
      for (const s of segments) for (const [a, b] of s.oddBlanks) oddBlanks.push([a + s.start, b + s.start]);
      for (const d of run.findings({ oddBlanks }).findings) found.get(d.ruleId)!.push(d);
    }
    const all = new Map<string, Diagnostic[]>();
    const out: Diagnostic[] = [];
    for (const rule of this.rules) {
      const list = kept.get(rule.meta.id) ?? found.get(rule.meta.id)!;
      all.set(rule.meta.id, list);
      for (const d of list) out.push(d);
    }
    this.previous = { globals, virtuals, findings: all };
    this.edits = [];
    this.linesMoved = false;
    return out;
  }
}
