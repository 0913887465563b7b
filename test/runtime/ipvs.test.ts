/**
 * The runtime's IPVS layer: reading `ipvsadm -S -n` and `-L -n`, the table a plan asks for, the
 * commands that get there, running them (ipvsadm, dry run, retries), and the fake ipvsadm the
 * other runtime suites use.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ipvsadmRules } from "../../compiler/emit/ipvsadm-rules.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { buildPlan } from "../../compiler/model/plan.ts";
import { commandLine, dryRunBackend, ipvsadmBackend, IpvsadmError } from "../../runtime/ipvs/backend.ts";
import { desiredTable } from "../../runtime/ipvs/desired.ts";
import { reconcile } from "../../runtime/ipvs/reconcile.ts";
import { backoffDelay, withRetry } from "../../runtime/ipvs/retry.ts";
import { parseListing, parseSaved } from "../../runtime/ipvs/saved.ts";
import type { IpvsDestination, IpvsService, IpvsTable } from "../../runtime/ipvs/types.ts";
import type { ForwardingMethod, RuntimePlan } from "../../runtime/manifest.ts";
import { createFakeIpvsadm, emptyState, runFakeIpvsadm, stateOf, tableOf, type FakeState } from "../helpers/fake-ipvsadm.ts";
import { exampleFiles, readExample } from "../helpers/paths.ts";

const WORK = mkdtempSync(join(tmpdir(), "lvst-ipvs-"));
process.on("exit", () => rmSync(WORK, { recursive: true, force: true }));
let fakes = 0;
const newFake = () => createFakeIpvsadm(join(WORK, `fake-${++fakes}`));

const planOf = (text: string): RuntimePlan => buildPlan(lintText(text).model);
const allUp = (plan: RuntimePlan) => (key: string, address: string, port: number) =>
  plan.services.find((s) => s.key === key)?.servers.find((rs) => rs.address === address && rs.port === port)?.effectiveWeight ?? null;

/** A table in one canonical order, to compare tables as sets. */
function canonical(table: IpvsTable): IpvsTable {
  const sorted = <T extends object>(items: readonly T[]): T[] =>
    items
      .map((item) => ({ item: { ...item }, key: JSON.stringify(item) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.item);
  return { services: sorted(table.services), destinations: sorted(table.destinations) };
}

function only(table: IpvsTable, keep: (service: string) => boolean): IpvsTable {
  return { services: table.services.filter((s) => keep(s.key)), destinations: table.destinations.filter((d) => keep(d.service)) };
}

/** Runs commands through the fake in this process; every one must succeed. */
function applyAll(state: FakeState, commands: readonly string[][]): FakeState {
  for (const args of commands) {
    const r = runFakeIpvsadm(args, state);
    if (r.status !== 0) throw new Error(`ipvsadm ${args.join(" ")} failed (${r.status}): ${r.stderr.trim()}`);
    state = r.state;
  }
  return state;
}

const saveOf = (state: FakeState): string => runFakeIpvsadm(["-S", "-n"], state).stdout;

const svc = (key: string, scheduler = "wlc", persistence: number | null = null, pmask: string | null = null): IpvsService => ({ key, scheduler, persistence, pmask });
const dest = (service: string, address: string, port: number, method: ForwardingMethod = "nat", weight = 1): IpvsDestination => ({ service, address, port, method, weight });

/** A tunnelling director with a UDP service, a sorry server, persistence with a mask. */
const MIXED_CF = `primary = 10.0.0.1
service = lvs
network = tunnel
virtual dns {
     active = 1
     address = 10.0.0.10 eth0:1
     protocol = udp
     port = 53
     scheduler = wrr
     sorry_server = 10.0.9.9
     server a {
         address = 10.0.1.2
         port = 5353
         active = 1
         weight = 3
     }
     server b {
         address = 10.0.1.3
         active = 1
         weight = 1
     }
     server c {
         address = 10.0.1.4
         active = 0
         weight = 1
     }
}
virtual web {
     active = 1
     address = 10.0.0.11 eth0:2
     port = 443
     scheduler = sh
     persistent = 300
     pmask = 255.255.255.0
     server a {
         address = 10.0.1.2
         active = 1
         weight = 2
     }
}
`;

// ---------------------------------------------------------------------------------------------
// Reading ipvsadm's output

const KERNEL_SAVE = `-A -t 10.0.0.10:80 -s rr
-a -t 10.0.0.10:80 -r 10.0.1.2:80 -m -w 1
-a -t 10.0.0.10:80 -r 10.0.1.3:80 -m -w 2
-A -t 10.0.0.11:443 -s sh -p 300
-a -t 10.0.0.11:443 -r 10.0.1.2:443 -g -w 1
-A -t 10.0.0.12:80 -s wlc -p 300 -M 255.255.255.0
-a -t 10.0.0.12:80 -r 10.0.1.5:80 -i -w 1 --tun-type ipip
-A -u 10.0.0.10:53 -s wlc
-A -f 80 -s wrr
-a -f 80 -r 10.0.1.2:0 -m -w 3
`;

test("parseSaved reads the kernel's -Sn lines, --tun-type included", () => {
  assert.equal(parseSaved(KERNEL_SAVE), {
    services: [svc("tcp:10.0.0.10:80", "rr"), svc("tcp:10.0.0.11:443", "sh", 300), svc("tcp:10.0.0.12:80", "wlc", 300, "255.255.255.0"), svc("udp:10.0.0.10:53"), svc("fwmark:80", "wrr")],
    destinations: [
      dest("tcp:10.0.0.10:80", "10.0.1.2", 80),
      dest("tcp:10.0.0.10:80", "10.0.1.3", 80, "nat", 2),
      dest("tcp:10.0.0.11:443", "10.0.1.2", 443, "direct"),
      dest("tcp:10.0.0.12:80", "10.0.1.5", 80, "tunnel"),
      dest("fwmark:80", "10.0.1.2", 0, "nat", 3),
    ],
  });
});

test("parseSaved passes over options and lines it has no use for, never fails on them", () => {
  const text = [
    "# saved by hand",
    "",
    "-A -t 10.0.0.1:80 -s mh -b mh-port,mh-fallback --pe sip -o -p",
    "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -i -w 4 --tun-type gue --tun-port 6080 --tun-nocsum -x 10 -y 2",
    "-A -u 10.0.0.1:53 -s rr --frobnicate constructor toString",
    "-A -t 10.0.0.2:80 -s rr -p 60 -M 255.255.255.255",
    "-A -f 7 -6 -s rr",
    "-a -f 7 -6 -r [2001:db8::2]:0 -m -w 1",
    "-A -t [2001:db8::1]:443 -s rr",
    "-A --sctp-service 10.0.0.1:9 -s rr",
    "--set 900 120 300",
    "-C",
  ].join("\n");
  assert.equal(parseSaved(text), {
    services: [svc("tcp:10.0.0.1:80", "mh", 360), svc("udp:10.0.0.1:53", "rr"), svc("tcp:10.0.0.2:80", "rr", 60), svc("fwmark6:7", "rr"), svc("tcp:[2001:db8::1]:443", "rr"), svc("sctp:10.0.0.1:9", "rr")],
    destinations: [dest("tcp:10.0.0.1:80", "10.0.1.2", 80, "tunnel", 4), dest("fwmark6:7", "2001:db8::2", 0, "nat", 1)],
  });
});

const KERNEL_LISTING = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.0.0.10:80 rr
  -> 10.0.1.2:80                  Masq    1      0          3
  -> 10.0.1.3:80                  Masq    1      0          3
TCP  10.0.0.11:443 sh persistent 300
  -> 10.0.1.2:443                 Route   1      0          0
TCP  10.0.0.12:80 wlc persistent 300 mask 255.255.255.0
  -> 10.0.1.5:80                  Tunnel  1      12         7
UDP  10.0.0.10:53 wlc
FWM  80 wrr
  -> 10.0.1.2:0                   Masq    3      0          0
FWM  7 IPv6 rr
  -> [2001:db8::2]:0              Masq    1      4          5
`;

test("parseListing reads connection counts per destination", () => {
  assert.equal(parseListing(KERNEL_LISTING), [
    { service: "tcp:10.0.0.10:80", address: "10.0.1.2", port: 80, active: 0, inactive: 3 },
    { service: "tcp:10.0.0.10:80", address: "10.0.1.3", port: 80, active: 0, inactive: 3 },
    { service: "tcp:10.0.0.11:443", address: "10.0.1.2", port: 443, active: 0, inactive: 0 },
    { service: "tcp:10.0.0.12:80", address: "10.0.1.5", port: 80, active: 12, inactive: 7 },
    { service: "fwmark:80", address: "10.0.1.2", port: 0, active: 0, inactive: 0 },
    { service: "fwmark6:7", address: "2001:db8::2", port: 0, active: 4, inactive: 5 },
  ]);
  assert.equal(parseListing(""), []);
});

test("the fake's -S -n reads back as the table it holds; ipvsadm -R takes it back", () => {
  const state = stateOf(parseSaved(KERNEL_SAVE));
  const saved = saveOf(state);
  assert.equal(canonical(parseSaved(saved)), canonical(parseSaved(KERNEL_SAVE)));
  const rebuilt = applyAll(emptyState(), saved.trim().split("\n").map((l) => l.split(" ")));
  assert.is(saveOf(rebuilt), saved);
});

test("every example: the bundle's ipvsadm.rules reads as the plan's table with every server up", () => {
  for (const example of [...exampleFiles().map(readExample), MIXED_CF]) {
    const plan = planOf(example);
    const desired = desiredTable(plan, allUp(plan));
    const fromRules = parseSaved(ipvsadmRules(plan));
    assert.equal(fromRules, desired);
  }
});

// ---------------------------------------------------------------------------------------------
// The desired table

test("desiredTable: up servers at the caller's weight, the kernel's port, the sorry server when asked", () => {
  const plan = planOf(MIXED_CF);
  const asked: string[] = [];
  const table = desiredTable(plan, (key, address, port) => {
    asked.push(`${key} ${address}:${port}`);
    if (address === "10.0.1.3") return null;
    return address === "10.0.9.9" ? 1 : 7;
  });
  assert.equal(asked, ["udp:10.0.0.10:53 10.0.1.2:5353", "udp:10.0.0.10:53 10.0.1.3:53", "udp:10.0.0.10:53 10.0.9.9:53", "tcp:10.0.0.11:443 10.0.1.2:443"]);
  assert.equal(table, {
    services: [svc("udp:10.0.0.10:53", "wrr"), svc("tcp:10.0.0.11:443", "sh", 300, "255.255.255.0")],
    destinations: [dest("udp:10.0.0.10:53", "10.0.1.2", 53, "tunnel", 7), dest("udp:10.0.0.10:53", "10.0.9.9", 53, "tunnel", 1), dest("tcp:10.0.0.11:443", "10.0.1.2", 443, "tunnel", 7)],
  });
  assert.equal(desiredTable(plan, () => null).destinations, []);
  assert.throws(() => desiredTable(plan, () => 70000), /weight 70000 .* not a whole number from 0 to 65535/);
});

// ---------------------------------------------------------------------------------------------
// Reconciling

const WEB = "tcp:10.0.0.1:80";
const DNS = "udp:10.0.0.1:53";
const MARK = "fwmark:80";
const BASE: IpvsTable = {
  services: [svc(WEB, "rr"), svc(DNS, "wlc"), svc(MARK, "wrr", 300)],
  destinations: [dest(WEB, "10.0.1.2", 80), dest(WEB, "10.0.1.3", 80, "nat", 2), dest(DNS, "10.0.1.2", 53, "direct"), dest(MARK, "10.0.1.4", 0, "nat", 3)],
};
const ALL = new Set([WEB, DNS, MARK]);

test("adopting a table that is already right takes no command", () => {
  assert.equal(reconcile(BASE, BASE, ALL), []);
  const plan = planOf(readExample("nat-web-ftp.cf"));
  const desired = desiredTable(plan, allUp(plan));
  const kernel = parseSaved(saveOf(stateOf(desired)));
  assert.equal(reconcile(kernel, desired, new Set(plan.services.map((s) => s.key))), []);
});

test("a missing service is added with its servers; udp and firewall marks name the service their way", () => {
  const commands = reconcile({ services: [], destinations: [] }, BASE, ALL);
  assert.equal(commands, [
    ["-A", "-t", "10.0.0.1:80", "-s", "rr"],
    ["-A", "-u", "10.0.0.1:53", "-s", "wlc"],
    ["-A", "-f", "80", "-s", "wrr", "-p", "300"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.2:80", "-m", "-w", "1"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.3:80", "-m", "-w", "2"],
    ["-a", "-u", "10.0.0.1:53", "-r", "10.0.1.2:53", "-g", "-w", "1"],
    ["-a", "-f", "80", "-r", "10.0.1.4:0", "-m", "-w", "3"],
  ]);
});

test("a changed scheduler, persistence or mask is -E with every setting; connections stay", () => {
  const desired = { ...BASE, services: [svc(WEB, "wlc", 60, "255.255.0.0"), svc(DNS, "wlc"), svc(MARK, "wrr")] };
  assert.equal(reconcile(BASE, desired, ALL), [
    ["-E", "-t", "10.0.0.1:80", "-s", "wlc", "-p", "60", "-M", "255.255.0.0"],
    ["-E", "-f", "80", "-s", "wrr"],
  ]);
  // A full mask is no mask; a mask without persistence is none either.
  const same = { ...BASE, services: [svc(WEB, "rr", null, "255.255.255.0"), svc(DNS, "wlc"), svc(MARK, "wrr", 300, "255.255.255.255")] };
  assert.equal(reconcile(BASE, same, ALL), []);
});

test("a changed weight or forwarding method is -e; a removed server is -d; a removed service is -D", () => {
  const desired: IpvsTable = {
    services: [svc(WEB, "rr"), svc(MARK, "wrr", 300)],
    destinations: [dest(WEB, "10.0.1.2", 80, "nat", 5), dest(MARK, "10.0.1.4", 0, "tunnel", 3), dest(MARK, "10.0.1.5", 0, "nat", 1)],
  };
  assert.equal(reconcile(BASE, desired, ALL), [
    ["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.2:80", "-m", "-w", "5"],
    ["-e", "-f", "80", "-r", "10.0.1.4:0", "-i", "-w", "3"],
    ["-a", "-f", "80", "-r", "10.0.1.5:0", "-m", "-w", "1"],
    ["-d", "-t", "10.0.0.1:80", "-r", "10.0.1.3:80"],
    ["-D", "-u", "10.0.0.1:53"],
  ]);
});

test("services not owned are never touched, nor added", () => {
  const foreign = "tcp:10.9.9.9:80";
  const current: IpvsTable = { services: [...BASE.services, svc(foreign, "rr")], destinations: [...BASE.destinations, dest(foreign, "10.9.0.1", 80)] };
  const desired: IpvsTable = { services: [svc(foreign, "lc"), svc("tcp:10.9.9.9:443")], destinations: [dest(foreign, "10.9.0.2", 80)] };
  const commands = reconcile(current, desired, new Set([WEB]));
  assert.equal(commands, [["-D", "-t", "10.0.0.1:80"]]);
  assert.not.ok(commands.flat().includes("-C"));
  assert.equal(reconcile(current, current, new Set()), []);
  assert.equal(reconcile(current, { services: [], destinations: [] }, new Set()), []);
});

test("direct-routing and tunnelling servers count at the service's port, as the kernel keeps them", () => {
  const current: IpvsTable = { services: [svc(WEB, "rr")], destinations: [dest(WEB, "10.0.1.2", 80, "direct")] };
  const desired: IpvsTable = { services: [svc(WEB, "rr")], destinations: [dest(WEB, "10.0.1.2", 8080, "direct")] };
  assert.equal(reconcile(current, desired, new Set([WEB])), []);
  // NAT to another port is another destination: added first, the old one deleted after.
  const nat: IpvsTable = { services: [svc(WEB, "rr")], destinations: [dest(WEB, "10.0.1.2", 8080, "nat")] };
  assert.equal(reconcile(current, nat, new Set([WEB])), [
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.2:8080", "-m", "-w", "1"],
    ["-d", "-t", "10.0.0.1:80", "-r", "10.0.1.2:80"],
  ]);
});

test("deletions come sorted, whatever order the kernel lists the table in", () => {
  const current: IpvsTable = {
    services: [svc("tcp:10.0.0.3:80"), svc(WEB), svc("tcp:10.0.0.2:80")],
    destinations: [dest(WEB, "10.0.1.9", 80), dest(WEB, "10.0.1.1", 80), dest(WEB, "10.0.1.5", 80)],
  };
  const desired: IpvsTable = { services: [svc(WEB)], destinations: [dest(WEB, "10.0.1.5", 80)] };
  const owned = new Set(["tcp:10.0.0.3:80", WEB, "tcp:10.0.0.2:80"]);
  const expected = [
    ["-d", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80"],
    ["-d", "-t", "10.0.0.1:80", "-r", "10.0.1.9:80"],
    ["-D", "-t", "10.0.0.2:80"],
    ["-D", "-t", "10.0.0.3:80"],
  ];
  assert.equal(reconcile(current, desired, owned), expected);
  const reversed = { services: [...current.services].reverse(), destinations: [...current.destinations].reverse() };
  assert.equal(reconcile(reversed, desired, owned), expected);
});

test("a destination whose service the desired table lacks is an error", () => {
  assert.throws(() => reconcile({ services: [], destinations: [] }, { services: [], destinations: [dest(WEB, "10.0.1.2", 80)] }, ALL), /destinations of tcp:10.0.0.1:80 but not the service/);
});

test("one weight changed in a table of 10,000 services is one command", () => {
  const services: IpvsService[] = [];
  const destinations: IpvsDestination[] = [];
  for (let i = 0; i < 10_000; i++) {
    const key = `tcp:10.${(i >> 8) & 255}.${i & 255}.1:80`;
    services.push(svc(key, "wlc", i % 3 === 0 ? 300 : null));
    for (let r = 1; r <= 3; r++) destinations.push(dest(key, `10.200.${i & 255}.${r}`, 80, "nat", r));
  }
  const current: IpvsTable = { services, destinations };
  const changed = destinations.map((d, i) => (i === 17_000 ? { ...d, weight: 9 } : d));
  const owned = new Set(services.map((s) => s.key));
  const commands = reconcile(current, { services, destinations: changed }, owned);
  const target = destinations[17_000]!;
  assert.equal(commands, [["-e", "-t", target.service.slice(4), "-r", `${target.address}:80`, "-m", "-w", "9"]]);
});

// ---------------------------------------------------------------------------------------------
// The fake ipvsadm

test("the fake refuses what ipvsadm refuses: exit 2 and ipvsadm's message", () => {
  const state = stateOf(BASE);
  const refused: [string, RegExp][] = [
    ["-n", /Try `ipvsadm -h'/],
    ["-A -E -t 10.0.0.9:80", /multiple commands specified/],
    ["-A -t 10.0.0.9", /illegal virtual server address\[:port\]/],
    ["-A -t 10.0.0.9:99999", /illegal virtual server address/],
    ["-A -t host.example:80", /illegal virtual server address/],
    ["-A -t 10.0.0.9:80 -t 10.0.0.9:81", /multiple 'service-address' options/],
    ["-A -f x", /invalid fwmark value `x'/],
    ["-A -f 0", /invalid fwmark value `0'/],
    ["-A -s rr", /You need to supply the 'service-address' option for the 'add-service' command/],
    ["-A -t 10.0.0.9:0 -s rr", /Zero port specified for non-persistent service/],
    ["-A -t 10.0.0.9:80 -p 0", /invalid timeout value `0'/],
    ["-A -t 10.0.0.9:80 -p 300 -M 255.255.255.256", /illegal virtual server persistent mask/],
    ["-A -t 10.0.0.9:80 -r 10.0.1.2:80", /Illegal 'real-server' option with the 'add-service' command/],
    ["-A -t 10.0.0.9:80 -w 1", /Illegal 'weight' option/],
    ["-A -t 10.0.0.9:80 -m", /Illegal 'forwarding-method' option/],
    ["-D -t 10.0.0.1:80 -s rr", /Illegal 'scheduler' option with the 'delete-service' command/],
    ["-a -t 10.0.0.1:80 -r 10.0.1.9:80 -s rr", /Illegal 'scheduler' option with the 'add-server' command/],
    ["-a -t 10.0.0.1:80 -m -w 1", /You need to supply the 'real-server' option for the 'add-server' command/],
    ["-a -t 10.0.0.1:80 -r 10.0.1.9:80 -m -g", /multiple 'forwarding-method' options/],
    ["-a -t 10.0.0.1:80 -r 10.0.1.9:80 -w 65536", /illegal weight specified/],
    ["-a -t 10.0.0.1:80 -r 10.0.1.9:80 -w -1", /illegal weight specified/],
    ["-a -t 10.0.0.1:80 -r 10.0.1.9:x", /illegal real server address/],
    ["-d -t 10.0.0.1:80 -r 10.0.1.2:80 -w 1", /Illegal 'weight' option with the 'delete-server' command/],
    ["-S -t 10.0.0.1:80", /Illegal 'service-address' option with the 'save' command/],
    ["-C -t 10.0.0.1:80", /Illegal 'service-address' option with the 'flush' command/],
    ["-L --timeout --daemon", /conflicts/],
    ["-A -t 10.0.0.9:80 extra", /unexpected argument extra/],
    ["--set 1 2", /--set option requires 3 timeout values/],
    ["-A -t 10.0.0.9:80 --frobnicate", /invalid option `--frobnicate'/],
    ["-A -t 10.0.0.9:80 -o", /not supported by this fake/],
    ["-R", /not supported by this fake/],
  ];
  for (const [line, message] of refused) {
    const r = runFakeIpvsadm(line.split(" "), state);
    assert.is(r.status, 2, `${line}: ${r.stderr}`);
    assert.match(r.stderr, message, line);
    assert.is(r.state, state, `${line} leaves the table alone`);
  }
});

test("the fake refuses what the kernel refuses: exit 1 and the kernel's message", () => {
  const state = stateOf(BASE);
  const refused: [string, string][] = [
    ["-A -t 10.0.0.1:80 -s rr", "Service already exists"],
    ["-A -t 10.0.0.9:80 -s nosuch", "Scheduler or persistence engine not found"],
    ["-E -t 10.0.0.9:80 -s rr", "No such service"],
    ["-D -f 81", "No such service"],
    ["-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m", "Destination already exists"],
    ["-a -t 10.0.0.9:80 -r 10.0.1.2:80 -m", "Service not defined"],
    ["-e -t 10.0.0.1:80 -r 10.0.1.9:80 -m", "No such destination"],
    ["-d -t 10.0.0.1:80 -r 10.0.1.9:80", "No such destination"],
    ["-d -u 10.0.0.9:53 -r 10.0.1.2:53", "Service not defined"],
  ];
  for (const [line, message] of refused) {
    const r = runFakeIpvsadm(line.split(" "), state);
    assert.equal([r.status, r.stderr], [1, `${message}\n`], line);
  }
});

test("the fake keeps ipvsadm's defaults and the kernel's ports; -S prints -w always and no --tun-type", () => {
  let state = applyAll(emptyState(), [
    ["-A", "-t", "10.0.0.1:80"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.2:8080"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.3:8080", "-i", "-w", "0"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.4:8080", "-m"],
    ["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.5", "-m", "-w", "2"],
    ["-Ap", "-f", "5"],
    ["-a", "-f", "5", "-r", "10.0.1.2:8080", "-g", "-w", "4"],
    ["-A", "-u", "10.0.0.1:53", "-s", "rr", "-p", "60", "-M", "255.255.255.0"],
    ["-A", "-t", "10.0.0.0:0", "-s", "rr", "-p", "10"],
  ]);
  assert.is(
    saveOf(state),
    [
      "-A -t 10.0.0.0:0 -s rr -p 10",
      "-A -t 10.0.0.1:80 -s wlc",
      "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1",
      "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -i -w 0",
      "-a -t 10.0.0.1:80 -r 10.0.1.4:8080 -m -w 1",
      "-a -t 10.0.0.1:80 -r 10.0.1.5:80 -m -w 2",
      "-A -u 10.0.0.1:53 -s rr -p 60 -M 255.255.255.0",
      "-A -f 5 -s wlc -p 360",
      "-a -f 5 -r 10.0.1.2:8080 -g -w 4",
      "",
    ].join("\n"),
  );
  // -e without a method or weight means -g -w 1, as ipvsadm fills them in; -E without -p drops it.
  state = applyAll(state, [
    ["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.3:80"],
    ["-E", "-u", "10.0.0.1:53", "-s", "rr"],
    ["-d", "-t", "10.0.0.1:80", "-r", "10.0.1.5"],
  ]);
  assert.equal(
    tableOf(state).destinations.filter((d) => d.service === "tcp:10.0.0.1:80").map((d) => `${d.address}:${d.port} ${d.method} ${d.weight}`),
    ["10.0.1.2:80 direct 1", "10.0.1.3:80 direct 1", "10.0.1.4:8080 nat 1"],
  );
  // …so a NAT server at another port is not found by an -e that leaves out -m.
  assert.equal(runFakeIpvsadm(["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.4:8080", "-w", "3"], state).stderr, "No such destination\n");
  assert.equal(tableOf(state).services.find((s) => s.key === "udp:10.0.0.1:53"), svc("udp:10.0.0.1:53", "rr"));
  assert.equal(tableOf(applyAll(state, [["-C"]])), { services: [], destinations: [] });
});

test("the fake program: a table file, a log, -L -n with the connection counts set, failures on demand", async () => {
  const fake = newFake();
  fake.seed(BASE);
  fake.setConnections(WEB, "10.0.1.3", 80, 12, 34);
  const backend = ipvsadmBackend(fake.path);
  assert.equal(canonical(await backend.read()), canonical(BASE));
  const counts = await backend.connections();
  assert.equal(counts.find((c) => c.address === "10.0.1.3"), { service: WEB, address: "10.0.1.3", port: 80, active: 12, inactive: 34 });
  assert.is(counts.length, BASE.destinations.length);

  fake.failNext(/^-e .* -r 10\.0\.1\.2:80/, 2);
  const edit = ["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.2:80", "-m", "-w", "7"];
  for (let i = 0; i < 2; i++) {
    const error = await backend.run(edit).then(() => null, (e: unknown) => e);
    assert.instance(error, IpvsadmError);
    assert.is((error as IpvsadmError).exitCode, 1);
    assert.match((error as Error).message, /^ipvsadm -e -t 10\.0\.0\.1:80 -r 10\.0\.1\.2:80 -m -w 7 failed: Resource temporarily unavailable/);
  }
  await backend.run(["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.3:80", "-m", "-w", "2"]);
  await backend.run(edit);
  assert.is(fake.state().destinations.find((d) => d.address === "10.0.1.2" && d.service === WEB)?.weight, 7);
  assert.equal(fake.log(), [["-S", "-n"], ["-L", "-n"], edit, edit, ["-e", "-t", "10.0.0.1:80", "-r", "10.0.1.3:80", "-m", "-w", "2"], edit]);
});

// ---------------------------------------------------------------------------------------------
// Backends and retries

test("against the fake: reconcile, apply, read back the desired table; nothing left to do after", async () => {
  const fake = newFake();
  const foreign: IpvsTable = { services: [svc("tcp:10.9.9.9:80", "rr")], destinations: [dest("tcp:10.9.9.9:80", "10.9.0.1", 80)] };
  const plan = planOf(MIXED_CF);
  fake.seed({ services: [...foreign.services, svc("udp:10.0.0.10:53", "rr")], destinations: [...foreign.destinations, dest("udp:10.0.0.10:53", "10.0.1.3", 53, "tunnel", 9), dest("udp:10.0.0.10:53", "10.0.1.4", 53, "tunnel")] });
  const backend = ipvsadmBackend(fake.path);
  const owned = new Set(plan.services.map((s) => s.key));
  const desired = desiredTable(plan, (key, address) => (address === "10.0.9.9" ? null : 5));
  const commands = reconcile(await backend.read(), desired, owned);
  assert.equal(commands.map((c) => c[0]), ["-E", "-A", "-a", "-e", "-a", "-d"]);
  for (const args of commands) await backend.run(args);
  const after = await backend.read();
  assert.equal(canonical(only(after, (k) => owned.has(k))), canonical(desired));
  assert.equal(canonical(only(after, (k) => !owned.has(k))), canonical(foreign));
  assert.equal(reconcile(after, desired, owned), []);
  assert.not.ok(fake.log().some((args) => args.includes("-C")));
});

test("the fake program: a table of 10,000 services reads back whole; concurrent runs all land", async () => {
  const fake = newFake();
  const services: IpvsService[] = [];
  const destinations: IpvsDestination[] = [];
  for (let i = 0; i < 10_000; i++) {
    const key = `tcp:10.${(i >> 8) & 255}.${i & 255}.1:80`;
    services.push(svc(key, "wlc"));
    for (let r = 1; r <= 3; r++) destinations.push(dest(key, `10.200.${i & 255}.${r}`, 80, "nat", r));
  }
  fake.seed({ services, destinations });
  const backend = ipvsadmBackend(fake.path);
  // More than a megabyte of -S -n, which execFile would cut short by default.
  const read = await backend.read();
  assert.equal([read.services.length, read.destinations.length], [10_000, 30_000]);
  assert.equal(canonical(read), canonical({ services, destinations }));

  fake.seed(BASE);
  const adds = RIPS_FOR_CONCURRENCY.map((rip) => backend.run(["-a", "-t", "10.0.0.1:80", "-r", `${rip}:80`, "-m", "-w", "1"]));
  await Promise.all(adds);
  assert.is(fake.state().destinations.filter((d) => d.service === WEB).length, 2 + RIPS_FOR_CONCURRENCY.length);
});

const RIPS_FOR_CONCURRENCY = ["10.0.2.1", "10.0.2.2", "10.0.2.3", "10.0.2.4", "10.0.2.5", "10.0.2.6"];

test("ipvsadm errors say what ran and why: stderr, a missing program, a program that hangs", async () => {
  const fake = newFake();
  fake.seed(BASE);
  const error = await ipvsadmBackend(fake.path).run(["-A", "-t", "10.0.0.1:80", "-s", "rr"]).then(() => null, (e: unknown) => e);
  assert.instance(error, IpvsadmError);
  assert.is((error as Error).message, "ipvsadm -A -t 10.0.0.1:80 -s rr failed: Service already exists");
  assert.equal([(error as IpvsadmError).exitCode, (error as IpvsadmError).args], [1, ["-A", "-t", "10.0.0.1:80", "-s", "rr"]]);

  const usage = await ipvsadmBackend(fake.path).run(["-a", "-t", "10.0.0.1:80", "-r", "10.0.1.9:80", "-w", "x"]).then(() => null, (e: unknown) => e);
  assert.is((usage as IpvsadmError).exitCode, 2);
  assert.match((usage as Error).message, /failed: illegal weight specified$/);

  const missing = join(WORK, "no-such-ipvsadm");
  await ipvsadmBackend(missing).read().then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, `no-such-ipvsadm -S -n failed: ${missing} not found`),
  );

  const hang = join(WORK, "hanging-ipvsadm");
  writeFileSync(hang, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
  const started = Date.now();
  await ipvsadmBackend(hang, { timeoutMs: 300 }).run(["-C"]).then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, "hanging-ipvsadm -C failed: no answer within 0.3 s"),
  );
  assert.ok(Date.now() - started < 5_000);
});

