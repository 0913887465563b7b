/** Line structure of a source text: where each line starts and how it ends. */
import { CR, LF } from "./chars.ts";

export type LineEnding = "lf" | "crlf" | "cr" | "none";

export interface Position {
  /** 0-based offset into the text (UTF-16 code units). */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units). */
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  /** Exclusive end. */
  readonly end: Position;
}

/**
 * Line starts and endings of a text with LF endings only. The starts are gathered in a typed
 * array in one pass (a large file has hundreds of thousands of lines), then copied out. Each
 * loop is a function of its own: a loop that runs once is compiled while it runs, and code
 * after it that has not run yet would send it back to the interpreter.
 */
function scanLf(text: string): { starts: number[]; endings: LineEnding[] } {
  const { found, count } = lfStarts(text);
  const starts = copied(found, count);
  const endings = new Array<LineEnding>(count).fill("lf");
  endings[count - 1] = "none";
  return { starts, endings };
}

/** Offsets after each LF, after a 0 for the first line, in `found[0]` to `found[count - 1]`. */
function lfStarts(text: string): { found: Int32Array; count: number } {
  // Room for a line every 16 characters: a large file then needs no growing.
  let found = new Int32Array((text.length >> 4) + 16);
  let count = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
    if (count === found.length) {
      const grown = new Int32Array(count * 2);
      grown.set(found);
      found = grown;
    }
    found[count++] = i + 1;
  }
  return { found, count };
}

function copied(found: Int32Array, count: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = found[k]!;
  return out;
}

/** Line starts and endings of a text with CR, CRLF or LF endings. */
function scanMixed(text: string): { starts: number[]; endings: LineEnding[] } {
  const starts = [0];
  const endings: LineEnding[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      endings.push("lf");
      starts.push(i + 1);
    } else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        endings.push("crlf");
        i++;
      } else endings.push("cr");
      starts.push(i + 1);
    }
  }
  endings.push("none");
  return { starts, endings };
}

export class SourceText {
  readonly text: string;
  /** Offset where each line starts; lineStarts[0] = 0. */
  readonly lineStarts: number[];
  /** How each line ends, index = line - 1. */
  readonly endings: LineEnding[];

  constructor(text: string) {
    this.text = text;
    const { starts, endings } = text.indexOf("\r") < 0 ? scanLf(text) : scanMixed(text);
    this.lineStarts = starts;
    this.endings = endings;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line (0-based) the last lookup found: lookups in file order then take no search. */
  private lastLine = 0;

  /** Line (1-based) containing `offset`. */
  lineOf(offset: number): number {
    const s = this.lineStarts;
    const last = this.lastLine;
    if (s[last]! <= offset) {
      if (last + 1 === s.length || offset < s[last + 1]!) return last + 1;
      if (last + 2 === s.length || offset < s[last + 2]!) return (this.lastLine = last + 1) + 1;
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo + 1;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { offset: o, line, column: o - this.lineStarts[line - 1]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of the first character of a line (1-based). */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** Offset just past the last character of a line, before its terminator. */
  lineContentEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    const ending = this.endings[line - 1];
    return next - (ending === "crlf" ? 2 : 1);
  }
}
