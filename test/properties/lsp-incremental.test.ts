/**
 * The language server's lint after edits: a document linted a segment at a time, after random
 * edits (one at a time, or several before the next lint), reports exactly what `lintText`
 * reports on the new text.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../compiler/lint/engine.ts";
import { LvsDocument } from "../../compiler/lsp/document.ts";
import { anyText, insertion, runParams } from "../helpers/arbitraries.ts";
import { lintTexts } from "../compiler/lsp/texts.ts";

const TEXTS = lintTexts();

/** A replacement: where (a fraction of the text), how much it removes, what it inserts. */
const edit = fc.record(
  {
    at: fc.nat(),
    length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 120 })),
    text: fc.oneof(insertion, fc.constant(""), fc.constantFrom("\n", "}\n", "virtual x {\n", "     active = 0\n", "primary = 10.0.0.9\n")),
    lintAfter: fc.boolean(),
  },
  { noNullPrototype: true },
);

test("incremental diagnostics equal lintText's after every lint (2000 runs)", () => {
  const modes = { segments: 0, whole: 0 };
  fc.assert(
    fc.property(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TEXTS) }, { weight: 1, arbitrary: anyText }), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
      const doc = new LvsDocument(start);
      assert.equal(doc.diagnostics(), lintText(start).diagnostics);
      edits.forEach((e, i) => {
        const at = e.at % (doc.text.length + 1);
        doc.replace(at, Math.min(doc.text.length, at + e.length), e.text);
        if (!e.lintAfter && i < edits.length - 1) return;
        assert.equal(doc.diagnostics(), lintText(doc.text).diagnostics);
        modes[doc.lintMode!]++;
      });
    }),
    runParams(2000),
  );
  // Most lints must have taken the incremental path, or this property says little.
  assert.ok(modes.segments > 3 * modes.whole, JSON.stringify(modes));
});

test("with settings from .lvs-lint.json: severities changed, rules off", () => {
  const settings = { LVS1003: "warning", "duplicate-key": "off", LVS2034: "info", LVS1020: "off" } as const;
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
      const doc = new LvsDocument(start, { settings });
      for (const e of edits) {
        const at = e.at % (doc.text.length + 1);
        doc.replace(at, Math.min(doc.text.length, at + e.length), e.text);
        assert.equal(doc.diagnostics(), lintText(doc.text, { settings }).diagnostics);
      }
    }),
    runParams(300),
  );
});

test.run();
