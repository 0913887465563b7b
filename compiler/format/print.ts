/**
 * The lvs.cf formatter: prints a file from its syntax tree in the layout Piranha's GUI writes
 * (globals first, bodies at 5 spaces, server bodies at 9), repairing what can be repaired without
 * changing what Piranha reads. Pure: text in, text out.
 */
import { parseChunks, type Block, type Chunk, type TextFacts, type BlockItem, type Comment, type SourceText, type Statement, type Stray, type TopItem, type Word } from "../../grammar/index.ts";

export interface FormatOptions {
  /** "gui" (default): 5 spaces for a body, 4 more per deeper level; N: N spaces per level. */
  readonly indent?: number | "gui";
}

type Item = TopItem | BlockItem;

/** Own-line comments before an item, each with whether a blank line precedes it. */
type Leading = ReadonlyArray<{ comment: Comment; blank: boolean }>;

export function isIgnoreComment(c: Comment): boolean {
  return /^#\s*prettier-ignore\s*$/.test(c.text.trim());
}

/** Two or more line breaks between two offsets: a blank line stood there. */
export function blankBetween(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks >= 2;
}

/**
 * Output lines: those of the top-level items being printed, and the earlier ones already joined
 * (a few long strings keep less for the collector to trace than a line each). Lines that stand
 * in the file as printed, one after another, are held as one run of the file's text: a file
 * already in the layout is printed as a few slices of itself.
 */
class Lines {
  /** Since the last flush: lines, and runs of the file's lines each taken as one string. */
  private lines: string[] = [];
  /** How many lines were printed since the last flush, the open run's included. */
  count = 0;
  /** The open run: the file's text from `runFrom` to `runTo`; -1 when none is open. */
  private runFrom = -1;
  private runTo = -1;
  private readonly joined: string[] = [];
  private lastJoined: string | null = null;
  /** A blank line was asked for before anything was printed here (decided when joining). */
  blankFirst = false;

  constructor(private readonly text: string) {}

  /** Whether nothing was printed here. */
  get empty(): boolean {
    return this.count === 0 && this.lastJoined === null;
  }

  /** Whether the last line printed is blank. */
  get endsBlank(): boolean {
    if (this.runFrom >= 0) return false;
    return (this.lines.length ? this.lines[this.lines.length - 1] : this.lastJoined) === "";
  }

  push(line: string): void {
    this.closeRun();
    this.lines.push(line);
    this.count++;
  }

  /** The file's text from `from` to `to`, a line that stands there as printed (a line break before it). */
  pushFromText(from: number, to: number): void {
    if (this.runFrom >= 0 && from === this.runTo + 1) this.runTo = to;
    else {
      this.closeRun();
      this.runFrom = from;
      this.runTo = to;
    }
    this.count++;
  }

  /** Drops the blank lines printed last, keeping at least `keep` lines. */
  dropFinalBlanks(keep: number): void {
    while (this.count > keep && this.endsBlank) {
      this.lines.pop();
      this.count--;
    }
  }

  /** Joins the lines printed so far; call between top-level items only. */
  flush(): void {
    this.closeRun();
    if (!this.lines.length) return;
    this.lastJoined = this.lines[this.lines.length - 1]!;
    this.joined.push(this.lines.length === 1 ? this.lines[0]! : this.lines.join("\n"));
    this.lines = [];
    this.count = 0;
  }

  private closeRun(): void {
    if (this.runFrom < 0) return;
    this.lines.push(this.text.slice(this.runFrom, this.runTo));
    this.runFrom = -1;
  }

  /** Everything printed, lines joined by LF, without a final line break, in pieces. */
  pieces(): string[] {
    this.flush();
    const out: string[] = [];
    for (let i = 0; i < this.joined.length; i++) {
      if (i > 0) out.push("\n");
      out.push(this.joined[i]!);
    }
    withoutFinalBreaks(out);
    return out;
  }
}

/** The leading comments of an item that has none. */
const NO_COMMENTS: Leading = Object.freeze([]);

/**
 * Prints a file a run of top-level items at a time (the runs `parseChunks` gives), so that only
 * the output is held whole. Globals go to one buffer and everything else to another: the
 * layout puts every `key = value` global first.
 */
class Printer {
  /** Own-line comments not yet printed, in order. */
  private pending: Comment[] = [];
  private ci = 0;
  /** Where the previous top-level item (or comment) ended. */
  private prevEnd = 0;
  private readonly globals: Lines;
  private readonly rest: Lines;
  private readonly text: string;
  /** Each depth's `}` line, made once. */
  private readonly closes: string[] = [];

