/** From the block tree of line tokens to the syntax tree. */
import { Block, CloseBrace, Comment, LvsFile, Statement, Stray, Word, type BlockItem, type TopItem } from "./ast.ts";
import { keywordAt, keywordSpelled, type Level } from "./keywords.ts";
import { EQUALS, LBRACE, Lexer, LineToken, QUOTED, StatementRun, type CommentSpan, type PieceBuffer } from "./lexer.ts";
import { parseLines, type BlockCst, type FileCst } from "./parser.ts";
import type { SourceText } from "./source.ts";
import { BraceOnly, Close, ServerOpen } from "./tokens.ts";

/** The items and comments of one run of lines. */
export interface Chunk {
  readonly source: SourceText;
  readonly items: TopItem[];
  readonly comments: Comment[];
}

/** The words of a line part that has none: one shared array, as the syntax tree never changes. */
const NO_WORDS: readonly Word[] = [];

class Builder {
  private readonly text: string;
  private readonly commentsByLine = new Map<number, Comment>();
  private comments: Comment[] = [];

  constructor(
    private readonly source: SourceText,
    /** The lexer's pieces: words are read from them by piece number. */
    private readonly pieces: PieceBuffer,
  ) {
    this.text = source.text;
  }

  /** The syntax tree of one parsed run of lines; `comments` are its comments. */
  chunk(cst: FileCst, comments: readonly CommentSpan[]): Chunk {
    this.commentsByLine.clear();
    this.comments = [];
    for (const c of comments) {
      const node = new Comment(this.source, c.start, c.end, c.inline);
      if (c.inline) this.commentsByLine.set(c.line, node);
      this.comments.push(node);
    }
    const items: TopItem[] = [];
    const top = cst.children.items;
    if (top) this.items(top, 0, top.length, "global", items);
    return { source: this.source, items, comments: this.comments };
  }

  /** The word made of pieces `from` to `to - 1`. */
  private wordOf(from: number, to: number): Word {
    const p = this.pieces;
    if (to - from === 1 && p.kind(from) === QUOTED) {
      const start = p.start(from);
      return new Word(this.source, start, p.end(from), this.text[start] as '"' | "'", p.quoteOk(from));
    }
    return new Word(this.source, p.start(from), p.end(to - 1), null);
  }

  /** Piranha tokens of pieces `from` to `to - 1`: adjacent pieces form one token, except that a quoted piece stands alone. */
  private words(from: number, to: number): readonly Word[] {
    if (from >= to) return NO_WORDS;
    if (to - from === 1) return [this.wordOf(from, to)];
    const p = this.pieces;
    const out: Word[] = [];
    let i = from;
    while (i < to) {
      let j = i + 1;
      if (p.kind(i) !== QUOTED) {
        while (j < to && p.kind(j) !== QUOTED && p.start(j) === p.end(j - 1)) j++;
      }
      out.push(this.wordOf(i, j));
      i = j;
    }
    return out;
  }

  private inlineComment(line: number, hasComment: boolean): Comment | null {
    return hasComment ? (this.commentsByLine.get(line) ?? null) : null;
  }

  /** The statement on `line`, made of pieces `first` to `first + count - 1`. */
  statement(first: number, count: number, line: number, hasComment: boolean, level: Level): Statement {
    const p = this.pieces;
    const after = first + count;
    const end = p.end(after - 1);
    const hasKey = p.kind(first) !== EQUALS;
    const keyEnd = hasKey ? p.end(first) : -1;
    let equalsAt = -1;
    let values: readonly Word[];
    if (!hasKey) {
      equalsAt = p.start(first);
      values = this.words(first + 1, after);
    } else if (count > 1 && p.kind(first + 1) === EQUALS) {
      equalsAt = p.start(first + 1);
      values = this.words(first + 2, after);
    } else values = this.words(first + 1, after);
    // A bare key spelled as its keyword gets its word only when asked for; any other is built now.
    const spelled = hasKey && p.kind(first) !== QUOTED ? keywordSpelled(level, this.text, p.start(first), keyEnd) : undefined;
    const exact = spelled !== undefined;
    const key = exact ? undefined : hasKey ? this.wordOf(first, first + 1) : null;
    const keyword = spelled ?? (key && !key.quote ? (keywordAt(level, key.value.toLowerCase()) ?? null) : null);
    let comment = this.inlineComment(line, hasComment);
    // Piranha knows no inline comments: a `#word` where a value is still due is that value.
    if (comment && hasKey && equalsAt >= 0) {
      const kw = keyword;
      const body = comment.text;
      if (kw && kw.arity > values.length && !/[ \t]/.test(body)) {
        values = [...values, new Word(this.source, comment.start, comment.start + body.length, null, true, true)];
        this.comments.splice(this.comments.lastIndexOf(comment), 1);
        comment = null;
      }
    }
    const lastValue = values[values.length - 1];
    const stmtEnd = comment ? comment.end : Math.max(end, lastValue ? lastValue.end : end);
    const plain =
      comment === null &&
      exact &&
      keyword!.kind !== "enum" &&
      keyword!.kind !== "block" &&
      values.length === keyword!.arity &&
      values.length > 0 &&
      keyEnd < equalsAt &&
      values[0]!.start > equalsAt + 1 &&
      allBare(values);
    return new Statement(this.source, p.start(first), stmtEnd, level, key, keyEnd, equalsAt, values, comment, keyword, exact, line, plain);
  }

