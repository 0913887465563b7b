/** Every script of every golden bundle parses under dash, busybox sh and bash, and ShellCheck finds nothing. */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const GOLDEN = fileURLToPath(new URL("../../../fixtures/bundles/", import.meta.url));

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return scripts(path);
    return e.name === "lvs-director" || e.name === "lvs-realserver" ? [path] : [];
  });
}

const all = scripts(GOLDEN).sort();

test("the golden bundles hold scripts of every kind", () => {
  assert.ok(all.some((p) => p.endsWith("/director/lvs-director")));
  assert.ok(all.some((p) => p.endsWith("/lvs-realserver")));
  assert.ok(all.length >= 30, `${all.length} scripts`);
});

for (const [shell, args] of [["dash", ["-n"]], ["busybox", ["sh", "-n"]], ["bash", ["-n"]]] as const) {
  test(`${shell} ${args.join(" ")} accepts every script`, () => {
    const failures = all.flatMap((path) => {
      const r = spawnSync(shell, [...args, path], { encoding: "utf8" });
      if (r.error) throw new Error(`${shell} is not installed (${r.error.message})`);
      return r.status === 0 ? [] : [`${relative(GOLDEN, path)}: ${r.stderr}`];
    });
    assert.equal(failures, []);
  });
}

test("ShellCheck (POSIX sh, every severity) finds nothing", () => {
  const r = spawnSync("shellcheck", ["--shell=sh", "--severity=style", "--format=gcc", ...all], { encoding: "utf8" });
  if (r.error) throw new Error(`shellcheck is not installed (${r.error.message}); .ci/run installs it`);
  assert.is(r.stdout, "", r.stdout);
  assert.is(r.status, 0, r.stderr);
});

test.run();
