/**
 * `npm run bench`: lint (parse, model, every rule), format and compile (a whole bundle) of
 * generated lvs.cf files of
 * 100, 1,000 and 10,000 virtual servers with 10 real servers each, each run in a fresh process
 * (wall time includes start-up), the three jobs in turn on each size; then lvs-run's health checks and reconcile (bench/runtime.ts)
 * and the takeover time of a failover pair (bench/failover.ts), the language server
 * (bench/lsp.ts) and the status page at 10,000 services (bench/page.ts).
 * Prints a table for each and writes bench/results/bench.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateConfig } from "./generate.ts";
import { failoverBench, failoverLines } from "./failover.ts";
import { lspBench, lspLines } from "./lsp.ts";
import { pageBench, pageLines } from "./page.ts";
import { runtimeBench, runtimeLines } from "./runtime.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const child = join(root, "dist", "bench", "child.js");
const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(1);

/**
 * This machine's speed at the time of the run: a fixed loop of plain arithmetic, in a fresh
 * process. On a shared or throttled machine it varies from run to run, and the other figures
 * with it; comparing it across runs tells how far they are comparable.
 */
function referenceLoopMs(): number {
  const loop = "const t = performance.now(); let s = 0; for (let i = 0; i < 3e8; i++) s += i; console.log(performance.now() - t, s > 0);";
  const r = spawnSync(process.execPath, ["-e", loop], { encoding: "utf8" });
  return Math.round(Number(r.stdout.split(" ")[0]));
}
const referenceBefore = referenceLoopMs();

/** Files under `dir`, the bundle's size in files. */
function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}

const dir = mkdtempSync(join(tmpdir(), "lvs-bench-"));
const rows: Array<Record<string, number | string>> = [];
/** Runs per row, the same for every job: the best of more runs is lower, so a ratio of bests compares like with like. */
const RUNS = 5;
const JOBS = ["lint", "format", "compile"] as const;
for (const virtuals of [100, 1000, 10000]) {
  const runs = JOBS.map((job) => {
    // Past 8 MiB Piranha refuses the file (LVS1019); the compiler is measured on it all the same.
    const directive = job === "compile" ? "# lvs-lint disable=LVS1019 -- measuring the compiler on a file larger than Piranha reads\n" : "";
    const text = directive + generateConfig(virtuals, 10);
    const file = join(dir, `${job}-v${virtuals}.cf`);
    writeFileSync(file, text);
    return { job, text, file, walls: [] as number[], rss: 0 };
  });
  // The jobs in turn, run after run: a machine whose speed drifts over the minutes slows them alike.
  for (let i = 0; i < RUNS; i++) {
    for (const run of runs) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [child, run.job, run.file, join(dir, "bundle")], { encoding: "utf8" });
      run.walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`${run.job} run failed: ${r.stderr}`);
      run.rss = Math.max(run.rss, JSON.parse(r.stdout.trim()).maxRssKiB / 1024);
    }
  }
  for (const { job, text, walls, rss } of runs) {
    walls.sort((a, b) => a - b);
    const wall = walls[0]!;
    const median = walls[walls.length >> 1]!;
    const mb = Buffer.byteLength(text) / 1e6;
    const files = job === "compile" ? countFiles(join(dir, "bundle")) : "";
    rows.push({ job, virtuals, realServers: virtuals * 10, megabytes: +mb.toFixed(2), wallMs: Math.round(wall), medianWallMs: Math.round(median), runs: RUNS, mbPerSecond: +(mb / (wall / 1000)).toFixed(1), peakRssMiB: Math.round(rss), files });
  }
}
rows.sort((a, b) => JOBS.indexOf(a.job as (typeof JOBS)[number]) - JOBS.indexOf(b.job as (typeof JOBS)[number]) || (a.virtuals as number) - (b.virtuals as number));
rmSync(dir, { recursive: true, force: true });
const runtime = await runtimeBench(join(root, "dist", "bench", "runtime-child.js"));
const failover = await failoverBench(join(root, "dist", "bin", "lvs-compile.js"));
const lsp = await lspBench(root);
const page = await pageBench();
const reference = { beforeMs: referenceBefore, afterMs: referenceLoopMs() };

console.log(`reference loop (3e8 additions, fresh process): ${reference.beforeMs} ms before the runs, ${reference.afterMs} ms after\n`);
const head = ["job", "virtuals", "real servers", "MB", "runs", "wall ms, best", "wall ms, median", "MB/s (best)", "peak RSS MiB", "bundle files"];
console.log(head.join(" | "));
console.log(head.map((h) => "-".repeat(h.length)).join(" | "));
for (const r of rows) console.log([r.job, r.virtuals, r.realServers, r.megabytes, r.runs, r.wallMs, r.medianWallMs, r.mbPerSecond, r.peakRssMiB, r.files].join(" | "));
const best = (job: string, virtuals: number) => Number(rows.find((r) => r.job === job && r.virtuals === virtuals)!.wallMs);
const compileToLint = +(best("compile", 10000) / best("lint", 10000)).toFixed(2);
console.log(`\ncompile / lint, 10,000 virtual servers (best of each): ${compileToLint}`);
console.log("\n" + runtimeLines(runtime).join("\n"));
console.log("\n" + failoverLines(failover).join("\n"));
console.log("\n" + lspLines(lsp).join("\n"));
console.log("\n" + pageLines(page).join("\n"));
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "bench.json"), JSON.stringify({ node: process.version, reference, rows, compileToLint, runtime, failover, lsp, page }, null, 2) + "\n");
