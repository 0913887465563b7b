/**
 * The lvs.cf formatter: prints a file from its syntax tree in the layout Piranha's GUI writes
 * (globals first, bodies at 5 spaces, server bodies at 9), repairing what can be repaired without
 * changing what Piranha reads. Pure: text in, text out.
 */
import { parseChunks, type Block, type Chunk, type TextFacts, type BlockItem, type Comment, type LvsFile, type SourceText, type Statement, type Stray, type TopItem, type Word } from "../../grammar/index.ts";

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
 * (a few long strings keep less for the collector to trace than a line each).
 */
class Lines {
  lines: string[] = [];
  private readonly joined: string[] = [];
  private lastJoined: string | null = null;
  /** A blank line was asked for before anything was printed here (decided when joining). */
  blankFirst = false;

  /** Whether nothing was printed here. */
  get empty(): boolean {
    return this.lines.length === 0 && this.lastJoined === null;
  }

  get last(): string | undefined {
    return this.lines.length ? this.lines[this.lines.length - 1] : (this.lastJoined ?? undefined);
  }

  /** Joins the lines printed so far; call between top-level items only. */
  flush(): void {
    if (!this.lines.length) return;
    this.lastJoined = this.lines[this.lines.length - 1]!;
    this.joined.push(this.lines.join("\n"));
    this.lines = [];
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
  private readonly globals = new Lines();
  private readonly rest = new Lines();
  private readonly text: string;
  /** Each depth's `}` line, made once. */
  private readonly closes: string[] = [];

  constructor(
    private readonly source: SourceText,
    private readonly indentOf: (depth: number) => string,
  ) {
    this.text = source.text;
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
    out.lines.push(line === "" ? "" : this.indentOf(depth) + line);
  }

  /** A blank line, unless nothing was printed in this container yet or one is there already. */
  private blank(out: Lines, containerStart: number): void {
    // A top-level container (start 0) began with the file; a block body within the lines held.
    const printed = containerStart === 0 ? !out.empty : out.lines.length > containerStart;
    if (printed) {
      if (out.last !== "") out.lines.push("");
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
    for (const l of rest) out.lines.push(l);
  }

  /**
   * An item with its leading comments, in a container whose lines start at `containerStart`;
   * a block's body takes the comments that stand before `limit` (the block's `}`, or the next
   * item's start when it has none).
   */
  private item(out: Lines, item: Item, leading: Leading, depth: number, containerStart: number, limit: number): void {
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
    if (item.kind === "statement") out.lines.push(this.asWritten(item.line, item.start, plainEnd(this.text, item), depth) ?? this.indentOf(depth) + statementLine(item));
    else if (item.kind === "stray") this.emit(out, depth, strayLine(item));
    else this.block(out, depth, item, limit);
  }

  private block(out: Lines, depth: number, b: Block, limit: number): void {
    out.lines.push(this.asWritten(b.line, b.start, plainHeaderEnd(this.text, b), depth) ?? this.indentOf(depth) + blockHeaderLine(b));
    this.prevEnd = b.braceAt >= 0 ? b.braceAt + 1 : b.keyword.end;
    const bodyLimit = b.close ? b.close.start : limit;
    const start = out.lines.length;
    // Index loops: this runs for every line of the file, and an iterator each costs collections.
    const items = b.items;
    for (let i = 0; i < items.length; i++) {
      const child = items[i]!;
      this.item(out, child, this.takeComments(child.start), depth + 1, start, bodyLimit);
      this.prevEnd = child.end;
    }
    this.ownLineComments(out, this.takeComments(bodyLimit), depth + 1, start);
    while (out.lines.length > start && out.lines[out.lines.length - 1] === "") out.lines.pop();
    if (b.close === null || b.close.trailing.length > 0) this.emit(out, depth, closeLine(b));
    else out.lines.push((this.closes[depth] ??= this.indentOf(depth) + "}"));
    if (b.close?.comment) this.comment(out, depth, b.close.comment);
  }

  private ownLineComments(out: Lines, comments: Leading, depth: number, containerStart: number): void {
    for (let i = 0; i < comments.length; i++) {
      if (comments[i]!.blank) this.blank(out, containerStart);
      this.comment(out, depth, comments[i]!.comment);
    }
  }

  /**
   * The printed line of an item as a slice of the file, when the file already has it as the
   * layout prints it: its text up to `end` (-1: not in the printed form) indented for `depth`
   * with spaces alone. Most lines of a file are, and need no new string.
   */
  private asWritten(line: number, start: number, end: number, depth: number): string | null {
    if (end < 0) return null;
    const from = this.source.lineStarts[line - 1]!;
    if (start - from !== this.indentOf(depth).length) return null;
    for (let i = from; i < start; i++) if (this.text.charCodeAt(i) !== SPACE) return null;
    return this.text.slice(from, end);
  }
}

const SPACE = 32;

/**
 * Where a statement ends when it stands as `statementLine` prints it (a plain statement with one
 * blank around `=` and between its values), else -1.
 */
export function plainEnd(text: string, s: Statement): number {
  if (!s.plain) return -1;
  // A plain statement's key is its keyword's name, spelled exactly.
  const keyEnd = s.start + s.keyword!.name.length;
  if (s.equalsAt !== keyEnd + 1 || text.charCodeAt(keyEnd) !== SPACE) return -1;
  let at = s.equalsAt + 1;
  for (const v of s.values) {
    if (v.start !== at + 1 || text.charCodeAt(at) !== SPACE) return -1;
    at = v.end;
  }
  return at;
}

/** Where a block's opener ends when it stands as `blockHeaderLine` prints it (`server NAME {`), else -1. */
export function plainHeaderEnd(text: string, b: Block): number {
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

/** Prints a parsed file in the canonical layout. */
export function printFile(file: LvsFile, options: FormatOptions = {}): string {
  const printer = new Printer(file.source, indentFunction(options.indent));
  printer.add(file.items, file.comments);
  return printer.finish().join("");
}
