/** The executables as a user runs them: built JS, real files and standard input, exit codes. */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createFakeIpvsadm } from "../helpers/fake-ipvsadm.ts";
import { generateConfig } from "../../bench/generate.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (bin: string, args: string[], input?: string, cwd = root) =>
  spawnSync(process.execPath, [join(root, "dist", "bin", `${bin}.js`), ...args], { cwd, input: input ?? "", encoding: "utf8" });

const example = join(root, "fixtures", "examples", "nat-web-ftp.cf");

/** A small, correct direct-routing configuration: at most informational findings. */
const BASE = "primary = 10.0.0.1\nservice = lvs\nnetwork = direct\nvirtual web {\n     active = 1\n     address = 10.0.0.100 eth0:1\n     vip_nmask = 255.255.255.0\n     server a {\n         address = 10.0.0.11\n         active = 1\n     }\n}\n";

test("lvs-lint: a clean file exits 0", () => {
  const r = run("lvs-lint", [example]);
  assert.is(r.status, 0, r.stderr);
});

test("lvs-lint: json from standard input, one entry per argument, exit 1 on errors", () => {
  const r = run("lvs-lint", ["-f", "json", "-", example], "keepalive = 7 # x\n" + BASE);
  assert.is(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.is(out.length, 2);
  assert.is(out[0].filePath, "-");
  assert.equal(
    out[0].messages
      .filter((m: { severity: string }) => m.severity !== "info")
      .map((m: { ruleId: string; line: number; column: number }) => [m.ruleId, m.line, m.column]),
    [["LVS1003", 1, 15]],
  );
  assert.is(out[0].errorCount, 1);
  assert.is(out[1].errorCount, 0);
});

test("lvs-lint: --max-warnings turns warnings into a failure", () => {
  const text = "keepalive = 6\nkeepalive = 4\n" + BASE;
  assert.is(run("lvs-lint", ["-"], text).status, 0);
  assert.is(run("lvs-lint", ["--max-warnings", "0", "-"], text).status, 1);
  // Infos are not warnings: `heartbeat` does nothing (LVS1018), which --max-warnings 0 lets pass.
  const infos = run("lvs-lint", ["--max-warnings", "0", "--format", "json", "-"], "heartbeat = 1\n" + BASE);
  assert.is(infos.status, 0, infos.stdout);
  assert.ok(JSON.parse(infos.stdout)[0].infoCount > 0, "the info is reported");
});

test("a reader that stops early (head) ends the command quietly: no stack trace, its status kept", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-pipe-"));
  const big = join(dir, "big.cf");
  writeFileSync(big, generateConfig(300, 10));
  const bin = (name: string) => join(root, "dist", "bin", `${name}.js`);
  for (const [name, args, status] of [
    ["lvs-fmt", [big], 0],
    ["lvs-lint", ["--format", "json", big], 0],
    ["lvs-compile", ["--emit", "ipvsadm", big], 0],
    ["lvs-compile", ["--emit", "model", big], 0],
  ] as const) {
    // The command's status comes out through a file: the pipeline's is head's.
    const r = spawnSync("sh", ["-c", '"$@" 2>"$0.err"; echo $? >"$0.status"', join(dir, name), process.execPath, bin(name), ...args], { encoding: "utf8" });
    const piped = spawnSync("sh", ["-c", '{ "$@" 2>"$0.err"; echo $? >"$0.status"; } | head -c 100 >/dev/null', join(dir, name), process.execPath, bin(name), ...args], { encoding: "utf8" });
    assert.is(r.status, 0);
    assert.is(piped.status, 0);
    const stderr = readFileSync(join(dir, `${name}.err`), "utf8");
    assert.not.match(stderr, /EPIPE|\n\s+at /, `${name}: ${stderr}`);
    assert.is(readFileSync(join(dir, `${name}.status`), "utf8").trim(), String(status), `${name} ${args.join(" ")}: ${stderr}`);
  }
});

test("lvs-lint: usage errors and unreadable files exit 2 with one line, no stack trace", () => {
  const bad = run("lvs-lint", ["--format", "xml", example]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /^lvs-lint: unknown format 'xml'/);
  assert.not.match(bad.stderr, /\n\s+at /);
  const missing = run("lvs-lint", ["/nonexistent/lvs.cf"]);
  assert.is(missing.status, 2);
  assert.is(missing.stderr, "lvs-lint: /nonexistent/lvs.cf: no such file\n");
});