test("dry run: reads the given table, prints each command shell-quoted, runs nothing", async () => {
  const lines: string[] = [];
  const backend = dryRunBackend(async () => BASE, (line) => lines.push(line));
  const commands = reconcile(await backend.read(), { services: [svc(WEB, "rr")], destinations: [dest(WEB, "10.0.1.2", 80, "nat", 4)] }, ALL);
  for (const args of commands) await backend.run(args);
  await backend.run(["-A", "-t", "10.0.0.1:80", "-s", "it's odd", "$x"]);
  assert.equal(lines, [
    "ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 4",
    "ipvsadm -d -t 10.0.0.1:80 -r 10.0.1.3:80",
    "ipvsadm -D -f 80",
    "ipvsadm -D -u 10.0.0.1:53",
    "ipvsadm -A -t 10.0.0.1:80 -s 'it'\\''s odd' '$x'",
  ]);
  assert.equal(await backend.read(), BASE);
  assert.equal(await backend.connections(), []);
  assert.is(commandLine("ipvsadm", ["-S", "-n", ""]), "ipvsadm -S -n ''");
});

test("retry: waits base, 2·base, 4·base … up to the maximum, then gives up with the last error", async () => {
  assert.equal([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 1_000)), [100, 200, 400, 800, 1_000, 1_000]);
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  let calls = 0;
  const flaky = async () => {
    calls++;
    if (calls < 4) throw new Error(`failure ${calls}`);
    return "done";
  };
  assert.is(await withRetry(flaky, { attempts: 5, baseMs: 100, maxMs: 250, sleep }), "done");
  assert.equal([calls, slept], [4, [100, 200, 250]]);

  calls = 0;
  slept.length = 0;
  const retried: number[] = [];
  const failing = withRetry(flaky, { attempts: 3, baseMs: 10, maxMs: 1_000, sleep, onRetry: (_e, attempt) => retried.push(attempt) });
  await failing.then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, "failure 3"),
  );
  assert.equal([calls, slept, retried], [3, [10, 20], [1, 2]]);

  calls = 0;
  await withRetry(flaky, { attempts: 5, baseMs: 10, maxMs: 1_000, sleep, retryable: () => false }).then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, "failure 1"),
  );
  assert.is(calls, 1);
  await withRetry(flaky, { attempts: 0, baseMs: 1, maxMs: 1, sleep }).then(
    () => assert.unreachable(),
    (e: Error) => assert.instance(e, RangeError),
  );
});

