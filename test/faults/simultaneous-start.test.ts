/**
 * Simultaneous start: both directors of a pair started at the same moment, three times over.
 * The primary takes the VIP within deadtime and the backup never holds it: shown by the two
 * directors' own timestamped event logs merged into one timeline, not by polling. Network
 * namespaces on one bridge (test/helpers/failover-pair.ts), keepalive 1 s, deadtime 2 s.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hasVip, PAIR_VIP, pairLvsCf, pairNetwork, RunningDirector } from "../helpers/failover-pair.ts";
import { sleep, waitFor } from "../helpers/wait.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";

const ROUNDS = 3;
const DEADTIME_S = 2;

interface Entry {
  readonly at: number;
  readonly node: string;
  readonly event: string;
  readonly message: string;
}

/** Both logs as one timeline, in time order. */
function timeline(logs: Record<string, string>): Entry[] {
  return Object.entries(logs)
    .flatMap(([node, log]) =>
      log
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { time: string; event: string; message: string })
        .map((e) => ({ at: Date.parse(e.time), node, event: e.event, message: e.message })),
    )
    .sort((a, b) => a.at - b.at);
}

test(`${ROUNDS} simultaneous starts: the primary takes the VIP, the backup never does`, async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-together-"));
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, pairLvsCf({ deadtimeS: DEADTIME_S, monitorLinks: false }));
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [join(REPO_ROOT_PATH, "dist", "bin", "lvs-compile.js"), cf, "-o", bundle], { encoding: "utf8" });
  assert.is(compiled.status, 0, compiled.stderr);
  const net = pairNetwork();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const d1 = new RunningDirector(net.d1, join(work, `d1-${round}`), bundle);
      const d2 = new RunningDirector(net.d2, join(work, `d2-${round}`), bundle);
      const story = () => timeline({ primary: d1.log, backup: d2.log }).map((e) => `${new Date(e.at).toISOString()} ${e.node} ${e.event}: ${e.message}`).join("\n");
      try {
        const started = Date.now();
        d1.start();
        d2.start();
        await waitFor("the primary holds the VIP", () => hasVip(net.d1, PAIR_VIP), (DEADTIME_S + 2) * 1000, story);
        await waitFor("the backup hears it run", () => /partner 10\.0\.0\.1: last heartbeat running/.test(d2.status()), 10_000, story);
        await sleep(DEADTIME_S * 1000);
        const events = timeline({ primary: d1.log, backup: d2.log });
        const active = events.filter((e) => e.event === "failover-active");
        assert.ok(active.some((e) => e.node === "primary"), `round ${round}: the primary activated\n${story()}`);
        assert.not.ok(active.some((e) => e.node === "backup"), `round ${round}: the backup activated\n${story()}`);
        const primaryAt = active.find((e) => e.node === "primary")!.at;
        assert.ok(primaryAt - started <= (DEADTIME_S + 2) * 1000, `round ${round}: the primary activated ${primaryAt - started} ms after start\n${story()}`);
        assert.not.ok(hasVip(net.d2, PAIR_VIP), `round ${round}: the backup holds no VIP`);
      } finally {
        await d1.kill("SIGTERM");
        await d2.kill("SIGTERM");
      }
    }
  } finally {
    net.destroy();
  }
});

test.run();
