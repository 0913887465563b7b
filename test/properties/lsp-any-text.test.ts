/**
 * The language server never dies on any text: random edits (random ranges, also past the end;
 * random text with braces, quotes, `=`, CR, NUL, non-ASCII) go through the document update and
 * every feature, which all return, with every position inside the document.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { codeActions } from "../../compiler/lsp/code-actions.ts";
import { completion } from "../../compiler/lsp/completion.ts";
import { diagnostics } from "../../compiler/lsp/diagnostics.ts";
import { LvsDocument } from "../../compiler/lsp/document.ts";
import { foldingRanges } from "../../compiler/lsp/folding.ts";
import { formatting } from "../../compiler/lsp/formatting.ts";
import { hover } from "../../compiler/lsp/hover.ts";
import type { DocumentSymbol, Position, Range } from "../../compiler/lsp/protocol.ts";
import { documentSymbols } from "../../compiler/lsp/symbols.ts";
import { anyText, LVS_CHARS, LVS_WORDS, runParams } from "../helpers/arbitraries.ts";
import { lintTexts } from "../compiler/lsp/texts.ts";
import { applyEdits } from "../compiler/lsp/helpers.ts";

const URI = "file:///lvs.cf";

const position = fc.record({ line: fc.integer({ min: -1, max: 80 }), character: fc.integer({ min: -1, max: 200 }) }, { noNullPrototype: true });

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...LVS_CHARS, "\u0000", "\r\n", "{", "}", '"', "'", "=", "é", "\ud83d"), maxLength: 30 }),
  fc.array(fc.constantFrom(...LVS_WORDS), { maxLength: 6 }).map((w) => w.join("")),
);

const change = fc.record({ start: position, end: position, text }, { noNullPrototype: true });

/** Lines of the text as LSP counts them, with the length of each (without its line break). */
function lineLengths(t: string): number[] {
  return t.split(/\r\n|\r|\n/).map((l) => l.length);
}

function checkPosition(lengths: number[], p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lengths.length, `${what}: line ${p.line} of ${lengths.length}`);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lengths[p.line]!, `${what}: character ${p.character} of ${lengths[p.line]}`);
}

function checkRange(lengths: number[], r: Range, what: string): void {
  checkPosition(lengths, r.start, what);
  checkPosition(lengths, r.end, what);
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range backwards`);
}

function checkSymbols(lengths: number[], symbols: DocumentSymbol[]): void {
  for (const s of symbols) {
    checkRange(lengths, s.range, `symbol ${s.name}`);
    checkRange(lengths, s.selectionRange, `symbol ${s.name} selection`);
    checkSymbols(lengths, s.children ?? []);
  }
}

function exercise(doc: LvsDocument, at: Position, span: Range): void {
  const lengths = lineLengths(doc.text);
  for (const d of diagnostics(doc)) checkRange(lengths, d.range, `diagnostic ${d.code}`);
  const h = hover(doc, at);
  if (h?.range) checkRange(lengths, h.range, "hover");
  for (const c of completion(doc, at)) checkRange(lengths, c.textEdit!.range, `completion ${c.label}`);
  checkSymbols(lengths, documentSymbols(doc));
  for (const f of foldingRanges(doc)) assert.ok(0 <= f.startLine && f.startLine < f.endLine && f.endLine < lengths.length, JSON.stringify(f));
  const edits = formatting(doc);
  for (const e of edits) checkRange(lengths, e.range, "formatting");
  applyEdits(doc.text, edits);
  for (const action of codeActions(doc, URI, span)) {
    for (const e of action.edit.changes[URI]!) checkRange(lengths, e.range, action.title);
    applyEdits(doc.text, action.edit.changes[URI]!);
  }
}

test("every feature returns, with positions in range, after random LSP changes (1500 runs)", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.constantFrom(...lintTexts()), anyText),
      fc.array(fc.tuple(change, position, position, position), { minLength: 1, maxLength: 5 }),
      (start, steps) => {
        const doc = new LvsDocument(start);
        for (const [c, at, a, b] of steps) {
          doc.update([{ range: { start: c.start, end: c.end }, text: c.text }]);
          exercise(doc, at, { start: a, end: b });
        }
      },
    ),
    runParams(1500),
  );
});

test("fixed edge cases: empty, NUL, lone surrogates, CR only, unclosed quotes and braces", () => {
  for (const t of ["", "\u0000", "\ud800", "\r", "\r\r\n\n", '"', "{", "}", "= =", "virtual", "virtual a {", "server s {\r  address = \u00a0", "#\u0000\r\n}"]) {
    const doc = new LvsDocument(t);
    for (let line = 0; line < 3; line++)
      for (let character = 0; character < 4; character++) exercise(doc, { line, character }, { start: { line: 0, character: 0 }, end: { line, character } });
  }
});

test.run();
