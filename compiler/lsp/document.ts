/**
 * An open lvs.cf document: its text, kept up to date edit by edit (LSP incremental sync), its
 * lines, its top-level segments each parsed on its own, and its lint findings, which after an
 * edit are worked out again only for the segments the edit touched.
 */
import type { SourceText } from "../../grammar/index.ts";
import type { LintOptions } from "../lint/engine.ts";
import type { Diagnostic } from "../lint/types.ts";
import { IncrementalLint } from "./incremental-lint.ts";
import { LineTable } from "./lines.ts";
import { offsetAt, positionAt } from "./positions.ts";
import type { Position, Range } from "./protocol.ts";
import { lastStartingBy, splitSegments, type Segment } from "./segments.ts";

/** An LSP content change: a range replaced by text, or (without a range) the whole text. */
export type ContentChange = { readonly range: Range; readonly text: string } | { readonly text: string };

export class LvsDocument {
  private current: string;
  private table: LineTable;
  private parts: Segment[];
  private linter: IncrementalLint;
  private findings: Diagnostic[] | null = null;

  constructor(text: string, options: LintOptions = {}) {
    this.current = text;
    this.table = new LineTable(text);
    this.parts = splitSegments(text, 0, 1);
    this.linter = new IncrementalLint(options);
  }

  get text(): string {
    return this.current;
  }

  get lines(): LineTable {
    return this.table;
  }

  get segments(): readonly Segment[] {
    return this.parts;
  }

  get lintOptions(): LintOptions {
    return this.linter.options;
  }

  /** How the last lint went: a segment at a time, or the whole text at once. */
  get lintMode(): "segments" | "whole" | null {
    return this.linter.lastMode;
  }

  /** Lints with other settings from now on (a changed .lvs-lint.json). */
  setLintOptions(options: LintOptions): void {
    this.linter = new IncrementalLint(options);
    this.findings = null;
  }

  offsetAt(position: Position): number {
    return offsetAt(this.table, position);
  }

  positionAt(offset: number): Position {
    return positionAt(this.table, offset);
  }

  /** A SourceText over the current text, valid until the next change. */
  source(): SourceText {
    return this.table.source();
  }

  /** The segment holding `offset` (the last one for the end of the text). */
  segmentAt(offset: number): Segment {
    return this.parts[this.indexAtOrBefore(offset)]!;
  }

  /** Applies LSP content changes in order. */
  update(changes: readonly ContentChange[]): void {
    for (const change of changes) {
      if ("range" in change) {
        const a = this.offsetAt(change.range.start);
        const b = this.offsetAt(change.range.end);
        this.replace(Math.min(a, b), Math.max(a, b), change.text);
      } else this.replace(0, this.current.length, change.text);
    }
  }

  /** Replaces `[from, to)` of the text with `inserted`. */
  replace(from: number, to: number, inserted: string): void {
    const old = this.current;
    const text = old.slice(0, from) + inserted + old.slice(to);
    const delta = inserted.length - (to - from);
    // Segment boundaries are opener lines: the lines from the one before the edit to the one it
    // ends in may change, so the segments holding them are split again, starting from a
    // boundary before the first of those lines.
    const firstLine = this.table.lineStart(this.table.lineOf(Math.max(0, from - 1)));
    const lastLine = this.table.lineStart(this.table.lineOf(to));
    const i = firstLine === 0 ? 0 : this.indexBefore(firstLine);
    const j = this.indexAtOrBefore(lastLine);
    const first = this.parts[i]!;
    const end = this.parts[j]!.end;
    this.table.update(text, from, to, inserted.length);
    this.linter.noteEdit(from, to, inserted, old.slice(from, to));
    const fresh = splitSegments(text.slice(first.start, end + delta), first.start, first.line);
    let oldBreaks = 0;
    for (let k = i; k <= j; k++) oldBreaks += this.parts[k]!.breaks;
    let newBreaks = 0;
    for (const s of fresh) newBreaks += s.breaks;
    const lineDelta = newBreaks - oldBreaks;
    for (let k = j + 1; k < this.parts.length; k++) {
      const s = this.parts[k]!;
      s.start += delta;
      s.line += lineDelta;
    }
    this.parts = this.parts.slice(0, i).concat(fresh, this.parts.slice(j + 1));
    this.current = text;
    this.findings = null;
  }

  /** The lint findings of the current text, exactly as `lintText` reports them. */
  diagnostics(): Diagnostic[] {
    this.findings ??= this.linter.lint(this.current, this.source(), this.parts);
    return this.findings;
  }

  /** Index of the last segment starting before `offset`. */
  private indexBefore(offset: number): number {
    return Math.max(0, this.indexAtOrBefore(offset - 1));
  }

  /** Index of the last segment starting at or before `offset` (the first when none does). */
  private indexAtOrBefore(offset: number): number {
    return Math.max(0, lastStartingBy(this.parts, offset));
  }
}
