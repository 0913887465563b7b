/**
 * Lints a document a segment at a time, with the same result as `lintText` on its whole text.
 *
 * Each segment keeps the findings of the segment-scoped rules (`RuleMeta.scope`) and the model
 * of its virtual servers; a change re-reads only the segments it touched. At every change the
 * document-scoped rules run once over the model put together from all segments, disable
 * comments are placed over the whole document, and everything is sorted as a full lint sorts.
 * When the document is not shaped for this (a top-level statement after the first segment, a
 * block left open before the last one, a rule without a scope), the whole text is linted.
 */
import { Comment, parseChunks, type SourceText } from "../../grammar/index.ts";
import { DirectiveTracker } from "../lint/directives.ts";
import { LintRun, lintText, settleFindings, type LintOptions } from "../lint/engine.ts";
import { ALL_RULES } from "../lint/rules/index.ts";
import type { Diagnostic, Rule } from "../lint/types.ts";
import { modelOrigin, type LvsModel, type ModelGlobal, type ModelVirtual } from "../model/resolve.ts";
import { DocumentRules } from "./document-rules.ts";
import { followPlace } from "./live-spans.ts";
import { lastStartingBy, type Segment } from "./segments.ts";

/** What a segment contributes, offsets relative to its start. */
interface SegmentLint {
  /**
   * Findings of the segment-scoped rules. Null while they are known only from a run where
   * the segment's lines were numbered differently (their messages may name lines).
   */
  findings: Diagnostic[] | null;
  /** The segment's line when `findings` were computed. */
  line: number;
  /** Its `virtual` and `failover` blocks as the model reads them, spans following the segment. */
  readonly virtuals: ModelVirtual[];
  /** The first segment only: the global section. */
  readonly global: ModelGlobal | null;
}

interface RuleSets {
  readonly segment: Rule[];
  readonly document: Rule[];
}

/** The rules by their scope (`RuleMeta.scope`). */
function ruleSets(options: LintOptions): RuleSets {
  const segment: Rule[] = [];
  const document: Rule[] = [];
  for (const rule of options.rules ?? ALL_RULES) (rule.meta.scope === "segment" ? segment : document).push(rule);
  return { segment, document };
}

/** The document is shaped for linting a segment at a time. */
function segmentable(segments: readonly Segment[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (i > 0 && s.hasTopLevelStatement) return false;
    if (i < segments.length - 1 && s.hasOpenBlock) return false;
  }
  return true;
}

/** Runs `rules` over `text`: the findings in report order and the model. */
function runRules(text: string, options: LintOptions, rules: Rule[]): { findings: Diagnostic[]; model: LvsModel } {
  let run: LintRun | null = null;
  const runOptions = { ...options, rules };
  const facts = parseChunks(text, (chunk) => {
    run ??= new LintRun(chunk.source, runOptions);
    run.add(chunk.items, chunk.comments);
  });
  return (run ?? new LintRun(facts.source, runOptions)).findings(facts);
}

function moved(d: Diagnostic, by: number): Diagnostic {
  const out = { ...d, start: d.start + by, end: d.end + by };
  if (d.fix) out.fix = { range: [d.fix.range[0] + by, d.fix.range[1] + by], text: d.fix.text };
  return out;
}

