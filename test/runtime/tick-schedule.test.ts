/** The check clock: calls due in the same tick run together, never before their time. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { TickSchedule } from "../../runtime/tick-schedule.ts";
import { sleep } from "../helpers/wait.ts";

const TICK_MS = 20;

function recorder(): { runs: { item: string; at: number; batch: number }[]; schedule: TickSchedule<string> } {
  const runs: { item: string; at: number; batch: number }[] = [];
  let batch = 0;
  let inBatch = false;
  const schedule = new TickSchedule<string>(TICK_MS, (item) => {
    // Calls made by one timer callback run in one synchronous turn: a microtask ends the batch.
    if (!inBatch) {
      batch++;
      inBatch = true;
      queueMicrotask(() => (inBatch = false));
    }
    runs.push({ item, at: performance.now(), batch });
  });
  return { runs, schedule };
}

test("calls due within one tick run in one batch, none before its time", async () => {
  const { runs, schedule } = recorder();
  const start = performance.now();
  const wanted = new Map<string, number>();
  for (let i = 0; i < 50; i++) {
    const delay = 40 + (i % 5);
    wanted.set(`c${i}`, start + delay);
    schedule.at(`c${i}`, delay);
  }
  await sleep(200);
  assert.is(runs.length, 50, "every call ran once");
  for (const r of runs) assert.ok(r.at >= wanted.get(r.item)! - 1, `${r.item} not before its time`);
  assert.is(new Set(runs.map((r) => r.batch)).size <= 2, true, `50 calls within 5 ms ran in at most two batches: ${new Set(runs.map((r) => r.batch)).size}`);
});

test("a later time replaces an earlier one; a cancelled call does not run; clear drops all", async () => {
  const { runs, schedule } = recorder();
  schedule.at("moved", 10);
  schedule.at("moved", 120);
  schedule.at("cancelled", 10);
  schedule.cancel("cancelled");
  assert.ok(schedule.has("moved"));
  assert.not.ok(schedule.has("cancelled"));
  await sleep(70);
  assert.equal(runs, [], "nothing due yet");
  await sleep(120);
  assert.equal(
    runs.map((r) => r.item),
    ["moved"],
  );
  assert.not.ok(schedule.has("moved"), "a call that ran is no longer scheduled");
  schedule.at("dropped", 10);
  schedule.clear();
  await sleep(60);
  assert.equal(
    runs.map((r) => r.item),
    ["moved"],
  );
});

test("a call scheduled while a batch runs is taken by a later tick", async () => {
  const runs: string[] = [];
  const schedule: TickSchedule<string> = new TickSchedule<string>(TICK_MS, (item) => {
    runs.push(item);
    if (item === "first") schedule.at("again", 0);
  });
  schedule.at("first", 5);
  await sleep(120);
  assert.equal(runs, ["first", "again"]);
});

test.run();
