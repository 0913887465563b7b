/** Syntax errors that formatting cannot repair: the file is then left as it is. */
import type { LintRun } from "../lint/engine.ts";
import { syntaxErrors, syntaxRun } from "../lint/syntax-check.ts";
import { formatLvs, type FormatOptions } from "./print.ts";

export interface UnrepairableError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Formatted {
  readonly output: string;
  /** The first syntax error formatting could not repair, at its place in the input; null if none. */
  readonly error: UnrepairableError | null;
}

/**
 * Formats `text` and says whether a syntax error (LVS1001) survives. Formatting never adds one,
 * so the output is linted again only when the input has one.
 */
export function formatChecked(text: string, options: FormatOptions = {}): Formatted {
  let run: LintRun | null = null;
  const output = formatLvs(text, options, (chunk) => {
    run ??= syntaxRun(chunk.source);
    run.add(chunk.items, chunk.comments);
  });
  const before = (run as LintRun | null)?.finish({ oddBlanks: [] }).diagnostics[0];
  if (!before) return { output, error: null };
  return { output, error: syntaxErrors(output).length > 0 ? before : null };
}
