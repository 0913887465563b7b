/**
 * `lvs-fmt --write` and `lvs-lint --fix` rewrite a file as an editor would: through a symbolic
 * link, keeping its mode and owner; a file that is not text is refused (exit 2) and left as it is.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (bin: string, args: string[]) => spawnSync(process.execPath, [join(root, "dist", "bin", `${bin}.js`), ...args], { encoding: "utf8" });
const isRoot = process.getuid?.() === 0;
/** Glued `=` on both lines: `--write` and `--fix` both change it. */
const GLUED = "primary=10.0.0.1\nkeepalive=6\n";
const REWRITES: Array<[string, string[]]> = [
  ["lvs-fmt", ["--write"]],
  ["lvs-lint", ["--fix"]],
];

for (const [bin, flags] of REWRITES) {
  test(`${bin} ${flags.join(" ")}: through a symbolic link, the file it names is rewritten and the link stays`, () => {
    const dir = mkdtempSync(join(tmpdir(), "lvs-rewrite-"));
    writeFileSync(join(dir, "real.cf"), GLUED);
    symlinkSync("real.cf", join(dir, "lvs.cf"));
    const r = run(bin, [...flags, join(dir, "lvs.cf")]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.ok(lstatSync(join(dir, "lvs.cf")).isSymbolicLink(), "still a link");
    assert.is(readlinkSync(join(dir, "lvs.cf")), "real.cf");
    assert.match(readFileSync(join(dir, "real.cf"), "utf8"), /^primary = 10\.0\.0\.1\n/);
  });

  test(`${bin} ${flags.join(" ")}: the file keeps its mode and owner`, () => {
    const dir = mkdtempSync(join(tmpdir(), "lvs-rewrite-"));
    const file = join(dir, "lvs.cf");
    writeFileSync(file, GLUED);
    chmodSync(file, 0o600);
    // As root the file is given to nobody, as a director's lvs.cf may belong to another user.
    if (isRoot) chownSync(file, 65534, 65534);
    const before = statSync(file);
    const r = run(bin, [...flags, file]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const after = statSync(file);
    assert.not.equal(after.ino, before.ino, "rewritten (a new file renamed into place)");
    assert.is(after.mode & 0o7777, 0o600);
    assert.equal([after.uid, after.gid], [before.uid, before.gid]);
    assert.match(readFileSync(file, "utf8"), /^primary = 10\.0\.0\.1\n/);
  });

  test(`${bin} ${flags.join(" ")}: a file that is not text is refused and left byte for byte`, () => {
    const dir = mkdtempSync(join(tmpdir(), "lvs-rewrite-"));
    const cases: Array<[string, Buffer, RegExp]> = [
      ["nul.cf", Buffer.from("primary=10.0.0.1\n\0\0\0binary\n"), /not a text file \(it holds NUL bytes\)/],
      ["latin1.cf", Buffer.from("# caf\xe9\nprimary=10.0.0.1\n", "latin1"), /not a text file \(it is not valid UTF-8\)/],
    ];
    for (const [name, bytes, reason] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = run(bin, [...flags, file]);
      assert.is(r.status, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, reason);
      assert.equal(readFileSync(file), bytes, `${name} is unchanged`);
    }
  });
}

test("lvs-lint without --fix still reads a file in another encoding (nothing is rewritten)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvs-rewrite-"));
  const file = join(dir, "lvs.cf");
  writeFileSync(file, Buffer.from("# caf\xe9\nprimary = 10.0.0.1\n", "latin1"));
  const r = run("lvs-lint", ["--format", "json", file]);
  assert.is(r.status, 1, r.stderr);
  assert.ok(JSON.parse(r.stdout)[0].messages.length > 0);
});

test.run();
