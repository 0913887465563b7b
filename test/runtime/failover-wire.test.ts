/**
 * The heartbeat on the wire, over real UDP sockets on loopback addresses: the bytes pulse
 * sends, what is accepted and refused, and two nodes handing the active role over.
 */
import { spawnSync } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { encodeHeartbeat, readHeartbeat } from "../../runtime/failover/heartbeat.ts";
import { linkOf, linksOf } from "../../runtime/failover/links.ts";
import { FailoverNode, type Activator } from "../../runtime/failover/node.ts";
import { scriptActivator } from "../../runtime/failover/activation.ts";
import { RecentEvents } from "../../runtime/status.ts";
import { waitFor } from "../helpers/wait.ts";
import { decideRole, interfaceAddresses, interfaceOf } from "../../runtime/failover/roles.ts";
import { openHeartbeat } from "../../runtime/failover/transport.ts";
import type { PlanFailover } from "../../runtime/manifest.ts";
import { metricsText } from "../../runtime/metrics.ts";

/** What pulse on x86 puts in the datagram: the magic as a little-endian unsigned int. */
const PULSE_RUNNING = Buffer.from([0xda, 0xdb, 0xad, 0xbd]);
const PULSE_STOPPED = Buffer.from([0xbd, 0xda, 0xbd, 0xad]);
const PARTNER = ["10.0.0.2", "192.168.0.2"];

test("encoding: pulse's RUNNING and STOPPED, little-endian on x86, big-endian where the host is", () => {
  assert.equal([...encodeHeartbeat("running", "LE")], [...PULSE_RUNNING]);
  assert.equal([...encodeHeartbeat("stopped", "LE")], [...PULSE_STOPPED]);
  assert.equal([...encodeHeartbeat("running", "BE")], [0xbd, 0xad, 0xdb, 0xda]);
});

test("reading: pulse's bytes from either partner address are accepted; anything else is refused with the reason", () => {
  assert.equal(readHeartbeat(PULSE_RUNNING, "10.0.0.2", PARTNER, "LE"), { accepted: true, state: "running" });
  assert.equal(readHeartbeat(PULSE_STOPPED, "192.168.0.2", PARTNER, "LE"), { accepted: true, state: "stopped" });
  const refused = (packet: Buffer, from = "10.0.0.2") => {
    const v = readHeartbeat(packet, from, PARTNER, "LE");
    assert.not.ok(v.accepted);
    return v.accepted ? "" : v.reason;
  };
  assert.is(refused(PULSE_RUNNING, "10.0.0.3"), "from 10.0.0.3, not the partner");
  assert.is(refused(Buffer.concat([PULSE_RUNNING, Buffer.from([0])])), "5 bytes from 10.0.0.2, not 4");
  assert.is(refused(PULSE_RUNNING.subarray(0, 3)), "3 bytes from 10.0.0.2, not 4");
  assert.is(refused(Buffer.from([1, 2, 3, 4])), "unknown heartbeat 0x04030201 from 10.0.0.2: the partner does not run identical services");
  assert.match(refused(Buffer.from([0xbe, 0xba, 0xef, 0xbe])), /^failover-services heartbeat 0xbeefbabe from 10\.0\.0\.2: the partner runs service = fos$/);
  // the right magic in the wrong byte order is not pulse's
  assert.match(refused(encodeHeartbeat("running", "BE")), /^unknown heartbeat 0xdadbadbd /);
});

