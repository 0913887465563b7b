import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { afterCheck, initialHealth, type MonitorSettings, type ServerHealth } from "../../runtime/monitor.ts";

const S: MonitorSettings = { interval: 6, reentry: 15, quiesce: false, weight: 100 };
const run = (h: ServerHealth, results: readonly boolean[], s = S): ServerHealth => results.reduce((acc, ok) => afterCheck(acc, ok, s), h);

test("the first success puts a new server in at 1/32 of its weight", () => {
  const h = afterCheck(initialHealth(S, null), true, S);
  assert.equal([h.up, h.inTable, h.weight, h.transitions], [true, true, 3, 1]);
});

test("one failure takes it out; it returns after ⌊reentry/interval⌋ successes in a row", () => {
  const up = afterCheck(initialHealth(S, null), true, S);
  const down = afterCheck(up, false, S);
  assert.equal([down.up, down.inTable, down.weight], [false, false, 0]);
  assert.not.ok(run(down, [true]).up, "one success is not enough");
  assert.not.ok(run(down, [true, false, true]).up, "a failure starts the count again");
  assert.ok(run(down, [true, true]).up);
});

test("quiesce keeps a failed server in the table at weight 0", () => {
  const q = { ...S, quiesce: true };
  const down = run(initialHealth(q, null), [true, false], q);
  assert.equal([down.up, down.inTable, down.weight], [false, true, 0]);
  const back = run(down, [true, true], q);
  assert.equal([back.up, back.weight], [true, 3]);
});

test("slow start doubles the weight about every 20 s up to the configured weight", () => {
  const weights: number[] = [];
  let h = afterCheck(initialHealth(S, null), true, S);
  for (let i = 0; i < 24; i++) {
    h = afterCheck(h, true, S);
    weights.push(h.weight);
  }
  assert.equal([...new Set(weights)], [3, 6, 12, 24, 48, 96, 100]);
});

test("a server already in the table is adopted as it is", () => {
  const h = initialHealth(S, 40);
  assert.equal([h.up, h.inTable, h.weight], [true, true, 40]);
  assert.equal([initialHealth(S, 0).up, initialHealth(S, 0).inTable], [false, true]);
});

test("with a load monitor, the weight follows the load once slow start is over", () => {
  let h = afterCheck(initialHealth({ ...S, weight: 4 }, null), true, { ...S, weight: 4 });
  for (let i = 0; i < 9; i++) h = afterCheck(h, true, { ...S, weight: 4 }, 0);
  assert.ok(h.weight > 4, `a load of 0 raises the weight above 4 (got ${h.weight})`);
});

test("whatever the results, the weight stays within 0 and the configured weight without load", () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (results, weight, quiesce) => {
      const s = { ...S, weight, quiesce };
      let h = initialHealth(s, null);
      for (const ok of results) {
        h = afterCheck(h, ok, s);
        assert.ok(h.weight >= 0 && h.weight <= Math.max(1, weight));
        assert.ok(!h.up || h.inTable);
        if (!h.up) assert.is(h.weight, 0);
      }
    }),
    { numRuns: 300 },
  );
});

test.run();
