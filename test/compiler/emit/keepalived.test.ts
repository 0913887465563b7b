/**
 * `--emit keepalived`: golden files for the examples (fixtures/keepalived/<example>.conf,
 * UPDATE=1 rewrites them), keepalived's own config test on every example and corpus file, a
 * real keepalived run that hands script arguments over, and the mapping of each setting.
 *
 * keepalived runs in a network namespace of its own (unshare -n) holding the interfaces the
 * file names, so that its checks do not depend on this machine's interfaces.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_LVS_RUN } from "../../../compiler/emit/keepalived-checks.ts";
import { keepalivedConf } from "../../../compiler/emit/keepalived.ts";
import { scriptWord } from "../../../compiler/emit/keepalived-syntax.ts";
import { virtualRouterId } from "../../../compiler/emit/keepalived-vrrp.ts";
import { lintText } from "../../../compiler/lint/engine.ts";
import { buildPlan } from "../../../compiler/model/plan.ts";
import type { PlanService, RuntimePlan } from "../../../runtime/manifest.ts";
import { corpusFiles, exampleFiles, readCorpus, readExample } from "../../helpers/paths.ts";

const GOLDEN = fileURLToPath(new URL("../../../fixtures/keepalived/", import.meta.url));
const MANIFEST = "/etc/lvs-toolchain/manifest.json";
const KEEPALIVED = "/usr/sbin/keepalived";
const CONFIG_IDS = ["", "lvs_primary", "lvs_backup"];

/** The plan of a file lint finds no error in, or null. */
function planOf(text: string): RuntimePlan | null {
  const { diagnostics, model } = lintText(text);
  return diagnostics.some((d) => d.severity === "error") ? null : buildPlan(model);
}

function mustPlan(text: string): RuntimePlan {
  const plan = planOf(text);
  const errors = lintText(text).diagnostics.filter((d) => d.severity === "error");
  assert.ok(plan, `the lvs.cf compiles: ${errors.map((d) => `${d.ruleId} ${d.message}`).join("; ")}`);
  return plan!;
}

const conf = (plan: RuntimePlan, manifestPath = MANIFEST) => keepalivedConf(plan, { manifestPath, lvsRun: DEFAULT_LVS_RUN });

/** The lines of `text` without their indentation. */
const lines = (text: string): string[] => text.split("\n").map((l) => l.trim());

function blockOf(text: string, head: string): string {
  const all = text.split("\n");
  const start = all.findIndex((l) => l.trim() === `${head} {`);
  assert.ok(start >= 0, `a block '${head}' in:\n${text}`);
  const indent = all[start]!.length - all[start]!.trimStart().length;
  const end = all.findIndex((l, i) => i > start && l === `${" ".repeat(indent)}}`);
  return all.slice(start, end + 1).join("\n");
}

// ---------------------------------------------------------------- keepalived itself

function keepalivedMissing(): string | null {
  if (!existsSync(KEEPALIVED)) return `keepalived is not installed at ${KEEPALIVED} (apt-get install keepalived): its config test cannot run`;
  return null;
}

/** Interfaces a file names (`interface`, `dev`, `lvs_sync_daemon`), to create in the namespace. */
const interfacesOf = (text: string): string[] =>
  [...new Set([...text.matchAll(/^\s*(?:@\S+\s+)?(?:interface|lvs_sync_daemon)\s+(\S+)|\sdev\s+(\S+)/gm)].map((m) => (m[1] ?? m[2])!))].sort();

const NAMESPACE_SETUP = `i=0
for d in "$@"; do
  i=$((i+1))
  ip link show "$d" >/dev/null 2>&1 || ip link add "$d" type veth peer name "ktpeer$i" || { echo "cannot create interface $d" >&2; exit 97; }
  ip link set "$d" up
done`;

