/**
 * A document as a run of top-level segments: the first starts the text, every other starts
 * at a line that opens a `virtual` or `failover` block (each such line starts one). Such a line always begins a new
 * top-level item, so each segment parses on its own exactly as it parses within the whole
 * text, only with its offsets counted from its own start.
 */
import { parse, type BlockItem, type Comment, type LvsFile, type TopItem } from "../../grammar/index.ts";
import { Lexer, LineToken } from "../../grammar/lexer.ts";
import { OuterOpen } from "../../grammar/tokens.ts";
import { foldsOf } from "./folding.ts";
import { outlineOf, type OutlineEntry } from "./symbols.ts";

/** Where each segment of `text` starts, relative to `text`: 0, then every `virtual`/`failover` opener line. */
export function segmentStarts(text: string): number[] {
  const lexer = new Lexer(text);
  const starts = [0];
  while (!lexer.done) {
    // Every chunk after the first starts with an opener; the first may, after comments only.
    const head = lexer.nextChunk(1)[0];
    if (head instanceof LineToken && head.tokenType === OuterOpen) {
      const at = lexer.source.lineStart(head.line);
      if (at > 0) starts.push(at);
    }
  }
  return starts;
}

/** A node a disable comment can apply to, as offsets relative to the segment. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A top-level segment. It keeps its text and what the document asks of it at every change, not
 * its syntax tree: the trees of all segments would be the largest thing the language server
 * holds (200 MB for a 13 MB file), and a segment of a few lines parses again in microseconds
 * when a request needs its tree.
 */
export class Segment {
  /** Offset of the first character in the document; kept up to date by the document. */
  start: number;
  /** 1-based line of the first line in the document; kept up to date by the document. */
  line: number;
  /** Line breaks in the text. */
  readonly breaks: number;
  /** A top-level statement stands in it (it then adds to the global section). */
  readonly hasTopLevelStatement: boolean;
  /** A block in it has no `}`. */
  readonly hasOpenBlock: boolean;
  /** Own-line comments that may be `# lvs-lint disable=…` comments. */
  readonly disableComments: readonly Span[];
  /**
   * The nodes disable comments are placed on, in walk order, reduced to the first of the
   * segment and the first after each disable comment: the only ones that can place one.
   */
  readonly disableTargets: readonly Span[];
  /** Runs of blanks Piranha does not know, as [start, end) offsets. */
  readonly oddBlanks: ReadonlyArray<readonly [number, number]>;
  /** Device names it gives (see `namedDevices`). */
  readonly devices: readonly string[];
  /** Its document symbols. */
  readonly outline: readonly OutlineEntry[];
  /** Its folding ranges (see `foldsOf`). */
  readonly folds: Int32Array;

  constructor(
    readonly text: string,
    start: number,
    line: number,
  ) {
    this.start = start;
    this.line = line;
    const file = parse(text);
    this.breaks = file.source.lineCount - 1;
    this.hasTopLevelStatement = file.items.some((i) => i.kind === "statement");
    this.hasOpenBlock = anyOpen(file.items);
    const comments = file.comments.filter((c) => !c.inline && c.text.includes("lvs-lint"));
    this.disableComments = comments.map(span);
    this.disableTargets = disableTargets(file.items, comments).map(span);
    this.oddBlanks = file.oddBlanks;
    this.devices = namedDevices(file.items);
    this.outline = outlineOf(file.items);
    this.folds = foldsOf(file);
  }

  /** The syntax tree, offsets relative to the segment, parsed at each call. */
  get file(): LvsFile {
    return parse(this.text);
  }

  get end(): number {
    return this.start + this.text.length;
  }

  get items(): readonly TopItem[] {
    return this.file.items;
  }
}

const span = (node: Span): Span => ({ start: node.start, end: node.end });

/** Device names `items` give: the second value of `address` and `nat_router`, and `syncd_iface`. */
function namedDevices(items: ReadonlyArray<TopItem | BlockItem>, out = new Set<string>()): string[] {
  for (const item of items) {
    if (item.kind === "block") namedDevices(item.items, out);
    if (item.kind !== "statement" || !item.keyword || item.equalsAt < 0) continue;
    const device = item.keyword.kind === "hostDevice" ? item.values[1] : item.keyword.name === "syncd_iface" ? item.values[0] : undefined;
    if (device && device.value !== "") out.add(device.value);
  }
  return [...out];
}

type Item = TopItem | BlockItem;

function anyOpen(items: readonly Item[]): boolean {
  return items.some((i) => i.kind === "block" && (i.close === null || anyOpen(i.items)));
}

/** The targets of `comments` among `items` (see Segment.disableTargets). */
function disableTargets(items: readonly Item[], comments: readonly Comment[]): Span[] {
  if (comments.length === 0) return items.slice(0, 1);
  const all: Span[] = [];
  const walk = (list: readonly Item[]): void => {
    for (const item of list) {
      all.push(item);
      if (item.kind !== "block") continue;
      walk(item.items);
      if (item.close) all.push(item.close);
    }
  };
  walk(items);
  const chosen = new Set<Span>(all.slice(0, 1));
  for (const c of comments) {
    const next = all.find((t) => t.start >= c.end);
    if (next) chosen.add(next);
  }
  return all.filter((t) => chosen.has(t));
}

/**
 * `part` as a string of its own. A slice of a string keeps the whole string alive in V8: segments
 * sliced from each version of a 13 MB document kept every version alive, edit after edit.
 */
function detached(part: string): string {
  return (" " + part).slice(1);
}

/** Splits `text` (which starts a segment, at `start` and `line` of the document) into segments. */
export function splitSegments(text: string, start: number, line: number): Segment[] {
  const starts = segmentStarts(text);
  const out: Segment[] = [];
  let at = start;
  let ln = line;
  for (let i = 0; i < starts.length; i++) {
    const seg = new Segment(detached(text.slice(starts[i]!, starts[i + 1] ?? text.length)), at, ln);
    out.push(seg);
    at += seg.text.length;
    ln += seg.breaks;
  }
  return out;
}

/** Index of the last of `items` (in document order) starting at or before `offset`; -1 for none. */
export function lastStartingBy(items: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
