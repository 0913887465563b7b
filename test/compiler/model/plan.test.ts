import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../../compiler/lint/engine.ts";
import { buildPlan } from "../../../compiler/model/plan.ts";
import { prefixLength } from "../../../compiler/model/values.ts";
import { readExample } from "../../helpers/paths.ts";

const planOf = (text: string) => buildPlan(lintText(text).model);

const virtual = (body: string, name = "web") => `virtual ${name} {\n     active = 1\n     address = 10.0.0.100 eth0:1\n${body}     server a {\n         address = 10.0.0.11\n         active = 1\n     }\n}\n`;
const GLOBALS = "primary = 10.0.0.1\nservice = lvs\nnetwork = direct\n";

test("the NAT example: one service per firewall mark, the first block's settings", () => {
  const plan = planOf(readExample("nat-web-ftp.cf"));
  assert.is(plan.method, "nat");
  assert.equal(
    plan.services.map((s) => [s.key, s.scheduler, s.persistence, s.members.map((m) => `${m.virtual} ${m.address}:${m.port}`)]),
    [
      ["fwmark:80", "wlc", 300, ["HTTP 192.168.26.10:80", "HTTPS 192.168.26.10:443"]],
      ["fwmark:21", "wlc", 600, ["FTP 192.168.26.11:21"]],
    ],
  );
  const http = plan.services[0]!;
  assert.equal(http.ipvsadmService, ["-f", "80"]);
  assert.equal(http.servers.map((s) => [s.address, s.port, s.weight]), [["10.11.12.1", 80, 1], ["10.11.12.2", 80, 2]]);
  assert.equal(http.check.check, { kind: "send-expect", send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP", regex: false });
  assert.equal(plan.vips.map((v) => [v.address, v.device, v.baseDevice, v.prefix]), [["192.168.26.10", "eth0:1", "eth0", 24], ["192.168.26.11", "eth0:2", "eth0", 24]]);
  assert.equal(plan.natRouter, { address: "10.11.12.10", device: "eth1:1", baseDevice: "eth1", netmask: "255.255.255.0", prefix: 24 });
  assert.equal(plan.failover.primary, { address: "192.168.26.9", privateAddress: "10.11.12.9" });
  assert.equal(plan.failover.backup, { address: "192.168.26.8", privateAddress: "10.11.12.8" });
});

test("a backup with backup_active = 0 is no partner, and is named as the backup that must not run", () => {
  const inactive = planOf(GLOBALS + "backup = 10.0.0.2\nbackup_active = 0\n" + virtual("")).failover;
  assert.is(inactive.backup, null);
  assert.is(inactive.inactiveBackup, "10.0.0.2");
  const active = planOf(GLOBALS + "backup = 10.0.0.2\nbackup_active = 1\n" + virtual("")).failover;
  assert.equal(active.backup, { address: "10.0.0.2", privateAddress: null });
  assert.is(active.inactiveBackup, null);
  assert.is(planOf(GLOBALS + virtual("")).failover.inactiveBackup, null, "no backup named");
});

test("checks: Piranha's HTTP default on port 80 only, connect elsewhere, programs split on single spaces", () => {
  assert.equal(planOf(GLOBALS + virtual("")).services[0]!.check.check, { kind: "http-default", send: "GET / HTTP/1.0\r\n\r\n", expect: "HTTP" });
  assert.equal(planOf(GLOBALS + virtual("     port = 25\n")).services[0]!.check.check, { kind: "connect", send: null });
  const program = planOf(GLOBALS + virtual('     send_program = "/bin/check  %h %p"\n     expect = "OK"\n')).services[0]!.check;
  assert.equal(program.check, { kind: "program", argv: ["/bin/check", "%h", "%p"], expect: "OK" });
  const regex = planOf(GLOBALS + virtual('     port = 25\n     expect = "^220"\n     use_regex = 1\n     quiesce_server = 1\n')).services[0]!.check;
  assert.equal(regex.check, { kind: "send-expect", send: null, expect: "^220", regex: true });
  assert.ok(regex.quiesce);
});

test("load monitors: uptime goes through rsh_command, rsh and ssh get uptime, none is none", () => {
  const load = (value: string, extra = "") => planOf(GLOBALS + extra + virtual(`     load_monitor = ${value}\n`)).services[0]!.check.loadMonitor;
  assert.equal(load("uptime", "rsh_command = ssh\n"), ["ssh", "%h", "uptime"]);
  assert.equal(load("ruptime"), ["ruptime", "%h"]);
  assert.is(load("none"), null);
});

test("persistence granularity only with persistence; the full mask is the default", () => {
  const svc = (body: string) => planOf(GLOBALS + virtual(body)).services[0]!;
  assert.equal([svc("     persistent = 60\n     pmask = 255.255.255.0\n").pmask, svc("     persistent = 60\n     pmask = 255.255.255.255\n").pmask], ["255.255.255.0", null]);
  assert.is(svc("     pmask = 255.255.255.0\n").persistence, null);
  assert.is(svc("     pmask = 255.255.255.0\n").pmask, null);
});

test("inactive virtuals and failover services start nothing; weights below 1 become 1", () => {
  const plan = planOf(GLOBALS + virtual("").replace("active = 1", "active = 0") + virtual("     port = 443\n", "tls").replace("active = 1\n         weight", "weight"));
  assert.equal(plan.services.map((s) => s.key), ["tcp:10.0.0.100:443"]);
  assert.is(planOf(GLOBALS.replace("lvs", "fos") + virtual("")).services.length, 0);
  const weighted = planOf(GLOBALS + virtual("").replace("active = 1\n     }", "active = 1\n         weight = 0\n     }")).services[0]!.servers[0]!;
  assert.equal([weighted.weight, weighted.effectiveWeight], [0, 1]);
});

test("prefix lengths of contiguous masks only", () => {
  assert.equal(["255.255.255.255", "255.255.255.0", "0.0.0.0", "255.0.255.0"].map(prefixLength), [32, 24, 0, null]);
});

test.run();
