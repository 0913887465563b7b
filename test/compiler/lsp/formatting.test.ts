/** Formatting: lvs-fmt's layout as the smallest edits, never between the CR and LF of a CRLF. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatChecked } from "../../../compiler/format/errors.ts";
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { formatting } from "../../../compiler/lsp/formatting.ts";
import { replacements } from "../../../compiler/lsp/text-edits.ts";
import { applyEdits, cursor } from "./helpers.ts";

test("the edits give lvs-fmt's output and touch only what changes", () => {
  const { doc, text } = cursor("primary=10.0.0.1<|>\nservice = lvs\nvirtual web {\n  active = 1\n     port = 80\n}\n");
  const edits = formatting(doc);
  assert.is(applyEdits(text, edits), formatChecked(text).output);
  assert.equal(edits, [
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, newText: " " },
    { range: { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } }, newText: " " },
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } }, newText: "     " },
  ]);
});

test("a formatted file gets no edits; one formatting cannot repair is left alone", () => {
  assert.equal(formatting(new LvsDocument("primary = 10.0.0.1\n")), []);
  const broken = "primary = 10.0.0.1\n= 5\n";
  assert.ok(formatChecked(broken).error);
  assert.equal(formatting(new LvsDocument(broken)), []);
});

test("CRLF and lone CR files: line breaks are replaced whole", () => {
  for (const eol of ["\r\n", "\r"]) {
    const text = `primary = 10.0.0.1${eol}virtual web {${eol}active = 1${eol}}${eol}`;
    const edits = formatting(new LvsDocument(text));
    assert.is(applyEdits(text, edits), formatChecked(text).output, JSON.stringify(eol));
    for (const e of edits) assert.ok(e.range.end.character === 0 || e.range.start.line === e.range.end.line, JSON.stringify(e));
  }
});

test("replacements never cut a CRLF and always rebuild the new text", () => {
  const pairs: Array<[string, string]> = [
    ["a\r\nb\r\n", "a\nb\n"],
    ["a\r\nb", "a\r\nxb"],
    ["a\r\nb", "ax\r\nb"],
    ["x\r\n\r\ny", "x\n\r\ny"],
    ["", "abc"],
    ["abc", ""],
  ];
  for (const [before, after] of pairs) {
    const rs = replacements(before, after);
    let out = before;
    for (const r of [...rs].reverse()) out = out.slice(0, r.start) + r.text + out.slice(r.end);
    assert.is(out, after, JSON.stringify([before, after]));
    for (const r of rs)
      for (const at of [r.start, r.end]) assert.not.ok(before[at - 1] === "\r" && before[at] === "\n", JSON.stringify([before, after, r]));
  }
});

test.run();
