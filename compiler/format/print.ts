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

interface Group {
  /** Own-line comments before the item, each with whether a blank line precedes it. */
  readonly leading: ReadonlyArray<{ comment: Comment; blank: boolean }>;
  readonly item: Item;
  readonly blank: boolean;
  /** `# prettier-ignore` stands right before the item. */
  readonly ignore: boolean;
  /** For a block: its body. */
  readonly body: Container | null;
}

interface Container {
  readonly groups: Group[];
  /** Comments after the last item (before the `}` of a block). */
  readonly trailing: ReadonlyArray<{ comment: Comment; blank: boolean }>;
}

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

  /** Everything printed, lines joined by LF, without a final one. */
  text(): string {
    this.flush();
    return this.joined.join("\n");
  }
}

/** The leading comments of an item that has none. */
const NO_COMMENTS: ReadonlyArray<{ comment: Comment; blank: boolean }> = Object.freeze([]);

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

  constructor(
    source: SourceText,
    private readonly indentOf: (depth: number) => string,
  ) {
    this.text = source.text;
  }

  /** The next top-level items, with the comments among them. */
  add(items: readonly TopItem[], comments: readonly Comment[]): void {
    if (comments.length > 0) this.keepOwnLine(items, comments);
    for (const item of items) {
      const leading = this.takeComments(item.start);
      const group = this.group(item, leading, Infinity);
      const out = isGlobal(group) ? this.globals : this.rest;
      this.printGroup(out, group, 0, 0);
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

  finish(): string {
    const trailing = this.takeComments(Infinity);
    for (const l of trailing) {
      if (l.blank) this.blank(this.rest, 0);
      this.comment(this.rest, 0, l.comment);
    }
    const globals = withoutFinalBreaks(this.globals.text());
    const rest = withoutFinalBreaks(this.rest.text());
    if (!globals || !rest) return globals || rest ? `${globals}${rest}\n` : "";
    return `${globals}\n${this.rest.blankFirst ? "\n" : ""}${rest}\n`;
  }

  /** The own-line comments that stand before `before`, each with whether a blank line precedes it. */
  private takeComments(before: number): ReadonlyArray<{ comment: Comment; blank: boolean }> {
    if (this.ci === this.pending.length || this.pending[this.ci]!.start >= before) return NO_COMMENTS;
    const out: Array<{ comment: Comment; blank: boolean }> = [];
    while (this.ci < this.pending.length && this.pending[this.ci]!.start < before) {
      const c = this.pending[this.ci++]!;
      out.push({ comment: c, blank: blankBetween(this.text, this.prevEnd, c.start) });
      this.prevEnd = c.end;
    }
    return out;
  }

  /** One item with its leading comments, and for a block its body (its comments taken too). */
  private group(item: Item, leading: ReadonlyArray<{ comment: Comment; blank: boolean }>, limit: number): Group {
    const blank = blankBetween(this.text, this.prevEnd, item.start);
    const last = leading[leading.length - 1];
    const ignore = last !== undefined && isIgnoreComment(last.comment);
    let body: Container | null = null;
    if (ignore) {
      while (this.ci < this.pending.length && this.pending[this.ci]!.start < item.end) this.ci++;
    } else if (item.kind === "block") {
      this.prevEnd = item.braceAt >= 0 ? item.braceAt + 1 : item.keyword.end;
      body = this.container(item.items, item.close ? item.close.start : limit);
    }
    return { leading, item, blank, ignore, body };
  }

  /** The items of a block body with the own-line comments that stand before `limit`. */
  private container(items: readonly Item[], limit: number): Container {
    const groups: Group[] = [];
    for (const item of items) {
      const leading = this.takeComments(item.start);
      groups.push(this.group(item, leading, limit));
      this.prevEnd = item.end;
    }
    return { groups, trailing: this.takeComments(limit) };
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

  private printGroup(out: Lines, g: Group, depth: number, containerStart: number): void {
    for (const l of g.leading) {
      if (l.blank) this.blank(out, containerStart);
      this.comment(out, depth, l.comment);
    }
    if (g.blank) this.blank(out, containerStart);
    if (g.ignore) this.verbatim(out, depth, g.item);
    else this.item(out, depth, g);
  }

  private printContainer(out: Lines, c: Container, depth: number): void {
    const start = out.lines.length;
    for (const g of c.groups) this.printGroup(out, g, depth, start);
    for (const l of c.trailing) {
      if (l.blank) this.blank(out, start);
      this.comment(out, depth, l.comment);
    }
    while (out.lines.length > start && out.lines[out.lines.length - 1] === "") out.lines.pop();
  }

  private verbatim(out: Lines, depth: number, item: Item): void {
    const raw = this.text.slice(item.start, item.end).replace(/\r\n?/g, "\n");
    const [first, ...rest] = raw.split("\n");
    this.emit(out, depth, first!);
    for (const l of rest) out.lines.push(l);
  }

  private item(out: Lines, depth: number, g: Group): void {
    const item = g.item;
    if (item.comment) this.comment(out, depth, item.comment);
    if (item.kind === "statement") this.emit(out, depth, statementLine(item));
    else if (item.kind === "stray") this.emit(out, depth, strayLine(item));
    else this.block(out, depth, item, g.body!);
  }

  private block(out: Lines, depth: number, b: Block, body: Container): void {
    this.emit(out, depth, blockHeaderLine(b));
    this.printContainer(out, body, depth + 1);
    this.emit(out, depth, closeLine(b));
    if (b.close?.comment) this.comment(out, depth, b.close.comment);
  }
}

/** `text` without the line breaks it ends with (blank lines at the end of the output). */
function withoutFinalBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `key = value` globals go first (Piranha reads them wherever they stand). */
export function isGlobalItem(item: TopItem | BlockItem): boolean {
  return item.kind === "statement" && item.key !== null && item.equalsAt >= 0;
}

function isGlobal(g: Group): boolean {
  return isGlobalItem(g.item);
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
  return formatChunks(text, options, alongside).output;
}

/** `formatLvs`, with what the parse learnt of the whole text (for a lint run alongside). */
export function formatChunks(text: string, options: FormatOptions = {}, alongside?: (chunk: Chunk) => void): { output: string; facts: TextFacts } {
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
  return printer.finish();
}
