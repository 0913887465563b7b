/** Every rule has its source file and its specification under the same name: lvsNNNN-alias. */
import { readdirSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ALL_RULES } from "../../../compiler/lint/rules/index.ts";

const names = (dir: string, suffix: string): string[] =>
  readdirSync(new URL(`../../../${dir}/`, import.meta.url))
    .filter((f) => /^lvs\d{4}-/.test(f) && f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();

test("one source file and one test file per rule, named for its id and alias", () => {
  const expected = ALL_RULES.map((r) => `${r.meta.id.toLowerCase()}-${r.meta.alias}`).sort();
  assert.equal(names("compiler/lint/rules", ".ts"), expected);
  assert.equal(names("test/compiler/lint/rules", ".test.ts"), expected);
});

test.run();