test("retry with the fake: an ipvsadm that fails twice succeeds on the third try", async () => {
  const fake = newFake();
  fake.seed(BASE);
  fake.failNext("^-E ", 2);
  const backend = ipvsadmBackend(fake.path);
  const slept: number[] = [];
  await withRetry(() => backend.run(["-E", "-t", "10.0.0.1:80", "-s", "wlc"]), { attempts: 3, baseMs: 50, maxMs: 1_000, sleep: async (ms) => void slept.push(ms) });
  assert.equal(slept, [50, 100]);
  assert.is(fake.state().services.find((s) => s.key === WEB)?.scheduler, "wlc");
  assert.is(fake.log().length, 3);
});

// ---------------------------------------------------------------------------------------------
// The property

const VIPS = ["10.0.0.1", "10.0.0.2"];
const RIPS = ["10.0.1.1", "10.0.1.2", "10.0.1.3"];
const KEYS = [...VIPS.flatMap((v) => [`tcp:${v}:80`, `tcp:${v}:443`, `udp:${v}:53`]), "tcp:10.0.0.3:0", "fwmark:1", "fwmark:2"];
const METHODS: ForwardingMethod[] = ["nat", "direct", "tunnel"];

const serviceArb = (key: string): fc.Arbitrary<IpvsService> =>
  fc.record({
    key: fc.constant(key),
    scheduler: fc.constantFrom("rr", "wrr", "wlc", "sh"),
    // A port-0 service must be persistent.
    persistence: key.endsWith(":0") ? fc.constantFrom(60, 300) : fc.constantFrom(null, 60, 300),
    pmask: fc.constantFrom(null, "255.255.255.0"),
  }).map((s) => (s.persistence === null ? { ...s, pmask: null } : s));