test("lvs-lint: .lvs-lint.json above the file sets severities; -o writes the report", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-lint-"));
  writeFileSync(join(dir, ".lvs-lint.json"), JSON.stringify({ rules: { "inline-comment": "warning" } }));
  writeFileSync(join(dir, "lvs.cf"), "keepalive = 7 # x\n" + BASE);
  const r = run("lvs-lint", ["-f", "gcc", "-o", "report.txt", "lvs.cf"], undefined, dir);
  assert.is(r.status, 0, r.stderr);
  assert.match(readFileSync(join(dir, "report.txt"), "utf8"), /^lvs\.cf:1:15: warning: .*\[LVS1003\]$/m);
  writeFileSync(join(dir, ".lvs-lint.json"), "{ nope");
  const broken = run("lvs-lint", ["lvs.cf"], undefined, dir);
  assert.is(broken.status, 2);
  assert.match(broken.stderr, /\.lvs-lint\.json: not valid JSON/);
  // A rule beside "rules" instead of in it would change nothing: it is refused, with where it goes.
  writeFileSync(join(dir, ".lvs-lint.json"), JSON.stringify({ LVS1003: "off" }));
  const misplaced = run("lvs-lint", ["lvs.cf"], undefined, dir);
  assert.is(misplaced.status, 2);
  assert.match(misplaced.stderr, /\.lvs-lint\.json: unknown key "LVS1003" \(rules belong under "rules"/);
  assert.is(misplaced.stderr.trim().split("\n").length, 1, misplaced.stderr);
  writeFileSync(join(dir, ".lvs-lint.json"), JSON.stringify({ rule: {} }));
  assert.match(run("lvs-lint", ["lvs.cf"], undefined, dir).stderr, /unknown key "rule" \(the only key is "rules"/);
});

test("lvs-lint --fix rewrites only files that change; --fix-dry-run and --format diff change nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-fix-"));
  const broken = "keepalive=6\ndeadtime = 18 # seconds\n" + BASE;
  writeFileSync(join(dir, "broken.cf"), broken);
  writeFileSync(join(dir, "clean.cf"), BASE);
  const before = statSync(join(dir, "clean.cf")).mtimeMs;

  const dry = run("lvs-lint", ["--fix-dry-run", "-f", "json", "broken.cf"], undefined, dir);
  assert.is(dry.status, 0, dry.stderr);
  assert.is(readFileSync(join(dir, "broken.cf"), "utf8"), broken, "dry run leaves the file");
  assert.equal(JSON.parse(dry.stdout)[0].messages.filter((m: { severity: string }) => m.severity !== "info"), []);

  const diff = run("lvs-lint", ["--format", "diff", "broken.cf"], undefined, dir);
  assert.is(diff.status, 0);
  assert.match(diff.stdout, /^--- a\/broken\.cf$/m);
  assert.match(diff.stdout, /^-keepalive=6$/m);
  assert.match(diff.stdout, /^\+keepalive = 6$/m);
  assert.is(readFileSync(join(dir, "broken.cf"), "utf8"), broken, "--format diff leaves the file");

  const fix = run("lvs-lint", ["--fix", "broken.cf", "clean.cf"], undefined, dir);
  assert.is(fix.status, 0, fix.stdout + fix.stderr);
  assert.is(readFileSync(join(dir, "broken.cf"), "utf8"), "keepalive = 6\n# seconds\ndeadtime = 18\n" + BASE);
  assert.is(statSync(join(dir, "clean.cf")).mtimeMs, before, "an unchanged file is not rewritten");
  assert.equal(readdirSync(dir).sort(), ["broken.cf", "clean.cf"], "no temporary file left behind");

  const stdin = run("lvs-lint", ["--fix", "-"], broken);
  assert.is(stdin.status, 2);
});