/** A finding of a segment at its place in the document, with the document's lines and columns. */
function placed(d: Diagnostic, segment: Segment, source: SourceText): Diagnostic {
  const out = moved(d, segment.start);
  const s = source.position(out.start);
  const e = source.position(out.end);
  return { ...out, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** Stands for text that is not linted: the same length and line breaks, and no tokens. */
function blank(length: number, breaks: number): string {
  const filler = length - breaks;
  return (filler > 0 ? "#" + "x".repeat(filler - 1) : "") + "\n".repeat(breaks);
}

/** The global section: its values and which of them the file sets. */
function fingerprint(global: ModelGlobal): string {
  return JSON.stringify(global) + "|" + modelOrigin(global).fields.sort().join(",");
}

/** The global keywords the first segment writes, whether or not their values could be read. */
function writtenGlobals(first: Segment): string {
  const names = new Set<string>();
  for (const item of first.items) if (item.kind === "statement" && item.keyword?.level === "global") names.add(item.keyword.name);
  return [...names].sort().join(",");
}

/**
 * Past this many segments to lint, one run over the document with the others blanked out is
 * quicker than a run for each.
 */
const BATCH = 24;

export class IncrementalLint {
  private readonly rules: RuleSets;
  private readonly documentRules: DocumentRules;
  private cache = new WeakMap<Segment, SegmentLint>();
  /** The global section the cached segments were linted with. */
  private context = "";
  /** How the last lint went: a segment at a time, or the whole text at once. */
  lastMode: "segments" | "whole" | null = null;

  constructor(readonly options: LintOptions) {
    this.rules = ruleSets(options);
    this.documentRules = new DocumentRules(this.rules.document, options);
  }

  /** Takes note of an edit of the text: `[from, to)` replaced by `inserted`, which was `removed`. */
  noteEdit(from: number, to: number, inserted: string, removed: string): void {
    this.documentRules.noteEdit(from, to, inserted, removed);
  }

  /** The diagnostics of the document whose text is `text`, split into `segments`. */
  lint(text: string, source: SourceText, segments: readonly Segment[]): Diagnostic[] {
    const rules = this.rules;
    if (!segmentable(segments)) {
      this.lastMode = "whole";
      return lintText(text, this.options).diagnostics;
    }
    this.lastMode = "segments";
    const head = segments[0]!;
    const first = this.cache.get(head) ?? this.lintFirst(head, rules);
    const context = fingerprint(first.global!);
    if (context !== this.context) {
      this.cache = new WeakMap([[head, first]]);
      this.context = context;
    }
    const fresh = segments.filter((s, i) => i > 0 && !this.cache.has(s));
    if (fresh.length > BATCH) this.lintInPlace(segments, fresh, rules, true);
    else for (const s of fresh) this.lintAfterFirst(s, head, rules);
    const stale = segments.filter((s, i) => {
      const lint = this.cache.get(s)!;
      return i > 0 && (lint.findings === null || (lint.findings.length > 0 && lint.line !== s.line));
    });
    if (stale.length > 0) this.lintInPlace(segments, stale, rules, false);

    const raw: Diagnostic[] = [];
    const virtuals: ModelVirtual[] = [];
    for (const s of segments) {
      const lint = this.cache.get(s)!;
      for (const d of lint.findings!) raw.push(placed(d, s, source));
      for (const v of lint.virtuals) virtuals.push(v);
    }
    const globals = `${context}|${writtenGlobals(head)}`;
    for (const d of this.documentRules!.findings(source, segments, first.global!, virtuals, globals)) raw.push(d);
    return settleFindings(raw, this.disableComments(source, segments), source, this.options);
  }

  /** The first segment, linted alone: it stands at the start of the document. */
  private lintFirst(segment: Segment, rules: RuleSets): SegmentLint {
    const { findings, model } = runRules(segment.text, this.options, rules.segment);
    followPlace(model.virtuals, segment, 0, 1);
    const lint: SegmentLint = { findings, line: 1, virtuals: model.virtuals, global: model.global };
    this.cache.set(segment, lint);
    return lint;
  }

  /**
   * A segment linted right after the first one. Its lines are numbered differently there, so
   * findings it has are worked out again where it stands (their messages may name lines).
   */
  private lintAfterFirst(segment: Segment, first: Segment, rules: RuleSets): void {
    const offset = first.text.length;
    const { findings, model } = runRules(first.text + segment.text, this.options, rules.segment);
    const virtuals = model.virtuals.filter((v) => modelOrigin(v).opener!.start >= offset);
    followPlace(virtuals, segment, offset, first.breaks + 1);
    const clean = !findings.some((d) => d.start >= offset);
    this.cache.set(segment, { findings: clean ? [] : null, line: segment.line, virtuals, global: null });
  }

  /**
   * Lints `targets` where they stand: the document with every other segment but the first
   * blanked out, so that offsets and line numbers are the document's. With `withModel`, they
   * are new and their model is read too.
   */
  private lintInPlace(segments: readonly Segment[], targets: readonly Segment[], rules: RuleSets, withModel: boolean): void {
    const wanted = new Set(targets);
    const parts = [segments[0]!.text];
    let gap = 0;
    let gapBreaks = 0;
    for (let i = 1; i < segments.length; i++) {
      const s = segments[i]!;
      if (!wanted.has(s)) {
        gap += s.text.length;
        gapBreaks += s.breaks;
        continue;
      }
      if (gap > 0) parts.push(blank(gap, gapBreaks));
      parts.push(s.text);
      gap = gapBreaks = 0;
    }
    if (gap > 0) parts.push(blank(gap, gapBreaks));
    const { findings, model } = runRules(parts.join(""), this.options, rules.segment);
    const last = segments[segments.length - 1];
    const owner = (offset: number): Segment | undefined => {
      const s = targets[lastStartingBy(targets, offset)];
      return s && (offset < s.end || s === last) ? s : undefined;
    };
    const found = new Map<Segment, Diagnostic[]>(targets.map((s) => [s, []]));
    for (const d of findings) {
      const s = owner(d.start);
      if (s) found.get(s)!.push(moved(d, -s.start));
    }
    const read = new Map<Segment, ModelVirtual[]>(targets.map((s) => [s, []]));
    if (withModel) {
      for (const v of model.virtuals) {
        const s = owner(modelOrigin(v).opener!.start);
        if (s) read.get(s)!.push(v);
      }
    }
    for (const s of targets) {
      if (withModel) {
        followPlace(read.get(s)!, s, s.start, s.line);
        this.cache.set(s, { findings: found.get(s)!, line: s.line, virtuals: read.get(s)!, global: null });
      } else {
        const lint = this.cache.get(s)!;
        lint.findings = found.get(s)!;
        lint.line = s.line;
      }
    }
  }

  /** The disable comments of the whole document, each placed on the node after it. */
  private disableComments(source: SourceText, segments: readonly Segment[]) {
    const tracker = new DirectiveTracker(source.text.length);
    for (const s of segments) {
      if (s.disableComments.length > 0) tracker.comments(s.disableComments.map((c) => new Comment(source, c.start + s.start, c.end + s.start, false)));
      for (const t of s.disableTargets) tracker.target({ start: t.start + s.start, end: t.end + s.start });
    }
    return tracker.finish();
  }
}
