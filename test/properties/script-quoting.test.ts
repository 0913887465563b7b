/**
 * Values from lvs.cf, and the lines of the real-server data file, reach the generated scripts as
 * data, never as shell code. Configurations
 * whose virtual and server names, send / expect strings, send_program, active_cmd,
 * inactive_cmd and ipvsadm path hold quotes, `$()`, backticks, `;`, `|`, `&`, globs, `~`,
 * backslashes and redirections: every script of the bundle passes `sh -n` (dash) and
 * `bash -n`, and run under bash with every external tool replaced by a recorder:
 * - active_cmd and inactive_cmd arrive as exactly the words of their value split on single
 *   spaces, and the configured ipvsadm is the one called;
 * - every service of ipvsadm.rules is announced by a `note` as it is added;
 * - nothing runs that the values spell (a canary command and a canary file stay untouched),
 *   and no file appears besides the recorder's log and LVS_STATE_DIR.
 *
 * Recording: bash reads BASH_ENV before the script, which defines a function for each tool
 * (functions win over PATH, which the scripts set to the system folders first) and one for
 * printf, the builtin `note` prints with. Each record is the program's path, argc and
 * arguments, NUL-separated.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bundleOf, checkForCompile, hasErrors } from "../../compiler/emit/compile.ts";
import type { LvsModel } from "../../compiler/model/resolve.ts";
import type { BundleOptions, RuntimePlan } from "../../runtime/manifest.ts";
import { runParams } from "../helpers/arbitraries.ts";

const ROOT = mkdtempSync(join(tmpdir(), "lvst-quoting-"));
/** Created by the `lvstcanary` command, or named in a `touch` the values spell. */
const CANARY = join(ROOT, "canary");
const BASH_ENV = join(ROOT, "env.bash");
const RECORDER = join(ROOT, "record");

const TOOLS = [
  "ip",
  "ipvsadm",
  "iptables",
  "iptables-restore",
  "iptables-save",
  "arptables",
  "arptables-save",
  "sysctl",
  "modprobe",
  "ifconfig",
  "route",
  "arping",
];

writeFileSync(
  RECORDER,
  [
    "#!/bin/sh",
    `printf '%s\\0' "$0" "$#" "$@" >>"$LVST_LOG"`,
    // Deleting succeeds until nothing is left: `while iptables -D …` loops must end.
    'for a in "$@"; do [ "$a" = -D ] && exit 1; done',
    'case "$0" in */iptables-restore) cat >/dev/null ;; esac',
    "exit 0",
    "",
  ].join("\n"),
);
chmodSync(RECORDER, 0o755);
writeFileSync(join(ROOT, "lvstcanary"), `#!/bin/sh\n: >'${CANARY}'\n`);
chmodSync(join(ROOT, "lvstcanary"), 0o755);
writeFileSync(
  BASH_ENV,
  [
    ...TOOLS.map((t) => `${t}() { "$LVST_BIN/${t}" "$@"; }`),
    `lvstcanary() { : >'${CANARY}'; }`,
    `printf() { builtin printf '%s\\0' printf "$#" "$@" >>"$LVST_LOG"; builtin printf "$@"; }`,
    // active_cmd and inactive_cmd run in the background: let them finish before the log is read.
    "trap wait EXIT",
    "",
  ].join("\n"),
);

// ---------------------------------------------------------------- configurations

const PLAIN = fc.constantFrom(..."abcdefXYZ0129_-.+,@:%");
const SPECIAL = fc.constantFrom("'", '"', "$", "(", ")", "`", ";", "|", "&", "*", "?", "~", "\\", "<", ">", "!", "[", "]", "^", "#");
/** Shell code that leaves a trace when it runs. */
const INJECTION = fc.constantFrom(
  "$(lvstcanary)",
  "`lvstcanary`",
  ";lvstcanary",
  "|lvstcanary",
  "&lvstcanary",
  "&&lvstcanary;",
  "$(touch$IFS" + CANARY + ")",
  ">lvst-out",
  "2>lvst-err",
  "*",
  "~",
  "~root",
  "$HOME",
  "$0",
  "$1",
  "$*",
  "$@",
  "'\\''",
  "\\n",
  "%s",
  "%b",
  "-n",
  "--",
);

