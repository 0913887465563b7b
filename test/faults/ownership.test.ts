/**
 * Ownership that survives restarts: the services lvs-run owns are recorded in its state
 * directory. A run that starts removes what an earlier one owned and the bundle no longer
 * names, adopts the rest without a command, and never touches a service it never owned; a
 * standby removes what a killed active run left. Fake ipvsadm, real loopback servers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { LogEvent } from "../../runtime/director.ts";
import type { IpvsTable } from "../../runtime/ipvs/types.ts";
import { ownershipIn } from "../../runtime/ownership.ts";
import { directorOver, listen, close, rig, type Listener } from "../helpers/director-rig.ts";
import { waitFor } from "../helpers/wait.ts";
import { natPlan, natService, realServer } from "../helpers/plans.ts";

const FOREIGN: IpvsTable = {
  services: [{ key: "tcp:192.0.2.1:443", scheduler: "rr", persistence: null, pmask: null }],
  destinations: [{ service: "tcp:192.0.2.1:443", address: "192.0.2.10", port: 443, method: "nat", weight: 5 }],
};

const keys = (t: IpvsTable): string[] => t.services.map((s) => s.key).sort();

async function twoServices(): Promise<{ a: Listener; b: Listener; plan: ReturnType<typeof natPlan>; onlyFirst: ReturnType<typeof natPlan> }> {
  const a: Listener = { address: "127.0.0.61", port: 0, server: null };
  const b: Listener = { address: "127.0.0.62", port: 0, server: null };
  await listen(a);
  await listen(b);
  const first = natService("10.0.0.101", [realServer("a", a.address, a.port, 4)]);
  const second = natService("10.0.0.102", [realServer("b", b.address, b.port, 4)]);
  return { a, b, plan: natPlan([first, second]), onlyFirst: natPlan([first]) };
}

/** A run of `plan` beside a foreign service, killed once both services have their server: nothing cleaned up. */
async function killedRun(plan: ReturnType<typeof natPlan>, state: string): Promise<ReturnType<typeof rig>> {
  const r = rig(plan, { ownership: ownershipIn(state) });
  r.fake.seed(FOREIGN);
  await r.director.start();
  await waitFor("both services have their server", () => r.fake.state().destinations.length === 3);
  // Killed: the checks stop, the table stays.
  await r.director.stop(true);
  return r;
}

test("a restart removes the services an earlier run owned and the bundle dropped, adopts the rest, and leaves foreign ones", async () => {
  const { a, b, plan, onlyFirst } = await twoServices();
  const state = mkdtempSync(join(tmpdir(), "lvs-owned-"));
  const r = await killedRun(plan, state);
  try {
    const before = r.fake.state();
    const calls = r.fake.log().length;

    // The next run's bundle no longer names the second service.
    const events: LogEvent[] = [];
    const next = directorOver(r.fake, onlyFirst, events, { ownership: ownershipIn(state) });
    await next.start();
    assert.equal(keys(r.fake.state()), ["tcp:10.0.0.101:80", "tcp:192.0.2.1:443"], "the dropped service is gone, the foreign one stays");
    assert.equal(
      r.fake.state().destinations.filter((d) => d.service !== "tcp:10.0.0.102:80"),
      before.destinations.filter((d) => d.service !== "tcp:10.0.0.102:80"),
      "the kept service is adopted as it was",
    );
    const changes = r.fake.log().slice(calls).filter((args) => args[0] !== "-S" && args[0] !== "-L");
    assert.equal(changes, [["-D", "-t", "10.0.0.102:80"]], "one command: the removal");
    assert.ok(events.some((e) => e.event === "leftover-removed"), "and it is logged");
    await next.stop(false);
    assert.equal(keys(r.fake.state()), ["tcp:192.0.2.1:443"], "a stop removes what it owns, and only that");
  } finally {
    for (const l of [a, b]) await close(l);
    rmSync(r.dir, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
});

test("standing by after a killed active run: its services go, foreign ones stay", async () => {
  const { a, b, plan } = await twoServices();
  const state = mkdtempSync(join(tmpdir(), "lvs-owned-"));
  const r = await killedRun(plan, state);
  try {
    assert.equal(keys(r.fake.state()).length, 3);

    const standby = directorOver(r.fake, plan, [], { ownership: ownershipIn(state) });
    standby.watch();
    await standby.clearOwned();
    assert.equal(keys(r.fake.state()), ["tcp:192.0.2.1:443"]);
    await standby.stop(true);
  } finally {
    for (const l of [a, b]) await close(l);
    rmSync(r.dir, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
});

test.run();
