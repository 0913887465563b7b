/**
 * Reload is all or nothing: a manifest is checked whole (the file and the JSON path of what is
 * wrong) before anything changes, and requests that arrive while a reload runs are served by
 * one more. The plan check against every golden bundle and every field of a real plan; the built
 * lvs-run against the fake ipvsadm for the rest.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { askControl } from "../../runtime/control.ts";
import { planProblem } from "../../runtime/plan-schema.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";
import { exitWithin, LVS_RUN, lvsRunStatus, runRig, startLvsRun } from "../helpers/lvs-run-process.ts";
import { waitFor } from "../helpers/wait.ts";

const GOLDEN = join(REPO_ROOT_PATH, "fixtures", "bundles");
const goldenPlans = () =>
  readdirSync(GOLDEN).flatMap((example) => readdirSync(join(GOLDEN, example)).map((variant) => JSON.parse(readFileSync(join(GOLDEN, example, variant, "manifest.json"), "utf8")).plan));

/** Every path to an object member in `value`, as the plan check spells it. */
function memberPaths(value: unknown, path = "plan"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => memberPaths(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...memberPaths(v, `${path}.${k}`)]);
}

function without(plan: unknown, path: string): unknown {
  const copy = structuredClone(plan);
  const steps = [...path.slice("plan".length).matchAll(/\.(\w+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  let at = copy as Record<string | number, unknown>;
  for (const step of steps.slice(0, -1)) at = at[step!] as Record<string | number, unknown>;
  delete at[steps[steps.length - 1]!];
  return copy;
}

test("every golden bundle's plan passes the check", () => {
  const plans = goldenPlans();
  assert.ok(plans.length >= 18);
  for (const p of plans) assert.is(planProblem(p), null);
});

test("a plan missing any one member is refused, naming that member", () => {
  const plan = goldenPlans().find((p) => p.natRouter !== null && p.services.some((s: { fwmark: unknown }) => s.fwmark !== null))!;
  const paths = memberPaths(plan);
  assert.ok(paths.length > 100, `${paths.length} members`);
  for (const path of paths) assert.is(planProblem(without(plan, path)), `${path}: missing`);
  assert.match(planProblem({ ...plan, services: [{ ...plan.services[0], port: "80" }] })!, /^plan\.services\[0\]\.port: a whole number from 0 to 65535 expected, not "80"$/);
});

test("a reload of a manifest with a member missing is refused whole: the instance and the table run on", async () => {
  const rig = await runRig("127.0.0.41");
  const state = join(rig.work, "state");
  const run = startLvsRun(rig.standalone(state, "--log-format", "json"));
  try {
    await waitFor("the server is in", () => rig.fake.state().destinations.length === 1, 30_000);
    const table = rig.fake.state();
    const manifestPath = join(rig.bundle, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    delete manifest.plan.services[0].check.interval;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const r = spawnSync(process.execPath, [LVS_RUN, "reload", "--state-dir", state], { encoding: "utf8", timeout: 20_000 });
    assert.is(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /manifest\.json: plan\.services\[0\]\.check\.interval: missing/);
    await new Promise((res) => setTimeout(res, 2500));
    assert.is(await exitWithin(run, 10), "still running", run.output());
    assert.is(lvsRunStatus(state).status, 0);
    assert.equal(rig.fake.state(), table, "the table is as it was");
    assert.not.match(run.output(), /TypeError|internal error/);
    run.child.kill("SIGTERM");
    assert.is(await exitWithin(run, 20_000), 0, run.output());
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test("200 reload requests and a SIGHUP storm at once are served by a few reloads, every request answered", async () => {
  const rig = await runRig("127.0.0.42");
  const state = join(rig.work, "state");
  const run = startLvsRun(rig.standalone(state, "--log-format", "json"));
  try {
    await waitFor("the server is in", () => rig.fake.state().destinations.length === 1, 30_000);
    const reloads = () => run.output().split("\n").filter((l) => l.includes('"event":"reload"')).length;
    const before = reloads();
    const asked = Array.from({ length: 200 }, () => askControl(state, "reload", 30_000));
    for (let i = 0; i < 20; i++) run.child.kill("SIGHUP");
    const answers = await Promise.all(asked);
    for (const a of answers) assert.equal(a, { reloaded: true });
    await new Promise((res) => setTimeout(res, 500));
    const done = reloads() - before;
    assert.ok(done >= 1 && done <= 4, `${done} reloads for 220 requests`);
    assert.is(lvsRunStatus(state).status, 0);
  } finally {
    run.child.kill("SIGKILL");
    rig.close();
  }
});

test.run();
