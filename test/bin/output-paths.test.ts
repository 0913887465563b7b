/**
 * Where lvs-compile and lvs-lint may write: a bundle replaces its directory whole, so anything
 * that is not an earlier bundle is refused (exit 2, one line, the path left as it was) unless
 * --force; kernel trees and devices never, even with --force. Run as root (as CI does), the
 * read-only and mount-point cases use a mount namespace of their own.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { protectedPath } from "../../compiler/output-path.ts";
import { processIO } from "../../compiler/cli-io.ts";
import { compileMain } from "../../compiler/emit/cli.ts";
import { UnsafeValueError } from "../../compiler/emit/shell.ts";
import { generateConfig } from "../../bench/generate.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const example = join(root, "fixtures", "examples", "nat-web-ftp.cf");
const bin = (name: string) => join(root, "dist", "bin", `${name}.js`);
const run = (name: string, args: string[]) => spawnSync(process.execPath, [bin(name), ...args], { encoding: "utf8", timeout: 30_000 });
const isRoot = process.getuid?.() === 0;

/** Every entry under `path` (or `path` itself): kind, mode and bytes, to compare before and after. */
function snapshot(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string, name: string): void => {
    const st = lstatSync(p);
    const head = `${st.mode.toString(8)} ${st.rdev}`;
    if (st.isDirectory()) {
      out[name] = `${head} dir`;
      for (const e of readdirSync(p).sort()) visit(join(p, e), `${name}/${e}`);
    } else if (st.isSymbolicLink()) out[name] = `${head} -> ${readlinkSync(p)}`;
    else if (st.isFile()) out[name] = `${head} ${readFileSync(p, "base64")}`;
    else out[name] = head;
  };
  visit(path, ".");
  return out;
}

function work(): string {
  return mkdtempSync(join(tmpdir(), "lvs-output-"));
}

/** A refused run: exit 2, one line on standard error matching `reason`, nothing on standard output. */
function assertRefused(r: ReturnType<typeof run>, reason: RegExp): void {
  assert.is(r.status, 2, r.stdout + r.stderr);
  assert.is(r.stdout, "");
  assert.is(r.stderr.split("\n").length, 2, `one line: ${r.stderr}`);
  assert.match(r.stderr, reason);
}

test("a directory holding other files is refused and left as it was; --force replaces it", () => {
  const dir = join(work(), "etc-sysconfig-ha");
  mkdirSync(join(dir, "conf"), { recursive: true });
  writeFileSync(join(dir, "lvs.cf"), "primary = 10.0.0.1\n");
  writeFileSync(join(dir, "conf", "notes"), "keep me\n");
  const before = snapshot(dir);
  assertRefused(run("lvs-compile", [example, "-o", dir]), /^lvs-compile: .*etc-sysconfig-ha: is not empty and holds no lvs-compile bundle \('conf\/', 'lvs\.cf'\).*--force/);
  assert.equal(snapshot(dir), before);
  const forced = run("lvs-compile", [example, "-o", dir, "--force"]);
  assert.is(forced.status, 0, forced.stderr);
  assert.ok(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).files.length > 0, "the bundle is there");
  assert.not.ok(readdirSync(dir).includes("conf"), "the foreign files are gone with --force");
});

test("a bundle is replaced by the next one, but not when a file it does not list was added", () => {
  const base = work();
  const dir = join(base, "bundle");
  assert.is(run("lvs-compile", [example, "-o", dir]).status, 0);
  const again = run("lvs-compile", [example, "-o", dir, "--target", "rhel5"]);
  assert.is(again.status, 0, again.stderr);
  assert.is(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).options.target, "rhel5");
  writeFileSync(join(dir, "director", "local-notes.txt"), "mine\n");
  const before = snapshot(dir);
  assertRefused(run("lvs-compile", [example, "-o", dir]), /holds 'director\/local-notes\.txt', which the bundle there does not list/);
  assert.equal(snapshot(dir), before);
  assert.equal(readdirSync(base), ["bundle"], "no temporary directory is left beside it");
});

