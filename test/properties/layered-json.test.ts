/**
 * The manifest's layout (layeredJsonSplit): head and body together are JSON that reads back as
 * the value, and in an array laid out compact each item that opens with the first item's first
 * member starts a line of its own, however the items fall into the runs serialised together.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { layeredJsonSplit } from "../../compiler/emit/layered-json.ts";
import { runParams } from "../helpers/arbitraries.ts";

const text = (value: object): string => {
  const split = layeredJsonSplit(value, 3);
  return [...split.head(), ...split.body()].join("");
};

/** Mostly objects opening with `key`, some opening otherwise, with strings that look like JSON. */
const item = fc.oneof(
  { weight: 5, arbitrary: fc.record({ key: fc.string(), n: fc.integer(), s: fc.constantFrom('},{"key":', "}\n{", '"', "") }) },
  { weight: 1, arbitrary: fc.record({ other: fc.string(), key: fc.string() }) },
);

test("property: the layout reads back as the value, a line per item that opens with the first one's first member", () => {
  fc.assert(
    fc.property(fc.array(item, { maxLength: 300 }), fc.string(), (items, name) => {
      const value = { name, plan: { method: "nat", services: items } };
      const json = text(value);
      assert.equal(JSON.parse(json), JSON.parse(JSON.stringify(value)));
      if (items.length === 0) return;
      const lines = json.slice(json.indexOf('"services": [\n') + 14, json.lastIndexOf("\n    ]")).split("\n");
      const first = Object.keys(items[0]!)[0];
      const opensWithKey = (x: object) => Object.keys(x)[0] === first;
      const starts = items.filter((x, i) => i === 0 || opensWithKey(x)).length;
      assert.is(lines.length, starts);
      const parsed = lines.map((line) => JSON.parse(`[${line.trim().replace(/,$/, "")}]`) as object[]);
      assert.equal(parsed.flat(), JSON.parse(JSON.stringify(items)));
      for (const onLine of parsed) assert.ok(onLine.slice(1).every((x) => !opensWithKey(x)), JSON.stringify(onLine));
    }),
    runParams(200),
  );
});

test("an item that opens otherwise stays on the line before, also as the first of a run serialised together", () => {
  const items = Array.from({ length: 130 }, (_, i) => (i % 64 === 0 && i > 0 ? { other: i, key: "k" } : { key: "k", n: i }));
  const lines = text({ plan: { services: items } }).split("\n");
  for (const i of [64, 128]) assert.ok(lines.some((line) => line.endsWith(`"n":${i - 1}},{"other":${i},"key":"k"},`)), `item ${i}`);
});

test("a member name with `$` patterns is copied as it is", () => {
  for (const key of ["$&", "$1", "$$", "a$`b$'c"]) {
    const items = [{ [key]: 1 }, { [key]: 2 }];
    const json = text({ plan: { services: items } });
    assert.equal(JSON.parse(json), { plan: { services: items } }, key);
    assert.ok(json.includes(`\n      ${JSON.stringify({ [key]: 2 })}`), json);
  }
});

test.run();