/** One lvs.cf word: no blanks, `=`, `{` or `}` (the lexer splits on those). */
const word = (injections = true) =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: PLAIN }, { weight: 3, arbitrary: SPECIAL }, ...(injections ? [{ weight: 2, arbitrary: INJECTION }] : [])), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join(""));

/** A file name made of the same characters. */
const fileName = word(false)
  .map((w) => w.replace(/\//g, ""))
  .filter((w) => w !== "" && w !== "." && w !== "..");

/** Words joined by runs of spaces, as a value for a command keyword. */
const spacedWords = fc.array(fc.tuple(fc.constantFrom(" ", "  ", "   "), word()), { maxLength: 4 });

const lineValue = fc
  .array(fc.oneof(word(), fc.constantFrom(" ", "  ")), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join("").replace(/"/g, ""))
  .filter((v) => v.trim() !== "");

interface Shape {
  readonly network: "direct" | "nat";
  readonly backup: boolean;
  readonly options: BundleOptions;
  readonly virtuals: readonly {
    readonly name: string;
    readonly servers: readonly { readonly name: string; readonly host: number }[];
    readonly send: string | null;
    readonly expect: string | null;
    readonly program: string | null;
  }[];
  readonly active: { readonly file: string; readonly rest: readonly (readonly [string, string])[] } | null;
  readonly inactive: { readonly file: string; readonly rest: readonly (readonly [string, string])[] } | null;
  readonly ipvsadm: string | null;
  readonly quote: '"' | "'";
}

const command = fc.option(fc.record({ file: fileName, rest: spacedWords }), { nil: null });

const shape: fc.Arbitrary<Shape> = fc.record({
  network: fc.constantFrom("direct" as const, "nat" as const),
  backup: fc.boolean(),
  options: fc.record({
    target: fc.constantFrom("modern" as const, "rhel5" as const),
    drArp: fc.constantFrom("arptables" as const, "iptables" as const, "sysctl" as const),
    ftpPassive: fc.constant({ min: 10000, max: 20000 }),
  }),
  virtuals: fc.array(
    fc.record({
      name: word(),
      servers: fc.array(fc.record({ name: word(), host: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }),
      send: fc.option(lineValue, { nil: null }),
      expect: fc.option(lineValue, { nil: null }),
      program: fc.option(
        spacedWords.map((rest) => `/usr/libexec/lvst-check %h${rest.map(([s, w]) => s + w.replace(/"/g, "")).join("")}`),
        { nil: null },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  active: command,
  inactive: command,
  ipvsadm: fc.option(fileName, { nil: null }),
  quote: fc.constantFrom('"' as const, "'" as const),
});

/** Where a run keeps its recorders, the programs the configuration names, and its log. */
interface RunDirs {
  readonly root: string;
  readonly bin: string;
  readonly active: string;
  readonly inactive: string;
  readonly ipvsadm: string;
}

function runDirs(root: string): RunDirs {
  return { root, bin: join(root, "bin"), active: join(root, "active"), inactive: join(root, "inactive"), ipvsadm: join(root, "ipvsadm") };
}

/** The value of active_cmd / inactive_cmd: a program in `dir`, then words. */
function commandValue(c: NonNullable<Shape["active"]>, dir: string): string {
  return `${dir}/${c.file}${c.rest.map(([sep, w]) => sep + w).join("")}`;
}

/** A string keyword's value as lvs.cf text: quoted when it has blanks. */
function valueText(value: string, quote: string): string | null {
  if (!/ /.test(value)) return value;
  return value.includes(quote) ? null : `${quote}${value}${quote}`;
}

function configText(s: Shape, dirs: RunDirs): string | null {
  const nat = s.network === "nat";
  const server = (host: number) => (nat ? `10.0.0.${10 + host}` : `192.168.1.${100 + host}`);
  const lines = ["serial_no = 1", "primary = 192.168.1.2", "service = lvs", `backup_active = ${s.backup ? 1 : 0}`];
  if (s.backup) lines.push("backup = 192.168.1.3", "heartbeat = 1");
  lines.push(`network = ${s.network}`);
  if (nat) lines.push("nat_router = 10.0.0.254 eth1:1", "nat_nmask = 255.255.255.0");
  for (const [key, c, dir] of [
    ["active_cmd", s.active, dirs.active],
    ["inactive_cmd", s.inactive, dirs.inactive],
  ] as const) {
    if (c === null) continue;
    const text = valueText(commandValue(c, dir), s.quote);
    if (text === null) return null;
    lines.push(`${key} = ${text}`);
  }
  if (s.ipvsadm !== null) lines.push(`ipvsadm = ${dirs.ipvsadm}/${s.ipvsadm}`);
  s.virtuals.forEach((v, i) => {
    lines.push(
      `virtual ${v.name} {`,
      "     active = 1",
      "     address = 192.168.1.10 eth0:1",
      "     vip_nmask = 255.255.255.0",
      `     port = ${80 + i}`,
      "     protocol = tcp",
      "     scheduler = wlc",
    );
    if (v.program !== null) lines.push(`     send_program = "${v.program}"`);
    if (v.send !== null) lines.push(`     send = "${v.send}"`);
    if (v.expect !== null || v.program !== null) lines.push(`     expect = "${v.expect ?? "ok"}"`);
    for (const rs of v.servers)
      lines.push(`     server ${rs.name} {`, `         address = ${server(rs.host)}`, "         active = 1", "         weight = 1", "     }");
    lines.push("}");
  });
  return lines.join("\n") + "\n";
}

/** Whether Piranha reads back what the configuration meant to say (else the case is dropped). */
function readsAsMeant(s: Shape, dirs: RunDirs, model: LvsModel): boolean {
  const g = model.global;
  const same = (a: string | null, b: string | null) => a === b;
  if (!same(g.active_cmd, s.active && commandValue(s.active, dirs.active))) return false;
  if (!same(g.inactive_cmd, s.inactive && commandValue(s.inactive, dirs.inactive))) return false;
  if (g.ipvsadm !== (s.ipvsadm === null ? "/sbin/ipvsadm" : `${dirs.ipvsadm}/${s.ipvsadm}`)) return false;
  if (model.virtuals.length !== s.virtuals.length) return false;
  return s.virtuals.every((v, i) => {
    const m = model.virtuals[i]!;
    return (
      m.name === v.name &&
      m.servers.length === v.servers.length &&
      m.servers.every((rs, j) => rs.name === v.servers[j]!.name) &&
      same(m.send_program, v.program)
    );
  });
}

// ---------------------------------------------------------------- running

interface Call {
  readonly program: string;
  readonly args: string[];
}

function calls(log: string): Call[] {
  if (!existsSync(log)) return [];
  const fields = readFileSync(log, "latin1").split("\0");
  const out: Call[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const argc = Number(fields[i + 1]);
    out.push({ program: fields[i]!, args: fields.slice(i + 2, i + 2 + argc).map((f) => Buffer.from(f, "latin1").toString("utf8")) });
    i += 2 + argc;
  }
  return out;
}

/** Every file and folder under `dir` except those under `skip`, relative to `dir`. */
function tree(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (path === skip) continue;
      out.push(relative(dir, path));
      if (e.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

function syntaxErrors(shell: string, path: string): string | null {
  const r = spawnSync(shell, ["-n", path], { encoding: "utf8" });
  return r.status === 0 ? null : `${shell} -n ${path}: ${r.stderr}`;
}

const DIRECTOR_ACTIONS = ["start", "vip-up", "stop", "status"];
const SERVER_ACTIONS = ["plan", "start", "stop", "status"];

function expectedNotes(plan: RuntimePlan): string[] {
  return plan.services.map((s) => `service ${s.ipvsadmService.join(" ")}`);
}

const words = (value: string): string[] => value.split(" ").filter((w) => w !== "");

test("values from lvs.cf reach the scripts' commands intact and never run (30 runs)", () => {
  fc.assert(
    fc.property(shape, (s) => {
      const dirs = runDirs(mkdtempSync(join(ROOT, "run-")));
      try {
        const text = configText(s, dirs);
        fc.pre(text !== null);
        rmSync(CANARY, { force: true });
        const checked = checkForCompile(text!);
        fc.pre(!hasErrors(checked) && readsAsMeant(s, dirs, checked.model));
        const bundle = bundleOf(text!, checked, s.options);
        const plan = bundle.plan;

        for (const d of [dirs.bin, dirs.active, dirs.inactive, dirs.ipvsadm, join(dirs.root, "work"), join(dirs.root, "bundle")]) mkdirSync(d);
        for (const t of TOOLS) symlinkSync(RECORDER, join(dirs.bin, t));
        symlinkSync(join(ROOT, "lvstcanary"), join(dirs.bin, "lvstcanary"));
        if (s.active) symlinkSync(RECORDER, join(dirs.active, s.active.file));
        if (s.inactive) symlinkSync(RECORDER, join(dirs.inactive, s.inactive.file));
        if (s.ipvsadm) symlinkSync(RECORDER, join(dirs.ipvsadm, s.ipvsadm));
        // Something for a stray glob to match.
        writeFileSync(join(dirs.root, "work", "decoy"), "");
        const scripts = bundle.files.filter((f) => f.mode === "0755");
        for (const data of bundle.files.filter((f) => f.path.endsWith("/lvs-realserver.conf") || f.path.endsWith("/ipvsadm.rules"))) {
          mkdirSync(join(dirs.root, "bundle", dirname(data.path)), { recursive: true });
          writeFileSync(join(dirs.root, "bundle", data.path), data.text);
        }
        for (const f of scripts) {
          const path = join(dirs.root, "bundle", f.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.text);
        }
        const state = join(dirs.root, "state");
        const log = join(dirs.root, "log");
        const before = tree(dirs.root, state);

        const env = {
          PATH: `/usr/sbin:/usr/bin:/sbin:/bin:${dirs.bin}`,
          HOME: join(dirs.root, "work"),
          TMPDIR: join(dirs.root, "work"),
          LANG: "C",
          BASH_ENV,
          LVST_BIN: dirs.bin,
          LVST_LOG: log,
        };
        const exits: string[] = [];
        scripts.forEach((f, i) => {
          const path = join(dirs.root, "bundle", f.path);
          for (const shell of ["dash", "bash"]) {
            const error = syntaxErrors(shell, path);
            assert.is(error, null, `${f.path}: ${error}\n--- lvs.cf\n${text}`);
          }
          const director = basename(f.path) === "lvs-director";
          // The recorded ip and ifconfig list no address: the kit is told which server this is.
          const server = director ? [] : ["--address", plan.services[0]!.servers[0]!.address];
          for (const action of director ? DIRECTOR_ACTIONS : SERVER_ACTIONS) {
            const r = spawnSync("bash", [path, ...server, action], {
              cwd: join(dirs.root, "work"),
              env: { ...env, LVS_STATE_DIR: join(state, String(i)) },
              encoding: "utf8",
              timeout: 20_000,
            });
            if (action !== "status" && r.status !== 0) exits.push(`${f.path} ${action}: exit ${r.status}\n${r.stderr}`);
          }
        });
        const where = `\n--- lvs.cf\n${text}`;
        assert.equal(exits, [], `start, vip-up and stop succeed with recorded tools${where}`);
        assert.not.ok(existsSync(CANARY), `a value ran as shell code (the canary exists)${where}`);
        assert.equal(tree(dirs.root, state), [...before, "log"].sort(), `no file besides the log and LVS_STATE_DIR${where}`);

        const recorded = calls(log);
        for (const [c, dir, key] of [
          [s.active, dirs.active, "active_cmd"],
          [s.inactive, dirs.inactive, "inactive_cmd"],
        ] as const) {
          if (c === null) continue;
          const value = commandValue(c, dir);
          const runs = recorded.filter((r) => r.program === `${dir}/${c.file}`);
          assert.ok(runs.length > 0, `${key} ran${where}`);
          for (const r of runs) assert.equal([r.program, ...r.args], words(value), `${key}: the words of ${JSON.stringify(value)}${where}`);
        }
        const ipvsadm = s.ipvsadm === null ? join(dirs.bin, "ipvsadm") : join(dirs.ipvsadm, s.ipvsadm);
        // rhel5's director runs beside pulse: the table, and the notes about its services, are pulse's.
        if (s.options.target === "rhel5") {
          assert.not.ok(recorded.some((r) => r.program === ipvsadm || r.program.endsWith("/ipvsadm")), `beside pulse, no ipvsadm${where}`);
          return;
        }
        const ipvsCalls = recorded.filter((r) => r.program === ipvsadm);
        assert.ok(ipvsCalls.length > 0, `the configured ipvsadm ${JSON.stringify(ipvsadm)} is called${where}`);
        if (s.ipvsadm !== null)
          assert.not.ok(
            recorded.some((r) => r.program === join(dirs.bin, "ipvsadm")),
            `no ipvsadm but the configured one is called${where}`,
          );
        for (const service of plan.services) {
          assert.ok(
            ipvsCalls.some((r) => r.args[0] === "-A" && r.args[1] === service.ipvsadmService[0] && r.args[2] === service.ipvsadmService[1]),
            `ipvsadm -A ${service.ipvsadmService.join(" ")}${where}`,
          );
        }

        const notes = recorded.filter((r) => r.program === "printf" && r.args[0] === "lvs-director: %s\\n").map((r) => r.args[1]!);
        for (const note of expectedNotes(plan)) assert.ok(notes.includes(note), `note ${JSON.stringify(note)} printed; notes:\n${notes.join("\n")}${where}`);
      } finally {
        rmSync(dirs.root, { recursive: true, force: true });
      }
    }),
    runParams(30),
  );
});

// ---------------------------------------------------------------- the real-server data file

/** The kit of each target: its script and data file do not depend on anything but the target. */
function kitScript(target: "modern" | "rhel5"): string {
  const text = "primary = 192.168.1.2\nnetwork = direct\nvirtual v {\n     active = 1\n     address = 192.168.1.10 eth0:1\n     port = 80\n     server s {\n         address = 192.168.1.11\n         active = 1\n     }\n}\n";
  const checked = checkForCompile(text);
  return bundleOf(text, checked, { target, drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files.find((f) => f.path === "realserver/lvs-realserver")!.text;
}

const HOST = "192.168.1.11";
const DATA_FIELD = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(HOST, "192.168.1.12", "10.0.0.254", "192.168.1.10", "192.168.1.256", "192.168.01.10", "-") },
  { weight: 3, arbitrary: fc.constantFrom("direct", "nat", "tunnel", "tcp", "udp", "80", "21", "65535", "65536", "10000:20000", "20000:10000", "arptables", "iptables", "sysctl") },
  { weight: 2, arbitrary: word() },
);
const HOWS = [["direct", "sysctl", "-"], ["direct", "arptables", "-"], ["direct", "iptables", "-"], ["tunnel", "sysctl", "-"], ["nat", "-", "10.0.0.254"], ["nat", "-", "-"]] as const;
const validLine = (how: (typeof HOWS)[number]) =>
  fc
    .record({
      rs: fc.constantFrom(HOST, "192.168.1.12"),
      vip: fc.constantFrom("192.168.1.10", "192.168.1.20", "10.1.2.3"),
      protocol: fc.constantFrom("tcp", "udp"),
      ports: fc.constantFrom("80", "21", "10000:20000"),
    })
    .map((l): string[] => [l.rs, how[0], l.vip, l.protocol, l.ports, how[1], how[2]]);
const joined = (fields: string[]) => fc.constantFrom(" ", "\t", "   ").map((sep) => fields.join(sep));
/** A data file's lines: valid ones of one forwarding set-up, then maybe one with a field replaced, or of any fields. */
const dataLines = fc.constantFrom(...HOWS).chain((how) =>
  fc
    .tuple(
      fc.array(validLine(how), { minLength: 1, maxLength: 3 }),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOWS).chain(validLine), fc.nat(6), DATA_FIELD).map(([l, i, f]) => l.map((x, j) => (j === i ? f : x))) },
        { weight: 1, arbitrary: fc.array(DATA_FIELD, { minLength: 6, maxLength: 8 }) },
      ),
      fc.nat(3),
    )
    .chain(([good, odd, at]) => {
      const all = odd === null ? good : [...good.slice(0, at), odd, ...good.slice(at)];
      return fc.tuple(...all.map(joined));
    }),
);

const isIpv4 = (s: string) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
const isPort = (s: string) => /^\d{1,5}$/.test(s) && Number(s) <= 65535;
const isPorts = (s: string) => isPort(s) || (/^\d{1,5}:\d{1,5}$/.test(s) && s.split(":").every(isPort) && Number(s.split(":")[0]) <= Number(s.split(":")[1]));

/** What the kit must make of a data file, worked out here independently: the first bad line, or the lines for HOST. */
function expectedReading(lines: readonly string[]): { bad: number } | { mine: string[][] } {
  const mine: string[][] = [];
  for (const [i, line] of lines.entries()) {
    // A comment or a blank line, as the kit skips them (a mangled first field may make one).
    if (/^[ \t]*(#|$)/.test(line)) continue;
    const f = line.split(/[ \t]+/).filter((x) => x !== "");
    const [rs, method, vip, protocol, ports, arp, gateway] = f;
    const ok =
      f.length === 7 &&
      isIpv4(rs!) &&
      ["nat", "direct", "tunnel"].includes(method!) &&
      isIpv4(vip!) &&
      ["tcp", "udp"].includes(protocol!) &&
      isPorts(ports!) &&
      (method === "direct" ? ["arptables", "iptables", "sysctl"].includes(arp!) : method === "tunnel" ? arp === "sysctl" : arp === "-") &&
      (method === "nat" ? gateway === "-" || isIpv4(gateway!) : gateway === "-");
    // Line 1 of the file is a comment.
    if (!ok) return { bad: i + 2 };
    if (rs !== HOST) continue;
    if (mine.length && mine[0]!.slice(1).filter((_, j) => j === 0 || j >= 4).join(" ") !== [method, arp, gateway].join(" ")) return { bad: i + 2 };
    mine.push(f);
  }
  return { mine };
}

/** A sandbox under ROOT: `bin` of recorders and the canary, `work` with an empty decoy, and the scripts' environment. */
function sandbox(prefix: string): { root: string; bin: string; work: string; log: string; state: string; env: Record<string, string> } {
  const root = mkdtempSync(join(ROOT, prefix));
  const bin = join(root, "bin");
  const work = join(root, "work");
  for (const d of [bin, work]) mkdirSync(d);
  for (const t of TOOLS) symlinkSync(RECORDER, join(bin, t));
  symlinkSync(join(ROOT, "lvstcanary"), join(bin, "lvstcanary"));
  writeFileSync(join(work, "decoy"), "");
  rmSync(CANARY, { force: true });
  const log = join(root, "log");
  const state = join(root, "state");
  const env = { PATH: `/usr/sbin:/usr/bin:/sbin:/bin:${bin}`, HOME: work, LANG: "C", BASH_ENV, LVST_BIN: bin, LVST_LOG: log, LVS_STATE_DIR: state };
  return { root, bin, work, log, state, env };
}

test("the real-server kit checks every data line by kind and never runs one (40 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom("modern" as const, "rhel5" as const), dataLines, (target, lines) => {
      const { root, work, log, state, env } = sandbox("data-");
      try {
        const script = join(root, "lvs-realserver");
        const data = join(root, "data.conf");
        writeFileSync(script, kitScript(target));
        writeFileSync(data, `# hand-made\n${lines.join("\n")}\n`);
        const before = tree(root, state);
        const want = expectedReading(lines);
        const where = `\n--- data (${target})\n${lines.join("\n")}`;
        for (const action of ["plan", "start", "stop"]) {
          const r = spawnSync("bash", [script, "--address", HOST, "--data", data, action], { cwd: work, env, encoding: "utf8", timeout: 20_000 });
          if (action === "stop") assert.is(r.status, 0, `stop: ${r.stdout}${r.stderr}${where}`);
          else if ("bad" in want) {
            assert.is(r.status, 1, `${action} of a bad line: ${r.stdout}${r.stderr}${where}`);
            assert.match(r.stdout, `data.conf line ${want.bad}: `, `${action} names line ${want.bad}${where}`);
          } else if (want.mine.length === 0) {
            assert.is(r.status, 1, `${action} with no line for ${HOST}${where}`);
            assert.match(r.stdout, "no line of", where);
          } else assert.is(r.status, 0, `${action}: ${r.stdout}${r.stderr}${where}`);
        }
        assert.not.ok(existsSync(CANARY), `a data value ran as shell code${where}`);
        assert.equal(tree(root, state).filter((p) => p !== "log"), before, `no file besides the log and LVS_STATE_DIR${where}`);
        if (!("bad" in want) && want.mine.length > 0) {
          const recorded = calls(log);
          const vips = [...new Set(want.mine.filter((f) => f[1] === "tunnel" || (f[1] === "direct" && f[5] !== "iptables")).map((f) => f[2]!))];
          const up = recorded.filter((r) => (r.program.endsWith("/ip") && r.args[1] === "replace" && r.args[0] === "addr") || (r.program.endsWith("/ifconfig") && r.args[2] === "netmask"));
          const upVips = [...new Set(up.map((r) => (r.program.endsWith("/ip") ? r.args[2]!.replace(/\/32$/, "") : r.args[1]!)))];
          assert.equal(upVips.sort(), vips.sort(), `the VIPs brought up are those of ${HOST}'s lines${where}`);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }),
    runParams(40),
  );
});

// ---------------------------------------------------------------- the director's ipvsadm.rules

/** A standalone director (start brings the VIPs up too): its script and rules file. */
function directorKit(): { script: string; rules: string } {
  const text = "primary = 192.168.1.2\nnetwork = direct\nvirtual v {\n     active = 1\n     address = 192.168.1.10 eth0:1\n     port = 80\n     server s {\n         address = 192.168.1.11\n         active = 1\n     }\n}\n";
  const files = bundleOf(text, checkForCompile(text), { target: "modern", drArp: "sysctl", ftpPassive: { min: 10000, max: 20000 } }).files;
  const textOf = (path: string) => files.find((f) => f.path === path)!.text;
  return { script: textOf("director/lvs-director"), rules: textOf("director/ipvsadm.rules") };
}

const TAMPERED_RULES: readonly (readonly [string, string])[] = [
  ["a command after a semicolon", "-A -t 192.168.1.10:80 -s wlc; lvstcanary"],
  ["a command substitution", "-A -t 192.168.1.10:80 -s $(lvstcanary)"],
  ["backticks", "-a -t 192.168.1.10:80 -r `lvstcanary`:80 -g -w 1"],
  ["a glob", "-a -t 192.168.1.10:80 -r 192.168.1.11:80 -g -w *"],
  ["a redirection", "-A -t 192.168.1.10:80 -s wlc >decoy"],
  ["an option ipvsadm -S never writes first", "-D -t 192.168.1.10:80"],
  ["a service that is not a number", "-A -t lvstcanary -s wlc"],
  ["a tab inside the options", "-a -t 192.168.1.10:80 -r 192.168.1.11:80\t-g -w 1"],
];

for (const [what, line] of TAMPERED_RULES) {
  test(`lvs-director start refuses ipvsadm.rules with ${what}, changing nothing`, () => {
    const { root, work, log, env } = sandbox("rules-");
    try {
      const kit = directorKit();
      const script = join(root, "lvs-director");
      writeFileSync(script, kit.script);
      writeFileSync(join(root, "ipvsadm.rules"), `${kit.rules}\n${line}\n`);
      const badLine = kit.rules.split("\n").length + 1;
      const r = spawnSync("bash", [script, "start"], { cwd: work, env, encoding: "utf8", timeout: 20_000 });
      assert.is(r.status, 1, `start: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, `ipvsadm.rules line ${badLine}: `, `the line is named: ${r.stderr}`);
      const changed = calls(log).filter((c) => ["ipvsadm", "ip", "sysctl", "iptables-restore", "iptables"].some((t) => c.program.endsWith(`/${t}`)));
      assert.equal(changed, [], "nothing is changed");
      assert.not.ok(existsSync(CANARY), "nothing in the line runs");
      assert.is(readFileSync(join(work, "decoy"), "utf8"), "", "no redirection is made");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test("lvs-director takes blank lines in ipvsadm.rules and adds every service and server", () => {
  const { root, work, log, env } = sandbox("rules-");
  try {
    const kit = directorKit();
    writeFileSync(join(root, "lvs-director"), kit.script);
    writeFileSync(join(root, "ipvsadm.rules"), `\n${kit.rules.replace("\n", "\n\n")}`);
    const r = spawnSync("bash", [join(root, "lvs-director"), "start"], { cwd: work, env, encoding: "utf8", timeout: 20_000 });
    assert.is(r.status, 0, `start: ${r.stdout}${r.stderr}`);
    const ipvsadm = calls(log).filter((c) => c.program.endsWith("/ipvsadm")).map((c) => c.args.join(" "));
    assert.equal(ipvsadm, ["-A -t 192.168.1.10:80 -s wlc", "-a -t 192.168.1.10:80 -r 192.168.1.11:80 -g -w 1"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.after(() => {
  rmSync(ROOT, { recursive: true, force: true });
});

test.run();