  private closeOrStray(line: LineToken, stray: boolean): CloseBrace | Stray {
    const trailing = this.words(line.first + 1, line.first + line.count);
    const comment = this.inlineComment(line.line, line.hasComment);
    const start = line.start(0);
    const end = comment ? comment.end : line.end(line.count - 1);
    if (!stray) return new CloseBrace(this.source, start, end, trailing, comment);
    return new Stray(this.source, start, end, line.kind(0) === LBRACE ? "{" : "}", trailing, comment);
  }

  /**
   * The syntax nodes of CST items `from` to `to` of a block (or the file), appended to `out`.
   * Statement lines come in runs; a line token among the items is a `{` or `}` line.
   */
  private items(cst: ReadonlyArray<LineToken | StatementRun | BlockCst>, from: number, to: number, level: Level, out: BlockItem[]): void {
    for (let k = from; k < to; k++) {
      const item = cst[k]!;
      if (item instanceof StatementRun) {
        const { lines, to } = item;
        for (let r = item.from; r < to; r++) out.push(this.statement(lines.first(r), lines.count(r), lines.line(r), lines.hasComment(r), level));
      } else if (item instanceof LineToken) out.push(this.closeOrStray(item, true) as Stray);
      else out.push(this.block(item, level));
    }
  }

  block(cst: BlockCst, level: Level): Block {
    const lines = cst.children.items;
    const opener = lines[0];
    const second = lines[1];
    const braceLine = second instanceof LineToken && second.tokenType === BraceOnly ? second : undefined;
    const last = lines[lines.length - 1];
    const closeLine = lines.length > 1 && last instanceof LineToken && last.tokenType === Close ? last : undefined;
    const bodyFrom = braceLine ? 2 : 1;
    const bodyTo = closeLine ? lines.length - 1 : lines.length;
    const first = opener.first;
    const after = first + opener.count;
    const keyword = this.wordOf(first, first + 1);
    const bodyLevel: Level = opener.tokenType === ServerOpen ? "server" : "virtual";
    let brace = -1;
    for (let i = first + 1; i < after; i++) {
      if (this.pieces.kind(i) === LBRACE) {
        brace = i;
        break;
      }
    }
    let names = this.words(first + 1, brace < 0 ? after : brace);
    const afterBrace = brace < 0 ? NO_WORDS : this.words(brace + 1, after);
    let braceAt = brace >= 0 ? this.pieces.start(brace) : -1;
    // Piranha strips the quotes of every token, so `virtual a "{"` opens the block too.
    const lastName = names[names.length - 1];
    if (braceAt < 0 && names.length > 1 && lastName!.quote && lastName!.quoteOk && lastName!.value === "{") {
      braceAt = lastName!.start;
      names = names.slice(0, -1);
    }
    const braceOnOwnLine = braceAt < 0 && braceLine !== undefined;
    if (braceOnOwnLine) braceAt = braceLine.start(0);
    const items: BlockItem[] = [];
    // A `{` line after an opener that has its own `{` opens nothing.
    if (braceLine && !braceOnOwnLine) items.push(this.closeOrStray(braceLine, true) as Stray);
    this.items(lines, bodyFrom, bodyTo, bodyLevel, items);
    const close = closeLine ? (this.closeOrStray(closeLine, false) as CloseBrace) : null;
    const lastItem = items[items.length - 1];
    const openerComment = this.inlineComment(opener.line, opener.hasComment);
    const headerEnd = braceOnOwnLine ? braceLine!.endOffset + 1 : Math.max(opener.endOffset + 1, openerComment?.end ?? 0);
    const end = close ? close.end : lastItem ? lastItem.end : headerEnd;
    return new Block(this.source, opener.start(0), end, level, keyword, names, braceAt, braceOnOwnLine, afterBrace, items, close, openerComment, opener.line);
  }
}

/** Lines per parser run: large enough to amortise a run, small enough that tokens die young. */
const CHUNK_LINES = 512;

/** What a whole-file pass learns besides the items. */
export interface TextFacts {
  readonly source: SourceText;
  /** Runs of blanks Piranha does not know (U+00A0 …), as [start, end) offsets. */
  readonly oddBlanks: ReadonlyArray<readonly [number, number]>;
}

/**
 * Parses `text` a run of top-level items at a time and hands each run to `onChunk`, so that a
 * caller can analyse and drop it before the next is built. The runs, in order, are exactly
 * the items of the whole file.
 */
export function parseChunks(text: string, onChunk: (chunk: Chunk) => void): TextFacts {
  const lexer = new Lexer(text);
  const builder = new Builder(lexer.source, lexer.pieces);
  while (!lexer.done) {
    const lines = lexer.nextChunk(CHUNK_LINES);
    onChunk(builder.chunk(parseLines(lines), lexer.comments.splice(0)));
  }
  return { source: lexer.source, oddBlanks: lexer.oddBlanks };
}

export function parseText(text: string): LvsFile {
  const items: TopItem[] = [];
  const comments: Comment[] = [];
  const facts = parseChunks(text, (chunk) => {
    for (const i of chunk.items) items.push(i);
    for (const c of chunk.comments) comments.push(c);
  });
  return new LvsFile(facts.source, items, comments, facts.oddBlanks);
}

function allBare(words: readonly Word[]): boolean {
  for (const w of words) if (!w.bare) return false;
  return true;
}