test("lvs-lint on a 60-column terminal: no line wider than the terminal; to a pipe, one line per finding", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-lint-"));
  const cf = join(dir, "lvs.cf");
  writeFileSync(cf, "keepalive = 6 # a comment\nprimary=10.0.0.1\n");
  // `script` gives the command a terminal of its own, here set to 60 columns.
  const tty = spawnSync("script", ["-qec", `stty cols 60 rows 40; ${process.execPath} ${join(root, "dist", "bin", "lvs-lint.js")} ${cf}`, "/dev/null"], { encoding: "utf8" });
  const lines = tty.stdout.replace(/\r/g, "").split("\n");
  assert.ok(lines.some((l) => /^ {2}1:15 {2}error {2}LVS1003 {2}Comment/.test(l)), tty.stdout);
  assert.ok(lines.every((l) => l.length <= 60), `a line is wider than 60 columns:\n${tty.stdout}`);
  const piped = run("lvs-lint", [cf]);
  assert.is(piped.stdout.split("\n").filter((l) => /^\s+\d+:\d+/.test(l)).length, 3, piped.stdout);
  assert.ok(piped.stdout.split("\n").some((l) => l.length > 60), "unwrapped when not a terminal");
});

test("lvs-lint --rules lists every rule", () => {
  const r = run("lvs-lint", ["--rules"]);
  assert.is(r.status, 0);
  assert.match(r.stdout, /^LVS1003 +inline-comment +error +fix +/m);
  const json = JSON.parse(run("lvs-lint", ["--rules", "-f", "json"]).stdout) as Array<{ id: string }>;
  assert.ok(json.length >= 20 && json[0]!.id === "LVS1001");
});

test("lvs-compile --emit model prints Piranha's view as JSON", () => {
  const r = run("lvs-compile", ["--emit", "model", example]);
  assert.is(r.status, 0, r.stderr);
  const model = JSON.parse(r.stdout);
  assert.is(model.global.network, "nat");
  assert.equal(model.global.nat_router, { address: "10.11.12.10", device: "eth1:1" });
  assert.is(model.virtuals.length, 3);
  assert.is(model.virtuals[2].servers[0].port, 21);
});

test("lvs-compile --emit model prints the model of a file Piranha reads, errors or not; none of one it refuses", () => {
  // No active virtual server (LVS2014): Piranha reads the file, and pulse then does nothing.
  const inactive = run("lvs-compile", ["--emit", "model", "-"], BASE.replace("     active = 1\n     address", "     active = 0\n     address"));
  assert.is(inactive.status, 1);
  assert.match(inactive.stderr, /LVS2014/);
  assert.is(JSON.parse(inactive.stdout).virtuals[0].active, 0);
  // CRLF: Piranha reads the first line only, and says nothing.
  const crlf = run("lvs-compile", ["--emit", "model", "-"], BASE.replace(/\n/g, "\r\n"));
  assert.is(crlf.status, 1);
  assert.match(crlf.stderr, /LVS1004/);
  const model = JSON.parse(crlf.stdout);
  assert.is(model.global.primary, "10.0.0.1");
  assert.is(model.global.network, "nat", "the default: the `network = direct` line was not read");
  assert.is(model.virtuals.length, 0);
  const refused = run("lvs-compile", ["--emit", "model", "-"], BASE.replace("active = 1", "active = yes"));
  assert.is(refused.status, 1);
  assert.is(refused.stdout, "");
  assert.match(refused.stderr, /LVS1010/);
  assert.match(refused.stderr, /Piranha's parser refuses this file, so it has no model\n$/);
});

test("lvs-compile: lint errors stop it with exit 1; usage errors exit 2", () => {
  const r = run("lvs-compile", ["--emit", "model", "-"], "primary=10.0.0.1\n");
  assert.is(r.status, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /LVS1005/);
  const u = run("lvs-compile", ["--emit", "bundle", example]);
  assert.is(u.status, 2);
  assert.match(u.stderr, /^lvs-compile: say where the bundle goes: -o DIR\nTry 'lvs-compile --help'.\n$/);
  for (const args of [["--target", "rhel7", example, "-o", "x"], ["--ftp-passive", "20:10", example, "-o", "x"], ["--emit", "yaml", example]]) {
    const bad = run("lvs-compile", args);
    assert.is(bad.status, 2, args.join(" "));
    assert.is(bad.stderr.split("\n").length, 3, bad.stderr);
  }
});

test("lvs-compile -o DIR writes the bundle; --check reports drift as a diff", () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-compile-"));
  const out = join(work, "bundle");
  const r = run("lvs-compile", [example, "-o", out, "--target", "rhel5"]);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, "");
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  assert.is(manifest.options.target, "rhel5");
  assert.is(statSync(join(out, "director", "lvs-director")).mode & 0o777, 0o755);
  assert.equal(readdirSync(work), ["bundle"], "no temporary directory is left beside it");
  const same = run("lvs-compile", ["--check", example, "-o", out, "--target", "rhel5"]);
  assert.is(same.status, 0, same.stdout + same.stderr);
  assert.is(same.stdout, "");
  writeFileSync(join(out, "director", "ipvsadm.rules"), "-A -f 80 -s rr\n");
  const drift = run("lvs-compile", ["--check", example, "-o", out, "--target", "rhel5"]);
  assert.is(drift.status, 1);
  assert.match(drift.stdout, /^--- a\/director\/ipvsadm.rules$/m);
  assert.match(drift.stdout, /^-(-A -f 80 -s rr)$/m);
  assert.match(drift.stdout, /^\+-A -f 80 -s wlc -p 300$/m);
  const again = run("lvs-compile", [example, "-o", out, "--target", "rhel5"]);
  assert.is(again.status, 0, again.stderr);
  assert.is(run("lvs-compile", ["--check", example, "-o", out, "--target", "rhel5"]).status, 0, "rewritten in place");
});

