/**
 * The generated scripts run for real, each in a network namespace of its own (root needed;
 * test/helpers/netns.ts). The kernel here has neither IPVS nor ipip: ipvsadm is a recorder
 * (the IPVS table itself is tested in a VM, test/vm), and modprobe ipip is emulated.
 *
 * Real servers, every example: the bundle's one kit (realserver/lvs-realserver and its data
 * file) runs in a namespace per real server with that server's address. plan must change
 * nothing and name only that server; start must put exactly its VIPs on lo as /32 (not with the
 * iptables ARP method), keep ARP quiet by the bundle's method, load the REDIRECT rules, or make
 * the NAT router the default gateway; a second start changes nothing; status exits 0; stop
 * leaves addresses, routes, rules and the sysctls as they were before start; status then exits 3.
 * Covered: both targets with arptables, iptables and sysctl (rhel5 with ifconfig and route
 * from net-tools; its arptables rules use arptables_jf's IN and OUT chains, which the rig makes
 * as user chains jumped to from INPUT and OUTPUT, so that they act on real ARP). Each case runs
 * under dash and under `busybox sh`, which runs its own ip, ifconfig, route, sysctl, awk and
 * grep applets in place of the installed tools. Tunnelling (a direct-routing example with
 * `network = tunnel`, VIPs on tunl0) runs under dash, both targets. Three servers of two VIPs
 * run the kit side by side; --address, a host the data file does not name, data lines that
 * fail validation, and ARP settings that fail are each covered.
 *
 * Directors, every example and both targets, under dash: start, start again, status,
 * vip-up, vip-up again, stop, status; on rhel5, beside pulse, without touching the IPVS table. Also director/iptables.rules loaded on its own.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bundleOf, checkForCompile, hasErrors } from "../../../compiler/emit/compile.ts";
import type { DrArpMethod, FloatingAddress, RuntimePlan, Target } from "../../../runtime/manifest.ts";
import { createNamespace, destroyNamespace, liveNamespaces, restoreFileRules, withNamespace, type Netns, type NetState, type Result } from "../../helpers/netns.ts";
import { exampleFiles, readExample } from "../../helpers/paths.ts";

const SHELLS = { dash: ["dash"], busybox: ["busybox", "sh"] } as const;
type Shell = keyof typeof SHELLS;

/** Read before and after every step, besides the ones the bundle's sysctl.conf names. */
const WATCHED_SYSCTLS = [
  "net.ipv4.ip_forward",
  "net.ipv4.conf.all.arp_ignore",
  "net.ipv4.conf.all.arp_announce",
  "net.ipv4.conf.all.rp_filter",
  "net.ipv4.conf.lo.arp_ignore",
  "net.ipv4.conf.lo.arp_announce",
  "net.ipv4.conf.eth0.arp_ignore",
  "net.ipv4.conf.eth0.arp_announce",
];

interface Written {
  readonly dir: string;
  readonly plan: RuntimePlan;
  read(path: string): string | null;
}

/** The bundle of an example, written to a temporary folder that `body` may use. */
function withBundle<T>(example: string, target: Target, drArp: DrArpMethod, body: (b: Written) => T, text = readExample(example)): T {
  const checked = checkForCompile(text);
  assert.not.ok(hasErrors(checked), `${example} compiles`);
  const bundle = bundleOf(text, checked, { target, drArp, ftpPassive: { min: 10000, max: 20000 } });
  const dir = mkdtempSync(join(tmpdir(), "lvst-bundle-"));
  try {
    for (const f of bundle.files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
      chmodSync(path, parseInt(f.mode, 8));
    }
    const read = (path: string) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), "utf8") : null);
    return body({ dir, plan: bundle.plan, read });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `key = value` lines of a sysctl.conf. */
function sysctlConf(text: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (text ?? "").matchAll(/^([\w.]+) = (\S+)$/gm)) out[m[1]!] = m[2]!;
  return out;
}

