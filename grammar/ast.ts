/**
 * The lvs.cf syntax tree. Every node knows its offsets and, through its source, its line and
 * column; comments are kept in order for the formatter; nodes left incomplete by a mistake in
 * the file (a missing value, a missing `}`) are still built, with the missing part absent.
 */
import { LOWER_CASE_BIT, LOWER_F, LOWER_V } from "./chars.ts";
import type { Keyword, Level } from "./keywords.ts";
import type { Range, SourceText } from "./source.ts";

function defineKind(cls: { prototype: object }, kind: string): void {
  Object.defineProperty(cls.prototype, "kind", { value: kind, enumerable: true });
}

export abstract class Node {
  constructor(
    readonly source: SourceText,
    /** Offset of the first character. */
    readonly start: number,
    /** Offset just past the last character. */
    readonly end: number,
  ) {}
  get range(): Range {
    return this.source.range(this.start, this.end);
  }
  get line(): number {
    return this.source.lineOf(this.start);
  }
  get text(): string {
    return this.source.text.slice(this.start, this.end);
  }
}

const QUOTE_DOUBLE = 1;
const QUOTE_SINGLE = 2;
const QUOTE_BAD = 4;
const FROM_HASH = 8;

/**
 * One token as Piranha would split it: a key, a name or a value.
 * `value` is what Piranha stores: the token without its surrounding quotes.
 */
export class Word extends Node {
  declare readonly kind: "word";
  private readonly flags: number;
  constructor(
    source: SourceText,
    start: number,
    end: number,
    quote: '"' | "'" | null,
    /** False when Piranha's tokenizer rejects this quoting ("quotation mismatch"). */
    quoteOk = true,
    /** The token came from a `#…` that Piranha reads as a value here, not as a comment. */
    fromHash = false,
  ) {
    super(source, start, end);
    this.flags =
      (quote === '"' ? QUOTE_DOUBLE : quote === "'" ? QUOTE_SINGLE : 0) | (quoteOk ? 0 : QUOTE_BAD) | (fromHash ? FROM_HASH : 0);
  }
  /** The quote character the token is written in, if any. */
  get quote(): '"' | "'" | null {
    return this.flags & QUOTE_DOUBLE ? '"' : this.flags & QUOTE_SINGLE ? "'" : null;
  }
  get quoteOk(): boolean {
    return (this.flags & QUOTE_BAD) === 0;
  }
  get fromHash(): boolean {
    return (this.flags & FROM_HASH) !== 0;
  }
  /** Written without quotes, and not taken from a `#…`. */
  get bare(): boolean {
    return this.flags === 0;
  }
  /** The token without its quotes (an unterminated quote is dropped at the start only). */
  get value(): string {
    return (this.valueCache ??= this.unquoted());
  }
  /** `value`, once read: the parser, the model and several rules all ask for it. */
  private valueCache: string | undefined = undefined;
  private unquoted(): string {
    if (!(this.flags & (QUOTE_DOUBLE | QUOTE_SINGLE))) return this.source.text.slice(this.start, this.end);
    const t = this.source.text;
    const closed = this.end - this.start >= 2 && t[this.end - 1] === t[this.start];
    return t.slice(this.start + 1, closed ? this.end - 1 : this.end);
  }
}
defineKind(Word, "word");

export class Comment extends Node {
  declare readonly kind: "comment";
  constructor(
    source: SourceText,
    start: number,
    end: number,
    /** After a statement on the same line (Piranha does not accept that). */
    readonly inline: boolean,
  ) {
    super(source, start, end);
  }
}
defineKind(Comment, "comment");