test("lvs-compile --check compares with the options the bundle was made with, and says when others are given", () => {
  const out = join(mkdtempSync(join(tmpdir(), "lvs-compile-")), "bundle");
  assert.is(run("lvs-compile", [example, "-o", out, "--target", "rhel5", "--ftp-passive", "30000:30100"]).status, 0);
  const same = run("lvs-compile", ["--check", example, "-o", out]);
  assert.is(same.status, 0, same.stdout.slice(0, 500) + same.stderr);
  assert.is(same.stderr, "");
  const other = run("lvs-compile", ["--check", example, "-o", out, "--target", "modern"]);
  assert.is(other.status, 1);
  assert.match(other.stderr, /the bundle was made with --target rhel5 --dr-arp arptables --ftp-passive 30000:30100; checking against --target modern --dr-arp sysctl --ftp-passive 30000:30100/);
});

test("a bundle of the old layout (a folder per real server): --check says so, -o replaces it as a whole", () => {
  const out = join(mkdtempSync(join(tmpdir(), "lvs-compile-")), "bundle");
  assert.is(run("lvs-compile", [example, "-o", out]).status, 0);
  // What lvs-compile wrote before the kit: schema 1, realservers/ADDRESS/ folders.
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  rmSync(join(out, "realserver"), { recursive: true });
  const old = ["realservers/10.11.12.1/lvs-realserver", "realservers/10.11.12.3/vsftpd.conf"];
  for (const p of old) {
    mkdirSync(dirname(join(out, p)), { recursive: true });
    writeFileSync(join(out, p), "#!/bin/sh\n");
  }
  const files = [...manifest.files.filter((f: { path: string }) => !f.path.startsWith("realserver/")), ...old.map((path) => ({ path, sha256: "0", mode: "0644" }))];
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ ...manifest, schema: 1, files }, null, 2));

  const check = run("lvs-compile", ["--check", example, "-o", out]);
  assert.is(check.status, 1, check.stdout + check.stderr);
  assert.match(check.stderr, /a bundle of manifest schema 1 \(a folder per real server\); lvs-compile .* -o .* replaces it as a whole/);
  assert.is(check.stdout, "", "no file-by-file diff of two layouts");

  const r = run("lvs-compile", [example, "-o", out]);
  assert.is(r.status, 0, r.stderr);
  assert.not.ok(existsSync(join(out, "realservers")), "the old folders are gone");
  assert.ok(existsSync(join(out, "realserver", "lvs-realserver")));
  assert.is(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).schema, 2);
  assert.is(run("lvs-compile", ["--check", example, "-o", out]).status, 0);
});

