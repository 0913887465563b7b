/**
 * The director's life cycle against the fake ipvsadm (which checks every command as ipvsadm
 * would) and real TCP servers on loopback addresses: servers come and go, quiesce, the sorry
 * server, reload, drain, failing ipvsadm calls, adoption of an existing table.
 */
import { rmSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { TABLE_REREAD_MS } from "../../runtime/director.ts";
import type { IpvsTable } from "../../runtime/ipvs/types.ts";
import { close, finish, listen, planOf, rig, rigOfTwo, watchUntilAllUp, weights, type Listener } from "../helpers/director-rig.ts";
import { waitFor } from "../helpers/wait.ts";

const SERVICE = "tcp:10.0.0.100:80";


test("servers go in at their first success, out at one failure, and back after the reentry time", async () => {
  const { a, b, r } = await rigOfTwo();
  try {
    await r.director.start();
    await waitFor("both servers are in", () => Object.keys(weights(r.fake.state())).length === 2);
    assert.equal(weights(r.fake.state()), { [`127.0.0.2:${a.port}`]: 2, [`127.0.0.3:${b.port}`]: 2 }, "nanny's 1/32 of 64");
    await close(a);
    const downAt = Date.now();
    await waitFor("the stopped server is out", () => !(`127.0.0.2:${a.port}` in weights(r.fake.state())), 3000);
    assert.ok(Date.now() - downAt <= 2500, "within about one interval");
    await listen(a);
    const backAt = Date.now();
    await waitFor("it is back", () => `127.0.0.2:${a.port}` in weights(r.fake.state()), 5000);
    assert.ok(Date.now() - backAt >= 900, "not before two successes in a row");
    assert.ok(r.events.some((e) => e.event === "server-down") && r.events.some((e) => e.event === "server-up"));
    const status = r.director.status();
    assert.equal(status.services[0]!.servers.map((s) => s.state), ["up", "up"]);
  } finally {
    await finish(r, [a, b]);
  }
});

test("quiesce sets a failed server's weight to 0 instead of removing it", async () => {
  const a: Listener = { address: "127.0.0.4", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a], {}, true));
  try {
    await r.director.start();
    await waitFor("the server is in", () => weights(r.fake.state())[`127.0.0.4:${a.port}`] === 2);
    await close(a);
    await waitFor("its weight is 0", () => weights(r.fake.state())[`127.0.0.4:${a.port}`] === 0, 3000);
    assert.is(r.director.status().services[0]!.servers[0]!.state, "quiesced");
  } finally {
    await finish(r, [a]);
  }
});

test("the sorry server comes in when no real server is up and leaves when one returns", async () => {
  const a: Listener = { address: "127.0.0.5", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a], { sorryServer: "127.0.0.99" }));
  try {
    await r.director.start();
    await waitFor("the server is in", () => `127.0.0.5:${a.port}` in weights(r.fake.state()));
    assert.not.ok("127.0.0.99:80" in weights(r.fake.state()));
    await close(a);
    await waitFor("the sorry server is in", () => weights(r.fake.state())["127.0.0.99:80"] === 1, 3000);
    await listen(a);
    await waitFor("the sorry server is out again", () => !("127.0.0.99:80" in weights(r.fake.state())) && `127.0.0.5:${a.port}` in weights(r.fake.state()), 5000);
  } finally {
    await finish(r, [a]);
  }
});

test("reload keeps the health of unchanged servers; a removed server drains until its connections end", async () => {
  const a: Listener = { address: "127.0.0.6", port: 0, server: null };
  const b: Listener = { address: "127.0.0.7", port: 0, server: null };
  await listen(a);
  await listen(b);
  const r = rig(planOf([a, b]));
  try {
    await r.director.start();
    await waitFor("both in", () => Object.keys(weights(r.fake.state())).length === 2);
    const before = r.director.status().services[0]!.servers.find((s) => s.address === "127.0.0.6")!;
    r.fake.setConnections(SERVICE, "127.0.0.7", b.port, 2, 1);
    const commandsBefore = r.fake.log().filter((c) => !c.includes("-S") && !c.includes("-L")).length;
    await r.director.reload(planOf([a]));
    const kept = r.director.status().services[0]!.servers.find((s) => s.address === "127.0.0.6")!;
    assert.is(kept.transitions, before.transitions, "health kept across the reload");
    assert.is(kept.state, "up");
    await waitFor("the removed server is at weight 0", () => weights(r.fake.state())[`127.0.0.7:${b.port}`] === 0);
    const changes = r.fake.log().filter((c) => !c.includes("-S") && !c.includes("-L")).slice(commandsBefore);
    assert.equal(changes, [["-e", "-t", "10.0.0.100:80", "-r", `127.0.0.7:${b.port}`, "-m", "-w", "0"]], "one command: the drain");
    await new Promise((res) => setTimeout(res, 1500));
    assert.ok(`127.0.0.7:${b.port}` in weights(r.fake.state()), "kept while it has connections");
    r.fake.setConnections(SERVICE, "127.0.0.7", b.port, 0, 0);
    await waitFor("deleted once idle", () => !(`127.0.0.7:${b.port}` in weights(r.fake.state())), 3000);
  } finally {
    await finish(r, [a, b]);
  }
});

