/**
 * The tolerant lexer: one pass over the text, a line at a time.
 *
 * It reads the superset of lvs.cf found in real files. `=`, `{` and `}` are split from their
 * neighbours (whether they were glued shows in the offsets); `#` starts a comment wherever a
 * token starts; blanks that Piranha does not treat as blanks (U+00A0, U+3000, …) separate
 * tokens here but are recorded; LF, CRLF and lone CR all end a line (SourceText records which).
 * A quoted token is exactly Piranha's where Piranha accepts the quoting; otherwise it runs to
 * the next unescaped same quote, or to the end of the line.
 */
import type { IToken, TokenType } from "chevrotain";
import { SourceText } from "./source.ts";
import { BraceOnly, Close, isBlank, isOddBlank, OuterOpen, ServerOpen, Statement } from "./tokens.ts";

/** Kinds of the tokens of a line. */
export const WORD = 0;
export const QUOTED = 1;
export const EQUALS = 2;
export const LBRACE = 3;
export const RBRACE = 4;
export type PieceKind = typeof WORD | typeof QUOTED | typeof EQUALS | typeof LBRACE | typeof RBRACE;

/** For quoted pieces: Piranha's tokenizer rejects the quoting as written. */
const BAD_QUOTE = 8;

/**
 * The tokens of a run of lines, three integers each: kind and flags, start, end. One buffer
 * serves every run of a lexer, so a run's tokens allocate nothing: a run's line tokens read
 * it, and are valid until the lexer lexes the next run.
 */
class PieceBuffer {
  data = new Int32Array(3 * 4096);
  /** Number of integers in use. */
  size = 0;
  /** Number of pieces. */
  get length(): number {
    return this.size / 3;
  }
  push(kind: number, start: number, end: number): void {
    let d = this.data;
    const n = this.size;
    if (n + 3 > d.length) {
      const grown = new Int32Array(d.length * 2);
      grown.set(d);
      this.data = d = grown;
    }
    d[n] = kind;
    d[n + 1] = start;
    d[n + 2] = end;
    this.size = n + 3;
  }
}

/** A non-empty line, as the parser sees it, with its tokens ("pieces"). */
export class LineToken implements IToken {
  readonly tokenTypeIdx: number;
  constructor(
    readonly tokenType: TokenType,
    /** 1-based line number. */
    readonly line: number,
    private readonly buf: PieceBuffer,
    private readonly first: number,
    /** Number of pieces. */
    readonly count: number,
    /** Offsets of a `#` comment that ends the line, if any. */
    readonly comment: readonly [number, number] | null,
  ) {
    this.tokenTypeIdx = tokenType.tokenTypeIdx!;
  }
  // Read on demand, so that a line's token stays small: a large file has hundreds of thousands.
  get image(): string {
    return "";
  }
  get startOffset(): number {
    return this.start(0);
  }
  /** Offset of the last character (inclusive, as Chevrotain counts). */
  get endOffset(): number {
    return this.end(this.count - 1) - 1;
  }
  kind(k: number): PieceKind {
    return (this.buf.data[(this.first + k) * 3]! & 7) as PieceKind;
  }
  start(k: number): number {
    return this.buf.data[(this.first + k) * 3 + 1]!;
  }
  end(k: number): number {
    return this.buf.data[(this.first + k) * 3 + 2]!;
  }
  /** Whether Piranha accepts the quoting of piece `k`. */
  quoteOk(k: number): boolean {
    return (this.buf.data[(this.first + k) * 3]! & BAD_QUOTE) === 0;
  }
}

export interface CommentSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** After a token on the same line. */
  readonly inline: boolean;
}

/**
 * Where Piranha's tokenizer ends a token starting with a quote at `offset`, and whether it
 * accepts it. Step 1: run to the first blank or the end of the line; step 2: from there run on
 * to the next same quote (included) or the end of the line; the token is well quoted when its
 * last character is that quote.
 */
export function piranhaQuotedEnd(text: string, offset: number, lineEnd: number): { end: number; ok: boolean } {
  const q = text.charCodeAt(offset);
  let i = offset;
  while (i < lineEnd && !isBlank(text.charCodeAt(i))) i++;
  if (i < lineEnd) {
    let j = i;
    while (j < lineEnd && text.charCodeAt(j) !== q) j++;
    i = j < lineEnd ? j + 1 : lineEnd;
  }
  return { end: i, ok: i - offset >= 2 && text.charCodeAt(i - 1) === q };
}