test("lvs-compile reads the nearest .lvs-lint.json, except for what makes a bundle impossible", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-compile-"));
  const cf = join(dir, "lvs.cf");
  // LVS2012 (a port remap with direct routing) is an error by default.
  writeFileSync(cf, BASE.replace("address = 10.0.0.11", "address = 10.0.0.11\n         port = 8080"));
  assert.is(run("lvs-compile", [cf, "-o", join(dir, "a")]).status, 1);
  writeFileSync(join(dir, ".lvs-lint.json"), JSON.stringify({ rules: { LVS2012: "off", "glued-equals": "off", LVS1014: "off" } }));
  const waived = run("lvs-compile", [cf, "-o", join(dir, "a")]);
  assert.is(waived.status, 0, waived.stderr);
  // A glued = (Piranha refuses the file) and a host name stop it whatever the file says.
  writeFileSync(cf, BASE.replace("primary = 10.0.0.1", "primary=10.0.0.1"));
  const refused = run("lvs-compile", [cf, "-o", join(dir, "b")]);
  assert.is(refused.status, 1);
  assert.match(refused.stderr, /LVS1005/);
  writeFileSync(cf, BASE.replace("address = 10.0.0.11", "address = web1.example.com"));
  assert.match(run("lvs-compile", [cf, "-o", join(dir, "c")]).stderr, /LVS1014/);
  writeFileSync(join(dir, ".lvs-lint.json"), "{ not json");
  const broken = run("lvs-compile", [cf, "-o", join(dir, "d")]);
  assert.is(broken.status, 2);
  assert.match(broken.stderr, /^lvs-compile: .*\.lvs-lint\.json: not valid JSON/);
});

test("lvs-compile: a value no script may take stops it whatever .lvs-lint.json says, at its line", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-compile-"));
  const cf = join(dir, "lvs.cf");
  writeFileSync(join(dir, ".lvs-lint.json"), JSON.stringify({ rules: { LVS2031: "off", LVS2032: "off", LVS2040: "off" } }));
  const cases: Array<[what: string, text: string, rule: string, at: string]> = [
    ["a port above 65535", BASE.replace("     vip_nmask", "     port = 70000\n     vip_nmask"), "LVS2032", "7:"],
    ["a weight above 65535", BASE.replace("         active = 1\n     }", "         active = 1\n         weight = 70000\n     }"), "LVS2031", "11:"],
    ["an interface name Linux refuses", BASE.replace("eth0:1", "et/h0:1"), "LVS2040", "6:"],
    ["a sync daemon interface Linux refuses", BASE.replace("network = direct", "network = direct\nsyncdaemon = 1\nsyncd_iface = a/b"), "LVS2040", "5:"],
  ];
  // A disable comment above the line waives it for lvs-lint, not for a bundle.
  const commented = (text: string, rule: string, line: string): string => {
    const lines = text.split("\n");
    const n = Number(line.slice(0, -1)) - 1;
    lines.splice(n, 0, `${lines[n]!.match(/^ */)![0]}# lvs-lint disable=${rule} -- tried`);
    return lines.join("\n");
  };
  for (const [what, text, rule, at] of cases) {
    for (const [how, file, line] of [["in .lvs-lint.json", text, at], ["by a disable comment", commented(text, rule, at), `${Number(at.slice(0, -1)) + 1}:`]] as const) {
      writeFileSync(cf, file);
      assert.is(run("lvs-lint", [cf]).status, 0, `${what} ${how}: lvs-lint takes the waiver`);
      const r = run("lvs-compile", [cf, "-o", join(dir, "b")]);
      assert.is(r.status, 1, `${what} ${how}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^ +${line}\\d+ +error +${rule} .*no script can take this value`, "m"), `${what} ${how}: ${r.stderr}`);
      assert.not.match(r.stderr, /cannot write|LVS1020/, `${what} ${how}`);
      assert.equal(readdirSync(dir).sort(), [".lvs-lint.json", "lvs.cf"], `${what} ${how}: no bundle`);
    }
  }
  // A negative weight the bundle can still start at 1, as nanny does: a comment waives it.
  writeFileSync(cf, BASE.replace("         active = 1\n     }", "         active = 1\n         # lvs-lint disable=LVS2031 -- tried\n         weight = -3\n     }"));
  const waived = run("lvs-compile", [cf, "-o", join(dir, "w")]);
  assert.is(waived.status, 0, waived.stderr);
  rmSync(join(dir, "w"), { recursive: true });
  // A host name waived by a comment: still an error for the scripts.
  writeFileSync(cf, BASE.replace("         address = 10.0.0.11", "         # lvs-lint disable=LVS1014 -- tried\n         address = web1.example.com"));
  const host = run("lvs-compile", [cf, "-o", join(dir, "b")]);
  assert.is(host.status, 1, host.stderr);
  assert.match(host.stderr, /^ +10:\d+ +error +LVS1014 .*needs the IPv4 address here/m);
});

