/**
 * The lvs.cf formatter: prints a file from its syntax tree in the layout Piranha's GUI writes
 * (globals first, bodies at 5 spaces, server bodies at 9), repairing what can be repaired without
 * changing what Piranha reads. Pure: text in, text out.
 */
import { parse, type Block, type LvsFile, type BlockItem, type Comment, type Statement, type Stray, type TopItem, type Word } from "../../grammar/index.ts";

export interface FormatOptions {
  /** "gui" (default): 5 spaces for a body, 4 more per deeper level; N: N spaces per level. */
  readonly indent?: number | "gui";
}

type Item = TopItem | BlockItem;

interface Group {
  /** Own-line comments before the item, each with whether a blank line precedes it. */
  readonly leading: Array<{ comment: Comment; blank: boolean }>;
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
  readonly trailing: Array<{ comment: Comment; blank: boolean }>;
}

function isIgnoreComment(c: Comment): boolean {
  return /^#\s*prettier-ignore\s*$/.test(c.text.trim());
}

/** Two or more line breaks between two offsets: a blank line stood there. */
function blankBetween(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks >= 2;
}

class Printer {
  private readonly lines: string[] = [];
  private readonly own: Comment[];
  private ci = 0;
  private readonly text: string;

  constructor(
    private readonly file: ReturnType<typeof parse>,
    private readonly indentOf: (depth: number) => string,
  ) {
    this.text = file.source.text;
    const attached = new Set<Comment>();
    const visit = (items: Item[]): void => {
      for (const item of items) {
        if (item.comment) attached.add(item.comment);
        if (item.kind === "block") {
          if (item.close?.comment) attached.add(item.close.comment);
          visit(item.items);
        }
      }
    };
    visit(file.items);
    this.own = file.comments.filter((c) => !attached.has(c)).sort((a, b) => a.start - b.start);
  }

  /** Collects the items of one container with the own-line comments that stand before `limit`. */
  private container(items: Item[], limit: number, startAt: number): Container {
    const groups: Group[] = [];
    let prevEnd = startAt;
    const takeComments = (before: number): Array<{ comment: Comment; blank: boolean }> => {
      const out: Array<{ comment: Comment; blank: boolean }> = [];
      while (this.ci < this.own.length && this.own[this.ci]!.start < before) {
        const c = this.own[this.ci++]!;
        out.push({ comment: c, blank: blankBetween(this.text, prevEnd, c.start) });
        prevEnd = c.end;
      }
      return out;
    };
    for (const item of items) {
      const leading = takeComments(item.start);
      const blank = blankBetween(this.text, prevEnd, item.start);
      const last = leading[leading.length - 1];
      const ignore = last !== undefined && isIgnoreComment(last.comment);
      let body: Container | null = null;
      if (ignore) {
        while (this.ci < this.own.length && this.own[this.ci]!.start < item.end) this.ci++;
      } else if (item.kind === "block") {
        const bodyStart = item.braceAt >= 0 ? item.braceAt + 1 : item.keyword.end;
        body = this.container(item.items, item.close ? item.close.start : limit, bodyStart);
      }
      groups.push({ leading, item, blank, ignore, body });
      prevEnd = item.end;
    }
    const trailing = takeComments(limit);
    return { groups, trailing };
  }

  private emit(depth: number, line: string): void {
    this.lines.push(line === "" ? "" : this.indentOf(depth) + line);
  }

  private blank(containerStart: number): void {
    if (this.lines.length > containerStart && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }

  private comment(depth: number, c: Comment): void {
    this.emit(depth, c.text.trimEnd());
  }

  private printContainer(c: Container, depth: number): void {
    const start = this.lines.length;
    for (const g of c.groups) {
      for (const l of g.leading) {
        if (l.blank) this.blank(start);
        this.comment(depth, l.comment);
      }
      if (g.blank) this.blank(start);
      if (g.ignore) this.verbatim(depth, g.item);
      else this.item(depth, g);
    }
    for (const l of c.trailing) {
      if (l.blank) this.blank(start);
      this.comment(depth, l.comment);
    }
    while (this.lines.length > start && this.lines[this.lines.length - 1] === "") this.lines.pop();
  }

  private verbatim(depth: number, item: Item): void {
    const raw = this.text.slice(item.start, item.end).replace(/\r\n?/g, "\n");
    const [first, ...rest] = raw.split("\n");
    this.emit(depth, first!);
    for (const l of rest) this.lines.push(l);
  }

  private item(depth: number, g: Group): void {
    const item = g.item;
    if (item.comment) this.comment(depth, item.comment);
    if (item.kind === "statement") this.emit(depth, statementLine(item));
    else if (item.kind === "stray") this.emit(depth, strayLine(item));
    else this.block(depth, item, g.body!);
  }

  private block(depth: number, b: Block, body: Container): void {
    const keyword = b.keyword.quote ? b.keyword.text : b.blockType;
    const parts = [keyword, ...b.names.map(wordText)];
    if (b.braceAt >= 0) parts.push("{");
    parts.push(...b.afterBrace.map(wordText));
    this.emit(depth, parts.join(" "));
    this.printContainer(body, depth + 1);
    this.emit(depth, ["}", ...(b.close?.trailing ?? []).map(wordText)].join(" "));
    if (b.close?.comment) this.comment(depth, b.close.comment);
  }

  print(): string {
    const top = this.container(this.file.items, Infinity, 0);
    // `key = value` globals first (Piranha reads them wherever they stand), then blocks and other lines in order.
    const isGlobal = (g: Group): boolean => g.item.kind === "statement" && g.item.key !== null && g.item.equalsAt >= 0;
    const globals = top.groups.filter(isGlobal);
    const rest = top.groups.filter((g) => !isGlobal(g));
    this.printContainer({ groups: [...globals, ...rest], trailing: top.trailing }, 0);
    return this.lines.length ? this.lines.join("\n") + "\n" : "";
  }
}

function wordText(w: Word): string {
  return w.text;
}

function statementLine(s: Statement): string {
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
  return parts.join(" ");
}

function strayLine(s: Stray): string {
  return [s.brace, ...s.trailing.map(wordText)].join(" ");
}

export function indentFunction(indent: number | "gui" = "gui"): (depth: number) => string {
  if (indent === "gui") return (d) => (d <= 0 ? "" : " ".repeat(5 + 4 * (d - 1)));
  return (d) => " ".repeat(Math.max(0, indent) * d);
}

/** Formats lvs.cf text in the canonical layout. Never throws. */
export function formatLvs(text: string, options: FormatOptions = {}): string {
  return printFile(parse(text), options);
}

/** Prints a parsed file in the canonical layout. */
export function printFile(file: LvsFile, options: FormatOptions = {}): string {
  return new Printer(file, indentFunction(options.indent)).print();
}