function report(what: string, r: Result): string {
  return `${what}: exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

/** Addresses as NetState lists them: `DEV inet CIDR …`. */
function cidrsOn(state: NetState, dev: string): string[] {
  return state.addresses.filter((l) => l.startsWith(`${dev} inet `)).map((l) => l.split(" ")[2]!);
}

function hasAddress(state: NetState, a: FloatingAddress): boolean {
  const label = a.device.includes(":") ? ` ${a.device}` : "";
  return state.addresses.some((l) => l.startsWith(`${a.baseDevice} inet ${a.address}/${a.prefix ?? 32} `) && (label === "" || l.endsWith(label)));
}

function allAddresses(state: NetState): string[] {
  return state.addresses.map((l) => l.split(" ")[2]!.split("/")[0]!);
}

/** The VIPs a real server answers for, from the plan. */
function vipsOf(plan: RuntimePlan, server: string): string[] {
  const vips = plan.services.filter((s) => s.servers.some((rs) => rs.address === server)).flatMap((s) => s.members.map((m) => m.address));
  return [...new Set(vips)];
}

/** Whether an arptables line (`filter -A CHAIN …`) holds every one of `words`, in any order. */
function arpRule(state: NetState, chain: string, words: string[]): boolean {
  return state.arptables.some((l) => {
    const parts = l.split(" ");
    if (parts[1] !== "-A" || parts[2] !== chain) return false;
    const rest = parts.slice(3).join(" ");
    return words.every((w) => ` ${rest} `.includes(` ${w} `));
  });
}

// ---------------------------------------------------------------- real servers

interface ServerCase {
  readonly example: string;
  readonly target: Target;
  readonly drArp: DrArpMethod;
  /** Run the example's direct-routing setup with `network = tunnel` instead. */
  readonly tunnel?: boolean;
}

const caseName = (c: ServerCase) => (c.tunnel ? `${c.example} as tunnel ${c.target}` : `${c.example} ${c.target}-${c.drArp}`);
const caseText = (c: ServerCase) => (c.tunnel ? readExample(c.example).replace(/^network = direct$/m, "network = tunnel") : readExample(c.example));

function serverCases(): ServerCase[] {
  const cases: ServerCase[] = [];
  for (const example of exampleFiles()) {
    const method = withBundle(example, "modern", "sysctl", (b) => b.plan.method);
    if (method === "nat") {
      // NAT real servers do not depend on the ARP method.
      for (const target of ["modern", "rhel5"] as const) cases.push({ example, target, drArp: "sysctl" });
      continue;
    }
    for (const drArp of ["arptables", "iptables", "sysctl"] as const) cases.push({ example, target: "modern", drArp });
    // rhel5's arptables_jf has IN and OUT chains: the rig makes them (see serverRig).
    for (const drArp of ["arptables", "iptables", "sysctl"] as const) cases.push({ example, target: "rhel5", drArp });
  }
  // Tunnelling, with the first direct-routing example (its real servers ignore the ARP method).
  const direct = exampleFiles().find((e) => /^network = direct$/m.test(readExample(e)));
  assert.ok(direct, "an example uses direct routing");
  for (const target of ["modern", "rhel5"] as const) cases.push({ example: direct!, target, drArp: "sysctl", tunnel: true });
  return cases;
}

const KIT = join("realserver", "lvs-realserver");

/** The kernel settings a real server needs, by how it keeps ARP quiet. */
function wantedSysctls(method: string, drArp: DrArpMethod): Record<string, string> {
  const arp = { "net.ipv4.conf.all.arp_ignore": "1", "net.ipv4.conf.all.arp_announce": "2" };
  if (method === "tunnel") return { ...arp, "net.ipv4.conf.all.rp_filter": "0", "net.ipv4.conf.tunl0.rp_filter": "0" };
  return method === "direct" && drArp === "sysctl" ? arp : {};
}

/** The REDIRECT rules, as NetState lists them, that the iptables method loads for `server`. */
function wantedRedirects(plan: RuntimePlan, server: string): string[] {
  const rules = new Set<string>();
  for (const s of plan.services.filter((x) => x.servers.some((rs) => rs.address === server))) {
    for (const m of s.members) {
      rules.add(`nat -A LVS-REDIRECT -d ${m.address}/32 -p ${m.protocol} -m ${m.protocol} --dport ${m.port} -j REDIRECT`);
      if (m.protocol === "tcp" && m.port === 21) rules.add(`nat -A LVS-REDIRECT -d ${m.address}/32 -p tcp -m tcp --dport 10000:20000 -j REDIRECT`);
    }
  }
  return [...rules];
}

/** What start must have set up on real server `server`, and nothing that belongs to another one. */
function checkServerUp(c: ServerCase, b: Written, server: string, state: NetState, label: string): void {
  const plan = b.plan;
  const vips = vipsOf(plan, server);
  assert.ok(vips.length > 0, `${label}: the plan lists VIPs for ${server}`);
  const direct = plan.method === "direct";
  const vipDevice = plan.method === "tunnel" ? "tunl0" : "lo";
  if (plan.method === "tunnel" || (direct && c.drArp !== "iptables")) {
    const held = cidrsOn(state, vipDevice).filter((cidr) => !cidr.startsWith("127."));
    assert.equal(held.sort(), vips.map((v) => `${v}/32`).sort(), `${label}: exactly the VIPs of ${server} on ${vipDevice}; addresses:\n${state.addresses.join("\n")}`);
  } else {
    for (const vip of vips) assert.not.ok(allAddresses(state).includes(vip), `${label}: ${vip} is on no interface; addresses:\n${state.addresses.join("\n")}`);
  }
  const arpRules = state.arptables.filter((l) => !RHEL5_CHAINS_RIG.includes(l));
  if (direct && c.drArp === "arptables") {
    const [input, output] = c.target === "rhel5" ? ["IN", "OUT"] : ["INPUT", "OUTPUT"];
    for (const vip of vips) {
      assert.ok(arpRule(state, input, [`-d ${vip}`, "-j DROP"]), `${label}: arptables drops requests for ${vip}:\n${state.arptables.join("\n")}`);
      assert.ok(
        arpRule(state, output, [`-s ${vip}`, "-j mangle", `--mangle-ip-s ${server}`]),
        `${label}: arptables rewrites ${vip} as sender to ${server}:\n${state.arptables.join("\n")}`,
      );
    }
    assert.is(arpRules.length, 2 * vips.length, `${label}: two arptables rules per VIP of ${server}, no more:\n${arpRules.join("\n")}`);
  } else assert.equal(arpRules, [], `${label}: no arptables rule`);
  for (const [key, value] of Object.entries(wantedSysctls(plan.method, c.drArp))) assert.is(state.sysctls[key], value, `${label}: ${key}`);
  if (direct && c.drArp === "iptables") {
    const want = wantedRedirects(plan, server);
    const loaded = state.iptables.filter((r) => r.startsWith("nat -A LVS-REDIRECT "));
    assert.equal(loaded.sort(), want.sort(), `${label}: the REDIRECT rules of ${server}:\n${state.iptables.join("\n")}`);
    assert.ok(state.iptables.includes("nat -A PREROUTING -j LVS-REDIRECT"), `${label}: PREROUTING jumps to LVS-REDIRECT:\n${state.iptables.join("\n")}`);
  } else assert.equal(state.iptables, [], `${label}: no iptables rule`);
  const defaults = state.routes.filter((r) => r.startsWith("default "));
  if (plan.method === "nat") {
    assert.equal(defaults, [`default via ${plan.natRouter!.address} dev eth0`], `${label}: default route via the NAT router`);
  }
}

/**
 * modprobe as far as the tunnel scripts need it: loading ipip creates tunl0 in every network
 * namespace, down. (The kernel here has no ipip; a veth pair stands in for it, its peer up so
 * that tunl0 has a carrier once it is up.)
 */
const MODPROBE = ["#!/bin/sh", '[ "$1" = ipip ] || exit 0', "ip link show tunl0 >/dev/null 2>&1 || { ip link add tunl0 type veth peer name tunl0p && ip link set tunl0p up; }", ""].join(
  "\n",
);

/**
 * arptables_jf (RHEL 5) names its chains IN and OUT; Debian's arptables has INPUT and OUTPUT. The
 * rig makes IN and OUT as user chains jumped to from those, so that the rhel5 rules act on real
 * ARP traffic; the lines arptables-save then shows for them.
 */
const RHEL5_CHAINS_RIG = ["filter :IN -", "filter :OUT -", "filter -A INPUT -j IN", "filter -A OUTPUT -j OUT"];

/** A real server's namespace: its address on eth0, settings that are not the kernel's defaults. */
function serverRig(ns: Netns, c: Pick<ServerCase, "target" | "drArp">, plan: RuntimePlan, server: string, index: number): void {
  ns.addLink("eth0", [`${server}/24`]);
  // A previous default route (restored by stop) for every other server, none for the rest.
  if (plan.method === "nat" && index % 2 === 0) ns.ip("route", "add", "default", "via", server.replace(/\.\d+$/, ".254"));
  // Not the kernel's defaults, so that stop has to restore them rather than reset them;
  // rp_filter as distributions set it, inherited by tunl0 when it appears.
  ns.sysctl("net.ipv4.conf.all.arp_announce", "1");
  ns.sysctl("net.ipv4.conf.default.rp_filter", "1");
  if (c.target === "rhel5" && c.drArp === "arptables") {
    for (const [chain, from] of [["IN", "INPUT"], ["OUT", "OUTPUT"]] as const) {
      ns.must(["arptables", "-N", chain]);
      ns.must(["arptables", "-A", from, "-j", chain]);
    }
  }
}

/** A folder of stand-in tools (modprobe) and one for LVS_STATE_DIR, removed after `body`. */
function withServerDirs<T>(body: (tools: string, env: Record<string, string>) => T): T {
  const stateDir = mkdtempSync(join(tmpdir(), "lvst-state-"));
  const tools = join(stateDir, "tools");
  mkdirSync(tools);
  writeFileSync(join(tools, "modprobe"), MODPROBE, { mode: 0o755 });
  try {
    return body(tools, { LVS_STATE_DIR: join(stateDir, "state") });
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function runServer(c: ServerCase, shell: Shell, b: Written, server: string, index: number, others: readonly string[]): void {
  const label = `${caseName(c)} ${server} (${shell})`;
  withServerDirs((tools, env) =>
    withNamespace(`rs${index}`, (ns) => {
      serverRig(ns, c, b.plan, server, index);
      const keys = [...new Set([...WATCHED_SYSCTLS, ...Object.keys(wantedSysctls(b.plan.method, c.drArp))])];
      const act = (action: string) => ns.execWithTools(tools, [...SHELLS[shell], join(b.dir, KIT), action], { env });

      const before = ns.state(keys);
      let r = act("plan");
      assert.is(r.status, 0, report(`${label} plan`, r));
      assert.equal(ns.state(keys), before, `${label}: plan changes nothing`);
      assert.match(r.stdout, `real server ${server} `, report(`${label} plan names the server`, r));
      for (const vip of vipsOf(b.plan, server)) assert.match(r.stdout, vip, report(`${label} plan names ${vip}`, r));
      for (const other of others) assert.not.match(r.stdout, `real server ${other} `, report(`${label} plan is about ${server} only`, r));

      r = act("start");
      assert.is(r.status, 0, report(`${label} start`, r));
      const up = ns.state(keys);
      checkServerUp(c, b, server, up, label);

      r = act("start");
      assert.is(r.status, 0, report(`${label} second start`, r));
      assert.equal(ns.state(keys), up, `${label}: a second start changes nothing`);

      // Checked last, so that a failing status still lets stop be checked.
      const statusStarted = act("status");

      r = act("stop");
      assert.is(r.status, 0, report(`${label} stop`, r));
      // A device that loading a module created stays, with its settings.
      const after = ns.state(keys.filter((k) => k in before.sysctls));
      assert.equal(after, before, `${label}: stop leaves the namespace as it was before start`);

      r = act("status");
      assert.is(r.status, 3, report(`${label} status after stop`, r));
      assert.is(statusStarted.status, 0, report(`${label} status after start`, statusStarted));
    }),
  );
}

const serversOf = (plan: RuntimePlan): string[] => [...new Set(plan.services.flatMap((s) => s.servers.map((rs) => rs.address)))];

for (const c of serverCases()) {
  // busybox sh runs its own modprobe applet, which the emulation cannot replace.
  const shells: Shell[] = c.tunnel ? ["dash"] : ["dash", "busybox"];
  for (const shell of shells) {
    test(`real servers of ${caseName(c)} (${shell}): one kit, each server its own lines`, () => {
      withBundle(
        c.example,
        c.target,
        c.drArp,
        (b) => {
          const servers = serversOf(b.plan);
          assert.ok(servers.length > 1, "the example has several real servers");
          servers.forEach((server, i) => runServer(c, shell, b, server, i, servers.filter((s) => s !== server)));
        },
        caseText(c),
      );
    });
  }
}

/** Two virtual servers on two VIPs; .12 serves both, .11 and .13 one each. */
const TWO_VIPS = `serial_no = 1
primary = 192.168.70.2
service = lvs
backup_active = 0
network = direct
virtual www {
     active = 1
     address = 192.168.70.200 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     protocol = tcp
     scheduler = wlc
     server a {
         address = 192.168.70.11
         active = 1
         weight = 1
     }
     server b {
         address = 192.168.70.12
         active = 1
         weight = 1
     }
}
virtual tls {
     active = 1
     address = 192.168.70.201 eth0:2
     vip_nmask = 255.255.255.0
     port = 443
     protocol = tcp
     scheduler = wlc
     server b {
         address = 192.168.70.12
         active = 1
         weight = 1
     }
     server c {
         address = 192.168.70.13
         active = 1
         weight = 1
     }
}
`;

for (const [target, drArp] of [["modern", "arptables"], ["rhel5", "arptables"], ["modern", "sysctl"], ["rhel5", "iptables"]] as const) {
  test(`one kit on three real servers of two VIPs (${target}, ${drArp}): each takes only its own VIPs, all at once`, () => {
    withBundle(
      "two-vips",
      target,
      drArp,
      (b) => {
        const c = { example: "two-vips", target, drArp };
        withServerDirs((tools, env) => {
          const servers = serversOf(b.plan);
          assert.equal(servers, ["192.168.70.11", "192.168.70.12", "192.168.70.13"]);
          const namespaces = servers.map((server, i) => {
            const ns = createNamespace(`two${i}`);
            serverRig(ns, c, b.plan, server, i);
            return ns;
          });
          try {
            namespaces.forEach((ns, i) => {
              const r = ns.execWithTools(tools, ["dash", join(b.dir, KIT), "start"], { env: { LVS_STATE_DIR: `${env["LVS_STATE_DIR"]}/${i}` } });
              assert.is(r.status, 0, report(`start on ${servers[i]}`, r));
            });
            namespaces.forEach((ns, i) => checkServerUp(c, b, servers[i]!, ns.state(WATCHED_SYSCTLS), `${servers[i]} beside the others`));
          } finally {
            namespaces.forEach(destroyNamespace);
          }
        });
      },
      TWO_VIPS,
    );
  });
}

test("--address applies the lines of an address the host does not hold; a host with none of them is told so", () => {
  withBundle("two-vips", "modern", "sysctl", (b) =>
    withServerDirs((tools, env) =>
      withNamespace("addr", (ns) => {
        ns.addLink("eth0", ["192.168.70.99/24"]);
        const act = (...args: string[]) => ns.execWithTools(tools, ["dash", join(b.dir, KIT), ...args], { env });
        const before = ns.state(WATCHED_SYSCTLS);
        let r = act("start");
        assert.is(r.status, 1, report("start with no line for this host", r));
        assert.match(r.stdout + r.stderr, /no line of .*lvs-realserver\.conf is for this host's addresses \(.*192\.168\.70\.99.*\)/);
        assert.equal(ns.state(WATCHED_SYSCTLS), before, "nothing changed");
        r = act("--address", "192.168.70.13", "start");
        assert.is(r.status, 0, report("start --address", r));
        assert.equal(cidrsOn(ns.state(WATCHED_SYSCTLS), "lo").filter((x) => !x.startsWith("127.")), ["192.168.70.201/32"]);
        r = act("stop");
        assert.is(r.status, 0, report("stop", r));
        assert.equal(ns.state(WATCHED_SYSCTLS), before, "stop undoes what start --address did");
        r = act("--address", "192.168.70.300", "plan");
        assert.is(r.status, 2, report("--address with a bad address", r));
      }),
    ),
    TWO_VIPS,
  );
});

/** Data lines that must stop the kit before it changes anything, and what it says. */
const BAD_DATA: readonly (readonly [string, RegExp])[] = [
  ["192.168.70.11 direct 192.168.70.200 tcp 80 sysctl", /7 fields expected/],
  ["192.168.70.11 direct 192.168.70.256 tcp 80 sysctl -", /the VIP must be an IPv4 address, not 192\.168\.70\.256/],
  ["192.168.70.11 direct $(touch${IFS}/tmp/lvst-canary) tcp 80 sysctl -", /the VIP must be an IPv4 address/],
  ["192.168.70.11 routed 192.168.70.200 tcp 80 sysctl -", /the method must be nat, direct or tunnel/],
  ["192.168.70.11 direct 192.168.70.200 sctp 80 sysctl -", /the protocol must be tcp or udp/],
  ["192.168.70.11 direct 192.168.70.200 tcp 80;reboot sysctl -", /the ports must be a port or FIRST:LAST/],
  ["192.168.70.11 direct 192.168.70.200 tcp 70000 sysctl -", /the ports must be/],
  ["192.168.70.11 direct 192.168.70.200 tcp 80 noarp -", /direct routing takes arp arptables, iptables or sysctl/],
  ["192.168.70.11 direct 192.168.70.200 tcp 80 sysctl 10.0.0.1", /only NAT takes a gateway/],
  ["192.168.70.11 direct 192.168.70.200 tcp 80 sysctl -\n192.168.70.11 direct 192.168.70.201 tcp 443 arptables -", /the lines of this host disagree/],
];

for (const [line, message] of BAD_DATA) {
  test(`a data file holding '${line.split("\n").pop()}' stops start, which changes nothing`, () => {
    const dir = mkdtempSync(join(tmpdir(), "lvst-data-"));
    try {
      withBundle("two-vips", "modern", "sysctl", (b) =>
        withServerDirs((tools, env) =>
          withNamespace("data", (ns) => {
            ns.addLink("eth0", ["192.168.70.11/24"]);
            const data = join(dir, "lvs-realserver.conf");
            writeFileSync(data, `# a hand-edited data file\n${line}\n`);
            const before = ns.state(WATCHED_SYSCTLS);
            const r = ns.execWithTools(tools, ["dash", join(b.dir, KIT), "--data", data, "start"], { env });
            assert.is(r.status, 1, report("start", r));
            assert.match(r.stdout + r.stderr, /lvs-realserver\.conf line \d+: /);
            assert.match(r.stdout + r.stderr, message);
            assert.equal(ns.state(WATCHED_SYSCTLS), before, "nothing changed");
            assert.not.ok(existsSync("/tmp/lvst-canary"), "a value ran as shell code");
          }),
        ),
        TWO_VIPS,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * Tools that fail when asked to change anything; they stand in for the real ones, which they
 * cover. arptables holds no rule; sysctl reads values from /proc/sys.
 */
