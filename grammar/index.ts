/** Parse lvs.cf text into its syntax tree. Never throws on any input text. */
import type { LvsFile } from "./ast.ts";
import { parseText } from "./build-ast.ts";
export { parseChunks, type Chunk, type TextFacts } from "./build-ast.ts";

export function parse(text: string): LvsFile {
  return parseText(text);
}

export * from "./ast.ts";
export * from "./keywords.ts";
export { SourceText, type Position, type Range, type LineEnding } from "./source.ts";
export { isBlank, isOddBlank, ODD_BLANK_CHARS } from "./tokens.ts";
export { IntRows } from "./int-rows.ts";
