/**
 * A real server's one-minute load average, read as nanny's getRemoteLoad reads it: run the load
 * command (`rsh RIP uptime`, `rup RIP`, …) and pick the number out of its output.
 */
import { programResult, runProgram } from "./program.ts";
import type { CheckTarget } from "./types.ts";

/**
 * Runs the load command (argv template: a word exactly `%h` is the server's address) in its own
 * process group, killed at `timeoutMs`. Null when it cannot run, fails, times out, or prints
 * nothing nanny can read.
 */
export async function loadAverage(argv: readonly string[], target: CheckTarget, timeoutMs: number, opts: { readonly signal?: AbortSignal } = {}): Promise<number | null> {
  const run = await runProgram(
    argv.map((word) => (word === "%h" ? target.address : word)),
    timeoutMs,
    opts.signal,
  );
  if (run.end !== "exited" || run.signal !== null || run.code !== 0) return null;
  return parseLoad(programResult(run.output).toString("latin1"));
}

/**
 * nanny's parse: find `load`, then the next `:`, skip two characters, read digits and dots up to
 * a `,` or a space. `load average: 0.20, 0.18, 0.11` (uptime, rup) gives 0.2; ruptime's
 * `load 0.07, …` has no colon and gives null, as nanny rejects it. Where nanny's strtod would
 * read no digit at all and return 0, this is null: no number, no load.
 */
export function parseLoad(output: string): number | null {
  const word = output.indexOf("load");
  if (word < 0) return null;
  const colon = output.indexOf(":", word);
  if (colon < 0) return null;
  const start = colon + 2;
  if (start > output.length) return null;
  let end = start;
  while (end < output.length && /[0-9.]/.test(output[end]!)) end++;
  if (output[end] !== "," && output[end] !== " ") return null;
  // strtod reads the longest number it can: `1.2.3` is 1.2.
  const number = /^\d*(?:\.\d*)?/.exec(output.slice(start, end))![0];
  return /\d/.test(number) ? Number(number) : null;
}
