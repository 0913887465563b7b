/**
 * Formatting: the layout of `lvs-fmt` and the Prettier plugin (the same printer), returned as
 * the smallest edits. A file with a syntax error formatting cannot repair is left as it is.
 */
import { formatChecked } from "../format/errors.ts";
import type { FormatOptions } from "../format/print.ts";
import type { LvsDocument } from "./document.ts";
import type { TextEdit } from "./protocol.ts";
import { textEdits } from "./text-edits.ts";

export function formatting(doc: LvsDocument, options: FormatOptions = {}): TextEdit[] {
  const { output, error } = formatChecked(doc.text, options);
  if (error) return [];
  return textEdits(doc.lines, doc.text, output);
}