test("a bundle whose manifest.json was laid out anew is still known as one", () => {
  const dir = join(work(), "bundle");
  assert.is(run("lvs-compile", [example, "-o", dir]).status, 0);
  const manifest = join(dir, "manifest.json");
  const parsed = JSON.parse(readFileSync(manifest, "utf8"));
  for (const layout of [JSON.stringify(parsed), JSON.stringify(parsed, null, 2), JSON.stringify({ plan: parsed.plan, ...parsed }, null, 4)]) {
    writeFileSync(manifest, layout);
    const again = run("lvs-compile", [example, "-o", dir]);
    assert.is(again.status, 0, again.stderr);
  }
  writeFileSync(manifest, JSON.stringify({ ...parsed, files: parsed.files.slice(1) }, null, 2));
  assertRefused(run("lvs-compile", [example, "-o", dir]), /holds 'README\.md', which the bundle there does not list/);
});

test("a file written in two parts (body first, head last) or in reused chunks comes out whole; a failed part leaves the old tree", () => {
  const base = work();
  const dir = join(base, "tree");
  const io = processIO();
  const head = Buffer.from("HEAD:");
  const body = Buffer.from("the body, written first\n".repeat(5000));
  const split = (made: Buffer) => ({ path: "m.json", text: "", mode: "0644", split: { at: head.length, body: () => [body], head: () => made } });
  // Each chunk is the same memory, refilled: written before the next is made, none is lost.
  const reused = Buffer.alloc(4);
  const chunks = { path: "c.txt", text: "", mode: "0644", *chunks() { for (const word of ["one ", "two ", "six\n"]) yield (reused.write(word), reused); } };
  io.writeTree(dir, [{ path: "a/x.txt", text: "x\n", mode: "0755" }, split(head), chunks]);
  assert.equal(readFileSync(join(dir, "m.json")), Buffer.concat([head, body]));
  assert.is(readFileSync(join(dir, "a", "x.txt"), "utf8"), "x\n");
  assert.is(readFileSync(join(dir, "c.txt"), "utf8"), "one two six\n");
  const before = snapshot(dir);
  const failing = { path: "late.txt", text: "", mode: "0644", get bytes(): Buffer { throw new Error("cannot make it"); } };
  for (const files of [[split(Buffer.from("HEAD, longer than announced:"))], [split(head), failing]]) {
    let error: unknown = null;
    try {
      io.writeTree(dir, files);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, "the write fails");
    assert.equal(snapshot(dir), before, "the old tree stays");
    assert.equal(readdirSync(base), ["tree"], "no temporary directory is left");
  }
});

test("a value a generator refuses while the bundle is written is no write failure: exit 1, nothing left", async () => {
  const base = work();
  const err: string[] = [];
  const io = {
    ...processIO(),
    cwd: base,
    stdout: () => {},
    stderr: (t: string) => void err.push(t),
    // As when a file made on its way to the disk meets a value no script can take.
    writeTree: () => {
      throw new UnsafeValueError("'a/b' is not an interface name Linux takes");
    },
  };
  assert.is(await compileMain([example, "-o", join(base, "b")], io), 1);
  assert.equal(err, [`lvs-compile: ${example}: cannot generate scripts: 'a/b' is not an interface name Linux takes\n`]);
  assert.equal(readdirSync(base), []);
});

test("a manifest.json that no lvs-compile wrote makes no bundle of its directory", () => {
  const dir = join(work(), "webapp");
  mkdirSync(dir);
  writeFileSync(join(dir, "manifest.json"), '{ "name": "my app", "icons": [] }\n');
  const before = snapshot(dir);
  assertRefused(run("lvs-compile", [example, "-o", dir]), /is not empty and holds no lvs-compile bundle \('manifest\.json'\)/);
  assert.equal(snapshot(dir), before);
});

test("an empty directory takes a bundle; a symbolic link to one is written through and stays a link", () => {
  const base = work();
  mkdirSync(join(base, "real"));
  symlinkSync(join(base, "real"), join(base, "link"));
  const r = run("lvs-compile", [example, "-o", join(base, "link")]);
  assert.is(r.status, 0, r.stderr);
  assert.ok(lstatSync(join(base, "link")).isSymbolicLink(), "the link stays a link");
  assert.ok(readdirSync(join(base, "real")).includes("manifest.json"), "the bundle is where the link points");
});

