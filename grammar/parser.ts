/**
 * The block structure of lvs.cf over line tokens:
 *
 *   lvsFile      := ( virtualBlock | serverBlock | Statement | Close | BraceOnly )*
 *   virtualBlock := OuterOpen BraceOnly? ( serverBlock | Statement | BraceOnly )* Close?
 *   serverBlock  := ServerOpen BraceOnly? ( Statement | BraceOnly )* Close?
 *
 * A Statement token is a run of consecutive statement lines (a `StatementRun`, made by the
 * lexer): the block structure never depends on where one statement line ends and the next
 * begins, and the parser then takes about half as many tokens.
 *
 * A missing `}` closes the block where the next opener of its level or above begins, as
 * Piranha accepts at the end of the file; a `}` at top level is kept as a stray line.
 * What each line means is decided by the AST builder, which knows the keyword table.
 */
import { CstParser, type CstNode } from "chevrotain";
import type { LineToken, LineTokens, StatementRun } from "./lexer.ts";
import { BraceOnly, Close, LINE_TOKENS, OuterOpen, ServerOpen, Statement } from "./tokens.ts";

type Alternatives = Parameters<CstParser["OR"]>[0];

/**
 * The one label, built once rather than on every call. A block's lines all go under it, in
 * order: Chevrotain keeps a node's children in a dictionary keyed by label, and a large file
 * has a hundred thousand blocks, so one key and one array per block are much cheaper than
 * four. The opener is always first; a `{` line right after it is the block's own brace (the
 * body takes no `{` line before the OPTION has); a closing `}` can only be last.
 */
const ITEMS = { LABEL: "items" };

export class LvsParser extends CstParser {
  // Alternatives built once: the OR of a MANY would otherwise allocate them for every line.
  private fileItems: Alternatives | undefined;
  private virtualItems: Alternatives | undefined;
  private serverItems: Alternatives | undefined;

  constructor() {
    super(LINE_TOKENS, {
      // The grammar accepts every sequence of lines, so there is never anything to recover from.
      recoveryEnabled: false,
      // The syntax tree takes its positions from the line tokens themselves.
      nodeLocationTracking: "none",
      maxLookahead: 1,
      skipValidations: process.env["LVS_GRAMMAR_DEV"] !== "1",
    });
    this.performSelfAnalysis();
  }

  public lvsFile = this.RULE("lvsFile", () => {
    this.MANY(() => {
      this.OR(
        (this.fileItems ??= [
          { ALT: () => this.SUBRULE(this.virtualBlock, ITEMS) },
          { ALT: () => this.SUBRULE(this.serverBlock, ITEMS) },
          { ALT: () => this.CONSUME(Statement, ITEMS) },
          { ALT: () => this.CONSUME(Close, ITEMS) },
          { ALT: () => this.CONSUME(BraceOnly, ITEMS) },
        ]),
      );
    });
  });

  public virtualBlock = this.RULE("virtualBlock", () => {
    this.CONSUME(OuterOpen, ITEMS);
    this.OPTION(() => this.CONSUME(BraceOnly, ITEMS));
    this.MANY(() => {
      this.OR(
        (this.virtualItems ??= [
          { ALT: () => this.SUBRULE(this.serverBlock, ITEMS) },
          { ALT: () => this.CONSUME(Statement, ITEMS) },
          { ALT: () => this.CONSUME2(BraceOnly, ITEMS) },
        ]),
      );
    });
    this.OPTION2(() => this.CONSUME(Close, ITEMS));
  });

  public serverBlock = this.RULE("serverBlock", () => {
    this.CONSUME(ServerOpen, ITEMS);
    this.OPTION(() => this.CONSUME(BraceOnly, ITEMS));
    this.MANY(() => {
      this.OR(
        (this.serverItems ??= [
          { ALT: () => this.CONSUME(Statement, ITEMS) },
          { ALT: () => this.CONSUME2(BraceOnly, ITEMS) },
        ]),
      );
    });
    this.OPTION2(() => this.CONSUME(Close, ITEMS));
  });
}

/** The one parser instance: construction is costly, so every document reuses it. */
export const lvsParser = new LvsParser();

/** A block: its opener line, then its own `{` line if any, its body, and its `}` line if any. */
export interface BlockCst extends CstNode {
  children: { items: [LineToken, ...Array<LineToken | StatementRun | BlockCst>] };
}

export interface FileCst extends CstNode {
  children: { items?: Array<LineToken | StatementRun | BlockCst> };
}

/** Parse line tokens into the block tree. The grammar accepts every sequence of lines. */
export function parseLines(tokens: LineTokens): FileCst {
  lvsParser.input = tokens;
  const cst = lvsParser.lvsFile() as FileCst;
  if (lvsParser.errors.length > 0) {
    throw new Error(`lvs.cf grammar rejected its input: ${lvsParser.errors[0]!.message}`);
  }
  return cst;
}
