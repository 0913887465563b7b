/** LVS1004 crlf-line-endings: CRLF line endings, or a carriage return inside an LF file; Piranha then skips or joins lines. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1004", {
  valid: [
    {
      name: "cr only",
      code: fixture("LVS1004/valid-cr-only.cf"),
    },
    {
      name: "the configuration the rule's page shows as right",
      code: fixture("LVS1004/valid.cf"),
    },
  ],
  invalid: [
    {
      name: "crlf last",
      code: fixture("LVS1004/invalid-crlf-last.cf"),
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 15, severity: "error", message: "Piranha reads lines 1–3 as one line: the carriage return ending" },
      ],
    },
    {
      name: "lone cr",
      code: fixture("LVS1004/invalid-lone-cr.cf"),
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 15, severity: "error", message: "Piranha reads lines 1–7 as one line: the carriage return ending" },
        { line: 8, column: 1, endLine: 8, endColumn: 14, severity: "error", message: "Piranha reads lines 8–16 as one line: the carriage return" },
      ],
    },
    {
      name: "the configuration the rule's page warns of",
      code: fixture("LVS1004/invalid.cf"),
      errors: [
        { line: 1, column: 15, endLine: 2, endColumn: 1, severity: "error", message: "The file has CRLF line endings: Piranha reads only its first" },
      ],
    },
  ],
});

test("its cases keep their bytes: CRLF, CR only, lone CRs", () => {
  const bytes = (name: string): Buffer => Buffer.from(fixture(`LVS1004/${name}`), "utf8");
  assert.ok(bytes("invalid.cf").includes("\r\n"), "CRLF kept");
  assert.not.ok(/[^\r]\n/.test(bytes("invalid.cf").toString("latin1")), "every line of the CRLF case ends in CRLF");
  assert.not.ok(bytes("valid-cr-only.cf").includes("\n"), "the CR-only case has no LF");
  assert.is(bytes("invalid-lone-cr.cf").toString("latin1").match(/\r/g)?.length, 2);
});

test.run();
