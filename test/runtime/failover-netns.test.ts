/**
 * Two lvs-run directors and a client in network namespaces on one bridge: the VIP moves to the
 * backup when the active director is killed, the client's ARP entry follows, a returning master
 * stays passive unless --failback, and a lost link hands over. The bundle's own director script
 * moves the addresses; iputils arping sends the gratuitous ARPs. This host has no IPVS, so the
 * IPVS table is the fake ipvsadm's (the QEMU test runs the same failover on a real IPVS kernel).
 * Every packet stays on the test's bridge. Needs root.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createFakeIpvsadm } from "../helpers/fake-ipvsadm.ts";
import { createNamespace, destroyNamespace, type Netns } from "../helpers/netns.ts";
import { REPO_ROOT_PATH } from "../helpers/paths.ts";

const DIST = join(REPO_ROOT_PATH, "dist", "bin");
const VIP = "10.0.0.50";
const DEADTIME_S = 2;

const LVS_CF = `serial_no = 1
primary = 10.0.0.1
backup = 10.0.0.2
backup_active = 1
heartbeat = 1
heartbeat_port = 539
keepalive = 1
deadtime = ${DEADTIME_S}
monitor_links = 1
service = lvs
network = direct
virtual web {
     active = 1
     address = ${VIP} eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     protocol = tcp
     scheduler = rr
     timeout = 1
     server rs1 {
         address = 10.0.0.201
         active = 1
         weight = 1
     }
}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => boolean, timeoutMs: number, explain: () => string = () => ""): Promise<number> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms\n${explain()}`);
    await sleep(50);
  }
  return Date.now() - start;
}

const hasVip = (ns: Netns): boolean => ns.ip("-4", "-o", "addr", "show", "dev", "eth0").includes(` ${VIP}/24 `);
const macOf = (ns: Netns): string => (JSON.parse(ns.ip("-j", "link", "show", "eth0")) as Array<{ address: string }>)[0]!.address;
/** The client's ARP entry for the VIP: the MAC it sends VIP traffic to, or "" without one. */
const clientMacForVip = (client: Netns): string => /lladdr (\S+)/.exec(client.ip("neigh", "show", VIP, "dev", "eth0"))?.[1] ?? "";

/** One lvs-run in a director's namespace, its log kept. */
class RunningDirector {
  private child: ChildProcess | null = null;
  log = "";
  exit: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly ns: Netns,
    private readonly work: string,
    private readonly bundle: string,
  ) {}

  start(...extra: string[]): void {
    const fake = createFakeIpvsadm(join(this.work, "ipvsadm"));
    const args = ["netns", "exec", this.ns.name, process.execPath, join(DIST, "lvs-run.js"), "--state-dir", join(this.work, "run"), "--ipvsadm", fake.path, "--log-format", "json", ...extra, this.bundle];
    const child = spawn("ip", args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LVS_STATE_DIR: join(this.work, "scripts") } });
    this.child = child;
    this.log += `--- lvs-run ${extra.join(" ")}\n`;
    child.stdout!.on("data", (d) => (this.log += d));
    child.stderr!.on("data", (d) => (this.log += `stderr: ${d}`));
    this.exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child?.kill(signal);
    const code = await this.exit;
    this.child = null;
    return code;
  }

  status(): string {
    const r = spawnSync("ip", ["netns", "exec", this.ns.name, process.execPath, join(DIST, "lvs-run.js"), "status", "--state-dir", join(this.work, "run")], { encoding: "utf8" });
    return r.stdout + r.stderr;
  }

  events(): string[] {
    return this.log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => (JSON.parse(l) as { event: string }).event);
  }
}

test("two lvs-run directors: takeover on SIGKILL within deadtime + 1 s, ARP follows, no failback unless --failback, link loss hands over", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-failover-"));
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, LVS_CF);
  const bundle = join(work, "bundle");
  const compiled = spawnSync(process.execPath, [join(DIST, "lvs-compile.js"), cf, "-o", bundle], { encoding: "utf8" });
  assert.is(compiled.status, 0, compiled.stderr);

  const lan = createNamespace("lan");
  const nodes = { d1: createNamespace("d1"), d2: createNamespace("d2"), client: createNamespace("cl") };
  const directors: RunningDirector[] = [];
  try {
    lan.ip("link", "add", "br0", "type", "bridge");
    lan.ip("link", "set", "br0", "up");
    const addresses = { d1: "10.0.0.1/24", d2: "10.0.0.2/24", client: "10.0.0.100/24" };
    for (const [port, ns] of Object.entries(nodes)) {
      lan.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name);
      lan.ip("link", "set", port, "master", "br0", "up");
      ns.ip("addr", "add", addresses[port as keyof typeof addresses], "dev", "eth0");
      ns.ip("link", "set", "eth0", "up");
    }
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
    for (const ns of [...Object.values(nodes), lan]) destroyNamespace(ns);
  }
});

test.run();
