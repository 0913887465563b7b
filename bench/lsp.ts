/**
 * The language server's part of `npm run bench`: diagnostics latency after a one-character edit
 * in the 10,000-virtual file. This file bundled (dist/bench/lsp.js, built here with esbuild like
 * the executables) runs in a fresh process: it opens the file as an LvsDocument, takes the
 * first diagnostics, warms up, then times edits as an editor sends them, each from the change
 * to the LSP diagnostics of the new text (the debounce of the server not counted).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { diagnostics } from "../compiler/lsp/diagnostics.ts";
import { LvsDocument } from "../compiler/lsp/document.ts";
import { limitHeapGrowth, LSP_HEAP_GROWTH_PERCENT } from "../lib/heap.ts";
import { generateConfig } from "./generate.ts";

const VIRTUALS = 10000;
const WARMUP = 10;
const EDITS = 40;
/** The target for the weight edit, after warm-up. */
const TARGET_MS = 100;

export interface LatencyFigures {
  readonly edits: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly maxMs: number;
}

export interface LspFigures {
  readonly virtuals: number;
  readonly megabytes: number;
  /** Opening the document (split into segments, each parsed) and its first diagnostics. */
  readonly openMs: number;
  readonly firstDiagnosticsMs: number;
  /** A digit of a real server's `weight` replaced (the headline figure). */
  readonly weightEdit: LatencyFigures;
  /** A digit of a VIP replaced: the rules comparing VIPs across the file run again. */
  readonly vipEdit: LatencyFigures;
  /** A line break typed in a comment: every later line moves. */
  readonly newlineEdit: LatencyFigures;
  readonly targetMs: number;
  readonly peakRssMiB: number;
}

function figures(times: number[]): LatencyFigures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return { edits: times.length, medianMs: at(0.5), p90Ms: at(0.9), maxMs: at(1) };
}

/** Times `edit` (an LSP change of the document) through to the diagnostics, `count` times after a warm-up. */
function measure(doc: LvsDocument, count: number, edit: (i: number) => void): LatencyFigures {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + count; i++) {
    const t0 = performance.now();
    edit(i);
    diagnostics(doc);
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return figures(times);
}

/** Replaces the character at `offset` of the document, as an editor's incremental change. */
function typeAt(doc: LvsDocument, offset: number, text: string, removed = 1): void {
  const start = doc.positionAt(offset);
  const end = doc.positionAt(offset + removed);
  doc.update([{ range: { start, end }, text }]);
}

/** The measurement itself, in the bundled child process. */
function run(): LspFigures {
  limitHeapGrowth(LSP_HEAP_GROWTH_PERCENT);
  let text: string | null = generateConfig(VIRTUALS, 10);
  const megabytes = +(Buffer.byteLength(text) / 1e6).toFixed(2);
  let t0 = performance.now();
  const doc = new LvsDocument(text);
  const openMs = performance.now() - t0;
  // An editor's text arrives in the open message, which is dropped once the document holds it.
  text = null;
  t0 = performance.now();
  diagnostics(doc);
  const firstDiagnosticsMs = performance.now() - t0;
  // Edits spread over the file: in virtual web<k>, k stepping through it.
  const virtualAt = (i: number): number => doc.text.indexOf(`virtual web${(i * 997 + 123) % VIRTUALS} {`);
  const weightEdit = measure(doc, EDITS, (i) => {
    const at = doc.text.indexOf("weight = ", virtualAt(i)) + "weight = ".length;
    typeAt(doc, at, doc.text[at] === "1" ? "2" : "1");
  });
  const vipEdit = measure(doc, EDITS, (i) => {
    // The last digit of the VIP: 172.16.x.y becomes 172.16.x.y' and back (another VIP, unused).
    const line = doc.text.indexOf("address = 172.", virtualAt(i));
    const at = doc.text.indexOf(" eth", line) - 1;
    typeAt(doc, at, doc.text[at] === "9" ? "8" : "9");
  });
  let inserted = false;
  const newlineEdit = measure(doc, EDITS, () => {
    // After `serial_no = 1` on the first line: a line break, then the next time removed again.
    const at = "serial_no = 1".length;
    if (inserted) typeAt(doc, at, "", 1);
    else typeAt(doc, at, "\n", 0);
    inserted = !inserted;
  });
  return {
    virtuals: VIRTUALS,
    megabytes,
    openMs: Math.round(openMs),
    firstDiagnosticsMs: Math.round(firstDiagnosticsMs),
    weightEdit,
    vipEdit,
    newlineEdit,
    targetMs: TARGET_MS,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Bundles this file (as the executables are bundled) and runs the measurement in a fresh process. */
export async function lspBench(root: string): Promise<LspFigures> {
  const out = join(root, "dist", "bench", "lsp.js");
  await build({
    absWorkingDir: root,
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["esbuild"],
    logLevel: "warning",
  });
  const r = spawnSync(process.execPath, [out, "--measure"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`lsp bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as LspFigures;
}

export function lspLines(f: LspFigures): string[] {
  const row = (what: string, l: LatencyFigures): string => `${what} | ${l.edits} | ${l.medianMs} | ${l.p90Ms} | ${l.maxMs}`;
  return [
    `language server, ${f.virtuals.toLocaleString("en")}-virtual file (${f.megabytes} MB): open ${f.openMs} ms, first diagnostics ${f.firstDiagnosticsMs} ms, peak RSS ${f.peakRssMiB} MiB`,
    "diagnostics latency after a one-character edit | edits | median ms | p90 ms | max ms",
    "----------------------------------------------- | ----- | --------- | ------ | ------",
    row(`a digit of a weight (target: under ${f.targetMs} ms)`, f.weightEdit),
    row("a digit of a VIP", f.vipEdit),
    row("a line break near the top", f.newlineEdit),
  ];
}

if (process.argv.includes("--measure")) process.stdout.write(JSON.stringify(run()) + "\n");