test("a drain ends after the drain timeout even with connections left", async () => {
  const a: Listener = { address: "127.0.0.8", port: 0, server: null };
  const b: Listener = { address: "127.0.0.9", port: 0, server: null };
  await listen(a);
  await listen(b);
  const r = rig(planOf([a, b]), { drainTimeoutMs: 1000 });
  try {
    await r.director.start();
    await waitFor("both in", () => Object.keys(weights(r.fake.state())).length === 2);
    r.fake.setConnections(SERVICE, "127.0.0.9", b.port, 5, 0);
    await r.director.reload(planOf([a]));
    await waitFor("deleted after the timeout", () => !(`127.0.0.9:${b.port}` in weights(r.fake.state())), 4000);
    assert.ok(r.events.some((e) => e.event === "drained" && String(e.message).includes("drain timeout")));
  } finally {
    await finish(r, [a, b]);
  }
});

test("a failing ipvsadm call is retried; services it does not own are never touched", async () => {
  const a: Listener = { address: "127.0.0.10", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a]));
  const foreign: IpvsTable = {
    services: [{ key: "tcp:192.0.2.1:443", scheduler: "rr", persistence: null, pmask: null }],
    destinations: [{ service: "tcp:192.0.2.1:443", address: "192.0.2.10", port: 443, method: "nat", weight: 5 }],
  };
  r.fake.seed(foreign);
  r.fake.failNext("^-a ", 2);
  try {
    await r.director.start();
    await waitFor("the server is in despite two failures", () => `127.0.0.10:${a.port}` in weights(r.fake.state()), 8000);
    assert.ok(r.events.filter((e) => e.event === "ipvsadm-retry").length >= 2);
    const table = r.fake.state();
    assert.ok(table.services.some((s) => s.key === "tcp:192.0.2.1:443"));
    assert.is(weights(table)["192.0.2.10:443"], 5);
    assert.not.ok(r.fake.log().some((c) => c.join(" ").includes("192.0.2.1")), "no command names the foreign service");
    await r.director.stop(false);
    assert.equal(r.fake.state().services.map((s) => s.key), ["tcp:192.0.2.1:443"], "stop removes only its own service");
  } finally {
    await finish(r, [a]);
  }
});

test("with hard_shutdown, an ipvsadm call that keeps failing asks the director to stop; without it, it goes on", async () => {
  const a: Listener = { address: "127.0.0.12", port: 0, server: null };
  await listen(a);
  for (const hardShutdown of [true, false]) {
    const plan = planOf([a]);
    const fatal: string[] = [];
    const r = rig({ ...plan, failover: { ...plan.failover, hardShutdown } }, { onFatal: (reason) => void fatal.push(reason) });
    r.fake.failNext("^-a ", 3);
    try {
      await r.director.start();
      await waitFor("the call has failed three times", () => r.events.some((e) => e.event === "ipvsadm-failed"), 8000);
      if (hardShutdown) assert.match(fatal[0] ?? "", /^ipvsadm -a -t 10.0.0.100:80 -r 127.0.0.12:\d+ -m -w 2 failed/);
      else {
        assert.equal(fatal, []);
        await waitFor("a later check puts the server in after all", () => `127.0.0.12:${a.port}` in weights(r.fake.state()), 8000);
      }
    } finally {
      await r.director.stop(true);
      rmSync(r.dir, { recursive: true, force: true });
    }
  }
  await close(a);
});