/** `keepalived -t` on `text` in a network namespace with its interfaces: exit status and what it printed. */
function configTest(text: string, configId: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "keepalived-t-"));
  try {
    const file = join(dir, "keepalived.conf");
    writeFileSync(file, text, { mode: 0o644 });
    const script = `${NAMESPACE_SETUP}\nexec ${KEEPALIVED} -t ${configId === "" ? "" : `-i ${configId} `}-f "$CONF"`;
    const run = spawnSync("unshare", ["-n", "sh", "-c", script, "sh", ...interfacesOf(text)], {
      encoding: "utf8",
      timeout: 20000,
      env: { ...process.env, CONF: file },
    });
    if (run.error) throw new Error(`cannot run unshare -n (root and util-linux are needed): ${run.error.message}`);
    if (run.status === 97 || /unshare: /.test(run.stderr)) throw new Error(`cannot set up a network namespace for keepalived: ${run.stderr.trim()}`);
    return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertKeepalivedAccepts(text: string, what: string): void {
  const missing = keepalivedMissing();
  if (missing) assert.unreachable(missing);
  for (const id of CONFIG_IDS) {
    const { status, output } = configTest(text, id);
    const as = id === "" ? "without -i" : `with -i ${id}`;
    assert.is(output, "", `${what}, ${as}: keepalived -t reports nothing`);
    assert.is(status, 0, `${what}, ${as}: keepalived -t exits 0`);
  }
}

// ---------------------------------------------------------------- golden files

for (const example of exampleFiles()) {
  const name = example.replace(/\.cf$/, ".conf");
  test(`golden keepalived.conf for ${example}`, () => {
    const { text } = conf(mustPlan(readExample(example)));
    const path = join(GOLDEN, name);
    if (process.env["UPDATE"] === "1") {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    assert.fixture(text, readFileSync(path, "utf8"), name);
  });
}

test("two runs give the same text and warnings", () => {
  for (const example of exampleFiles()) assert.equal(conf(mustPlan(readExample(example))), conf(mustPlan(readExample(example))), example);
});

// ---------------------------------------------------------------- keepalived -t

test("the config test fails clearly without keepalived", () => {
  const missing = keepalivedMissing();
  assert.is(missing, null, missing ?? "");
});

for (const example of exampleFiles()) {
  test(`keepalived -t accepts the output for ${example}`, () => assertKeepalivedAccepts(conf(mustPlan(readExample(example))).text, example));
}

/** The corpus files lvs-lint stops, so that no keepalived.conf is made of them, with the rules that stop them. */
const NOT_EXPORTED: Readonly<Record<string, readonly string[]>> = {
  // Port 80 to real port 8080 with direct routing: the kernel cannot remap the port.
  "RHEL55_send_program_rport8080.cf": ["LVS2012"],
  // Templates (ERB and Jinja), not lvs.cf.
  "aberends_puppet-construction__lvs.cf.erb": ["LVS1001", "LVS1002", "LVS1007", "LVS1010", "LVS1017"],
  "ssato_miniascape__setup_dr.sh__lvs.cf.j2": ["LVS1001", "LVS1002", "LVS1010", "LVS1017"],
  // Files Piranha itself refuses: comments after values, no-break spaces.
  "gaojf_commented_NEGATIVE.cf": ["LVS1002", "LVS1003", "LVS1006", "LVS1007"],
  "lvs-keepalived-blog-2021_inline_comments_NEGATIVE.cf": ["LVS1003", "LVS1007"],
  "redhat-openstack_website__rdo-mysql-multi-master__RAW_nbsp_indented.cf": ["LVS1008"],
  // No active virtual server: nothing to export.
  "ssocopsacc_piranha__DirtyBackup_lvs.cf_orig": ["LVS2014"],
  "ssocopsacc_piranha__lvs.cf": ["LVS2014"],
  // The NAT router address on a base device without an alias, which pulse would take over whole.
  "xiemx_blog_LVS-NAT.cf": ["LVS2007"],
};

const errorRules = (text: string): string[] => [...new Set(lintText(text).diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId))].sort();

test("the corpus files left out of keepalived -t are those lvs-lint stops, for the reasons listed", () => {
  const stopped = Object.fromEntries(corpusFiles().map((f) => [f, errorRules(readCorpus(f))] as const).filter(([, rules]) => rules.length > 0));
  assert.equal(stopped, NOT_EXPORTED);
  assert.is(corpusFiles().length - Object.keys(NOT_EXPORTED).length, 13, "the others are all exported and tested");
});

for (const file of corpusFiles()) {
  if (file in NOT_EXPORTED) continue;
  test(`keepalived -t accepts the output for corpus ${file}`, () => assertKeepalivedAccepts(conf(mustPlan(readCorpus(file))).text, file));
}

test("keepalived -t still reports a broken file here", () => {
  const missing = keepalivedMissing();
  if (missing) assert.unreachable(missing);
  const broken = conf(mustPlan(readExample("dr-www.cf"))).text.replace("lb_algo rr", "lb_algo no-such-scheduler");
  const { status, output } = configTest(broken, "");
  assert.ok(status !== 0 && output !== "", `status ${status}, output: ${output}`);
});

// ---------------------------------------------------------------- scripts, for real

const AWKWARD_ARGS = [
  "plain",
  "with space",
  "it's",
  'say "hi"',
  "$HOME",
  "${_PWD}",
  "a#b",
  "c!d",
  "{",
  "}",
  "back\\slash",
  "tab\there",
  "end\\",
  "",
  "é ü",
  "\\042",
  "@^x",
];

test("keepalived hands a notify script the arguments pulse would", () => {
  const missing = keepalivedMissing();
  if (missing) assert.unreachable(missing);
  const dir = mkdtempSync(join(tmpdir(), "keepalived-run-"));
  try {
    const dump = join(dir, "dump.sh");
    const out = join(dir, "args");
    writeFileSync(dump, `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${out}.part" && mv "${out}.part" "${out}"\n`);
    chmodSync(dump, 0o755);
    const plan = mustPlan(readExample("ha-pair-dr.cf"));
    const text = conf({ ...plan, failover: { ...plan.failover, inactiveCommand: [dump, ...AWKWARD_ARGS] } }).text;
    const file = join(dir, "keepalived.conf");
    writeFileSync(file, text, { mode: 0o644 });
    const script = `${NAMESPACE_SETUP}
${KEEPALIVED} -P -n -l -f "$CONF" -p "$DIR/keepalived.pid" -r "$DIR/vrrp.pid" >"$DIR/log" 2>&1 &
k=$!
n=0
while [ ! -e "$OUT" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
kill $k
wait $k`;
    const run = spawnSync("unshare", ["-n", "sh", "-c", script, "sh", ...interfacesOf(text)], {
      encoding: "utf8",
      timeout: 30000,
      env: { ...process.env, CONF: file, DIR: dir, OUT: out },
    });
    assert.ok(
      existsSync(out),
      `inactive_cmd ran (status ${run.status}): ${run.stderr}\n${existsSync(join(dir, "log")) ? readFileSync(join(dir, "log"), "utf8") : ""}`,
    );
    assert.equal(readFileSync(out, "utf8").split("\0").slice(0, -1), AWKWARD_ARGS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- the mapping

const BASE_GLOBALS = ["primary = 10.0.0.1", "service = lvs", "backup_active = 1", "backup = 10.0.0.2", "network = direct", "keepalive = 6", "deadtime = 18"];

interface CfParts {
  readonly globals?: readonly string[];
  readonly virtual?: readonly string[];
  readonly server?: readonly string[];
}

/** A one-virtual lvs.cf: VIP 10.0.0.100 on eth0:1, servers 10.0.1.1 and 10.0.1.2. */
function lvsCf({ globals = [], virtual = [], server = [] }: CfParts): string {
  const servers = ["10.0.1.1", "10.0.1.2"].flatMap((address, i) => [
    `     server rs${i + 1} {`,
    `         address = ${address}`,
    "         active = 1",
    "         weight = 1",
    ...server.map((l) => `         ${l}`),
    "     }",
  ]);
  const head = ["virtual web {", "     active = 1", "     address = 10.0.0.100 eth0:1", "     vip_nmask = 255.255.255.0"];
  return [...BASE_GLOBALS, ...globals, ...head, ...virtual.map((l) => `     ${l}`), ...servers, "}", ""].join("\n");
}

const emit = (parts: CfParts) => conf(mustPlan(lvsCf(parts)));

function withService(plan: RuntimePlan, patch: (s: PlanService) => PlanService): RuntimePlan {
  return { ...plan, services: plan.services.map(patch) };
}

test("a bare connect check is a TCP_CHECK with nanny's timeout and no retry", () => {
  const { text } = emit({ virtual: ["port = 3306", "timeout = 7"] });
  assert.match(text, "virtual_server 10.0.0.100 3306 {");
  assert.ok(lines(text).includes("delay_loop 7"));
  assert.is(
    blockOf(text, "real_server 10.0.1.1 3306"),
    ["  real_server 10.0.1.1 3306 {", "    weight 1", "    TCP_CHECK {", "      connect_timeout 7", "      retry 0", "    }", "  }"].join("\n"),
  );
});

test("Piranha's web check is an HTTP_GET whether nanny assumes it or the file spells it out", () => {
  const assumed = emit({ virtual: ["port = 80"] }).text;
  const written = emit({ virtual: ["port = 80", 'send = "GET / HTTP/1.0\\r\\n\\r\\n"', 'expect = "HTTP"'] }).text;
  for (const text of [assumed, written]) {
    const rs = blockOf(text, "real_server 10.0.1.1 80");
    assert.match(rs, "HTTP_GET {");
    assert.match(rs, ["url {", "        path /", "        status_code 100-599", "      }"].join("\n"));
    assert.match(text, "# HTTP_GET sends that request with Host and User-Agent headers and takes any status 100-599");
  }
  assert.is(blockOf(assumed, "virtual_server 10.0.0.100 80"), blockOf(written, "virtual_server 10.0.0.100 80"));
});

test("send/expect is a MISC_CHECK that runs lvs-run for the service and server", () => {
  const { text } = emit({ virtual: ["port = 21", 'send = "quit\\r\\n"', 'expect = "220"'] });
  const rs = blockOf(text, "real_server 10.0.1.1 21");
  assert.ok(lines(rs).includes(`misc_path "/usr/local/bin/lvs-run check --manifest ${MANIFEST} --service tcp:10.0.0.100:21 --server 10.0.1.1:21"`), rs);
  assert.ok(lines(rs).includes("misc_timeout 20"), "twice the default timeout of 10 s");
  assert.match(text, '# nanny connects over TCP, sends "quit\\r\\n" and wants a reply starting "220"');
});

test("MISC_CHECK runs the lvs-run the docs install, or the one --lvs-run names; the header says what it needs", () => {
  const plan = mustPlan(lvsCf({ virtual: ["port = 21", 'send = "quit\\r\\n"', 'expect = "220"'] }));
  const text = conf(plan).text;
  assert.match(text, /misc_path "\/usr\/local\/bin\/lvs-run check /);
  assert.match(text, /MISC_CHECKs run \/usr\/local\/bin\/lvs-run check with that manifest: both must be on each director/);
  const other = keepalivedConf(plan, { manifestPath: MANIFEST, lvsRun: "/opt/lvs/bin/lvs-run" }).text;
  assert.match(other, /misc_path "\/opt\/lvs\/bin\/lvs-run check /);
  // No MISC_CHECK, no word of lvs-run.
  assert.not.match(conf(mustPlan(lvsCf({ virtual: ["port = 80"] }))).text, /lvs-run/);
  const docs = readFileSync(fileURLToPath(new URL("../../../docs/runtime.md", import.meta.url)), "utf8");
  assert.ok(docs.includes(DEFAULT_LVS_RUN), "docs/runtime.md runs lvs-run from the same path");
});

test("a regular expression, a send without expect and a UDP check go through lvs-run too", () => {
  const regex = emit({ virtual: ["port = 80", 'send = "GET / HTTP/1.0\\r\\n\\r\\n"', 'expect = "HTTP"', "use_regex = 1"] }).text;
  const sendOnly = emit({ virtual: ["port = 25", 'send = "QUIT"'] }).text;
  const udp = emit({ virtual: ["port = 53", "protocol = udp", 'send = "x"', 'expect = "y"'] }).text;
  for (const text of [regex, sendOnly, udp]) assert.match(text, "MISC_CHECK {");
  assert.match(udp, "virtual_server 10.0.0.100 53 {\n  lb_algo wlc\n  lb_kind DR\n  protocol UDP");
  assert.match(udp, "--service udp:10.0.0.100:53 --server 10.0.1.1:53");
});

test("send_program is a MISC_CHECK, with a warning that keepalived stops slow programs", () => {
  const { text, warnings } = emit({ virtual: ["port = 389", 'send_program = "/usr/local/bin/check_ds.sh %h"', 'expect = "OK"', "timeout = 6"] });
  assert.match(text, '# nanny runs /usr/local/bin/check_ds.sh %h and wants it to print "OK" and a newline');
  assert.ok(lines(text).includes("misc_timeout 12"));
  assert.ok(
    warnings.some((w) => w.startsWith("virtual_server 10.0.0.100 389: send_program: nanny waits")),
    warnings.join("\n"),
  );
});

test("quiesce_server keeps a failed server at weight 0: inhibit_on_failure on every server", () => {
  const { text } = emit({ virtual: ["port = 3306", "quiesce_server = 1"] });
  for (const rs of ["real_server 10.0.1.1 3306", "real_server 10.0.1.2 3306"]) assert.ok(lines(blockOf(text, rs)).includes("inhibit_on_failure"), rs);
  assert.not.match(emit({ virtual: ["port = 3306"] }).text, "inhibit_on_failure");
});

test("sorry_server at the virtual port, without a port for a firewall mark with direct routing", () => {
  assert.ok(lines(emit({ virtual: ["port = 3306", "sorry_server = 10.0.2.1"] }).text).includes("sorry_server 10.0.2.1 3306"));
  const fwmark = emit({ virtual: ["port = 80", "fwmark = 5", "persistent = 60", "sorry_server = 10.0.2.1"] }).text;
  assert.ok(lines(fwmark).includes("sorry_server 10.0.2.1"));
});

test("a firewall mark: no protocol, and with direct routing no port on the servers but on their checks", () => {
  const { text } = emit({ virtual: ["port = 443", "fwmark = 5", "persistent = 60"] });
  const vs = blockOf(text, "virtual_server fwmark 5");
  assert.not.match(vs, "protocol");
  assert.ok(lines(vs).includes("persistence_timeout 60"));
  assert.is(
    blockOf(text, "real_server 10.0.1.1"),
    ["  real_server 10.0.1.1 {", "    weight 1", "    TCP_CHECK {", "      connect_port 443", "      connect_timeout 10", "      retry 0", "    }", "  }"].join(
      "\n",
    ),
  );
  const nat = emit({ globals: ["network = nat", "nat_router = 10.0.1.254 eth1:1"], virtual: ["port = 443", "fwmark = 5", "persistent = 60"] }).text;
  assert.match(nat, "real_server 10.0.1.1 443 {");
});

test("direct routing keeps the service's port on a server checked at another port", () => {
  const plan = withService(mustPlan(lvsCf({ virtual: ["port = 3306"] })), (s) => ({ ...s, servers: s.servers.map((rs) => ({ ...rs, port: 3307 })) }));
  const rs = blockOf(conf(plan).text, "real_server 10.0.1.1 3306");
  assert.ok(lines(rs).includes("connect_port 3307"), rs);
});

test("syncdaemon becomes lvs_sync_daemon following the VRRP instance; tcp_timeout lvs_timeouts", () => {
  const { text } = emit({
    globals: ["syncdaemon = 1", "syncd_iface = eth1", "syncd_id = 7", "tcp_timeout = 900", "udp_timeout = 30"],
    virtual: ["port = 3306"],
  });
  const global = blockOf(text, "global_defs");
  assert.ok(lines(global).includes("lvs_sync_daemon eth1 LVS id 7"), global);
  assert.ok(lines(global).includes("lvs_timeouts tcp 900 udp 30"), global);
  assert.ok(lines(global).includes("lvs_flush"));
  assertKeepalivedAccepts(text, "sync daemon on eth1");
});

test("one file for both directors: conditional priority and unicast addresses, never failing back", () => {
  const { text } = emit({ virtual: ["port = 3306"] });
  const vrrp = lines(blockOf(text, "vrrp_instance LVS"));
  for (const l of [
    "state BACKUP",
    "nopreempt",
    "interface eth0",
    "advert_int 6",
    "@lvs_primary priority 150",
    "@lvs_backup priority 100",
    "@lvs_primary unicast_src_ip 10.0.0.1",
    "@lvs_backup unicast_src_ip 10.0.0.2",
    "@^lvs_primary 10.0.0.1",
    "@^lvs_backup 10.0.0.2",
    "10.0.0.100/24 dev eth0 label eth0:1",
  ]) {
    assert.ok(vrrp.includes(l), l);
  }
  assert.match(text, "run keepalived with -i lvs_primary on 10.0.0.1");
});

test("a lone director: priority 150, no unicast peers, no conditional lines", () => {
  const text = conf(mustPlan(lvsCf({ globals: ["backup_active = 0"], virtual: ["port = 3306"] }))).text;
  const vrrp = lines(blockOf(text, "vrrp_instance LVS"));
  assert.ok(vrrp.includes("priority 150"));
  assert.not.match(text, "unicast");
  assert.not.match(text, /^\s*@/m);
});

test("active_cmd and inactive_cmd become notify scripts, argument by argument", () => {
  const { text } = emit({
    globals: ['active_cmd = "/usr/local/bin/up --vip 10.0.0.100"', 'inactive_cmd = "/usr/local/bin/down it\'s"'],
    virtual: ["port = 3306"],
  });
  const vrrp = lines(blockOf(text, "vrrp_instance LVS"));
  assert.ok(vrrp.includes('notify_master "/usr/local/bin/up --vip 10.0.0.100"'), vrrp.join("\n"));
  for (const keyword of ["notify_backup", "notify_fault", "notify_stop"]) assert.ok(vrrp.includes(`${keyword} "/usr/local/bin/down 'it\\\\'s'"`), keyword);
  assertKeepalivedAccepts(text, "notify scripts");
});

test("script words: plain arguments stay plain, others are quoted with no raw quote or dollar", () => {
  assert.is(scriptWord(["/usr/sbin/lvs-run", "check", "--server", "10.0.0.1:80"], "misc_path"), '"/usr/sbin/lvs-run check --server 10.0.0.1:80"');
  const word = scriptWord(["/x", 'a "b" $c'], "misc_path")!;
  assert.is(word.slice(1, -1).includes('"'), false);
  assert.is(word.includes("$"), false);
  assert.is(scriptWord(["/x", "y".repeat(1000)], "misc_path"), null, "longer than a keepalived line");
});

test("an awkward manifest path is quoted for keepalived and the file still passes its test", () => {
  const path = '/srv/lvs "prod" #1/it\'s {a}!/manifest.json';
  const { text } = conf(mustPlan(lvsCf({ virtual: ["port = 21", 'send = "quit\\r\\n"', 'expect = "220"'] })), path);
  const expected = scriptWord([DEFAULT_LVS_RUN, "check", "--manifest", path, "--service", "tcp:10.0.0.100:21", "--server", "10.0.1.1:21"], "misc_path");
  assert.ok(lines(text).includes(`misc_path ${expected}`));
  assertKeepalivedAccepts(text, "awkward manifest path");
});

test("a manifest path too long for a keepalived line leaves the servers unchecked, with a warning", () => {
  const { text, warnings } = conf(mustPlan(lvsCf({ virtual: ["port = 21", 'send = "quit\\r\\n"', 'expect = "220"'] })), `/${"m".repeat(990)}`);
  assert.not.match(text, "MISC_CHECK {");
  assert.is(warnings.filter((w) => w.includes("does not fit on a keepalived line")).length, 2);
  assert.ok(text.split("\n").every((l) => Buffer.byteLength(l) <= 1000));
  assertKeepalivedAccepts(text, "long manifest path");
});

test("names with blanks, quotes, # and braces stay inside comments", () => {
  const plan = mustPlan(lvsCf({ virtual: ["port = 3306"] }));
  const odd = 'a "b" #c {d} !e \\';
  const patched = withService(plan, (s) => ({
    ...s,
    members: s.members.map((m) => ({ ...m, virtual: odd })),
    servers: s.servers.map((rs) => ({ ...rs, name: odd })),
  }));
  const { text } = conf(patched);
  assert.ok(lines(text).includes(`# server ${JSON.stringify(odd)}`), text);
  for (const l of text.split("\n")) if (l.includes(odd.slice(0, 5))) assert.match(l, /^\s*# /);
  assertKeepalivedAccepts(text, "odd names");
});

test("weights: 0 counts as 1, above 65535 is cut with a warning", () => {
  const plan = mustPlan(lvsCf({ virtual: ["port = 3306"], server: [] }));
  const weighted = withService(plan, (s) => ({
    ...s,
    servers: s.servers.map((rs, i) => (i === 0 ? { ...rs, weight: 0, effectiveWeight: 1 } : { ...rs, weight: 70000, effectiveWeight: 70000 })),
  }));
  const { text, warnings } = conf(weighted);
  assert.ok(lines(blockOf(text, "real_server 10.0.1.1 3306")).includes("weight 1"));
  assert.ok(lines(blockOf(text, "real_server 10.0.1.2 3306")).includes("weight 65535"));
  assert.ok(
    warnings.some((w) => w.includes("weight = 70000 is more than IPVS takes")),
    warnings.join("\n"),
  );
});

test("what keepalived cannot do: a comment in place and a warning each", () => {
  const { text, warnings } = emit({
    globals: ["primary_private = 10.1.0.1", "backup_private = 10.1.0.2", "deadtime = 10", "rsh_command = ssh"],
    virtual: ["port = 3306", "reentry = 60", "timeout = 6", "load_monitor = uptime"],
    server: ["weight = 4"],
  });
  const expected = [
    "hard_shutdown = 1: when a nanny dies",
    "vrrp_instance LVS: deadtime = 10: keepalived takes over after 3 x advert_int and a skew without adverts, about 20 to 22 s",
    "vrrp_instance LVS: heartbeat_port = 539:",
    "vrrp_instance LVS: primary_private, backup_private:",
    "virtual_server 10.0.0.100 3306: nanny starts a server at weight/32",
    "virtual_server 10.0.0.100 3306: reentry = 60: nanny takes a failed server back after 10 successful checks",
    "virtual_server 10.0.0.100 3306: load_monitor: nanny scales weights by the load ssh %h uptime reports",
  ];
  assert.is(warnings.length, expected.length, warnings.join("\n"));
  expected.forEach((start, i) => assert.ok(warnings[i]!.startsWith(start), `${warnings[i]} starts with ${start}`));
  const commentText = text
    .split("\n")
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.replace(/^\s*#\s+/, ""))
    .join(" ");
  for (const w of warnings) assert.ok(commentText.includes(w.replace(/^(vrrp_instance LVS|virtual_server \S+ \d+): /, "")), `a comment says: ${w}`);
});

test("VIPs: the alias label, the classful mask without vip_nmask, the NAT router, a base device", () => {
  const classful = mustPlan(lvsCf({ virtual: ["port = 3306"] }).replace("vip_nmask = 255.255.255.0", "vip_nmask = 0.0.0.0"));
  const text = conf(classful).text;
  assert.ok(lines(text).includes("10.0.0.100/8 dev eth0 label eth0:1"), text);
  const nat = conf(
    mustPlan(lvsCf({ globals: ["network = nat", "nat_router = 10.0.1.254 eth1:1", "nat_nmask = 255.255.255.0"], virtual: ["port = 3306"] })),
  ).text;
  assert.ok(lines(nat).includes("10.0.1.254/24 dev eth1 label eth1:1"));
  const plan = mustPlan(lvsCf({ virtual: ["port = 3306"] }));
  const onBase = conf({ ...plan, vips: plan.vips.map((v) => ({ ...v, device: "eth0" })) });
  assert.ok(lines(onBase.text).includes("10.0.0.100/24 dev eth0"));
  assert.ok(onBase.warnings.some((w) => w.includes("is on eth0 itself")));
});

test("a service without an active server is left out, with a warning", () => {
  const plan = withService(mustPlan(lvsCf({ virtual: ["port = 3306"] })), (s) => ({ ...s, servers: s.servers.map((rs) => ({ ...rs, active: false })) }));
  const { text, warnings } = conf(plan);
  assert.not.match(text, /^virtual_server/m);
  assert.ok(
    warnings.some((w) => w.startsWith("virtual_server 10.0.0.100 3306: no active real server")),
    warnings.join("\n"),
  );
});

test("virtual_router_id: 1 to 255, the same for the same VIPs in any order", () => {
  const id = virtualRouterId(["10.0.0.100", "10.0.0.101"]);
  assert.is(virtualRouterId(["10.0.0.101", "10.0.0.100"]), id);
  for (let i = 0; i < 300; i++) {
    const v = virtualRouterId([`10.0.${i >> 8}.${i & 255}`]);
    assert.ok(v >= 1 && v <= 255, String(v));
  }
});

test.run();
