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
import { ASCII_END, BACKSLASH, CR, DOUBLE_QUOTE, EQUALS_SIGN, FF, HASH, LEFT_BRACE, LF, RIGHT_BRACE, SINGLE_QUOTE, SPACE, TAB, VT } from "./chars.ts";
import type { IToken, TokenType } from "chevrotain";
import { IntRows } from "./int-rows.ts";
import { KEYWORD_NAMES } from "./keywords.ts";
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
 * The tokens of a run of lines, three integers each: kind and flags, start, end. Pieces are
 * numbered from the start of the run. One buffer serves every run of a lexer, so a run's
 * tokens allocate nothing; they are valid until the lexer lexes the next run.
 */
export class PieceBuffer extends IntRows {
  constructor() {
    super(3, 4096);
  }
  push(kind: number, start: number, end: number): void {
    const at = this.addRow();
    const d = this.data;
    d[at] = kind;
    d[at + 1] = start;
    d[at + 2] = end;
  }
  kind(p: number): PieceKind {
    return (this.data[p * 3]! & 7) as PieceKind;
  }
  start(p: number): number {
    return this.data[p * 3 + 1]!;
  }
  end(p: number): number {
    return this.data[p * 3 + 2]!;
  }
  /** Whether Piranha accepts the quoting of piece `p`. */
  quoteOk(p: number): boolean {
    return (this.data[p * 3]! & BAD_QUOTE) === 0;
  }
  /** Makes piece `p` a word. */
  makeWord(p: number): void {
    this.data[p * 3] = WORD;
  }
}

/**
 * The statement lines of a run, four integers each: line number, first piece, piece count,
 * and 1 when a `#` comment ends the line. Statement lines are most of a file and the parser
 * never looks inside them, so they get a row here instead of a token object each.
 */
export class StatementLines extends IntRows {
  constructor() {
    super(4, 1024);
  }
  push(line: number, first: number, count: number, comment: boolean): void {
    const at = this.addRow();
    const d = this.data;
    d[at] = line;
    d[at + 1] = first;
    d[at + 2] = count;
    d[at + 3] = comment ? 1 : 0;
  }
  /** 1-based line number of row `r`. */
  line(r: number): number {
    return this.data[r * 4]!;
  }
  first(r: number): number {
    return this.data[r * 4 + 1]!;
  }
  count(r: number): number {
    return this.data[r * 4 + 2]!;
  }
  hasComment(r: number): boolean {
    return this.data[r * 4 + 3] === 1;
  }
}

/** A non-empty line other than a statement, as the parser sees it, with its tokens ("pieces"). */
export class LineToken implements IToken {
  readonly tokenTypeIdx: number;
  constructor(
    readonly tokenType: TokenType,
    /** 1-based line number. */
    readonly line: number,
    readonly pieces: PieceBuffer,
    /** The line's first piece in `pieces`. */
    readonly first: number,
    /** Number of pieces. */
    readonly count: number,
    /** A `#` comment ends the line. */
    readonly hasComment: boolean,
  ) {
    this.tokenTypeIdx = tokenType.tokenTypeIdx!;
  }
  // Read on demand, so that a line's token stays small.
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
    return this.pieces.kind(this.first + k);
  }
  start(k: number): number {
    return this.pieces.start(this.first + k);
  }
  end(k: number): number {
    return this.pieces.end(this.first + k);
  }
}

const STATEMENT_IDX = Statement.tokenTypeIdx!;

/** Consecutive statement lines of a run: rows `from` to `to - 1` of `lines`. One parser token. */
export class StatementRun implements IToken {
  readonly tokenType = Statement;
  readonly tokenTypeIdx = STATEMENT_IDX;
  constructor(
    readonly lines: StatementLines,
    readonly pieces: PieceBuffer,
    readonly from: number,
    readonly to: number,
  ) {}
  get image(): string {
    return "";
  }
  get startOffset(): number {
    return this.pieces.start(this.lines.first(this.from));
  }
  get endOffset(): number {
    const last = this.to - 1;
    return this.pieces.end(this.lines.first(last) + this.lines.count(last) - 1) - 1;
  }
}

