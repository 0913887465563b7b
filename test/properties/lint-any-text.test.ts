/**
 * (a) lintText on arbitrary text: it never throws, every diagnostic points inside the text
 * with consistent lines and columns, and the model prints as JSON. 4000 runs in all.
 */
import fc from "fast-check";
import { test } from "uvu";
import { lintText } from "../../compiler/lint/engine.ts";
import { modelToJson } from "../../compiler/model/resolve.ts";
import { binaryText, graphemeText, lvsCharText, lvsLineText, lvsWordText, runParams } from "../helpers/arbitraries.ts";
import { diagnosticProblems } from "../helpers/invariants.ts";

function lintsCleanly(text: string): void {
  const { diagnostics, model } = lintText(text);
  const problems = diagnosticProblems(text, diagnostics);
  if (problems.length > 0) throw new Error(problems.slice(0, 10).join("\n"));
  const json = JSON.parse(modelToJson(model)) as { global?: unknown; virtuals?: unknown };
  if (typeof json.global !== "object" || !Array.isArray(json.virtuals)) throw new Error("modelToJson lost global or virtuals");
}

const SUITES: Array<[string, fc.Arbitrary<string>, number]> = [
  ["any code points (unit binary)", binaryText, 1000],
  ["unicode graphemes", graphemeText, 700],
  ["lvs.cf characters (braces, quotes, #, CR, LF, TAB, NBSP)", lvsCharText, 1000],
  ["lvs.cf words and separators", lvsWordText, 700],
  ["lvs.cf-shaped lines with LF, CRLF or CR", lvsLineText, 600],
];

for (const [name, arb, runs] of SUITES) {
  test(`lintText never throws and reports in-range positions: ${name} (${runs} runs)`, () => {
    fc.assert(fc.property(arb, lintsCleanly), runParams(runs));
  });
}

test("fixed edge cases", () => {
  for (const text of ["", "\n", "\r", "\r\n", "\n\r", "#", "{", "}", '"', "'", "=", "\u00a0", "\ufeff", "\ud800", "virtual", "virtual a {", "} # x"]) {
    lintsCleanly(text);
  }
});

test.run();
