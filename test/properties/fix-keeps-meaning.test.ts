/**
 * `--fix` on damaged real files: the result has none of the fixable findings it fixed and
 * resolves to the same model as before, except where a fix is meant to change meaning:
 * LVS1006 splits `}virtual b {` so that the block it hid is read, LVS1008 replaces a no-break
 * space inside a quoted value (which Piranha would pass on as is), and LVS2027 turns single
 * quotes that nanny would have received into double quotes.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixText } from "../../compiler/lint/fix.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { modelToJson } from "../../compiler/model/resolve.ts";
import { applyEdits, edit, runParams } from "../helpers/arbitraries.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

const TEXTS = [...corpusFiles().map(readCorpus), ...exampleFiles().map(readExample)];
const MEANING_CHANGES = new Set(["LVS1006", "LVS1008", "LVS2027"]);

test("fixing keeps the model, and leaves no finding it could fix (500 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
      const text = applyEdits(base, edits);
      const before = lintText(text);
      const r = fixText(text);
      const fixedRules = new Set(before.diagnostics.filter((d) => d.fix).map((d) => d.ruleId));
      if (![...fixedRules].some((id) => MEANING_CHANGES.has(id))) {
        assert.is(modelToJson(lintText(r.output).model), modelToJson(before.model), `the model changed:\n${JSON.stringify(text)}`);
      }
      if (r.passes < 10) assert.equal(r.diagnostics.filter((d) => d.fix).map((d) => `${d.ruleId} ${d.line}:${d.column}`), []);
    }),
    runParams(500),
  );
});

test.run();