test("roles: master when primary is an interface's own address, backup when backup is; alias labels do not count", () => {
  const failover: PlanFailover = {
    primary: { address: "10.0.0.1", privateAddress: null },
    backup: { address: "10.0.0.2", privateAddress: null },
    inactiveBackup: null,
    heartbeatPort: 539,
    keepalive: 2,
    deadtime: 5,
    monitorLinks: false,
    activeCommand: null,
    inactiveCommand: null,
    hardShutdown: true,
  };
  const ipv4 = (address: string) => ({ address, netmask: "255.255.255.0", family: "IPv4" as const, mac: "02:00:00:00:00:01", internal: false, cidr: `${address}/24` });
  const onMaster = interfaceAddresses({ lo: [ipv4("127.0.0.1")], eth0: [ipv4("10.0.0.1"), ipv4("10.0.0.50")] });
  assert.equal(decideRole(failover, onMaster), { role: "master", self: failover.primary, partner: failover.backup });
  const onBackup = interfaceAddresses({ eth0: [ipv4("10.0.0.2")], "eth0:1": [ipv4("10.0.0.1")] });
  assert.equal(decideRole(failover, onBackup), { role: "backup", self: failover.backup, partner: failover.primary });
  const secondary = interfaceAddresses({ eth0: [ipv4("10.0.0.9"), ipv4("10.0.0.1")] });
  assert.is(decideRole(failover, secondary).role, null, "pulse reads one address per interface, the first");
  assert.is(interfaceOf("10.0.0.1", { eth0: [ipv4("10.0.0.2")], "eth0:1": [ipv4("10.0.0.1")] }), "eth0");
  const none = decideRole({ ...failover, backup: null }, onBackup);
  assert.equal(none, { role: null, exitCode: 1, message: "this host does not have the primary director's address (10.0.0.1) and lvs.cf has no active backup; run with --standalone to run without failover" });
  const inactive = decideRole({ ...failover, backup: null, inactiveBackup: "10.0.0.2" }, onBackup);
  assert.equal(inactive, { role: null, exitCode: 0, message: "this host is the backup director (10.0.0.2) and backup_active = 0: a backup director that is not active does not run" });
});

test("links: operstate and carrier as sysfs gives them", () => {
  const sys = (files: Record<string, string>) => (path: string) => {
    const v = files[path];
    if (v === undefined) throw new Error("ENOENT");
    return v;
  };
  const up = sys({ "/sys/class/net/eth0/operstate": "up", "/sys/class/net/eth0/carrier": "1" });
  assert.ok(linkOf("eth0", up).up);
  assert.equal(linkOf("eth0", sys({ "/sys/class/net/eth0/operstate": "lowerlayerdown", "/sys/class/net/eth0/carrier": "0" })), {
    up: false,
    detail: "eth0 link down (operstate lowerlayerdown, carrier 0)",
  });
  assert.not.ok(linkOf("eth0", sys({ "/sys/class/net/eth0/operstate": "down" })).up, "carrier unreadable on a downed interface");
  assert.equal(linkOf("eth9", up), { up: false, detail: "eth9 is gone" });
  // loopback reports operstate unknown with a carrier
  assert.ok(linksOf(["lo"]).up);
});

function listen(address: string, port = 0): Promise<Socket> {
  return new Promise((resolve) => {
    const s = createSocket("udp4");
    s.bind({ address, port }, () => resolve(s));
  });
}

function nextDatagram(socket: Socket, timeoutMs = 5000): Promise<{ packet: Buffer; from: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no datagram")), timeoutMs);
    socket.once("message", (packet, rinfo) => {
      clearTimeout(timer);
      resolve({ packet, from: rinfo.address });
    });
  });
}

