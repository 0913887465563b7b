/**
 * The formatter: fixture pairs (every repair, the examples, corpus files), idempotence, line-ending
 * independence, no parser finding left that formatting repairs, and properties over generated configs.
 */
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatLvs } from "../../../compiler/format/print.ts";
import { lintText } from "../../../compiler/lint/engine.ts";
import { PARSER_RULES } from "../../../compiler/lint/rules/index.ts";
import { modelToJson } from "../../../compiler/model/resolve.ts";
import { formattableConfig } from "../../helpers/format-arbitrary.ts";

const DIR = new URL("../../../fixtures/format/", import.meta.url);
const CASES = readdirSync(DIR).sort();
/** Findings the formatter always repairs: inline comments, CRLF, glued `=` and `{`, keyword case, missing `}`. */
const REPAIRED = new Set(["LVS1003", "LVS1004", "LVS1005", "LVS1006", "LVS1009", "LVS1011"]);

const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, DIR), "utf8");
const parserFindings = (text: string): string[] => [...new Set(lintText(text, { rules: PARSER_RULES }).diagnostics.map((d) => d.ruleId))].sort();

for (const name of CASES) {
  test(`fixture ${name}`, () => {
    const input = read(name, "input.cf");
    const expected = read(name, "output.cf");
    const out = formatLvs(input);
    assert.fixture(out, expected);
    assert.is(formatLvs(out), out, "idempotent");
    const lf = input.replace(/\r\n?/g, "\n");
    assert.is(formatLvs(lf), out, "LF variant");
    assert.is(formatLvs(lf.replace(/\n/g, "\r\n")), out, "CRLF variant");
    assert.is(formatLvs(lf.replace(/\n/g, "\r")), out, "CR variant");
    const before = parserFindings(input);
    const after = parserFindings(out);
    for (const id of after) {
      assert.ok(before.includes(id), `${id} appears only after formatting`);
      // `# prettier-ignore` keeps its item as written, repairs included.
      if (name !== "prettier-ignore") assert.not.ok(REPAIRED.has(id), `${id} is left although formatting repairs it`);
    }
    assert.is(modelToJson(lintText(out).model), modelToJson(lintText(input).model), "same model");
  });
}

test("examples are already in the GUI layout", () => {
  for (const name of CASES.filter((c) => c.startsWith("example-"))) assert.is(read(name, "output.cf"), read(name, "input.cf"), name);
});

test("uniform indentation", () => {
  const text = "virtual web {\nport = 80\nserver a {\nweight = 1\n}\n}\n";
  assert.is(formatLvs(text, { indent: 4 }), "virtual web {\n    port = 80\n    server a {\n        weight = 1\n    }\n}\n");
  assert.is(formatLvs(text, { indent: 2 }), "virtual web {\n  port = 80\n  server a {\n    weight = 1\n  }\n}\n");
});

test("empty and comment-only files", () => {
  assert.is(formatLvs(""), "");
  assert.is(formatLvs("\n\n\r\n"), "");
  assert.is(formatLvs("# only\r\n\r\n\r\n# comments  \r\n"), "# only\n\n# comments\n");
});

test("generated configs: same model, idempotent, CRLF = LF (300 runs)", () => {
  fc.assert(
    fc.property(formattableConfig, (text) => {
      const out = formatLvs(text);
      assert.is(modelToJson(lintText(out).model), modelToJson(lintText(text).model), `the model changed:\n${JSON.stringify(text)}`);
      assert.is(formatLvs(out), out, `not idempotent:\n${JSON.stringify(text)}`);
      assert.is(formatLvs(text.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n")), out, "CRLF");
      assert.is(formatLvs(out, { indent: 4 }), formatLvs(formatLvs(text, { indent: 4 }), { indent: 4 }), "idempotent with indent 4");
    }),
    { numRuns: 300 },
  );
});

test.run();