  constructor(
    source: SourceText,
    private readonly indentOf: (depth: number) => string,
  ) {
    this.text = source.text;
    this.globals = new Lines(source.text);
    this.rest = new Lines(source.text);
  }

  /** The next top-level items, with the comments among them. */
  add(items: readonly TopItem[], comments: readonly Comment[]): void {
    if (comments.length > 0) this.keepOwnLine(items, comments);
    for (const item of items) {
      const leading = this.takeComments(item.start);
      this.item(isGlobalItem(item) ? this.globals : this.rest, item, leading, 0, 0, Infinity);
      this.prevEnd = item.end;
    }
    this.globals.flush();
    this.rest.flush();
  }

  /** Queues the comments of `items` that stand on their own line (those after an item go with it). */
  private keepOwnLine(items: readonly TopItem[], comments: readonly Comment[]): void {
    const attached = new Set<Comment>();
    const visit = (list: readonly Item[]): void => {
      for (const item of list) {
        if (item.comment) attached.add(item.comment);
        if (item.kind === "block") {
          if (item.close?.comment) attached.add(item.close.comment);
          visit(item.items);
        }
      }
    };
    visit(items);
    if (this.ci === this.pending.length) {
      this.pending = [];
      this.ci = 0;
    }
    for (const c of comments) if (!attached.has(c)) this.pending.push(c);
  }

  /** The whole output, in pieces to be joined or encoded one after another. */
  finish(): string[] {
    const trailing = this.takeComments(Infinity);
    this.ownLineComments(this.rest, trailing, 0, 0);
    const globals = this.globals.pieces();
    const rest = this.rest.pieces();
    if (!globals.length || !rest.length) return globals.length || rest.length ? [...globals, ...rest, "\n"] : [];
    return [...globals, this.rest.blankFirst ? "\n\n" : "\n", ...rest, "\n"];
  }

  /** The own-line comments that stand before `before`, each with whether a blank line precedes it. */
  private takeComments(before: number): Leading {
    if (this.ci === this.pending.length || this.pending[this.ci]!.start >= before) return NO_COMMENTS;
    const out: Array<{ comment: Comment; blank: boolean }> = [];
    while (this.ci < this.pending.length && this.pending[this.ci]!.start < before) {
      const c = this.pending[this.ci++]!;
      out.push({ comment: c, blank: blankBetween(this.text, this.prevEnd, c.start) });
      this.prevEnd = c.end;
    }
    return out;
  }

  private emit(out: Lines, depth: number, line: string): void {
    out.push(line === "" ? "" : this.indentOf(depth) + line);
  }

  /** A blank line, unless nothing was printed in this container yet or one is there already. */
  private blank(out: Lines, containerStart: number): void {
    // A top-level container (start 0) began with the file; a block body within the lines held.
    const printed = containerStart === 0 ? !out.empty : out.count > containerStart;
    if (printed) {
      if (!out.endsBlank) out.push("");
    } else if (out === this.rest && containerStart === 0) {
      out.blankFirst = true;
    }
  }

  private comment(out: Lines, depth: number, c: Comment): void {
    this.emit(out, depth, c.text.trimEnd());
  }

  private verbatim(out: Lines, depth: number, item: Item): void {
    const raw = this.text.slice(item.start, item.end).replace(/\r\n?/g, "\n");
    const [first, ...rest] = raw.split("\n");
    this.emit(out, depth, first!);
    for (const l of rest) out.push(l);
  }

  /**
   * An item with its leading comments, in a container whose lines start at `containerStart`;
   * a block's body takes the comments that stand before `limit` (the block's `}`, or the next
   * item's start when it has none).
   */
  private item(out: Lines, item: Item, leading: Leading, depth: number, containerStart: number, limit: number): void {
    // Most lines: a statement on the line after the previous item's, as printed, no comments.
    if (item.kind === "statement" && leading.length === 0 && item.comment === null) {
      const from = this.lineStart(item.start, depth);
      // Right after the previous item's line: no blank line and no comment between them.
      if (from > 0 && this.prevEnd === from - 1) {
        const end = printedEnd(this.text, item);
        if (end >= 0) return out.pushFromText(from, end);
      }
    }
    const blank = blankBetween(this.text, this.prevEnd, item.start);
    this.ownLineComments(out, leading, depth, containerStart);
    if (blank) this.blank(out, containerStart);
    const last = leading[leading.length - 1];
    if (last !== undefined && isIgnoreComment(last.comment)) {
      while (this.ci < this.pending.length && this.pending[this.ci]!.start < item.end) this.ci++;
      this.verbatim(out, depth, item);
      return;
    }
    if (item.comment) this.comment(out, depth, item.comment);
    if (item.kind === "statement") {
      if (!this.asWritten(out, item.start, printedEnd(this.text, item), depth)) out.push(this.indentOf(depth) + statementLine(item));
    } else if (item.kind === "stray") this.emit(out, depth, strayLine(item));
    else this.block(out, depth, item, limit);
  }

