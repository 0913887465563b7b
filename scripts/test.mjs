// Builds the executables, type-checks, runs every uvu suite under test/, and ends with one summary line
// "N passed, N failed" that CI can read. Exit status: 0 when nothing failed.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (cmd, args, capture) =>
  spawnSync(cmd, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit", encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });

// The executables the stdio tests run, then a type check of everything (tests included).
for (const [cmd, args] of [
  [process.execPath, ["scripts/build.mjs"]],
  [process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]],
]) {
  if (run(cmd, args, false).status !== 0) {
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
const pattern = process.argv[2] ? [process.argv[2]] : [];
const uvu = run(process.execPath, ["--import", "tsx", "node_modules/uvu/bin.js", "test", ...pattern], true);
const out = uvu.stdout ?? "";
process.stdout.write(out);
const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
const failed = uvu.status === 0 ? total - passed : Math.max(1, total - passed);
console.log(`${passed} passed, ${failed} failed`);
process.exit(uvu.status === 0 && failed === 0 ? 0 : 1);
