/**
 * lvs-run's start fails loudly and is never alive but idle; one instance per state directory;
 * signals that arrive during start wait for it. The built lvs-run against the fake ipvsadm
 * (failures injected, hangs through a wrapper), a real server on loopback.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { exitWithin, lvsRunStatus, runRig, startLvsRun } from "../helpers/lvs-run-process.ts";
import { waitFor } from "../helpers/wait.ts";


test("a start whose ipvsadm -S keeps failing exits 1 with one line saying what failed", async () => {
  const rig = await runRig("127.0.0.31");
  rig.fake.failNext("^-S", 1000);
  const run = startLvsRun(rig.standalone(join(rig.work, "state")));
  try {
    const code = await exitWithin(run, 40_000);
    assert.is(code, 1, run.output());
    assert.match(run.output(), /^lvs-run: cannot start: ipvsadm\S* -S -n failed/m);
    assert.not.match(run.output(), /internal error/);
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test("a start whose ipvsadm -S hangs ends: each call has a time limit, and the start gives up", async () => {
  const rig = await runRig("127.0.0.32");
  rig.hang("-S");
  const run = startLvsRun(rig.standalone(join(rig.work, "state")));
  try {
    const code = await exitWithin(run, 60_000);
    assert.is(code, 1, run.output());
    assert.match(run.output(), /^lvs-run: cannot start: .*no answer within/m);
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test("hard_shutdown = 1 is honoured at start: an ipvsadm -A that keeps failing stops lvs-run with exit 1", async () => {
  const rig = await runRig("127.0.0.33", "hard_shutdown = 1");
  rig.fake.failNext("^-A", 1000);
  const run = startLvsRun(rig.standalone(join(rig.work, "state")));
  try {
    const code = await exitWithin(run, 40_000);
    assert.is(code, 1, run.output());
    assert.match(run.output(), /hard_shutdown/);
    assert.match(run.output(), /^lvs-run: cannot start: .*ipvsadm -A -t 10\.0\.0\.100:80/m);
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test("a second lvs-run with the same --state-dir is refused, even while the first is still starting", async () => {
  const rig = await runRig("127.0.0.34");
  const state = join(rig.work, "state");
  rig.hang("-S", 3);
  const first = startLvsRun(rig.standalone(state));
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const second = startLvsRun(rig.standalone(state));
    assert.is(await exitWithin(second, 20_000), 1, second.output());
    assert.match(second.output(), /^lvs-run: another lvs-run \(pid \d+\) runs with --state-dir /m);
    rig.hang(null);
    await waitFor("the first is running and its service stands", () => lvsRunStatus(state).status === 0 && rig.fake.state().services.length === 1, 30_000);
    first.child.kill("SIGKILL");
    await first.exited;
    // A socket and lock file left by a killed instance do not stop the next one.
    const third = startLvsRun(rig.standalone(state));
    await waitFor("a new instance runs after the killed one", () => lvsRunStatus(state).status === 0, 30_000);
    third.child.kill("SIGTERM");
    assert.is(await exitWithin(third, 20_000), 0, third.output());
  } finally {
    first.child.kill("SIGKILL");
    rig.close();
  }
});

test("SIGHUP during start waits for it: lvs-run starts, then reloads", async () => {
  const rig = await runRig("127.0.0.35");
  const state = join(rig.work, "state");
  rig.hang("-S", 2);
  const run = startLvsRun(rig.standalone(state, "--log-format", "json"));
  try {
    await new Promise((r) => setTimeout(r, 700));
    run.child.kill("SIGHUP");
    assert.is(await exitWithin(run, 3000), "still running", run.output());
    rig.hang(null);
    await waitFor("it reloads after starting", () => run.output().includes('"event":"reload"'), 30_000);
    assert.is(lvsRunStatus(state).status, 0);
    run.child.kill("SIGTERM");
    assert.is(await exitWithin(run, 20_000), 0, run.output());
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test.run();
