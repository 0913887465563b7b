/**
 * Failover under link flaps: the standby's cable is pulled for longer than deadtime and put
 * back, ten times, with keepalive 1 s and deadtime 2 s. The primary runs all along, so the
 * standby must never take the VIP: the dead timer starts again when a link comes back. Two
 * lvs-run directors in network namespaces on one bridge (test/helpers/failover-pair.ts).
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

const FLAPS = 10;
const DEADTIME_S = 2;

test(`${FLAPS} flaps of the standby's link, each longer than deadtime: no takeover while the primary runs`, async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-flap-"));
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, pairLvsCf({ deadtimeS: DEADTIME_S, monitorLinks: true }));
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [join(REPO_ROOT_PATH, "dist", "bin", "lvs-compile.js"), cf, "-o", bundle], { encoding: "utf8" });
  assert.is(compiled.status, 0, compiled.stderr);
  const net = pairNetwork();
  const d1 = new RunningDirector(net.d1, join(work, "d1"), bundle);
  const d2 = new RunningDirector(net.d2, join(work, "d2"), bundle);
  const logs = () => `d1:\n${d1.log}\nd2:\n${d2.log}`;
  let watching = true;
  let standbyHeldVip = 0;
  try {
    d1.start();
    await waitFor("the primary takes the VIP", () => hasVip(net.d1, PAIR_VIP), 15_000, logs);
    d2.start();
    await waitFor("the backup hears the primary", () => /partner 10\.0\.0\.1: last heartbeat running/.test(d2.status()), 15_000, logs);
    const watcher = (async () => {
      while (watching) {
        if (hasVip(net.d2, PAIR_VIP)) standbyHeldVip++;
        await sleep(25);
      }
    })();
    for (let i = 0; i < FLAPS; i++) {
      // From just over deadtime to just under two: the link comes back at every point of the
      // standby's dead timer, once just before it runs out.
      net.lan.ip("link", "set", "d2", "down");
      await sleep(DEADTIME_S * 1000 + 200 + i * 190);
      net.lan.ip("link", "set", "d2", "up");
      await sleep(1500);
    }
    watching = false;
    await watcher;
    assert.is(standbyHeldVip, 0, `the standby held the VIP in ${standbyHeldVip} samples\n${logs()}`);
    assert.not.match(d2.log, /partner dead/, logs());
    assert.ok(hasVip(net.d1, PAIR_VIP), "the primary still holds the VIP");
  } finally {
    watching = false;
    for (const d of [d1, d2]) await d.kill("SIGKILL");
    net.destroy();
  }
});

test.run();
