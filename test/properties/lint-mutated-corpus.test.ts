/**
 * (b) Real files with random damage: every corpus file and example deployment, with slices
 * deleted, inserted or replaced and stray `{`, `}`, quotes, `#` and CRs added. lintText never
 * throws and its diagnostics stay inside the text. 4000 runs.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../compiler/lint/engine.ts";
import { applyEdits, edit, runParams } from "../helpers/arbitraries.ts";
import { diagnosticProblems } from "../helpers/invariants.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

const TEXTS: Array<[string, string]> = [
  ...corpusFiles().map((f): [string, string] => [f, readCorpus(f)]),
  ...exampleFiles().map((f): [string, string] => [`fixtures/examples/${f}`, readExample(f)]),
];

test("the inputs are there", () => {
  assert.ok(TEXTS.length >= 25, `${TEXTS.length} texts`);
});

test("mutated corpus and example files lint without throwing, in range (4000 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 10 }), ([name, text], edits) => {
      const mutated = applyEdits(text, edits);
      const { diagnostics } = lintText(mutated);
      const problems = diagnosticProblems(mutated, diagnostics);
      if (problems.length > 0) throw new Error(`${name}:\n${problems.slice(0, 10).join("\n")}`);
    }),
    runParams(4000),
  );
});

test("applyEdits does what it says", () => {
  assert.is(applyEdits("abcdef", [{ op: "delete", at: 1, length: 2 }]), "adef");
  assert.is(applyEdits("abc", [{ op: "insert", at: 8, text: "{" }]), "{abc", "positions wrap modulo length + 1");
  assert.is(applyEdits("abc", [{ op: "replace", at: 3, length: 5, text: "}" }]), "abc}");
});

test.run();