const destinationsArb = (key: string): fc.Arbitrary<IpvsDestination[]> =>
  fc
    .uniqueArray(fc.record({ address: fc.constantFrom(...RIPS), port: fc.constantFrom(0, 80, 8080), method: fc.constantFrom(...METHODS), weight: fc.constantFrom(0, 1, 2, 100) }), {
      maxLength: 4,
      selector: (d) => `${d.address}:${d.port}`,
    })
    .map((ds) => {
      const fwmark = key.startsWith("fwmark");
      const servicePort = Number(key.slice(key.lastIndexOf(":") + 1));
      const seen = new Set<string>();
      const out: IpvsDestination[] = [];
      for (const d of ds) {
        const port = fwmark || d.method === "nat" ? d.port : servicePort;
        if (seen.has(`${d.address}:${port}`)) continue;
        seen.add(`${d.address}:${port}`);
        out.push({ service: key, ...d, port });
      }
      return out;
    });

const tableArb: fc.Arbitrary<IpvsTable> = fc.subarray(KEYS).chain((keys) =>
  fc.tuple(fc.tuple(...keys.map(serviceArb)), fc.tuple(...keys.map(destinationsArb))).map(([services, destinations]) => ({ services, destinations: destinations.flat() })),
);

test("property: the commands turn any table into the desired one for owned services and leave the rest", () => {
  fc.assert(
    fc.property(tableArb, tableArb, fc.subarray(KEYS), (current, desired, ownedKeys) => {
      const owned = new Set(ownedKeys);
      const start = stateOf(current);
      const read = parseSaved(saveOf(start));
      const commands = reconcile(read, desired, owned);
      const after = tableOf(applyAll(start, commands));
      assert.equal(canonical(only(after, (k) => owned.has(k))), canonical(only(desired, (k) => owned.has(k))));
      assert.equal(canonical(only(after, (k) => !owned.has(k))), canonical(only(current, (k) => !owned.has(k))));
      assert.equal(reconcile(parseSaved(saveOf(stateOf(after))), desired, owned), []);
      assert.not.ok(commands.some((c) => c[0] === "-C"));
    }),
    { numRuns: 400 },
  );
});

test.run();