const FAILING: Record<"arptables" | "sysctl", string> = {
  arptables: ["#!/bin/sh", 'echo "arptables: cannot change rules" >&2', "exit 1", ""].join("\n"),
  sysctl: [
    "#!/bin/sh",
    'case "$*" in *-w*) echo "sysctl: permission denied" >&2; exit 1 ;; esac',
    '[ "$1" = -n ] && exec cat "/proc/sys/$(printf %s "$2" | tr . /)"',
    "exit 1",
    "",
  ].join("\n"),
};

for (const [target, drArp] of [["modern", "arptables"], ["rhel5", "arptables"], ["modern", "sysctl"], ["rhel5", "sysctl"]] as const) {
  test(`a real server whose ARP settings fail (${target}, ${drArp}) brings no VIP up, undoes its work and exits 1`, () => {
    const direct = exampleFiles().find((e) => withBundle(e, target, drArp, (b) => b.plan.method === "direct"))!;
    withBundle(direct, target, drArp, (b) => {
      const server = b.plan.services[0]!.servers[0]!.address;
      withServerDirs((tools, env) => {
        const tool = drArp === "arptables" ? "arptables" : "sysctl";
        writeFileSync(join(tools, tool), FAILING[tool], { mode: 0o755 });
        withNamespace("rsfail", (ns) => {
          serverRig(ns, { target, drArp: "sysctl" }, b.plan, server, 1);
          const keys = [...WATCHED_SYSCTLS];
          const before = ns.state(keys);
          const r = ns.execWithTools(tools, ["dash", join(b.dir, KIT), "start"], { env });
          assert.is(r.status, 1, report("start", r));
          assert.match(r.stdout + r.stderr, /no VIP is brought up/);
          assert.equal(cidrsOn(ns.state(keys), "lo").filter((x) => x !== "127.0.0.1/8"), [], "no VIP on lo");
          assert.equal(ns.state(keys), before, "the namespace is as it was");
          const s = ns.execWithTools(tools, ["dash", join(b.dir, KIT), "status"], { env });
          assert.is(s.status, 3, report("status after the failed start", s));
        });
      });
    });
  });
}

