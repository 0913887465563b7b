/**
 * `lintText` parses and lints a part at a time and never holds the whole tree; `lintFile`
 * lints a whole parsed tree. On real files with random damage both give the same findings
 * and the same model.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../../grammar/index.ts";
import { lintFile, lintText } from "../../compiler/lint/engine.ts";
import { modelToJson } from "../../compiler/model/resolve.ts";
import { generateConfig } from "../../bench/generate.ts";
import { applyEdits, edit, runParams } from "../helpers/arbitraries.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

const TEXTS = [...corpusFiles().map(readCorpus), ...exampleFiles().map(readExample)];

function same(text: string): void {
  const streamed = lintText(text);
  const whole = lintFile(parse(text));
  assert.equal(streamed.diagnostics, whole.diagnostics);
  assert.is(modelToJson(streamed.model), modelToJson(whole.model));
}

test("a file of many parts (several parser runs) lints the same both ways, with directives across parts", () => {
  const big = generateConfig(120, 10);
  const at = big.indexOf("virtual web60 {");
  const text = `${big.slice(0, at)}# lvs-lint disable=LVS1015 -- kept\n${big.slice(at).replace("     port = 80\n", "     port = 80\n     port = 81\n")}syncd_id = 0x10\n`;
  same(text);
  const d = lintText(text).diagnostics;
  assert.ok(d.some((x) => x.ruleId === "LVS1013"));
  assert.not.ok(d.some((x) => x.ruleId === "LVS1015" || x.ruleId === "LVS1020"));
});

test("damaged corpus files lint the same streamed and whole (600 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEXTS), fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => same(applyEdits(text, edits))),
    runParams(600),
  );
});

test.run();
