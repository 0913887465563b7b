/** LVS1008 non-ascii-whitespace: A blank other than space or TAB (U+00A0, U+3000, a byte order mark …); Piranha reads it as part of a word. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, ruleTests } from "../../../helpers/rule-tester.ts";

ruleTests("LVS1008", {
  valid: [
    {
      name: "Café cluster — primary director",
      code: fixture("LVS1008/valid.cf"),
    },
  ],
  invalid: [
    {
      name: "the configuration the rule's page warns of",
      code: fixture("LVS1008/invalid.cf"),
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 2, severity: "error", message: "U+FEFF BYTE ORDER MARK is not a blank for Piranha: it becomes" },
        { line: 2, column: 8, endLine: 2, endColumn: 9, severity: "error", message: "U+00A0 NO-BREAK SPACE is not a blank for Piranha: it becomes" },
        { line: 4, column: 16, endLine: 4, endColumn: 17, severity: "error", message: "U+3000 IDEOGRAPHIC SPACE is not a blank for Piranha: it becomes" },
        { line: 5, column: 29, endLine: 5, endColumn: 31, severity: "error", message: "U+00A0 NO-BREAK SPACE is not a blank for Piranha: it becomes" },
        { line: 6, column: 19, endLine: 6, endColumn: 20, severity: "error", message: "U+00A0 NO-BREAK SPACE inside a quoted value is sent as is:" },
      ],
    },
  ],
});

test("its cases keep their bytes: a byte order mark and no-break spaces", () => {
  const bytes = Buffer.from(fixture("LVS1008/invalid.cf"), "utf8");
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "byte order mark kept");
  assert.ok(bytes.includes(Buffer.from([0xc2, 0xa0])), "NBSP kept");
});

test.run();