test("--force never replaces the current directory, the home directory, the input or what holds them", () => {
  const base = work();
  for (const d of ["cwd/deeper", "home", "src"]) mkdirSync(join(base, d), { recursive: true });
  writeFileSync(join(base, "src", "lvs.cf"), readFileSync(example, "utf8"));
  writeFileSync(join(base, "home", ".profile"), "# mine\n");
  const before = snapshot(base);
  const inCwd = (args: string[]) =>
    spawnSync(process.execPath, [bin("lvs-compile"), ...args], { cwd: join(base, "cwd", "deeper"), encoding: "utf8", timeout: 30_000, env: { ...process.env, HOME: join(base, "home") } });
  const cf = join(base, "src", "lvs.cf");
  assertRefused(inCwd([cf, "-o", base, "--force"]), /: that holds the current directory; it is never replaced, even with --force\n$/);
  assertRefused(inCwd([cf, "-o", ".", "--force"]), /^lvs-compile: \.: that is the current directory; it is never replaced/);
  assertRefused(inCwd([cf, "-o", join(base, "home"), "--force"]), /: that is your home directory; it is never replaced/);
  assertRefused(inCwd([cf, "-o", join(base, "src"), "--force"]), /: that holds the lvs\.cf being compiled; it is never replaced/);
  assertRefused(inCwd([cf, "-o", cf, "--force"]), /: that is the lvs\.cf being compiled; it is never replaced/);
  assert.equal(snapshot(base), before);
});

test("a top-level directory is never replaced; nor anything that holds a kept path", () => {
  const kept = [{ path: "/srv/lvs/here", name: "the current directory" }];
  for (const [path, reason] of [
    ["/etc", /^\/etc is at the top of the file system; it is never replaced, even with --force$/],
    ["/home", /^\/home is at the top/],
    ["/srv/lvs", /^that holds the current directory;/],
    ["/srv/lvs/here", /^that is the current directory;/],
  ] as const) assert.match(protectedPath(path, kept) ?? "", reason, path);
  for (const path of ["/etc/sysconfig/ha", "/srv/lvs/here2", "/srv/lvs/here/bundle"]) assert.is(protectedPath(path, kept), null, path);
});

test("a report or an emitted file never goes over an input file", () => {
  const dir = work();
  const cf = join(dir, "lvs.cf");
  writeFileSync(cf, readFileSync(example, "utf8"));
  const before = snapshot(dir);
  assertRefused(run("lvs-lint", [cf, "-o", cf]), /^lvs-lint: .*lvs\.cf: that is an input file; write the output to another file\n$/);
  assertRefused(run("lvs-compile", ["--emit", "keepalived", cf, "-o", cf]), /that is an input file/);
  assert.equal(snapshot(dir), before);
});

test("a regular file is refused and left byte for byte", () => {
  const file = join(work(), "lvs.cf.bak");
  writeFileSync(file, "virtual web {\n}\n", { mode: 0o600 });
  const before = snapshot(file);
  assertRefused(run("lvs-compile", [example, "-o", file]), /^lvs-compile: .*lvs\.cf\.bak: that is a file, not a bundle directory; remove it, or give --force to replace it\n$/);
  assert.equal(snapshot(file), before);
});

test("devices, /proc, /sys, /dev and the root are refused, even with --force", () => {
  for (const [path, reason] of [
    ["/proc/lvs-test", /\/proc belongs to the kernel/],
    ["/sys/lvs-test", /\/sys belongs to the kernel/],
    ["/dev/null", /\/dev belongs to the kernel/],
    ["/", /that is the root directory/],
  ] as const) {
    for (const force of [[], ["--force"]]) assertRefused(run("lvs-compile", [example, "-o", path, ...force]), reason);
  }
  assert.ok(lstatSync("/dev/null").isCharacterDevice(), "/dev/null is still a device");
  if (isRoot) {
    // A device node outside /dev: the same major and minor as /dev/null.
    const node = join(work(), "null");
    const made = spawnSync("mknod", [node, "c", "1", "3"], { encoding: "utf8" });
    assert.is(made.status, 0, made.stderr);
    const before = snapshot(node);
    assertRefused(run("lvs-compile", [example, "-o", node, "--force"]), /that is a device; nothing is written there/);
    assert.equal(snapshot(node), before);
  }
});

