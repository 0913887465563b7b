/**
 * The resolved model of real corpus files and of small inline cases, against what Piranha's
 * lvsParseConfig leaves in its structs (reference §1.4, §2, §2.5, §10; corpus SOURCES.md).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { KEYWORDS, parse, type Level } from "../../grammar/index.ts";
import { modelOrigin, modelToJson, resolve, type LvsModel, type ModelServer, type ModelVirtual } from "../../compiler/model/resolve.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../helpers/paths.ts";

const model = (text: string): LvsModel => resolve(parse(text));
const corpusModel = (name: string): LvsModel => model(readCorpus(name));

function virtualNamed(m: LvsModel, name: string): ModelVirtual {
  const v = m.virtuals.find((x) => x.name === name);
  assert.ok(v, `virtual ${name} exists`);
  return v!;
}

function serverNamed(v: ModelVirtual, name: string): ModelServer {
  const s = v.servers.find((x) => x.name === name);
  assert.ok(s, `server ${name} exists in ${v.name}`);
  return s!;
}

// ---------------------------------------------------------------- corpus files

test("sample.cf: service name port, pmask 255.255.255.255, heartbeat_port, duplicate key, failover blocks", () => {
  const m = corpusModel("ssocopsacc_piranha__sample.cf");
  const g = m.global;
  assert.is(g.service, "lvs");
  assert.is(g.primary, "207.175.44.150");
  assert.is(g.primary_private, "10.11.12.1");
  assert.is(g.backup_private, "10.11.12.2", "kept: primary_private is given");
  assert.is(g.primary_shared, "/dev/sdb");
  assert.is(g.heartbeat_port, 1050);
  assert.is(g.backup_active, 1, "backup_active appears twice");
  assert.is(modelOrigin(g).span("backup_active")!.line, 51, "the last backup_active wins");
  assert.is(g.keepalive, 6);
  assert.is(g.deadtime, 18);
  assert.is(g.reservation_conflict_action, "preempt");
  assert.is(g.network, "nat");
  assert.equal(g.nat_router, { address: "192.168.10.100", device: "eth1:1" });
  assert.is(g.nat_nmask, "255.255.255.255");

  assert.equal(
    m.virtuals.map((v) => [v.block, v.name]),
    [
      ["virtual", "server1"],
      ["virtual", "server2"],
      ["failover", "web1"],
      ["failover", "ftp"],
    ],
  );
  const s1 = virtualNamed(m, "server1");
  assert.is(s1.port, 80, "port = http");
  assert.is(s1.pmask, "0.0.0.0", "pmask = 255.255.255.255 means none");
  assert.is(s1.persistent, 60);
  assert.is(s1.fwmark, 100);
  assert.is(s1.active, 1);
  assert.is(s1.address, "207.175.44.252");
  assert.is(s1.device, "eth0:1");
  assert.is(s1.vip_nmask, "255.255.255.255");
  assert.is(s1.load_monitor, "uptime");
  assert.is(s1.timeout, 5);
  assert.is(s1.reentry, 10);
  assert.is(s1.send, "GET / HTTP/1.0\\r\\n\\r\\n", "double quotes stripped, backslashes literal");
  assert.is(s1.expect, "HTTP");
  assert.is(s1.sorry_server, "0.0.0.0", "the commented-out sorry_server is not read");
  assert.equal(
    s1.servers.map((s) => [s.name, s.address, s.active, s.weight, s.port]),
    [
      ["Real1", "192.168.10.2", 1, 1, 80],
      ["Real2", "192.168.10.3", 1, 1, 80],
    ],
  );
  const s2 = virtualNamed(m, "server2");
  assert.is(s2.port, 21);
  assert.is(s2.active, 0);
  assert.is(s2.send, "\\n");
  assert.equal(
    s2.servers.map((s) => [s.name, s.port, s.weight]),
    [
      ["Real1", 21, 1],
      ["Real2", 21, 1],
    ],
    "server port defaults to the virtual's port, weight to 1",
  );

  const web1 = virtualNamed(m, "web1");
  assert.is(web1.block, "failover");
  assert.is(web1.start_cmd, "/etc/rc.d/init.d/httpd start");
  assert.is(web1.stop_cmd, "/etc/rc.d/init.d/httpd stop");
  assert.is(web1.port, 1010);
  assert.is(web1.reentry, 180, "default");
  assert.equal(web1.servers, []);
  const ftp = virtualNamed(m, "ftp");
  assert.is(ftp.block, "failover");
  assert.is(ftp.start_cmd, "/etc/rc.d/init.d/inet start");
  assert.is(ftp.stop_cmd, "/etc/rc.d/init.d/inet stop");
  assert.is(ftp.active, 0);
});

test("ssocopsacc lvs.cf: no primary, a virtual without address or active", () => {
  const m = corpusModel("ssocopsacc_piranha__lvs.cf");
  const g = m.global;
  assert.is(g.serial_no, 48);
  assert.is(g.primary, "0.0.0.0");
  assert.is(g.primary_private, "0.0.0.0");
  assert.is(g.backup, "0.0.0.0");
  assert.is(g.network, "direct");
  assert.is(g.active_cmd, "/etc/sysconfig/ha/active.sh");
  assert.is(g.inactive_cmd, "/etc/sysconfig/ha/inactive.sh");
  assert.is(g.monitor_links, 1);
  assert.is(g.syncdaemon, 1);
  assert.is(m.virtuals.length, 1);
  const v = m.virtuals[0]!;
  assert.is(v.name, "vpn443");
  assert.is(v.address, "0.0.0.0");
  assert.is(v.device, null);
  assert.is(v.active, 0);
  assert.is(v.port, 443);
  assert.is(v.persistent, 10);
  assert.is(v.scheduler, "rr");
  assert.is(v.quiesce_server, 1);
  assert.is(v.send, "GET /hapage.html\\r\\n\\r\\n");
  assert.is(v.expect, "HTTP/1.1 200 OK");
  assert.equal(v.servers, []);
});

test("DirtyBackup lvs.cf_orig: two virtuals, `port =  80` with two spaces", () => {
  const m = corpusModel("ssocopsacc_piranha__DirtyBackup_lvs.cf_orig");
  assert.equal(
    m.virtuals.map((v) => [v.name, v.port, v.active, v.address]),
    [
      ["vpn443", 443, 0, "0.0.0.0"],
      ["vpn80", 80, 0, "0.0.0.0"],
    ],
  );
});

test("netkiller master: private heartbeat addresses kept, an inactive server with weight 0", () => {
  const m = corpusModel("OpenDocCN_netkiller-tut-zh__linux_10_piranha_master.cf");
  const g = m.global;
  assert.is(g.primary, "172.16.0.2");
  assert.is(g.primary_private, "172.16.2.2");
  assert.is(g.backup, "172.16.0.3");
  assert.is(g.backup_private, "172.16.2.3");
  assert.is(g.backup_active, 1);
  assert.is(g.deadtime, 6);
  const v = virtualNamed(m, "LVS-HTTP");
  assert.is(v.servers.length, 4);
  const web4 = serverNamed(v, "Web4");
  assert.is(web4.weight, 0);
  assert.is(web4.active, 0);
  assert.is(web4.address, "172.16.0.8");
  for (const name of ["Web1", "Web2", "Web3"]) {
    const s = serverNamed(v, name);
    assert.is(s.active, 1);
    assert.is(s.weight, 2);
  }
  const slave = corpusModel("OpenDocCN_netkiller-tut-zh__linux_10_piranha_slave.cf");
  assert.is.not(slave.global.serial_no, g.serial_no, "the copies differ in serial_no");
});

test("RHEL 5.5: real servers on port 8080 behind virtual port 80, send_program kept", () => {
  const m = corpusModel("RHEL55_send_program_rport8080.cf");
  assert.is(m.global.backup, "0.0.0.0", "backup accepts 0.0.0.0");
  assert.is(m.global.network, "direct");
  assert.is(m.global.nat_nmask, "255.255.255.0");
  assert.is(m.global.primary_private, "192.168.142.160", "primary_private := primary");
  assert.is(m.global.backup_private, "0.0.0.0", "backup_private := backup");
  const v = virtualNamed(m, "diff");
  assert.is(v.port, 80);
  assert.is(v.send_program, "/etc/sysconfig/ha/lvs.sh %h");
  assert.is(v.expect, "OK");
  assert.equal(
    v.servers.map((s) => [s.name, s.address, s.port]),
    [
      ["158", "192.168.142.158", 8080],
      ["159", "192.168.142.159", 8080],
    ],
  );
});

test("tigerlinux SIP: udp fwmark service, backup_private taken from backup", () => {
  const m = corpusModel("tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_1_serial70.cf");
  assert.is(m.global.primary_private, "172.16.11.74");
  assert.is(m.global.backup_private, "172.16.11.75");
  const sip = virtualNamed(m, "sipserver");
  assert.is(sip.protocol, "udp");
  assert.is(sip.fwmark, 3);
  assert.is(sip.port, 5060);
  assert.is(sip.persistent, 400);
  assert.is(sip.vip_nmask, "0.0.0.0");
  assert.is(sip.send_program, "/usr/local/bin/test-sip-server.sh %h");

  const m2 = corpusModel("tigerlinux_extra-recipes__RECIPE-Piranha-LB-For-SIP_2_serial76.cf");
  const g = m2.global;
  assert.is(g.rsh_command, "ssh");
  assert.is(g.syncdaemon, 1);
  assert.is(g.syncd_iface, "eth0");
  assert.is(g.syncd_id, 0);
  assert.equal([g.tcp_timeout, g.tcpfin_timeout, g.udp_timeout], [10, 10, 10]);
});

test("netkiller SLB-MySQL fragment: empty quoted send and expect", () => {
  const m = corpusModel("OpenDocCN_netkiller-tut-zh__linux_10_SLB-MySQL_fragment.cf");
  const v = virtualNamed(m, "SLB-MySQL");
  assert.is(v.send, "");
  assert.is(v.expect, "");
  assert.is(v.port, 3306);
  assert.is(v.servers.length, 3);
});

test("rdo normalized: hard_shutdown 0, duplicate service, host name as server name", () => {
  const m = corpusModel("redhat-openstack_website__rdo-mysql-multi-master__normalized.cf");
  assert.is(m.global.hard_shutdown, 0);
  assert.is(m.global.service, "lvs");
  assert.is(m.global.monitor_links, 1);
  assert.is(m.global.serial_no, 2013042401);
  const v = m.virtuals[0]!;
  assert.is(v.pmask, "255.255.240.0");
  assert.is(v.send_program, "/usr/local/bin/check_tcp_port.sh %h 3306");
  assert.is(v.send, "\\n");
  assert.equal(
    v.servers.map((s) => [s.name, s.address, s.port]),
    [
      ["sql1.example.com", "10.0.0.4", 3306],
      ["sql2.example.com", "10.0.0.5", 3306],
    ],
  );
});

// ---------------------------------------------------------------- inline cases

test("a server without `port` takes the virtual's port as read so far", () => {
  const m = model(
    [
      "virtual v {",
      "     server a {",
      "         address = 10.0.0.1",
      "     }",
      "     port = 443",
      "     server b {",
      "         address = 10.0.0.2",
      "     }",
      "     server c {",
      "         port = 8443",
      "     }",
      "     port = https",
      "}",
      "",
    ].join("\n"),
  );
  const v = m.virtuals[0]!;
  assert.is(v.port, 443);
  assert.equal(
    v.servers.map((s) => [s.name, s.port]),
    [
      ["a", 80],
      ["b", 443],
      ["c", 8443],
    ],
  );
  const named = model("virtual v {\n port = ssh\n server a {\n }\n}\n").virtuals[0]!;
  assert.is(named.port, 22);
  assert.is(named.servers[0]!.port, 22);
});

test("backup_private is replaced by backup when primary is given without primary_private", () => {
  const overwritten = model("primary = 10.0.0.1\nbackup = 10.0.0.2\nbackup_private = 192.168.0.2\n").global;
  assert.is(overwritten.primary_private, "10.0.0.1");
  assert.is(overwritten.backup_private, "10.0.0.2");

  const noBackup = model("backup_private = 192.168.0.2\nprimary = 10.0.0.1\n").global;
  assert.is(noBackup.backup_private, "0.0.0.0", "even when backup is absent");

  const kept = model("primary = 10.0.0.1\nprimary_private = 192.168.0.1\nbackup = 10.0.0.2\nbackup_private = 192.168.0.2\n").global;
  assert.is(kept.primary_private, "192.168.0.1");
  assert.is(kept.backup_private, "192.168.0.2");

  const noPrimary = model("backup = 10.0.0.2\nbackup_private = 192.168.0.2\n").global;
  assert.is(noPrimary.primary_private, "0.0.0.0");
  assert.is(noPrimary.backup_private, "192.168.0.2", "no primary: nothing is replaced");
});

test("quotes: send/expect/… keep single quotes, lose double quotes; other strings lose both", () => {
  const m = model(
    [
      "active_cmd = \"/bin/x a b\"",
      "rsh_command = 'ssh'",
      "virtual v {",
      '     send = "x"',
      "     expect = 'x'",
      '     send_program = "/bin/check %h %p"',
      "     start_cmd = 'a b'",
      '     stop_cmd = "/etc/init.d/x stop"',
      "     load_monitor = 'rup'",
      "}",
      "virtual w {",
      "     send = GET#x",
      "     expect = x",
      "}",
      "",
    ].join("\n"),
  );
  assert.is(m.global.active_cmd, "/bin/x a b");
  assert.is(m.global.rsh_command, "ssh");
  const v = m.virtuals[0]!;
  assert.is(v.send, "x");
  assert.is(v.expect, "'x'");
  assert.is(v.send_program, "/bin/check %h %p");
  assert.is(v.start_cmd, "'a b'");
  assert.is(v.stop_cmd, "/etc/init.d/x stop");
  assert.is(v.load_monitor, "rup");
  const w = m.virtuals[1]!;
  assert.is(w.send, "GET#x", "`#` inside a value is literal");
  assert.is(w.expect, "x");
});

const VIRTUAL_DEFAULTS = {
  active: 0,
  address: "0.0.0.0",
  device: null,
  sorry_server: "0.0.0.0",
  vip_nmask: "0.0.0.0",
  fwmark: 0,
  protocol: "tcp",
  port: 80,
  scheduler: "wlc",
  persistent: 0,
  pmask: "0.0.0.0",
  client_monitor: "/usr/sbin/nanny",
  send_program: null,
  send: null,
  expect: null,
  use_regex: 0,
  timeout: 10,
  reentry: 180,
  load_monitor: null,
  quiesce_server: 0,
  start_cmd: null,
  stop_cmd: null,
};

const GLOBAL_DEFAULTS = {
  serial_no: 0,
  service: "lvs",
  primary: "0.0.0.0",
  primary_private: "0.0.0.0",
  primary_shared: null,
  backup: "0.0.0.0",
  backup_active: 0,
  backup_private: "0.0.0.0",
  backup_shared: null,
  reservation_conflict_action: null,
  heartbeat: 0,
  heartbeat_port: 539,
  keepalive: 2,
  deadtime: 5,
  network: "nat",
  nat_router: null,
  nat_nmask: "0.0.0.0",
  rsh_command: "rsh",
  debug_level: "NONE",
  ipvsadm: "/sbin/ipvsadm",
  sync: 0,
  syncdaemon: 0,
  syncd_iface: "eth0",
  syncd_id: 0,
  tcp_timeout: 0,
  tcpfin_timeout: 0,
  udp_timeout: 0,
  active_cmd: null,
  inactive_cmd: null,
  monitor_links: 0,
  hard_shutdown: 1,
};

test("defaults of an empty file and an empty virtual (reference §2.5)", () => {
  for (const text of ["", "# nothing\n", "virtual v {\n}\n"]) {
    assert.equal({ ...model(text).global }, GLOBAL_DEFAULTS, JSON.stringify(text));
  }
  const m = model("virtual v {\n     server s {\n     }\n}\nfailover f {\n}\n");
  const v = m.virtuals[0]!;
  const { block, name, servers, ...rest } = v;
  assert.is(block, "virtual");
  assert.is(name, "v");
  assert.equal(rest, VIRTUAL_DEFAULTS);
  assert.equal(
    servers.map((s) => ({ ...s })),
    [{ name: "s", address: "0.0.0.0", active: 0, weight: 1, port: 80 }],
  );
  const f = m.virtuals[1]!;
  assert.is(f.block, "failover");
  const { block: _b, name: _n, servers: fs, ...frest } = f;
  assert.equal(frest, VIRTUAL_DEFAULTS);
  assert.equal(fs, []);
});

test("duplicates: the last value wins; unreadable values leave the previous one", () => {
  const m = model(
    [
      "keepalive = 3",
      "keepalive = 4",
      "deadtime = 7",
      "deadtime = soon",
      "virtual v {",
      "     timeout = abc",
      "     pmask = bogus",
      "     scheduler = sed",
      "}",
      "virtual w {",
      "     pmask = 255.255.255.0",
      "     persistent = 0x10",
      "     fwmark = -1",
      "     server a {",
      "         weight = 010",
      "         port = http",
      "     }",
      "}",
      "",
    ].join("\n"),
  );
  assert.is(m.global.keepalive, 4);
  assert.is(m.global.deadtime, 7);
  const v = m.virtuals[0]!;
  assert.is(v.timeout, 10);
  assert.is(v.pmask, "0.0.0.0", "an unparsable pmask is ignored");
  assert.is(v.scheduler, "wlc");
  const w = m.virtuals[1]!;
  assert.is(w.pmask, "255.255.255.0");
  assert.is(w.persistent, 16);
  assert.is(w.fwmark, 4294967295, "fwmark is unsigned");
  assert.is(w.servers[0]!.weight, 8, "010 is octal");
  assert.is(w.servers[0]!.port, 80, "a real server's port takes no service name");
});

test("the model follows what the author meant for keyword and enum case", () => {
  const m = model("Network = DIRECT\nvirtual v {\n     Scheduler = RR\n     protocol = UDP\n}\n");
  assert.is(m.global.network, "direct");
  assert.is(m.virtuals[0]!.scheduler, "rr");
  assert.is(m.virtuals[0]!.protocol, "udp");
});

test("address takes a host and a device; nat_router likewise", () => {
  const m = model("nat_router = 0x0a000001 eth1:1\nvirtual v {\n     address = 10.1 eth0:1\n}\nvirtual w {\n     address = www.example.com\n}\n");
  assert.equal(m.global.nat_router, { address: "10.0.0.1", device: "eth1:1" });
  assert.is(m.virtuals[0]!.address, "10.0.0.1");
  assert.is(m.virtuals[0]!.device, "eth0:1");
  assert.is(m.virtuals[1]!.address, "www.example.com");
  assert.is(m.virtuals[1]!.device, null);
});

test("heartbeat_port takes service names; sorry_server takes no host names; duplicate virtual names stay apart", () => {
  const m = model(
    "heartbeat_port = http\nvirtual a {\n     sorry_server = www.example.com\n}\nvirtual a {\n     sorry_server = 10.1\n}\n",
  );
  assert.is(m.global.heartbeat_port, 80);
  assert.equal(
    m.virtuals.map((v) => [v.name, v.sorry_server]),
    [
      ["a", "0.0.0.0"],
      ["a", "10.0.0.1"],
    ],
  );
});

// ---------------------------------------------------------------- JSON

function keywordNames(level: Level): Set<string> {
  return new Set(KEYWORDS.filter((k) => k.level === level && k.kind !== "block").map((k) => k.name));
}

test("modelToJson: valid JSON keyed by Piranha's keyword names", () => {
  const globalKeys = keywordNames("global");
  const virtualKeys = keywordNames("virtual");
  virtualKeys.delete("master");
  virtualKeys.delete("dirs");
  const serverKeys = keywordNames("server");
  const inputs = [...corpusFiles().map(readCorpus), ...exampleFiles().map(readExample)];
  for (const text of inputs) {
    const json = modelToJson(model(text));
    assert.ok(json.endsWith("\n"));
    const parsed = JSON.parse(json) as { global: Record<string, unknown>; virtuals: Array<Record<string, unknown>> };
    assert.equal(Object.keys(parsed).sort(), ["global", "virtuals"]);
    assert.equal(Object.keys(parsed.global).sort(), [...globalKeys].sort(), "global keys");
    const router = parsed.global["nat_router"];
    if (router !== null) assert.equal(Object.keys(router as object).sort(), ["address", "device"]);
    for (const v of parsed.virtuals) {
      assert.equal(Object.keys(v).sort(), [...virtualKeys, "block", "name", "device", "servers"].sort(), "virtual keys");
      assert.ok(v["block"] === "virtual" || v["block"] === "failover");
      for (const s of v["servers"] as Array<Record<string, unknown>>) {
        assert.equal(Object.keys(s).sort(), [...serverKeys, "name"].sort(), "server keys");
      }
    }
  }
  const sample = JSON.parse(modelToJson(corpusModel("ssocopsacc_piranha__sample.cf"))) as LvsModel;
  assert.is(sample.global.heartbeat_port, 1050);
  assert.is(sample.virtuals[0]!.port, 80);
  assert.is(sample.virtuals[0]!.pmask, "0.0.0.0");
  assert.is(sample.virtuals[2]!.block, "failover");
  assert.is(sample.virtuals[2]!.start_cmd, "/etc/rc.d/init.d/httpd start");
});

test("the model keeps where each field was set, outside the JSON", () => {
  const text = "keepalive = 3\nvirtual v {\n     port = 21\n     server a {\n         weight = 2\n     }\n}\n";
  const m = model(text);
  const slice = (span: { start: number; end: number }) => text.slice(span.start, span.end);
  assert.is(modelOrigin(m.global).span("keepalive")!.line, 1);
  assert.is(slice(modelOrigin(m.global).span("keepalive")!), "keepalive = 3");
  assert.is(modelOrigin(m.virtuals[0]!).span("port")!.line, 3);
  assert.is(slice(modelOrigin(m.virtuals[0]!).opener!), "virtual v {");
  assert.is(modelOrigin(m.virtuals[0]!.servers[0]!).span("weight")!.line, 5);
  const opener = modelOrigin(m.virtuals[0]!.servers[0]!).opener!;
  assert.is(opener.line, 4);
  assert.is(slice(opener), "server a {");
  assert.is(modelOrigin(m.global).opener, null);
  const json = modelToJson(m);
  assert.not.match(json, /"sources"|"opener"|"block": \{/);
});

test.run();
