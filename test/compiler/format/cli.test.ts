/** `lvs-fmt`: in-process with a fake io, and once as the built executable. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CliIO } from "../../../compiler/cli-io.ts";
import { runCli } from "../../../compiler/cli-io.ts";
import { fmtMain } from "../../../compiler/format/cli.ts";

const UGLY = "serial_no=1\r\nvirtual a{\r\nport=80 # http\r\n}\r\n";
const PRETTY = "serial_no = 1\nvirtual a {\n     # http\n     port = 80\n}\n";

function fakeIO(files: Record<string, string>, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const writes: string[] = [];
  const io: CliIO = {
    cwd: "/w",
    readStdin: async () => stdin,
    readFile(path) {
      const t = files[path];
      if (t === undefined) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return t;
    },
    readBytes() {
      throw new Error("lvs-fmt reads text");
    },
    writeFile(path, text) {
      writes.push(path);
      files[path] = text;
    },
    writeTree() {
      throw new Error("lvs-fmt writes no directory");
    },
    bundleTarget() {
      throw new Error("lvs-fmt writes no directory");
    },
    fileTarget: (path) => ({ ok: true, path }),
    readTree: () => null,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutColumns: null,
  };
  return { io, files, writes, out: () => out.join(""), err: () => err.join("") };
}

const run = (argv: string[], f: ReturnType<typeof fakeIO>) => runCli("lvs-fmt", (io) => fmtMain(argv, io), f.io);

test("stdout by default, standard input with -", async () => {
  const f = fakeIO({ "/w/a.cf": UGLY }, "keepalive=6\n");
  assert.is(await run(["a.cf", "-"], f), 0);
  assert.is(f.out(), PRETTY + "keepalive = 6\n");
  assert.equal(f.writes, []);
});

test("--check: a diff and exit 1 when a file would change, exit 0 when none", async () => {
  const f = fakeIO({ "/w/a.cf": UGLY, "/w/b.cf": PRETTY });
  assert.is(await run(["--check", "a.cf", "b.cf"], f), 1);
  assert.match(f.out(), "--- a/a.cf");
  assert.match(f.out(), "+serial_no = 1");
  assert.not.match(f.out(), "b.cf");
  const g = fakeIO({ "/w/b.cf": PRETTY });
  assert.is(await run(["--check", "b.cf"], g), 0);
  assert.is(g.out(), "");
});

test("--write rewrites only the files that change", async () => {
  const f = fakeIO({ "/w/a.cf": UGLY, "/w/b.cf": PRETTY });
  assert.is(await run(["--write", "a.cf", "b.cf"], f), 0);
  assert.equal(f.writes, ["/w/a.cf"]);
  assert.is(f.files["/w/a.cf"], PRETTY);
});

test("--indent N", async () => {
  const f = fakeIO({ "/w/a.cf": UGLY });
  assert.is(await run(["--indent", "2", "a.cf"], f), 0);
  assert.is(f.out(), "serial_no = 1\nvirtual a {\n  # http\n  port = 80\n}\n");
});

test("a syntax error formatting cannot repair: file untouched, file:line:col, exit 2", async () => {
  const bad = "primary = 1.2.3.4\n= 5\n";
  const f = fakeIO({ "/w/bad.cf": bad, "/w/a.cf": UGLY });
  assert.is(await run(["--write", "bad.cf", "a.cf"], f), 2);
  assert.equal(f.writes, ["/w/a.cf"]);
  assert.is(f.files["/w/bad.cf"], bad);
  assert.match(f.err(), /^bad\.cf:2:1: /);
});

test("usage errors and missing files exit 2", async () => {
  assert.is(await run(["--check", "--write", "a.cf"], fakeIO({})), 2);
  assert.is(await run(["--indent", "x", "a.cf"], fakeIO({})), 2);
  assert.is(await run(["--write", "-"], fakeIO({})), 2);
  const f = fakeIO({});
  assert.is(await run(["nope.cf"], f), 2);
  assert.match(f.err(), "nope.cf: no such file");
});

test("the built executable: --check on a temporary file", () => {
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "lvs-fmt-"));
  const file = join(dir, "lvs.cf");
  writeFileSync(file, UGLY);
  const bin = join(root, "dist", "bin", "lvs-fmt.js");
  let r = spawnSync(process.execPath, [bin, "--check", file], { encoding: "utf8" });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, "+serial_no = 1");
  r = spawnSync(process.execPath, [bin, "--write", file], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.is(readFileSync(file, "utf8"), PRETTY);
  r = spawnSync(process.execPath, [bin, "--check", file], { encoding: "utf8" });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
