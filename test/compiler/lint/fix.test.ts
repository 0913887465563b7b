import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyFixes, fixText } from "../../../compiler/lint/fix.ts";
import { PARSER_RULES } from "../../../compiler/lint/rules/index.ts";

test("applyFixes applies non-overlapping edits from the end and skips clashing ones", () => {
  const r = applyFixes("abcdef", [
    { range: [4, 5], text: "E" },
    { range: [0, 1], text: "A" },
    { range: [0, 2], text: "x" },
    { range: [2, 2], text: "+" },
    { range: [2, 2], text: "-" },
  ]);
  assert.is(r.text, "Ab+cdEf");
  assert.is(r.applied, 3);
});

test("fixText repeats until nothing changes and reports what remains", () => {
  const r = fixText("primary=10.0.0.1\nvirtual web{\n     scheduler = WLC # fast\n}\n} x\n", { rules: PARSER_RULES });
  assert.is(r.output, "primary = 10.0.0.1\nvirtual web {\n     # fast\n     scheduler = wlc\n}\n} x\n");
  assert.ok(r.passes >= 1 && r.passes <= 10);
  assert.equal(
    r.diagnostics.filter((d) => d.severity === "error").map((d) => [d.ruleId, d.line]),
    [["LVS1001", 6]],
  );
});

test("a clean text is returned as it is, after one lint", () => {
  const text = "primary = 10.0.0.1\n";
  const r = fixText(text, { rules: PARSER_RULES });
  assert.is(r.output, text);
  assert.is(r.passes, 0);
});

test.run();