  private block(out: Lines, depth: number, b: Block, limit: number): void {
    if (!this.asWritten(out, b.start, printedHeaderEnd(this.text, b), depth)) out.push(this.indentOf(depth) + blockHeaderLine(b));
    this.prevEnd = b.braceAt >= 0 ? b.braceAt + 1 : b.keyword.end;
    const bodyLimit = b.close ? b.close.start : limit;
    const start = out.count;
    // Index loops: this runs for every line of the file, and an iterator each costs collections.
    const items = b.items;
    for (let i = 0; i < items.length; i++) {
      const child = items[i]!;
      this.item(out, child, this.takeComments(child.start), depth + 1, start, bodyLimit);
      this.prevEnd = child.end;
    }
    this.ownLineComments(out, this.takeComments(bodyLimit), depth + 1, start);
    out.dropFinalBlanks(start);
    const close = b.close;
    if (close === null || close.trailing.length > 0) this.emit(out, depth, closeLine(b));
    else if (!this.asWritten(out, close.start, close.start + 1, depth)) out.push((this.closes[depth] ??= this.indentOf(depth) + "}"));
    if (b.close?.comment) this.comment(out, depth, b.close.comment);
  }

  private ownLineComments(out: Lines, comments: Leading, depth: number, containerStart: number): void {
    for (let i = 0; i < comments.length; i++) {
      if (comments[i]!.blank) this.blank(out, containerStart);
      this.comment(out, depth, comments[i]!.comment);
    }
  }

  /** Where the line `start` stands on begins, when only `depth`'s indent of spaces precedes it there; else -1. */
  private lineStart(start: number, depth: number): number {
    const from = start - this.indentOf(depth).length;
    if (from < 0 || (from > 0 && this.text.charCodeAt(from - 1) !== LF)) return -1;
    for (let i = from; i < start; i++) if (this.text.charCodeAt(i) !== SPACE) return -1;
    return from;
  }

  /**
   * Prints an item's line from the file when the file already has it as the layout prints it:
   * its text from `start` to `end` (-1: not in the printed form), on a line of its own indented
   * for `depth` with spaces alone. Most lines of a file are, and need no new string.
   */
  private asWritten(out: Lines, start: number, end: number, depth: number): boolean {
    if (end < 0) return false;
    const from = this.lineStart(start, depth);
    if (from < 0) return false;
    out.pushFromText(from, end);
    return true;
  }
}

const SPACE = 32;
const LF = 10;

/**
 * Where a statement ends when it stands as `statementLine` prints it, else -1: the key spelled
 * as its keyword, one blank around `=` and between the values, which are as printed (an enum's
 * in its letter case, none glued on from a `#`), no comment after them.
 */
export function printedEnd(text: string, s: Statement): number {
  const kw = s.keyword;
  if (!s.keywordExact || kw === null || s.comment !== null || s.values.length === 0) return -1;
  const keyEnd = s.start + kw.name.length;
  if (s.equalsAt !== keyEnd + 1 || text.charCodeAt(keyEnd) !== SPACE) return -1;
  const values = s.values;
  let at = s.equalsAt + 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.start !== at + 1 || text.charCodeAt(at) !== SPACE || v.fromHash) return -1;
    if (kw.kind === "enum" && kw.values && !v.quote && !isListed(text, v.start, v.end, kw.values)) return -1;
    at = v.end;
  }
  return at;
}

/** Whether the text from `start` to `end` is one of `values`, letter case included. */
function isListed(text: string, start: number, end: number, values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]!.length === end - start && text.startsWith(values[i]!, start)) return true;
  return false;
}

