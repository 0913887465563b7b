/**
 * The block structure of lvs.cf over line tokens:
 *
 *   lvsFile      := ( virtualBlock | serverBlock | Statement | Close | BraceOnly )*
 *   virtualBlock := OuterOpen BraceOnly? ( serverBlock | Statement | BraceOnly )* Close?
 *   serverBlock  := ServerOpen BraceOnly? ( Statement | BraceOnly )* Close?
 *
 * A missing `}` closes the block where the next opener of its level or above begins, as
 * Piranha accepts at the end of the file; a `}` at top level is kept as a stray line.
 * What each line means is decided by the AST builder, which knows the keyword table.
 */
import { CstParser, type CstNode } from "chevrotain";
import type { LineToken } from "./lexer.ts";
import { BraceOnly, Close, LINE_TOKENS, OuterOpen, ServerOpen, Statement } from "./tokens.ts";

export class LvsParser extends CstParser {
  constructor() {
    super(LINE_TOKENS, {
      recoveryEnabled: true,
      nodeLocationTracking: "full",
      maxLookahead: 1,
      skipValidations: process.env["LVS_GRAMMAR_DEV"] !== "1",
    });
    this.performSelfAnalysis();
  }

  public lvsFile = this.RULE("lvsFile", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.virtualBlock, { LABEL: "items" }) },
        { ALT: () => this.SUBRULE(this.serverBlock, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(Statement, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(Close, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(BraceOnly, { LABEL: "items" }) },
      ]);
    });
  });

  public virtualBlock = this.RULE("virtualBlock", () => {
    this.CONSUME(OuterOpen, { LABEL: "opener" });
    this.OPTION(() => this.CONSUME(BraceOnly, { LABEL: "brace" }));
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.serverBlock, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(Statement, { LABEL: "items" }) },
        { ALT: () => this.CONSUME2(BraceOnly, { LABEL: "items" }) },
      ]);
    });
    this.OPTION2(() => this.CONSUME(Close, { LABEL: "close" }));
  });

  public serverBlock = this.RULE("serverBlock", () => {
    this.CONSUME(ServerOpen, { LABEL: "opener" });
    this.OPTION(() => this.CONSUME(BraceOnly, { LABEL: "brace" }));
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Statement, { LABEL: "items" }) },
        { ALT: () => this.CONSUME2(BraceOnly, { LABEL: "items" }) },
      ]);
    });
    this.OPTION2(() => this.CONSUME(Close, { LABEL: "close" }));
  });
}

/** The one parser instance: construction is costly, so every document reuses it. */
export const lvsParser = new LvsParser();

export interface BlockCst extends CstNode {
  children: {
    opener: [LineToken];
    brace?: [LineToken];
    items?: Array<LineToken | BlockCst>;
    close?: [LineToken];
  };
}

export interface FileCst extends CstNode {
  children: { items?: Array<LineToken | BlockCst> };
}

/** Parse line tokens into the block tree. The grammar accepts every sequence of lines. */
export function parseLines(lines: LineToken[]): FileCst {
  lvsParser.input = lines;
  const cst = lvsParser.lvsFile() as FileCst;
  if (lvsParser.errors.length > 0) {
    throw new Error(`lvs.cf grammar rejected its input: ${lvsParser.errors[0]!.message}`);
  }
  return cst;
}
