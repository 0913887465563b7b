// Builds the executables, type-checks, runs every uvu suite under test/, and ends with one summary line
// "N passed, N failed" that CI can read. Exit status: 0 when nothing failed.
//
// The VM suites (test/vm/) spend their time in an emulated CPU, so they run in a uvu process of
// their own beside the other suites; their output is printed after the others'.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// No colours, so that the summaries can be read (NO_COLOR beside FORCE_COLOR only draws a warning).
const env = { ...process.env, FORCE_COLOR: "0" };

// The executables the stdio tests run, then a type check of everything (tests included).
for (const [cmd, args] of [
  [process.execPath, ["scripts/build.mjs"]],
  [process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]],
]) {
  if (spawnSync(cmd, args, { cwd: root, stdio: "inherit", env }).status !== 0) {
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

/** Runs uvu over test/ with `args`; resolves with its exit status and standard output. */
function uvu(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "node_modules/uvu/bin.js", "test", ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s) => (out += s));
    child.on("close", (status) => resolve({ status, out }));
  });
}

const pattern = process.argv[2];
const runs = await Promise.all(pattern ? [uvu([pattern])] : [uvu(["--ignore", "^vm/"]), uvu(["^vm/.*\\.test\\.ts$"])]);
let passed = 0;
let failed = 0;
for (const { status, out } of runs) {
  process.stdout.write(out);
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  passed += ok;
  failed += status === 0 ? total - ok : Math.max(1, total - ok);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