test("lvs-compile: a file with errors writes no bundle; host names are errors here", () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-compile-"));
  const bad = run("lvs-compile", ["-", "-o", join(work, "b")], BASE.replace("address = 10.0.0.11", "address = web1.example.com"));
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /LVS1014/);
  assert.match(bad.stderr, /needs the IPv4 address/);
  assert.equal(readdirSync(work), []);
  writeFileSync(join(work, "a-file"), "");
  const nowhere = run("lvs-compile", [example, "-o", join(work, "a-file", "b")]);
  assert.is(nowhere.status, 2);
  assert.match(nowhere.stderr, /^lvs-compile: .*a-file\/b: cannot write the bundle: .+\n$/);
  assert.equal(readdirSync(work), ["a-file"], "nothing is left behind");
});

test("lvs-compile --emit ipvsadm prints the IPVS table", () => {
  const r = run("lvs-compile", ["--emit", "ipvsadm", "-"], BASE);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, "-A -t 10.0.0.100:80 -s wlc\n-a -t 10.0.0.100:80 -r 10.0.0.11:80 -g -w 1\n");
});

/** A TCP port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test("lvs-run: usage errors exit 2 with one line; status without a running instance exits 1", () => {
  const u = run("lvs-run", ["--log-format", "xml", example]);
  assert.is(u.status, 2);
  assert.match(u.stderr, /^lvs-run: --log-format takes text or json, not 'xml'\nTry 'lvs-run --help'.\n$/);
  const s = run("lvs-run", ["status", "--state-dir", mkdtempSync(join(tmpdir(), "lvs-run-"))]);
  assert.is(s.status, 1);
  assert.match(s.stderr, /^lvs-run: no running lvs-run answers in /);
  const bad = run("lvs-run", ["--state-dir", mkdtempSync(join(tmpdir(), "lvs-run-")), "-"], "primary=1\n");
  assert.is(bad.status, 1);
});

test("lvs-run: a host that is neither director of lvs.cf is refused, with the way to run without failover", () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const cf = join(work, "lvs.cf");
  // 198.51.100.0/24 is a documentation network: no interface of the test host has it.
  writeFileSync(cf, BASE.replace("primary = 10.0.0.1", "primary = 198.51.100.201"));
  const r = run("lvs-run", ["--state-dir", join(work, "state"), cf]);
  assert.is(r.status, 1);
  assert.is(r.stderr, "lvs-run: this host does not have the primary director's address (198.51.100.201) and lvs.cf has no active backup; run with --standalone to run without failover\n");
  // 127.0.0.1 is the loopback interface's own address: this host is that backup, which must not run.
  writeFileSync(cf, BASE.replace("primary = 10.0.0.1", "primary = 198.51.100.201\nbackup = 127.0.0.1\nbackup_active = 0"));
  const inactive = run("lvs-run", ["--state-dir", join(work, "state"), cf]);
  assert.is(inactive.status, 0);
  assert.is(inactive.stderr, "lvs-run: this host is the backup director (127.0.0.1) and backup_active = 0: a backup director that is not active does not run\n");
});

test("lvs-run: runs a bundle against ipvsadm, answers status on its socket, removes its services on SIGTERM", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  // Port 80 with no send/expect: nanny's default HTTP check, which wants a reply starting "HTTP".
  // A check every 3 s, each given 3 s: one failure takes the server out, and on a loaded machine a
  // check given 1 s could fail between the status and the metrics this test compares.
  const listener = createServer((socket) => socket.on("error", () => {}).end("HTTP/1.0 200 OK\r\n\r\n"));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.20", () => resolve()));
  const port = (listener.address() as { port: number }).port;
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, BASE.replace("network = direct", "network = nat\nnat_router = 127.0.0.1 eth1:1").replace("address = 10.0.0.11", `address = 127.0.0.20\n         port = ${port}`).replace("     server a", "     timeout = 3\n     port = 80\n     server a"));
  const bundle = join(work, "bundle");
  const compiled = run("lvs-compile", [cf, "-o", bundle]);
  assert.is(compiled.status, 0, compiled.stderr);
  const state = join(work, "state");
  const metricsPort = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, "dist", "bin", "lvs-run.js"), "--standalone", "--state-dir", state, "--ipvsadm", fake.path, "--log-format", "json", "--metrics", String(metricsPort), bundle],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  try {
    const until = Date.now() + 8000;
    while (!fake.state().destinations.some((d) => d.address === "127.0.0.20") && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fake.state().destinations.some((d) => d.address === "127.0.0.20" && d.port === port), out);
    assert.is(statSync(join(state, "lvs-run.sock")).mode & 0o777, 0o600);
    const status = spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "status", "--state-dir", state], { encoding: "utf8" });
    assert.is(status.status, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`^  127\\.0\\.0\\.20:${port} up weight 1 last ok`, "m"));
    const json = JSON.parse(spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "status", "--json", "--state-dir", state], { encoding: "utf8" }).stdout);
    assert.is(json.services[0].key, "tcp:10.0.0.100:80");
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    assert.match(metrics, new RegExp(`^lvs_run_server_state\\{service="tcp:10.0.0.100:80",server="127.0.0.20:${port}",state="up"\\} 1$`, "m"));
    assert.match(metrics, /^lvs_run_ipvsadm_calls_total [1-9]\d*$/m);
    // A storm of reloads: each one is applied in turn, and the instance keeps answering.
    for (let i = 0; i < 25; i++) child.kill("SIGHUP");
    const storm = Date.now() + 8000;
    while (out.split("\n").filter((l) => l.includes('"event":"reload"')).length < 2 && Date.now() < storm) await new Promise((r) => setTimeout(r, 100));
    assert.ok(out.includes('"event":"reload"'), out);
    const after = spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "status", "--state-dir", state], { encoding: "utf8" });
    assert.is(after.status, 0, after.stderr);
    assert.match(after.stdout, / up weight /);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.is(await exited, 0);
    assert.equal(fake.state().services, [], "its service is removed");
    const events = out.trim().split("\n").map((l) => JSON.parse(l).event);
    assert.ok(events.includes("start") && events.includes("server-up") && events.includes("stop"), out);
  } finally {
    child.kill("SIGKILL");
    listener.close();
  }
});

test("lvs-run: a log reader that goes away (a journald restart) leaves it running, not dead", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, BASE.replace("network = direct", "network = nat\nnat_router = 127.0.0.1 eth1:1").replace("address = 10.0.0.11", "address = 127.0.0.21"));
  const bundle = join(work, "bundle");
  assert.is(run("lvs-compile", [cf, "-o", bundle]).status, 0);
  const state = join(work, "state");
  const child = spawn(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "--standalone", "--state-dir", state, "--ipvsadm", fake.path, bundle], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (c) => (err += c));
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const until = Date.now() + 8000;
    while (!out.includes("start") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.ok(out.includes("start"), out + err);
    child.stdout.destroy();
    // Each reload is logged: the first write after the reader went away fails with EPIPE.
    for (let i = 0; i < 3; i++) {
      child.kill("SIGHUP");
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.is(child.exitCode, null, `still running: ${err}`);
    const status = spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "status", "--state-dir", state], { encoding: "utf8" });
    assert.is(status.status, 0, status.stderr);
    child.kill("SIGTERM");
    assert.is(await exited, 0, err);
    assert.equal(fake.state().services, [], "its service is removed at the end");
    assert.not.match(err, /\n\s+at |Unhandled/, err);
    assert.match(err, /standard output/, "the lost log is said once on standard error");
  } finally {
    child.kill("SIGKILL");
  }
});

test("lvs-run --dry-run prints the ipvsadm commands and changes nothing", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  const listener = createServer((socket) => socket.on("error", () => {}).end("HTTP/1.0 200 OK\r\n\r\n"));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.22", () => resolve()));
  const port = (listener.address() as { port: number }).port;
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, BASE.replace("network = direct", "network = nat\nnat_router = 127.0.0.1 eth1:1").replace("address = 10.0.0.11", `address = 127.0.0.22\n         port = ${port}`).replace("     server a", "     timeout = 1\n     server a"));
  const child = spawn(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "--standalone", "--dry-run", "--state-dir", join(work, "state"), "--ipvsadm", fake.path, cf], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  try {
    const until = Date.now() + 8000;
    while (!out.includes(`-r 127.0.0.22:${port}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /^ipvsadm -A -t 10\.0\.0\.100:80 -s wlc$/m);
    assert.match(out, new RegExp(`^ipvsadm -a -t 10\\.0\\.0\\.100:80 -r 127\\.0\\.0\\.22:${port} -m -w 1$`, "m"));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.is(await exited, 0);
    assert.match(out, /^ipvsadm -D -t 10\.0\.0\.100:80$/m);
    assert.equal(fake.state().services, [], "nothing was changed");
    assert.ok(fake.log().every((args) => args.includes("-S") || args.includes("-L")), "only reads ran");
  } finally {
    child.kill("SIGKILL");
    listener.close();
  }
});

test("lvs-run on an lvs.cf: a reload of a broken file is refused and the running configuration stays", async () => {
  const work = mkdtempSync(join(tmpdir(), "lvs-run-"));
  const fake = createFakeIpvsadm(join(work, "ipvsadm"));
  const listener = createServer((socket) => socket.on("error", () => {}).end("HTTP/1.0 200 OK\r\n\r\n"));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.21", () => resolve()));
  const port = (listener.address() as { port: number }).port;
  const cf = join(work, "lvs.cf");
  writeFileSync(cf, BASE.replace("network = direct", "network = nat\nnat_router = 127.0.0.1 eth1:1").replace("address = 10.0.0.11", `address = 127.0.0.21\n         port = ${port}`).replace("     server a", "     timeout = 1\n     server a"));
  const state = join(work, "state");
  const child = spawn(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), "--standalone", "--state-dir", state, "--ipvsadm", fake.path, cf], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  try {
    const until = Date.now() + 8000;
    while (!fake.state().destinations.some((d) => d.address === "127.0.0.21") && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fake.state().destinations.some((d) => d.address === "127.0.0.21"), out);
    writeFileSync(cf, "primary=10.0.0.1\nvirtual web {\n");
    child.kill("SIGHUP");
    const wait = Date.now() + 5000;
    while (!out.includes("reload-refused") && Date.now() < wait) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /reload-refused: keeping the running configuration: .*lvs\.cf:1:1: LVS1005/);
    assert.ok(fake.state().destinations.some((d) => d.address === "127.0.0.21"), "the table is untouched");
    // `lvs-run reload` waits for the instance's answer: a refusal is exit 1 with the reason.
    const lvsRun = (...args: string[]) => spawnSync(process.execPath, [join(root, "dist", "bin", "lvs-run.js"), ...args], { encoding: "utf8" });
    const refused = lvsRun("reload", "--state-dir", state);
    assert.is(refused.status, 1, refused.stdout + refused.stderr);
    assert.is(refused.stdout, "");
    assert.match(refused.stderr, /^lvs-run: reload refused, the running configuration stays: .*lvs\.cf:1:1: LVS1005.*\n$/);
    assert.is(refused.stderr.split("\n").length, 2, refused.stderr);
    writeFileSync(cf, BASE.replace("network = direct", "network = nat\nnat_router = 127.0.0.1 eth1:1").replace("address = 10.0.0.11", `address = 127.0.0.21\n         port = ${port}`));
    const applied = lvsRun("reload", "--state-dir", state);
    assert.is(applied.status, 0, applied.stderr);
    assert.equal(JSON.parse(applied.stdout), { reloaded: true });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.is(await exited, 0);
  } finally {
    child.kill("SIGKILL");
    listener.close();
  }
});

test.run();
