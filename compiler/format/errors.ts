/** Syntax errors that formatting cannot repair: the file is then left as it is. */
import { lintText } from "../lint/engine.ts";
import { syntaxError } from "../lint/rules/lvs1001-syntax-error.ts";

export interface UnrepairableError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The first syntax error still there after formatting, reported at its place in `text`. */
export function unrepairableSyntaxError(text: string, output: string): UnrepairableError | null {
  const after = lintText(output, { rules: [syntaxError] }).diagnostics[0];
  if (!after) return null;
  return lintText(text, { rules: [syntaxError] }).diagnostics[0] ?? after;
}