// ---------------------------------------------------------------- directors

/** Replaced by recorders: there is no IPVS here, and modules are the host's, not the namespace's. */
const RECORDED = ["ipvsadm", "modprobe"];

/**
 * A folder with a recorder for each RECORDED tool: it appends its name, argc and arguments,
 * NUL-separated, to `log` and succeeds.
 */
function recorders(dir: string, log: string): void {
  for (const tool of RECORDED) {
    const path = join(dir, tool);
    writeFileSync(path, `#!/bin/sh\nprintf '%s\\0' ${tool} "$#" "$@" >>'${log}'\nexit 0\n`);
    chmodSync(path, 0o755);
  }
}

/** The calls in a recorder log: tool and arguments. */
function recorded(log: string): { tool: string; args: string[] }[] {
  if (!existsSync(log)) return [];
  const fields = readFileSync(log, "utf8").split("\0");
  const calls: { tool: string; args: string[] }[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const argc = Number(fields[i + 1]);
    calls.push({ tool: fields[i]!, args: fields.slice(i + 2, i + 2 + argc) });
    i += 2 + argc;
  }
  return calls;
}

/** The chain each table's rules hang from. */
const HOOKS: Record<string, string> = { mangle: "PREROUTING", nat: "POSTROUTING" };

for (const example of exampleFiles()) {
  for (const target of ["modern", "rhel5"] as const) {
    test(`director of ${example} ${target} (dash, ipvsadm recorded)`, () => {
      withBundle(example, target, "sysctl", (b) => {
        const label = `${example} ${target} director`;
        const plan = b.plan;
        const work = mkdtempSync(join(tmpdir(), "lvst-director-"));
        try {
          const recorderDir = join(work, "bin");
          const log = join(work, "calls");
          mkdirSync(recorderDir);
          recorders(recorderDir, log);
          const env = { LVS_STATE_DIR: join(work, "state") };
          withNamespace("dir", (ns) => {
            const floating = [...plan.vips, ...(plan.natRouter ? [plan.natRouter] : [])];
            const devices = [...new Set(["eth0", ...floating.map((a) => a.baseDevice)])];
            for (const dev of devices) {
              const own = dev === "eth0" ? plan.failover.primary.address : dev === plan.natRouter?.baseDevice ? plan.failover.primary.privateAddress : null;
              ns.addLink(dev, own ? [`${own}/24`] : []);
            }
            const conf = sysctlConf(b.read("director/sysctl.conf"));
            const keys = [...WATCHED_SYSCTLS, ...Object.keys(conf)];
            const script = join(b.dir, "director", "lvs-director");
            const act = (action: string) => ns.execWithTools(recorderDir, [...SHELLS.dash, script, action], { env });
            const rulesFile = b.read("director/iptables.rules");
            const fileRules = rulesFile === null ? [] : restoreFileRules(rulesFile);
            const tables = [...new Set(fileRules.map((r) => r.split(" ")[0]!))];
            // rhel5 runs beside pulse: the table and the VIPs are pulse's, never the script's.
            const table = target === "modern";
            const standalone = table && plan.failover.backup === null;

            const before = ns.state(keys);
            let r = act("start");
            assert.is(r.status, 0, report(`${label} start`, r));
            const started = ns.state(keys);
            for (const [key, value] of Object.entries(conf)) assert.is(started.sysctls[key], value, `${label}: ${key} after start`);
            for (const rule of fileRules) assert.ok(started.iptables.includes(rule), `${label}: '${rule}' loaded:\n${started.iptables.join("\n")}`);
            for (const table of tables) {
              const chain = fileRules.find((x) => x.startsWith(`${table} `))!.split(" ")[2]!;
              const hook = `${table} -A ${HOOKS[table]} -j ${chain}`;
              assert.ok(started.iptables.includes(hook), `${label}: '${hook}' after start:\n${started.iptables.join("\n")}`);
            }
            if (rulesFile === null) assert.equal(started.iptables, [], `${label}: no iptables rule without iptables.rules`);
            for (const a of floating) {
              assert.is(
                hasAddress(started, a),
                standalone,
                `${label}: ${a.address} ${standalone ? "up after start (no backup director)" : "not up before vip-up"}:\n${started.addresses.join("\n")}`,
              );
            }
            const calls = recorded(log).filter((c) => c.tool === "ipvsadm");
            if (!table) assert.equal(calls, [], `${label}: beside pulse, start leaves the IPVS table alone`);
            for (const s of table ? plan.services : []) {
              assert.ok(
                calls.some((c) => c.args[0] === "-A" && c.args[1] === s.ipvsadmService[0] && c.args[2] === s.ipvsadmService[1]),
                `${label}: ipvsadm -A ${s.ipvsadmService.join(" ")}`,
              );
              for (const rs of s.servers.filter((x) => x.active)) {
                assert.ok(
                  calls.some((c) => c.args[0] === "-a" && c.args[2] === s.ipvsadmService[1] && c.args[4]?.startsWith(`${rs.address}:`)),
                  `${label}: ipvsadm -a for ${rs.address} in ${s.key}`,
                );
              }
            }

            r = act("start");
            assert.is(r.status, 0, report(`${label} second start`, r));
            assert.equal(ns.state(keys), started, `${label}: a second start changes nothing`);
            r = act("status");
            assert.is(r.status, 0, report(`${label} status`, r));

            r = act("vip-up");
            assert.is(r.status, 0, report(`${label} vip-up`, r));
            const active = ns.state(keys);
            for (const a of floating)
              assert.ok(hasAddress(active, a), `${label}: ${a.address}/${a.prefix} on ${a.device} after vip-up:\n${active.addresses.join("\n")}`);
            r = act("vip-up");
            assert.is(r.status, 0, report(`${label} second vip-up`, r));
            assert.equal(ns.state(keys), active, `${label}: a second vip-up changes nothing`);

            r = act("stop");
            assert.is(r.status, 0, report(`${label} stop`, r));
            assert.equal(ns.state(keys), before, `${label}: stop leaves the namespace as it was before start`);
            const removed = recorded(log).filter((c) => c.tool === "ipvsadm" && c.args[0] === "-D");
            if (!table) assert.equal(recorded(log).filter((c) => c.tool === "ipvsadm"), [], `${label}: beside pulse, ipvsadm is never called`);
            for (const s of table ? plan.services : [])
              assert.ok(
                removed.some((c) => c.args[1] === s.ipvsadmService[0] && c.args[2] === s.ipvsadmService[1]),
                `${label}: ipvsadm -D ${s.ipvsadmService.join(" ")} on stop`,
              );
            r = act("status");
            assert.is(r.status, 3, report(`${label} status after stop`, r));
          });
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      });
    });
  }
}

test("director/iptables.rules loads with iptables-restore --noflush, and loading it again adds nothing", () => {
  const withRules = exampleFiles().filter((e) => withBundle(e, "modern", "sysctl", (b) => b.read("director/iptables.rules") !== null));
  assert.ok(withRules.length > 0, "an example has director/iptables.rules");
  for (const example of withRules) {
    withBundle(example, "modern", "sysctl", (b) => {
      const text = b.read("director/iptables.rules")!;
      const want = restoreFileRules(text);
      withNamespace("rules", (ns) => {
        const load = () => ns.exec(["iptables-restore", "--noflush"], { input: text });
        let r = load();
        assert.is(r.status, 0, report(`${example}: iptables-restore`, r));
        const once = ns.state([]).iptables;
        for (const rule of want) assert.is(once.filter((l) => l === rule).length, 1, `${example}: '${rule}' once:\n${once.join("\n")}`);
        // --noflush keeps what is in the built-in chains (the director script's hooks), but a
        // chain the file declares (`:NAME - [0:0]`) is emptied before its rules go in again:
        // that is what keeps a second load free of duplicates.
        const [table, , chain] = want[0]!.split(" ");
        ns.must(["iptables", "-t", table!, "-I", HOOKS[table!]!, "-j", chain!]);
        ns.must(["iptables", "-t", table!, "-A", chain!, "-d", "192.0.2.1/32", "-j", "ACCEPT"]);
        r = load();
        assert.is(r.status, 0, report(`${example}: second iptables-restore`, r));
        const twice = ns.state([]).iptables;
        for (const rule of want) assert.is(twice.filter((l) => l === rule).length, 1, `${example}: '${rule}' still once:\n${twice.join("\n")}`);
        assert.ok(twice.includes(`${table} -A ${HOOKS[table!]} -j ${chain}`), `${example}: the hook in ${HOOKS[table!]} survives --noflush`);
        assert.not.ok(
          twice.some((l) => l.includes("192.0.2.1")),
          `${example}: the declared chain ${chain} was emptied before loading`,
        );
      });
    });
  }
});

test("every namespace this run made is gone", () => {
  assert.equal(liveNamespaces(), []);
});

test.run();