/** `key = value…` (or whatever else a line holds that is not a block line). */
export class Statement extends Node {
  declare readonly kind: "statement";
  constructor(
    source: SourceText,
    start: number,
    end: number,
    /** Where the statement stands. */
    readonly level: Level,
    /**
     * The key; null when the line starts with `=`; undefined for a bare key, which runs from
     * `start` to `keyEnd` and is built when first asked for (most lines' keys never are).
     */
    private keyWord: Word | null | undefined,
    private readonly keyEnd: number,
    /** Offset of the `=` after the key; -1 when there is none. */
    readonly equalsAt: number,
    readonly values: readonly Word[],
    /** A `#` comment after the statement. */
    readonly comment: Comment | null,
    /** The keyword the key names at this level, whatever its letter case; null for none. */
    readonly keyword: Keyword | null,
    /** The key is spelled exactly as the keyword (same case, no quotes). */
    readonly keywordExact: boolean,
    /** The line of `start`, which the parser knows: the model asks for every statement's. */
    private readonly startLine: number,
    /**
     * The line is `keyword = value` as Piranha wants it, which most lines of a file are: the
     * keyword spelled exactly, `=` with blanks on both sides, as many values as the keyword
     * takes, none quoted, no comment after them. Enum keywords are never plain (the letter
     * case of their values matters), nor are blocks opened with `=`.
     */
    readonly plain: boolean,
  ) {
    super(source, start, end);
  }
  override get line(): number {
    return this.startLine;
  }
  /** Null when the line starts with `=`. */
  get key(): Word | null {
    return this.keyWord === undefined ? (this.keyWord = new Word(this.source, this.start, this.keyEnd, null)) : this.keyWord;
  }
}
defineKind(Statement, "statement");

/** `}` and anything after it on its line. */
export class CloseBrace extends Node {
  declare readonly kind: "close";
  constructor(
    source: SourceText,
    start: number,
    end: number,
    /** Tokens after the `}`, which Piranha ignores. */
    readonly trailing: readonly Word[],
    readonly comment: Comment | null,
  ) {
    super(source, start, end);
  }
}
defineKind(CloseBrace, "close");

/** A `}` or `{` line that belongs to no block. */
export class Stray extends Node {
  declare readonly kind: "stray";
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly brace: "{" | "}",
    readonly trailing: readonly Word[],
    readonly comment: Comment | null,
  ) {
    super(source, start, end);
  }
}
defineKind(Stray, "stray");

export type BlockItem = Statement | Block | Stray;

/** `virtual NAME {`, `failover NAME {` or `server NAME {` with its body. */
export class Block extends Node {
  declare readonly kind: "block";
  constructor(
    source: SourceText,
    start: number,
    end: number,
    /** Where the opener stands. */
    readonly level: Level,
    /** The block keyword as written (`virtual`, `Virtual`, `server`, …). */
    readonly keyword: Word,
    readonly names: readonly Word[],
    /** Offset of the opening `{`; -1 when there is none. */
    readonly braceAt: number,
    /** The `{` stands alone on a line after the opener. */
    readonly braceOnOwnLine: boolean,
    /** Tokens after the `{` on the opener line. */
    readonly afterBrace: readonly Word[],
    readonly items: BlockItem[],
    /** Null when the block is never closed. */
    readonly close: CloseBrace | null,
    readonly comment: Comment | null,
    /** The opener's line, which the parser knows. */
    private readonly startLine: number,
  ) {
    super(source, start, end);
  }
  override get line(): number {
    return this.startLine;
  }
  /** `virtual`, `failover` or `server`, lower case. */
  get blockType(): "virtual" | "failover" | "server" {
    // The keyword is one of the three in some letter case, or a misspelt one the scanner read
    // as a virtual or failover block when it starts with v or f, else as a server block.
    const first = this.source.text.charCodeAt(this.keyword.start) | LOWER_CASE_BIT;
    return first === LOWER_F ? "failover" : first === LOWER_V ? "virtual" : "server";
  }
  /** The level of the statements inside. */
  get bodyLevel(): Level {
    return this.blockType === "server" ? "server" : "virtual";
  }
}
defineKind(Block, "block");

export type TopItem = Statement | Block | Stray;

export class LvsFile extends Node {
  declare readonly kind: "file";
  constructor(
    source: SourceText,
    readonly items: TopItem[],
    /** Every comment, in order. */
    readonly comments: Comment[],
    /** Runs of blanks Piranha does not know (U+00A0 …), as [start, end) offsets. */
    readonly oddBlanks: ReadonlyArray<readonly [number, number]>,
  ) {
    super(source, 0, source.text.length);
  }
}
defineKind(LvsFile, "file");

export type AnyNode = LvsFile | Block | Statement | CloseBrace | Stray | Word | Comment;

/** Calls `visit` for every block and statement, depth first, in file order. */
export function walk(file: LvsFile, visit: (node: TopItem | BlockItem, parent: Block | null) => void): void {
  const go = (items: Array<TopItem | BlockItem>, parent: Block | null): void => {
    for (const item of items) {
      visit(item, parent);
      if (item.kind === "block") go(item.items, item);
    }
  };
  go(file.items, null);
}