/** Where a block's opener ends when it stands as `blockHeaderLine` prints it (`server NAME {`), else -1. */
export function printedHeaderEnd(text: string, b: Block): number {
  const kw = b.keyword;
  const name = b.names[0];
  if (b.names.length !== 1 || !kw.bare || !name!.bare || b.braceOnOwnLine || b.afterBrace.length > 0) return -1;
  if (kw.end - kw.start !== b.blockType.length || !text.startsWith(b.blockType, kw.start)) return -1;
  if (name!.start !== kw.end + 1 || text.charCodeAt(kw.end) !== SPACE) return -1;
  if (b.braceAt !== name!.end + 1 || text.charCodeAt(name!.end) !== SPACE) return -1;
  return b.braceAt + 1;
}

/** Drops the line breaks the pieces end with (blank lines at the end of the output), and pieces left empty. */
function withoutFinalBreaks(pieces: string[]): void {
  while (pieces.length > 0) {
    const last = pieces[pieces.length - 1]!;
    let end = last.length;
    while (end > 0 && last.charCodeAt(end - 1) === 10) end--;
    if (end > 0) {
      if (end < last.length) pieces[pieces.length - 1] = last.slice(0, end);
      return;
    }
    pieces.pop();
  }
}

/** `key = value` globals go first (Piranha reads them wherever they stand). */
export function isGlobalItem(item: TopItem | BlockItem): boolean {
  return item.kind === "statement" && item.key !== null && item.equalsAt >= 0;
}

export function wordText(w: Word): string {
  return w.text;
}

/**
 * Words joined by one blank, except a word starting with `#`: that one is glued to the word
 * before it, as it stood in the file (a `#` after a blank starts a comment, so a blank there
 * would turn the word into one on the next reading).
 */
function joinWords(parts: readonly string[]): string {
  let out = "";
  for (const p of parts) out = out === "" ? p : p.startsWith("#") ? out + p : `${out} ${p}`;
  return out;
}

export function statementLine(s: Statement): string {
  const parts: string[] = [];
  const kw = s.keyword;
  if (s.key) parts.push(kw && !s.key.quote ? kw.name : s.key.text);
  if (s.equalsAt >= 0) parts.push("=");
  for (const v of s.values) {
    let t = v.text;
    if (kw?.kind === "enum" && !v.quote && !v.fromHash && kw.values) {
      const lower = t.toLowerCase();
      if (!kw.values.includes(t) && kw.values.includes(lower)) t = lower;
    }
    parts.push(t);
  }
  return joinWords(parts);
}

/** `virtual NAME {` as the layout writes it. */
export function blockHeaderLine(b: Block): string {
  // A keyword in another letter case is written as Piranha wants it; a misspelt one stays as it is.
  const keyword = !b.keyword.quote && b.keyword.text.toLowerCase() === b.blockType ? b.blockType : b.keyword.text;
  const parts = [keyword, ...b.names.map(wordText)];
  if (b.braceAt >= 0) parts.push("{");
  parts.push(...b.afterBrace.map(wordText));
  return joinWords(parts);
}

/** The block's `}` (added when missing), with what followed it on its line. */
export function closeLine(b: Block): string {
  return joinWords(["}", ...(b.close?.trailing ?? []).map(wordText)]);
}

export function strayLine(s: Stray): string {
  return joinWords([s.brace, ...s.trailing.map(wordText)]);
}

export function indentFunction(indent: number | "gui" = "gui"): (depth: number) => string {
  const width = indent === "gui" ? (d: number) => (d <= 0 ? 0 : 5 + 4 * (d - 1)) : (d: number) => Math.max(0, indent) * d;
  // Made once per depth: every line of a deep file asks for one.
  const made: string[] = [];
  return (d) => (made[d] ??= " ".repeat(width(d)));
}

/**
 * Formats lvs.cf text in the canonical layout, parsing and printing a part at a time; `alongside`
 * sees each part after it is printed (one parse serves both). Never throws.
 */
export function formatLvs(text: string, options: FormatOptions = {}, alongside?: (chunk: Chunk) => void): string {
  return formatChunks(text, options, alongside).output.join("");
}

/**
 * `formatLvs`, the output in pieces (a large file's is never joined whole for the bundle), with
 * what the parse learnt of the whole text (for a lint run alongside).
 */
export function formatChunks(text: string, options: FormatOptions = {}, alongside?: (chunk: Chunk) => void): { output: readonly string[]; facts: TextFacts } {
  let printer: Printer | null = null;
  const indentOf = indentFunction(options.indent);
  const facts = parseChunks(text, (chunk) => {
    printer ??= new Printer(chunk.source, indentOf);
    printer.add(chunk.items, chunk.comments);
    alongside?.(chunk);
  });
  return { output: (printer ?? new Printer(facts.source, indentOf)).finish(), facts };
}