test("--emit -o and lvs-lint -o take a file: a directory or a device is refused", () => {
  const dir = work();
  writeFileSync(join(dir, "keep"), "x\n");
  const before = snapshot(dir);
  assertRefused(run("lvs-compile", ["--emit", "keepalived", example, "-o", dir]), /that is a directory; -o takes a file name/);
  assertRefused(run("lvs-lint", [example, "-o", dir]), /^lvs-lint: .*: that is a directory; -o takes a file name\n$/);
  assertRefused(run("lvs-lint", [example, "-o", "/dev/null"]), /\/dev belongs to the kernel/);
  assert.equal(snapshot(dir), before);
  const report = join(dir, "report.json");
  assert.is(run("lvs-lint", ["-f", "json", example, "-o", report]).status, 0);
  assert.is(JSON.parse(readFileSync(report, "utf8"))[0].errorCount, 0);
});

test("a disk that fills while a bundle is written leaves the earlier bundle as it was", () => {
  // A file system of 1 MiB of its own, in a mount namespace: the first bundle fits, the next does not.
  const base = work();
  const big = join(base, "big.cf");
  writeFileSync(big, generateConfig(300, 10));
  const small = join(base, "small");
  mkdirSync(small);
  const script =
    'mount -t tmpfs -o size=1m tmpfs "$4"; "$1" "$2" "$3" -o "$4/bundle" || exit 9; before=$(cd "$4" && find . -type f | sort | xargs sha256sum); "$1" "$2" "$5" -o "$4/bundle"; echo "exit $?"; after=$(cd "$4" && find . -type f | sort | xargs sha256sum); [ "$before" = "$after" ] && echo same; ls -A "$4"';
  const r = spawnSync("unshare", ["-m", "sh", "-c", script, "sh", process.execPath, bin("lvs-compile"), example, small, big], { encoding: "utf8", timeout: 60_000 });
  assert.match(r.stderr, /^lvs-compile: .*\/bundle: cannot write the bundle: no space left on device\n$/, r.stdout + r.stderr);
  assert.is(r.stdout, "exit 2\nsame\nbundle\n", "the earlier bundle is whole and nothing else is left");
});

test("an unwritable parent and a mount point get one clear line, and nothing is left behind", () => {
  const base = work();
  const parent = join(base, "ro");
  mkdirSync(parent);
  writeFileSync(join(parent, "keep"), "x\n");
  const shell = (script: string) =>
    isRoot
      ? spawnSync("unshare", ["-m", "sh", "-ec", script, "sh", process.execPath, bin("lvs-compile"), example, parent], { encoding: "utf8", timeout: 30_000 })
      : null;
  if (isRoot) {
    // A read-only mount over the parent: root may write anywhere else.
    const ro = shell('mount --bind "$4" "$4"; mount -o remount,bind,ro "$4"; "$1" "$2" "$3" -o "$4/bundle"')!;
    assertRefused(ro, /^lvs-compile: .*ro\/bundle: cannot write the bundle: read-only file system in .*ro\n$/);
    const mounted = shell('mkdir -p "$4/mnt"; mount -t tmpfs tmpfs "$4/mnt"; "$1" "$2" "$3" -o "$4/mnt"')!;
    assertRefused(mounted, /^lvs-compile: .*ro\/mnt: that is a mount point, and a bundle directory is replaced as a whole; give a directory inside it\n$/);
    spawnSync("rmdir", [join(parent, "mnt")]);
  } else {
    spawnSync("chmod", ["0555", parent]);
    assertRefused(run("lvs-compile", [example, "-o", join(parent, "bundle")]), /cannot write the bundle: permission denied in .*ro\n$/);
  }
  assert.equal(readdirSync(parent), ["keep"], "nothing is left in the parent");
});

test.run();