test("standing by: checks run and the table is left alone; taking over writes it in one pass; standing down removes the services", async () => {
  const { a, b, r } = await rigOfTwo();
  try {
    await watchUntilAllUp(r);
    assert.equal(r.fake.state().services, [], "nothing written while standing by");
    assert.equal(r.fake.log(), [], "not even read");
    await r.director.takeOver();
    assert.equal(weights(r.fake.state()), { [`127.0.0.2:${a.port}`]: 2, [`127.0.0.3:${b.port}`]: 2 }, "both servers with the service, at once");
    assert.equal(r.fake.log().map((args) => args[0]), ["-S", "-R", "-A", "-a", "-a"], "read, then one ipvsadm -R of three commands");
    await close(a);
    await waitFor("a failed server leaves the table of the active director", () => !(`127.0.0.2:${a.port}` in weights(r.fake.state())), 3000);
    await r.director.standDown();
    assert.equal(r.fake.state().services, [], "the service is removed");
    await listen(a);
    await waitFor("checks go on after standing down", () => r.director.status().services[0]!.servers.every((s) => s.state === "up"), 5000);
    assert.equal(r.fake.state().services, [], "and the table stays empty");
  } finally {
    await finish(r, [a, b]);
  }
});

test("the table is not read again for each change while the director's own commands succeed; a change by hand is seen after TABLE_REREAD_MS", async () => {
  const a: Listener = { address: "127.0.0.2", port: 0, server: null };
  await listen(a);
  let clock = 1_000_000;
  const r = rig(planOf([a]), { now: () => clock });
  const { fake, director } = r;
  const reads = () => fake.log().filter((args) => args[0] === "-S").length;
  try {
    await director.start();
    await waitFor("the server is in", () => Object.keys(weights(fake.state())).length === 1);
    await director.reconcileNow();
    const before = reads();
    await director.reconcileNow();
    await director.reconcileNow();
    assert.is(reads(), before, "the known table stands in for the kernel's");
    // Someone deletes the destination by hand: within the reread time, nothing notices.
    fake.seed({ services: fake.state().services, destinations: [] });
    await director.reconcileNow();
    assert.equal(weights(fake.state()), {});
    clock += TABLE_REREAD_MS;
    await director.reconcileNow();
    assert.is(reads(), before + 1, "read again once the known table is old");
    assert.equal(weights(fake.state()), { [`127.0.0.2:${a.port}`]: 2 }, "and the destination is back");
    // A failed command makes the next pass read the table.
    fake.failNext(/^-e /, 3);
    fake.seed({ services: fake.state().services, destinations: fake.state().destinations.map((d) => ({ ...d, weight: 7 })) });
    clock += TABLE_REREAD_MS;
    await director.reconcileNow();
    const afterFailure = reads();
    await director.reconcileNow();
    assert.is(reads(), afterFailure + 1, "after a failure the table is read again");
    assert.equal(weights(fake.state()), { [`127.0.0.2:${a.port}`]: 2 });
  } finally {
    await finish(r, [a]);
  }
});

test("several commands go in one ipvsadm -R; when a line of it fails, what is left runs one by one", async () => {
  const { a, b, r } = await rigOfTwo();
  try {
    await watchUntilAllUp(r);
    r.fake.failNext(/^-a .* -r 127\.0\.0\.3:/, 1);
    await r.director.takeOver();
    assert.equal(weights(r.fake.state()), { [`127.0.0.2:${a.port}`]: 2, [`127.0.0.3:${b.port}`]: 2 });
    assert.ok(r.events.some((e) => e.event === "ipvsadm-batch-failed"), JSON.stringify(r.events));
    const log = r.fake.log().map((args) => args.join(" "));
    assert.is(log.filter((l) => l === "-R").length, 1, "one batch");
    assert.match(log.at(-1)!, /^-a -t 10\.0\.0\.100:80 -r 127\.0\.0\.3:\d+ -m -w 2$/, "then the failed command alone, after reading the table");
    assert.is(log.at(-2), "-S -n");
  } finally {
    await finish(r, [a, b]);
  }
});

test("a table that is already right is adopted without a command", async () => {
  const a: Listener = { address: "127.0.0.11", port: 0, server: null };
  await listen(a);
  const r = rig(planOf([a]));
  r.fake.seed({
    services: [{ key: SERVICE, scheduler: "wlc", persistence: null, pmask: null }],
    destinations: [{ service: SERVICE, address: "127.0.0.11", port: a.port, method: "nat", weight: 64 }],
  });
  try {
    await r.director.start();
    await waitFor("one check has run", () => r.director.status().services[0]!.servers[0]!.lastCheck !== null);
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(r.fake.log().filter((c) => !c.includes("-S") && !c.includes("-L")), []);
    assert.is(weights(r.fake.state())[`127.0.0.11:${a.port}`], 64);
  } finally {
    await finish(r, [a]);
  }
});

test.run();
