/**
 * The syntax rule (LVS1001) on its own, for the formatter: whether a text has a line Piranha
 * cannot read as a statement, a block opener or a closing brace.
 */
import type { SourceText } from "../../grammar/index.ts";
import { ModelBuilder } from "../model/resolve.ts";
import { LintRun, lintText } from "./engine.ts";
import { syntaxError } from "./rules/lvs1001-syntax-error.ts";
import type { Diagnostic } from "./types.ts";

/** A run of the syntax rule over `source`, fed a part at a time. The rule reads no model: it gets an empty one. */
export function syntaxRun(source: SourceText): LintRun {
  return new LintRun(source, { rules: [syntaxError], model: new ModelBuilder().model });
}

/** The syntax errors of a whole text. */
export function syntaxErrors(text: string): Diagnostic[] {
  return lintText(text, { rules: [syntaxError] }).diagnostics;
}
