/**
 * An open document keeps one version of its text: the segments an edit leaves alone must not
 * hold earlier versions alive (a slice of a string keeps the whole string in V8), so thirty
 * edits in thirty places of a 2.5 MB file leave the heap about where it was.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generateConfig } from "../../../bench/generate.ts";
import { diagnostics } from "../../../compiler/lsp/diagnostics.ts";
import { LvsDocument } from "../../../compiler/lsp/document.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

test("thirty edits in thirty places keep no earlier version of the text", () => {
  const virtuals = 2000;
  const text = generateConfig(virtuals, 10);
  const doc = new LvsDocument(text);
  diagnostics(doc);
  const before = heapAfterGc();
  for (let i = 0; i < 30; i++) {
    const at = doc.text.indexOf("weight = ", doc.text.indexOf(`virtual web${(i * 67 + 11) % virtuals} {`)) + "weight = ".length;
    const start = doc.positionAt(at);
    doc.update([{ range: { start, end: doc.positionAt(at + 1) }, text: doc.text[at] === "1" ? "2" : "1" }]);
    diagnostics(doc);
  }
  const grown = heapAfterGc() - before;
  const textBytes = Buffer.byteLength(text);
  assert.ok(grown < 4 * textBytes, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 30 edits of a ${(textBytes / 1e6).toFixed(1)} MB text`);
});

test("an open, linted document holds its segments' findings and summaries, not their syntax trees", () => {
  const text = generateConfig(2000, 10);
  const textBytes = Buffer.byteLength(text);
  const before = heapAfterGc();
  const doc = new LvsDocument(text);
  diagnostics(doc);
  const held = heapAfterGc() - before;
  // With every segment's syntax tree it held over twenty times the text; without, about ten.
  assert.ok(held < 16 * textBytes, `an open document of ${(textBytes / 1e6).toFixed(1)} MB holds ${(held / 1e6).toFixed(1)} MB`);
  assert.ok(doc.segments.length > 2000);
});

test.run();