/** What the parser reads: block lines one token each, runs of statement lines one token each. */
export type LineTokens = Array<LineToken | StatementRun>;

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
    if (c === BACKSLASH) j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  let end = lineEnd;
  while (end > offset + 1 && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** A character a word goes on with: braces are, as Piranha splits only at blanks; `=` is split off. */
function isWordChar(c: number): boolean {
  if (c < ASCII_END) return c > SPACE ? c !== EQUALS_SIGN : c !== SPACE && c !== TAB && c !== LF && c !== CR && c !== VT && c !== FF;
  return !isOddBlank(c);
}

/**
 * An opener line is three tokens to Piranha, the third `{`: whatever the second is, it is the
 * name (`virtual { {` names its block `{`). A lone `{`, `}` or `=` there becomes a word.
 */
function openerName(text: string, buf: PieceBuffer, first: number): void {
  if (buf.length - first !== 3 || buf.kind(first) !== WORD || buf.kind(first + 2) !== LBRACE) return;
  const k = buf.kind(first + 1);
  if (k !== LBRACE && k !== RBRACE && k !== EQUALS) return;
  const s = buf.start(first);
  const e = buf.end(first);
  const word = text.slice(s, e);
  if (word !== "virtual" && word !== "failover" && word !== "server") return;
  // Blanks on both sides: a token of its own.
  if (isBlank(text.charCodeAt(buf.start(first + 1) - 1)) && isBlank(text.charCodeAt(buf.end(first + 1)))) buf.makeWord(first + 1);
}

/** Whether only blanks, or blanks and a comment, follow `i` on its line. */
function restIsEmpty(text: string, i: number, lineEnd: number): boolean {
  while (i < lineEnd && (isBlank(text.charCodeAt(i)) || isOddBlank(text.charCodeAt(i)))) i++;
  return i === lineEnd || text.charCodeAt(i) === HASH;
}

function equalsIgnoreCase(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.slice(start, end).toLowerCase() === word;
}

function lineType(text: string, buf: PieceBuffer, first: number, count: number): TokenType {
  const kind0 = buf.kind(first);
  if (kind0 === RBRACE) return Close;
  if (kind0 === LBRACE && count === 1) return BraceOnly;
  if (kind0 === WORD && (count === 1 || buf.kind(first + 1) !== EQUALS)) {
    const s = buf.start(first);
    const e = buf.end(first);
    if (equalsIgnoreCase(text, s, e, "virtual") || equalsIgnoreCase(text, s, e, "failover")) return OuterOpen;
    if (equalsIgnoreCase(text, s, e, "server")) return ServerOpen;
    if (count === 3 && buf.kind(first + 1) === WORD && buf.kind(first + 2) === LBRACE) return misspeltOpener(text.slice(s, e).toLowerCase());
  }
  return Statement;
}

/**
 * `realserver r {`: a line shaped like a block opener whose first word is no keyword is read as
 * the block it was meant to open (a virtual or failover one for a word starting with v or f,
 * else a server), so that its contents are read as that block's; LVS1002 reports the word.
 */
function misspeltOpener(word: string): TokenType {
  if (KEYWORD_NAMES.includes(word)) return Statement;
  return word.startsWith("v") || word.startsWith("f") ? OuterOpen : ServerOpen;
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
  /** The pieces of the run last lexed. */
  readonly pieces = new PieceBuffer();
  private readonly statements = new StatementLines();

  constructor(text: string) {
    this.source = new SourceText(text);
  }

  get done(): boolean {
    return this.nextLine >= this.source.lineStarts.length;
  }

  /**
   * Pushes the pieces of the line `line` (text from `i` to `lineEnd`) and records its comment
   * and odd blanks; returns whether a `#` comment ends it. A function of its own so that it is
   * compiled early and on its own, not as part of one long loop.
   */
  private lexLine(text: string, i: number, lineEnd: number, line: number): boolean {
    const buf = this.pieces;
    const first = buf.length;
    let tokenStart = true;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        i++;
        tokenStart = true;
        continue;
      }
      if (isOddBlank(c)) {
        const s = i;
        while (i < lineEnd && isOddBlank(text.charCodeAt(i))) i++;
        this.oddBlanks.push([s, i]);
        tokenStart = true;
        continue;
      }
      let end: number;
      if (c === HASH && tokenStart) {
        let end = lineEnd;
        while (isBlank(text.charCodeAt(end - 1))) end--;
        this.comments.push({ start: i, end, line, inline: buf.length > first });
        openerName(text, buf, first);
        return true;
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        const p = piranhaQuotedEnd(text, i, lineEnd);
        end = p.ok ? p.end : tolerantQuotedEnd(text, i, lineEnd);
        buf.push(QUOTED | (p.ok ? 0 : BAD_QUOTE), i, end);
      } else if (c === EQUALS_SIGN) {
        buf.push(EQUALS, i, (end = i + 1));
      } else if (c === LEFT_BRACE && (!tokenStart || restIsEmpty(text, i + 1, lineEnd) || isBlank(text.charCodeAt(i + 1)))) {
        // A `{` on its own (or glued after `=` or a quote); `{a` is a word, as Piranha reads it.
        buf.push(LBRACE, i, (end = i + 1));
      } else if (c === RIGHT_BRACE && (buf.length === first || restIsEmpty(text, i + 1, lineEnd) || isBlank(text.charCodeAt(i + 1)))) {
        // A `}` on its own, or first on its line with text glued after it (`}x`, read as meant).
        buf.push(RBRACE, i, (end = i + 1));
      } else {
        // A word, braces inside it included (`x${IFS}y`); a `{` glued to the end of a line's
        // last word (`virtual a{`) is read as meant, a block's brace.
        end = i + 1;
        while (end < lineEnd && isWordChar(text.charCodeAt(end))) end++;
        if (end - i > 1 && text.charCodeAt(end - 1) === LEFT_BRACE && restIsEmpty(text, end, lineEnd)) {
          buf.push(WORD, i, end - 1);
          buf.push(LBRACE, end - 1, end);
        } else buf.push(WORD, i, end);
      }
      i = end;
      tokenStart = false;
    }
    openerName(text, buf, first);
    return false;
  }

  /**
   * Line tokens up to (not including) the first `virtual`/`failover` opener found after at
   * least `minLines` non-empty lines, or to the end of the text. Such an opener always begins a new
   * top-level item, so the chunks parse exactly as the whole would. The tokens read the
   * lexer's one piece buffer and statement table: use them before asking for the next chunk.
   */
  nextChunk(minLines: number): LineTokens {
    const { source, comments, oddBlanks } = this;
    const text = source.text;
    const starts = source.lineStarts;
    const tokens: LineTokens = [];
    const buf = this.pieces;
    buf.length = 0;
    const statements = this.statements;
    statements.length = 0;
    let lineCount = 0;
    /** The first row of the run of statement lines being read; -1 when the last line was not one. */
    let runFrom = -1;
    for (; this.nextLine < starts.length; this.nextLine++) {
      const ln = this.nextLine;
      const commentsBefore = comments.length;
      const oddBefore = oddBlanks.length;
      const first = buf.length;
      const comment = this.lexLine(text, starts[ln]!, source.lineContentEnd(ln + 1), ln + 1);
      const count = buf.length - first;
      if (count > 0) {
        const type = lineType(text, buf, first, count);
        if (type === Statement) {
          if (runFrom < 0) runFrom = statements.length;
          statements.push(ln + 1, first, count, comment);
        } else {
          if (type === OuterOpen && lineCount >= minLines) {
            comments.length = commentsBefore;
            oddBlanks.length = oddBefore;
            break;
          }
          if (runFrom >= 0) {
            tokens.push(new StatementRun(statements, buf, runFrom, statements.length));
            runFrom = -1;
          }
          tokens.push(new LineToken(type, ln + 1, buf, first, count, comment));
        }
        lineCount++;
      }
    }
    if (runFrom >= 0) tokens.push(new StatementRun(statements, buf, runFrom, statements.length));
    return tokens;
  }
}
