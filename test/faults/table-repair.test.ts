/**
 * The kernel is the truth: what is removed or changed in the IPVS table from outside lvs-run
 * (`ipvsadm -d`, `-D`, `-e` by hand) is put right within the resync period, with no check having
 * changed anything, each repair logged and counted. Fake ipvsadm, real loopback servers.
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { finish, listen, planOf, rig, weights, type Listener } from "../helpers/director-rig.ts";
import { waitFor } from "../helpers/wait.ts";

const RESYNC_MS = 500;

/** ipvsadm as an administrator types it, against the fake's table. */
function byHand(path: string, ...args: string[]): void {
  const r = spawnSync(path, args, { encoding: "utf8" });
  assert.is(r.status, 0, `ipvsadm ${args.join(" ")}: ${r.stderr}`);
}

test("a destination deleted, a service deleted and a weight changed by hand are put back within the resync period", async () => {
  const a: Listener = { address: "127.0.0.21", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a]), { resyncMs: RESYNC_MS });
  const want = { [`127.0.0.21:${a.port}`]: 2 };
  try {
    await r.director.start();
    await waitFor("the server is in", () => Object.keys(weights(r.fake.state())).length === 1);
    assert.equal(weights(r.fake.state()), want);
    const repairs = () => r.events.filter((e) => e.event === "repair").length;

    byHand(r.fake.path, "-d", "-t", "10.0.0.100:80", "-r", `127.0.0.21:${a.port}`);
    assert.equal(weights(r.fake.state()), {}, "deleted");
    await waitFor("the destination is back", () => weights(r.fake.state())[`127.0.0.21:${a.port}`] === 2, 4 * RESYNC_MS + 3000);
    assert.ok(repairs() >= 1, "the repair is logged");

    byHand(r.fake.path, "-e", "-t", "10.0.0.100:80", "-r", `127.0.0.21:${a.port}`, "-m", "-w", "9");
    await waitFor("the weight is back", () => weights(r.fake.state())[`127.0.0.21:${a.port}`] === 2, 4 * RESYNC_MS + 3000);

    byHand(r.fake.path, "-D", "-t", "10.0.0.100:80");
    assert.equal(r.fake.state().services, [], "the service is gone");
    await waitFor("the service and its destination are back", () => r.fake.state().services.length === 1 && weights(r.fake.state())[`127.0.0.21:${a.port}`] === 2, 4 * RESYNC_MS + 3000);
    assert.ok(repairs() >= 3, `each repair logged:\n${r.events.map((e) => e.message).join("\n")}`);
    assert.is(r.director.status().tableRepairs, repairs(), "and counted");
  } finally {
    await finish(r, [a]);
  }
});

test("status shows the kernel's table as last read, with when it was read", async () => {
  const a: Listener = { address: "127.0.0.22", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a]), { resyncMs: RESYNC_MS });
  try {
    await r.director.start();
    await waitFor("the server is in", () => Object.keys(weights(r.fake.state())).length === 1);
    byHand(r.fake.path, "-e", "-t", "10.0.0.100:80", "-r", `127.0.0.22:${a.port}`, "-m", "-w", "5");
    const seen = r.director.status();
    assert.ok(seen.tableReadAt !== null && Date.now() - seen.tableReadAt < 4 * RESYNC_MS + 3000, "read recently");
    await waitFor("the weight is put back", () => weights(r.fake.state())[`127.0.0.22:${a.port}`] === 2, 4 * RESYNC_MS + 3000);
    // The kernel's weight is what status reports, not the weight lvs-run means to set.
    await waitFor("status shows the kernel's weight", () => r.director.status().services[0]!.servers[0]!.kernelWeight === 2, 4 * RESYNC_MS + 3000);
  } finally {
    await finish(r, [a]);
  }
});

test.run();