async function freePort(): Promise<number> {
  const s = await listen("127.0.0.1");
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test("sender: the datagram our socket sends to the partner holds pulse's exact bytes, from our bound address", async () => {
  const port = await freePort();
  const partner = await listen("127.0.0.2", port);
  const transport = await openHeartbeat({
    self: { address: "127.0.0.1", privateAddress: null },
    partner: { address: "127.0.0.2", privateAddress: null },
    port,
    onDatagram: () => {},
    onError: (m) => assert.unreachable(m),
  });
  try {
    const running = nextDatagram(partner);
    transport.send("running");
    const got = await running;
    assert.equal([...got.packet], [...PULSE_RUNNING]);
    assert.is(got.from, "127.0.0.1");
    const stopped = nextDatagram(partner);
    transport.send("stopped");
    assert.equal([...(await stopped).packet], [...PULSE_STOPPED]);
  } finally {
    transport.close();
    partner.close();
  }
});

/** An activator that records what it was asked to do. */
function recorder(): Activator & { calls: string[]; waitFor(call: string, count?: number): Promise<void> } {
  const calls: string[] = [];
  const waiters: Array<() => void> = [];
  const record = (call: string) => async () => {
    calls.push(call);
    for (const w of waiters.splice(0)) w();
  };
  return {
    calls,
    standBy: record("stand-by"),
    activate: record("activate"),
    deactivate: record("deactivate"),
    reannounce: record("reannounce"),
    waitFor(call, count = 1) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${call} after 10 s: ${calls.join(", ")}`)), 10_000);
        const check = () => {
          if (calls.filter((c) => c === call).length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

function node(role: "master" | "backup", port: number, activator: Activator, deadtimeMs: number, failback = false): FailoverNode {
  const self = { address: role === "master" ? "127.0.0.1" : "127.0.0.2", privateAddress: null };
  const partner = { address: role === "master" ? "127.0.0.2" : "127.0.0.1", privateAddress: null };
  return new FailoverNode({
    config: { role, hasPartner: true, deadtimeMs, failback },
    self,
    partner,
    keepaliveMs: 100,
    forceActive: false,
    transport: (onDatagram, onError) => openHeartbeat({ self, partner, port, onDatagram, onError }),
    activator,
    links: null,
    log: () => {},
  });
}

test("receiver: pulse's bytes from the partner are heard; a stranger, a short packet and a wrong magic are not", async () => {
  const port = await freePort();
  const activator = recorder();
  const backup = node("backup", port, activator, 60_000);
  await backup.start();
  const partner = await listen("127.0.0.1", port);
  const stranger = await listen("127.0.0.3", port);
  const send = (s: Socket, packet: Buffer) => new Promise<void>((r) => s.send(packet, port, "127.0.0.2", () => r()));
  try {
    await send(stranger, PULSE_STOPPED);
    await send(partner, PULSE_STOPPED.subarray(0, 2));
    await send(partner, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    await send(partner, PULSE_RUNNING);
    const deadline = Date.now() + 5000;
    while (backup.status().heartbeatsReceived + backup.status().heartbeatsIgnored < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const s = backup.status();
    assert.is(s.heartbeatsIgnored, 3);
    assert.is(s.heartbeatsReceived, 1);
    assert.is(s.partner?.lastHeartbeat?.state, "running");
    assert.not.ok(s.active, "the stranger's STOPPED did not make it activate");
    assert.equal(activator.calls, ["stand-by"]);
  } finally {
    await backup.stop("test over");
    partner.close();
    stranger.close();
  }
});

test("a stalled event loop: a heartbeat that came while the node did not run is read before the overdue dead timer is judged", async () => {
  const port = await freePort();
  const activator = recorder();
  const backup = node("backup", port, activator, 400);
  await backup.start();
  try {
    // From here on the node's process runs nothing else for 600 ms, the dead timer's whole 400 ms
    // and more, as when a loaded host does not schedule it: meanwhile the partner's RUNNING comes.
    // The block starts in the loop's check phase, so the overdue timer's phase comes before the poll.
    await new Promise((r) => setImmediate(r));
    const since = Date.now();
    const sender = `const s = require("node:dgram").createSocket("udp4");
s.bind({ address: "127.0.0.1" }, () => s.send(Buffer.from("${PULSE_RUNNING.toString("hex")}", "hex"), ${port}, "127.0.0.2", () => s.close()));`;
    assert.is(spawnSync(process.execPath, ["-e", sender]).status, 0);
    while (Date.now() < since + 600);
    await new Promise((r) => setTimeout(r, 50));
    assert.is(backup.status().heartbeatsReceived, 1);
    assert.not.ok(backup.status().active, "the overdue timer won over the heartbeat waiting to be read");
    assert.equal(activator.calls, ["stand-by"]);
    // with nothing more heard, deadtime later it does take over
    await activator.waitFor("activate");
  } finally {
    await backup.stop("test over");
  }
});

test("two nodes on loopback: the backup stands by while the master runs, takes over when it stops, and a returning master stays passive", async () => {
  const port = await freePort();
  const ma = recorder();
  const ba = recorder();
  const master = node("master", port, ma, 1_000);
  const backup = node("backup", port, ba, 1_000);
  // the master alone: no heartbeat for deadtime, it activates; the backup then hears RUNNING
  await master.start();
  await ma.waitFor("activate");
  await backup.start();
  try {
    await new Promise((r) => setTimeout(r, 1_500));
    assert.ok(master.status().active);
    assert.not.ok(backup.status().active);
    assert.is(backup.status().partner?.lastHeartbeat?.state, "running");
    // the master stops: its last STOPPED makes the backup activate at once
    await master.stop("SIGTERM");
    assert.equal(ma.calls, ["stand-by", "activate", "deactivate"]);
    await ba.waitFor("activate");
    assert.ok(backup.status().active);
    const metrics = metricsText({ services: [], ipvsadmCalls: 0, ipvsadmFailures: 0, tableRepairs: 0, tableReadAt: null, tableChangedAt: null, trafficReadAt: null, failover: backup.status() });
    assert.match(metrics, /^lvs_run_failover_active\{role="backup"\} 1$/m);
    assert.match(metrics, /^lvs_run_heartbeats_received_total [1-9]\d*$/m);
    assert.match(metrics, /^lvs_run_partner_heartbeat_timestamp_seconds \d+\.\d{3}$/m);
    // the master comes back: it hears RUNNING and does not fail back
    const again = recorder();
    const returned = node("master", port, again, 1_000);
    await returned.start();
    await new Promise((r) => setTimeout(r, 1_500));
    assert.not.ok(returned.status().active);
    assert.ok(backup.status().active);
    assert.equal(again.calls, ["stand-by"]);
    await returned.stop("test over");
  } finally {
    await master.stop("test over");
    await backup.stop("test over");
  }
});

test("two nodes on loopback with --failback: the returning master takes the VIPs back and the backup yields", async () => {
  const port = await freePort();
  const ba = recorder();
  const backup = node("backup", port, ba, 500);
  await backup.start();
  await ba.waitFor("activate");
  const ma = recorder();
  const master = node("master", port, ma, 500, true);
  await master.start();
  try {
    await ma.waitFor("activate");
    await ba.waitFor("deactivate");
    assert.ok(master.status().active);
    assert.not.ok(backup.status().active);
  } finally {
    await master.stop("test over");
    await backup.stop("test over");
  }
});

test("an active_cmd that cannot start is logged with its command line as detail, which the status does not show", async () => {
  const logged: Array<{ event: string; message: string; fields?: Record<string, unknown> }> = [];
  const activator = scriptActivator({
    script: async () => {},
    addresses: () => [],
    activeCommand: () => ["/nonexistent/notify", "--token", "S3CRET-TOKEN"],
    services: { start: async () => {}, stop: async () => {}, clear: async () => {} },
    arping: null,
    log: (event, message, fields) => logged.push({ event, message, fields }),
  });
  await activator.reannounce();
  await waitFor("the failure logged", () => logged.some((l) => l.event === "command-failed"));
  const entry = logged.find((l) => l.event === "command-failed")!;
  assert.not.match(entry.message, "S3CRET");
  assert.match(String(entry.fields?.detail), "/nonexistent/notify --token S3CRET-TOKEN");
  const events = new RecentEvents();
  events.add({ event: entry.event, message: entry.message, ...entry.fields }, 0);
  assert.not.match(JSON.stringify(events.list()), "S3CRET");
  activator.close();
});

test.run();
