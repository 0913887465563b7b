/** The document under edits: its line table, its segments, LSP content changes, positions. */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, SourceText } from "../../../grammar/index.ts";
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { LineTable } from "../../../compiler/lsp/lines.ts";
import { offsetAt, positionAt } from "../../../compiler/lsp/positions.ts";
import { segmentStarts, splitSegments } from "../../../compiler/lsp/segments.ts";
import { anyText, insertion, runParams } from "../../helpers/arbitraries.ts";
import { lintTexts } from "./texts.ts";

const TEXTS = lintTexts();

/** A replacement of a random range of a text, positions as fractions of its length. */
const replacement = fc.record({ a: fc.nat(), b: fc.nat(), text: insertion }, { noNullPrototype: true });

function tableOf(lines: LineTable): { starts: number[]; endings: string[] } {
  const source = lines.source();
  return { starts: [...source.lineStarts], endings: [...source.endings] };
}

test("the line table after each edit is the one SourceText computes (LF, CRLF, lone CR, their merges)", () => {
  fc.assert(
    fc.property(fc.oneof(fc.constantFrom(...TEXTS), anyText), fc.array(replacement, { minLength: 1, maxLength: 8 }), (start, edits) => {
      let text = start;
      const lines = new LineTable(text);
      for (const e of edits) {
        const from = Math.min(e.a, e.b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(e.a, e.b) % 7));
        text = text.slice(0, from) + e.text + text.slice(to);
        lines.update(text, from, to, e.text.length);
        const want = new SourceText(text);
        assert.equal(tableOf(lines), { starts: want.lineStarts, endings: want.endings });
      }
    }),
    runParams(1500),
  );
});

test("segments start at the first character and at every virtual or failover opener line", () => {
  assert.equal(segmentStarts(""), [0]);
  assert.equal(segmentStarts("primary = 1.2.3.4\n"), [0]);
  const text = "# x\nvirtual a {\n     server s {\n     }\n}\n  Failover b {\n}\nvirtual = 3\nvirtual c\n";
  assert.equal(segmentStarts(text), [0, 4, text.indexOf("  Failover"), text.indexOf("virtual c")]);
  assert.equal(segmentStarts("virtual a {\n}\nvirtual b {\n}\n"), [0, 14]);
});

test("each segment parses as it parses within the whole text, offsets counted from its start", () => {
  for (const text of TEXTS) {
    const whole = parse(text).items.map((i) => [i.kind, i.start, i.end]);
    const parts = splitSegments(text, 0, 1).flatMap((s) => s.items.map((i) => [i.kind, i.start + s.start, i.end + s.start]));
    assert.equal(parts, whole);
  }
});

test("after any edits the segments are those of the new text, with their places and lines", () => {
  fc.assert(
    fc.property(fc.oneof(fc.constantFrom(...TEXTS), anyText), fc.array(replacement, { minLength: 1, maxLength: 6 }), (start, edits) => {
      const doc = new LvsDocument(start);
      for (const e of edits) {
        const text = doc.text;
        const from = Math.min(e.a, e.b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(e.a, e.b) % 40));
        doc.replace(from, to, e.text);
        const want = splitSegments(doc.text, 0, 1).map((s) => [s.start, s.line, s.text]);
        assert.equal(
          doc.segments.map((s) => [s.start, s.line, s.text]),
          want,
        );
      }
    }),
    runParams(800),
  );
});

test("LSP content changes: several in one notification, a whole-text change, positions past the end", () => {
  const doc = new LvsDocument("primary=10.0.0.1\r\nservice = lvs\r\n");
  doc.update([
    { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, text: " " },
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: " " },
  ]);
  assert.is(doc.text, "primary = 10.0.0.1\r\nservice = lvs\r\n");
  // A character past the end of a line means its end, before the CRLF; a line past the end, the end.
  doc.update([{ range: { start: { line: 1, character: 99 }, end: { line: 7, character: 0 } }, text: "!" }]);
  assert.is(doc.text, "primary = 10.0.0.1\r\nservice = lvs!");
  doc.update([{ text: "virtual a {\n}\n" }]);
  assert.is(doc.text, "virtual a {\n}\n");
  assert.equal(doc.segments.map((s) => s.start), [0]);
});

test("offsets and positions: UTF-16 characters, CRLF and lone CR, ends of lines", () => {
  const text = "a😀b\r\nc\rd\n";
  const lines = new LineTable(text);
  assert.equal(positionAt(lines, 3), { line: 0, character: 3 });
  assert.equal(positionAt(lines, 6), { line: 1, character: 0 });
  assert.equal(positionAt(lines, 8), { line: 2, character: 0 });
  assert.equal(positionAt(lines, text.length), { line: 3, character: 0 });
  assert.is(offsetAt(lines, { line: 0, character: 4 }), 4);
  assert.is(offsetAt(lines, { line: 0, character: 9 }), 4);
  assert.is(offsetAt(lines, { line: 1, character: 5 }), 7);
  assert.is(offsetAt(lines, { line: 9, character: 0 }), text.length);
  assert.is(offsetAt(lines, { line: -1, character: 3 }), 0);
  for (let o = 0; o <= text.length; o++) {
    if (text[o - 1] === "\r" && text[o] === "\n") continue;
    assert.is(offsetAt(lines, positionAt(lines, o)), o);
  }
});

test.run();
