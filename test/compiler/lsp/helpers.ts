/** Shared by the language-server suites: inline cursor markers and applying LSP edits. */
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { LineTable } from "../../../compiler/lsp/lines.ts";
import { offsetAt, positionAt } from "../../../compiler/lsp/positions.ts";
import type { Position, TextEdit } from "../../../compiler/lsp/protocol.ts";

export const CURSOR = "<|>";

/** A text with one `<|>` marker: the text without it, and where it stood. */
export function cursor(marked: string): { text: string; offset: number; position: Position; doc: LvsDocument } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`expected exactly one ${CURSOR} in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const doc = new LvsDocument(text);
  return { text, offset, position: positionAt(doc.lines, offset), doc };
}

/** Applies LSP edits (ranges in `text` as it is) the way an editor does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineTable(text);
  const spans = edits
    .map((e) => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    if (s.end > limit) throw new Error(`edits overlap at ${s.start}-${s.end}`);
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}