function tolerantQuotedEnd(text: string, offset: number, lineEnd: number): number {
  const q = text.charCodeAt(offset);
  let j = offset + 1;
  while (j < lineEnd) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  let end = lineEnd;
  while (end > offset + 1 && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

function isWordChar(c: number): boolean {
  if (c < 128) return c > 32 ? c !== 61 && c !== 123 && c !== 125 : c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12;
  return !isOddBlank(c);
}

function equalsIgnoreCase(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.slice(start, end).toLowerCase() === word;
}

function lineType(text: string, buf: PieceBuffer, first: number, count: number): TokenType {
  const d = buf.data;
  const kind0 = d[first * 3]! & 7;
  if (kind0 === RBRACE) return Close;
  if (kind0 === LBRACE && count === 1) return BraceOnly;
  if (kind0 === WORD && (count === 1 || (d[first * 3 + 3]! & 7) !== EQUALS)) {
    const s = d[first * 3 + 1]!;
    const e = d[first * 3 + 2]!;
    if (equalsIgnoreCase(text, s, e, "virtual") || equalsIgnoreCase(text, s, e, "failover")) return OuterOpen;
    if (equalsIgnoreCase(text, s, e, "server")) return ServerOpen;
  }
  return Statement;
}

/**
 * Lexes a text a run of lines at a time, so that callers can parse and drop the tokens of
 * one part of a large file before lexing the next.
 */
export class Lexer {
  readonly source: SourceText;
  readonly comments: CommentSpan[] = [];
  readonly oddBlanks: Array<readonly [number, number]> = [];
  private nextLine = 0;
  private readonly pieces = new PieceBuffer();

  constructor(text: string) {
    this.source = new SourceText(text);
  }

  get done(): boolean {
    return this.nextLine >= this.source.lineStarts.length;
  }

  /**
   * Line tokens up to (not including) the first `virtual`/`failover` opener found after at
   * least `minLines` tokens, or to the end of the text. Such an opener always begins a new
   * top-level item, so the chunks parse exactly as the whole would. The tokens read the
   * lexer's one piece buffer: use them before asking for the next chunk.
   */
  nextChunk(minLines: number): LineToken[] {
    const { source, comments, oddBlanks } = this;
    const text = source.text;
    const starts = source.lineStarts;
    const lines: LineToken[] = [];
    const buf = this.pieces;
    buf.size = 0;
    for (; this.nextLine < starts.length; this.nextLine++) {
      const ln = this.nextLine;
      const commentsBefore = comments.length;
      const oddBefore = oddBlanks.length;
      const first = buf.length;
      const lineEnd = source.lineContentEnd(ln + 1);
      let i = starts[ln]!;
      let comment: readonly [number, number] | null = null;
      let tokenStart = true;
      while (i < lineEnd) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9) {
          i++;
          tokenStart = true;
          continue;
        }
        if (isOddBlank(c)) {
          const s = i;
          while (i < lineEnd && isOddBlank(text.charCodeAt(i))) i++;
          oddBlanks.push([s, i]);
          tokenStart = true;
          continue;
        }
        let end: number;
        if (c === 35 && tokenStart) {
          let end = lineEnd;
          while (isBlank(text.charCodeAt(end - 1))) end--;
          comment = [i, end];
          comments.push({ start: i, end, line: ln + 1, inline: buf.length > first });
          break;
        } else if (c === 34 || c === 39) {
          const p = piranhaQuotedEnd(text, i, lineEnd);
          end = p.ok ? p.end : tolerantQuotedEnd(text, i, lineEnd);
          buf.push(QUOTED | (p.ok ? 0 : BAD_QUOTE), i, end);
        } else if (c === 61) {
          buf.push(EQUALS, i, (end = i + 1));
        } else if (c === 123) {
          buf.push(LBRACE, i, (end = i + 1));
        } else if (c === 125) {
          buf.push(RBRACE, i, (end = i + 1));
        } else {
          end = i + 1;
          while (end < lineEnd && isWordChar(text.charCodeAt(end))) end++;
          buf.push(WORD, i, end);
        }
        i = end;
        tokenStart = false;
      }
      const count = buf.length - first;
      if (count > 0) {
        const type = lineType(text, buf, first, count);
        if (type === OuterOpen && lines.length >= minLines) {
          comments.length = commentsBefore;
          oddBlanks.length = oddBefore;
          break;
        }
        lines.push(new LineToken(type, ln + 1, buf, first, count, comment));
      }
    }
    return lines;
  }
}
