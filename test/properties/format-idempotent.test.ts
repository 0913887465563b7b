/**
 * Formatting is idempotent: formatting a formatted file changes nothing, for every file the
 * formatter accepts, hand-written ones included (glued `=`, comments glued to values, `#` inside
 * quotes, comments at every place).
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatChecked } from "../../compiler/format/errors.ts";
import { runParams } from "../helpers/arbitraries.ts";
import { formattableConfig, roughConfig } from "../helpers/format-arbitrary.ts";

const once = (text: string): string | null => {
  const r = formatChecked(text);
  return r.error ? null : r.output;
};

for (const [name, arb] of [
  ["generated layouts", formattableConfig],
  ["hand-written files", roughConfig],
] as const) {
  test(`format twice = format once: ${name} (2000 runs)`, () => {
    let formatted = 0;
    fc.assert(
      fc.property(arb, (text) => {
        const first = once(text);
        if (first === null) return;
        formatted++;
        assert.is(once(first), first, `not idempotent on:\n${JSON.stringify(text)}\nfirst:\n${first}`);
      }),
      runParams(2000),
    );
    assert.ok(formatted > 1000, `${formatted} of 2000 files were formatted`);
  });
}

test("a comment glued to a quoted value stays where it was", () => {
  const first = once('virtual v {\n     send="x"#c\n}\n')!;
  assert.is(once(first), first);
});

test("a misspelt block opener is written as it stands: formatting guesses no keyword", () => {
  const text = "virtual web {\n     realserver a {\n         active = 1\n     }\n}\n";
  assert.match(once(text)!, /^ {5}realserver a \{$/m);
  assert.match(once("Virtual web {\n}\n")!, /^virtual web \{$/m);
});

test.run();
