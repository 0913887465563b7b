/**
 * Two lvs-run directors and a client in network namespaces on one bridge: the VIP moves to the
 * backup when the active director is killed, the client's ARP entry follows, a returning master
 * stays passive unless --failback, and a lost link hands over. The bundle's own director script
 * moves the addresses; iputils arping sends the gratuitous ARPs. This host has no IPVS, so the
 * IPVS table is the fake ipvsadm's (the QEMU test runs the same failover on a real IPVS kernel).
 * Every packet stays on the test's bridge. Needs root.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hasVip as hasVipOn, macOf, neighbourMac, PAIR_VIP, pairLvsCf, pairNetwork, RunningDirector } from "../helpers/failover-pair.ts";
import { sleep, waitFor } from "../helpers/wait.ts";
import type { Netns } from "../helpers/netns.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";

const DIST = join(REPO_ROOT_PATH, "dist", "bin");
const VIP = PAIR_VIP;
const DEADTIME_S = 2;
const LVS_CF = pairLvsCf({ deadtimeS: DEADTIME_S, monitorLinks: true });

const hasVip = (ns: Netns): boolean => hasVipOn(ns, VIP);
const clientMacForVip = (client: Netns): string => neighbourMac(client, VIP);

test("two lvs-run directors: takeover on SIGKILL within deadtime + 1 s, ARP follows, no failback unless --failback, link loss hands over", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-failover-"));
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, LVS_CF);
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [join(DIST, "lvs-compile.js"), cf, "-o", bundle], { encoding: "utf8" });
  assert.is(compiled.status, 0, compiled.stderr);

  const net = pairNetwork();
  const { lan } = net;
  const nodes = { d1: net.d1, d2: net.d2, client: net.client };
  const directors: RunningDirector[] = [];
  try {
    const d1 = new RunningDirector(nodes.d1, join(work, "d1"), bundle);
    const d2 = new RunningDirector(nodes.d2, join(work, "d2"), bundle);
    directors.push(d1, d2);
    const logs = () => `d1:\n${d1.log}\nd2:\n${d2.log}`;
    const mac1 = macOf(nodes.d1);
    const mac2 = macOf(nodes.d2);

    // The primary alone: no heartbeat for deadtime, it takes the VIP.
    d1.start();
    await waitFor("the primary takes the VIP", () => hasVip(nodes.d1), 15_000, logs);
    d2.start();
    await waitFor("the backup hears the primary", () => /partner 10\.0\.0\.1: last heartbeat running/.test(d2.status()), 15_000, logs);
    await sleep(DEADTIME_S * 1000 + 500);
    assert.not.ok(hasVip(nodes.d2), "the backup stands by while the primary runs");
    assert.match(d2.status(), /^backup director 10\.0\.0\.2: standing by since /m);
    assert.match(d1.status(), /^primary director 10\.0\.0\.1: active since .*: no heartbeat from the backup director for 2 s/m);

    // The client sends to the VIP (a TCP connect the primary refuses) and learns the primary's MAC.
    nodes.client.exec(["timeout", "3", "bash", "-c", `exec 3<>/dev/tcp/${VIP}/80`]);
    assert.is(clientMacForVip(nodes.client), mac1);

    // SIGKILL: no goodbye; the backup takes over when deadtime has passed without a heartbeat.
    await d1.kill("SIGKILL");
    const takeover = await waitFor("the backup takes the VIP", () => hasVip(nodes.d2), 10_000, logs);
    assert.ok(takeover <= (DEADTIME_S + 1) * 1000, `takeover took ${takeover} ms, more than deadtime + 1 s`);
    await waitFor("the client's ARP entry for the VIP moves to the backup", () => clientMacForVip(nodes.client) === mac2, 8_000, logs);
    assert.match(d2.status(), /^backup director 10\.0\.0\.2: active since .*: partner dead/m);

    // The primary returns: it drops the VIP its killed run left behind, hears the backup, stays passive.
    d1.start();
    await waitFor("the restarted primary drops its stale VIP", () => !hasVip(nodes.d1), 15_000, logs);
    await waitFor("the restarted primary hears the backup", () => /partner 10\.0\.0\.2: last heartbeat running/.test(d1.status()), 15_000, logs);
    await sleep(DEADTIME_S * 1000 * 2);
    assert.ok(hasVip(nodes.d2), "no failback: the backup keeps the VIP");
    assert.not.ok(hasVip(nodes.d1));
    assert.is(clientMacForVip(nodes.client), mac2);

    // With --failback the primary takes the VIP back and the backup yields.
    assert.is(await d1.kill("SIGTERM"), 0);
    d1.start("--failback");
    await waitFor("--failback: the primary takes the VIP back", () => hasVip(nodes.d1) && !hasVip(nodes.d2), 15_000, logs);
    await waitFor("the client's ARP entry moves back to the primary", () => clientMacForVip(nodes.client) === mac1, 8_000, logs);
    assert.match(d2.status(), /^backup director 10\.0\.0\.2: standing by since .*: partner active/m);

    // monitor_links: the primary's cable is pulled; it gives the VIP up, and the backup, hearing
    // nothing, takes over after deadtime.
    lan.ip("link", "set", "d1", "down");
    await waitFor("the primary deactivates on link loss", () => !hasVip(nodes.d1), 5_000, logs);
    assert.match(d1.status(), /: standing by since .*: local link failure: eth0 link down/m);
    await waitFor("the backup takes over", () => hasVip(nodes.d2), (DEADTIME_S + 3) * 1000, logs);
    // The cable back: this primary runs with --failback, so it takes the VIP back once it hears
    // the backup running.
    lan.ip("link", "set", "d1", "up");
    await waitFor("the primary, link restored, fails back", () => hasVip(nodes.d1) && !hasVip(nodes.d2), 15_000, logs);
    assert.ok(d1.log.includes("local links restored: eth0 link up"), d1.log);

    // SIGTERM: each removes what it brought up, and exits 0.
    assert.is(await d2.kill("SIGTERM"), 0);
    assert.is(await d1.kill("SIGTERM"), 0);
    assert.not.ok(hasVip(nodes.d1) || hasVip(nodes.d2), logs());
    for (const d of [d1, d2]) assert.ok(d.events().includes("failover-active") && d.events().includes("failover-standby"), d.log);
    assert.not.match(logs(), /stderr:/);
  } finally {
    for (const d of directors) await d.kill("SIGKILL");
    net.destroy();
  }
});

test.run();
