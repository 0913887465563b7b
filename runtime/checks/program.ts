/** A check program (`send_program`): run with the server's address, its output compared with `expect`. */
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { HealthCheck } from "../manifest.ts";
import { fail, pass, type Verdict } from "./attempt.ts";
import { cBytes, cString, show, utf8 } from "./bytes.ts";
import { errorText } from "./socket-errors.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";

/** nanny reads at most this many bytes of a program's output (a 4096-byte buffer). */
export const PROGRAM_OUTPUT_MAX = 4095;
/** How long a killed program may take to be reaped before the check ends anyway. */
const KILL_GRACE_MS = 500;

type ProgramCheck = Extract<HealthCheck, { kind: "program" }>;

export async function programCheck(check: ProgramCheck, target: CheckTarget, timeoutMs: number, signal?: AbortSignal): Promise<CheckOutcome> {
  const started = performance.now();
  const argv = check.argv.map((word) => (word === "%h" ? target.address : word === "%p" ? String(target.port) : word));
  const run = await runProgram(argv, timeoutMs, signal);
  const verdict = programVerdict(run, argv[0] ?? "", timeoutMs, check.expect);
  return { ok: verdict.ok, latencyMs: performance.now() - started, detail: verdict.detail, summary: verdict.summary };
}

/** nanny's rule, except that a failed run fails whatever `expect` is (nanny passes it when set). */
function programVerdict(run: ProgramRun, program: string, timeoutMs: number, expect: string | null): Verdict {
  if (run.end === "not-started") return fail(`cannot run ${show(utf8(program))}: ${run.error}`, "program did not start");
  if (run.end === "timed-out") return fail(`${program} timed out after ${timeoutMs / 1000} s and was killed`, "program timed out");
  if (run.end === "aborted") return fail("aborted", "aborted");
  if (run.end === "exited" && run.signal !== null) return fail(`${program} was killed by ${run.signal}`, `program killed by ${run.signal}`);
  if (run.end === "exited" && run.code !== 0) return fail(`${program} exited with status ${run.code}`, `program exited with status ${run.code}`);
  const printed = programResult(run.output);
  if (expect === null) return fail(`${program} printed ${show(printed)} and there is no expect to compare it with`, "no expect to compare with");
  const expected = cBytes(expect);
  return printed.equals(expected) ? pass(`${program} printed ${show(printed)}`, "output as expected") : fail(`${program} printed ${show(printed)}, not ${show(expected)}`, "output not as expected");
}

/** What nanny compares: the output without its last byte (the newline), up to a NUL. */
export function programResult(output: Buffer): Buffer {
  return cString(output.subarray(0, Math.max(0, output.length - 1)));
}

export interface ProgramRun {
  /**
   * `exited` on its own, killed at the deadline, never started, stopped by the abort signal, or
   * killed once it had printed all nanny reads (`output-full`).
   */
  readonly end: "exited" | "timed-out" | "not-started" | "aborted" | "output-full";
  /** Exit status, null when it did not exit on its own. */
  readonly code: number | null;
  /** The signal that ended it, when one did. */
  readonly signal: NodeJS.Signals | null;
  /** The first 4095 bytes of its standard output. */
  readonly output: Buffer;
  /** Why it did not start. */
  readonly error: string | null;
}

/**
 * Runs argv (PATH search, no shell) in a process group of its own, stdin /dev/null, stderr
 * dropped. The whole group is killed (SIGKILL) at the deadline, on abort, once it printed 4095
 * bytes, and when the program exits, so that what it left running cannot hold its output open
 * or linger.
 */
export function runProgram(argv: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const notStarted = (error: string): void => resolve({ end: "not-started", code: null, signal: null, output: Buffer.alloc(0), error });
    const [program, ...args] = argv;
    if (program === undefined) return notStarted("empty command");
    if (signal?.aborted) return resolve({ end: "aborted", code: null, signal: null, output: Buffer.alloc(0), error: null });
    let child: ChildProcess;
    try {
      child = spawn(program, args, { detached: true, stdio: ["ignore", "pipe", "ignore"] });
    } catch (e) {
      return notStarted(errorText(e));
    }
    const stdout = child.stdout!;
    const output: Buffer[] = [];
    let kept = 0;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let outputClosed = false;
    let stopping: "timed-out" | "aborted" | "output-full" | null = null;
    let grace: NodeJS.Timeout | undefined;
    let settled = false;

    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group is already empty.
      }
    };
    const settle = (end: ProgramRun["end"], error: string | null = null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(grace);
      signal?.removeEventListener("abort", onAbort);
      stdout.destroy();
      const ended = end === "exited" ? exit : null;
      resolve({ end, code: ended?.code ?? null, signal: ended?.signal ?? null, output: Buffer.concat(output), error });
    };
    const stop = (why: "timed-out" | "aborted" | "output-full"): void => {
      stopping = why;
      killGroup();
      if (exit) settle(why);
      else grace = setTimeout(() => settle(why), KILL_GRACE_MS);
    };
    const onAbort = (): void => (exit ? settle("aborted") : stop("aborted"));

    stdout.on("data", (bytes: Buffer) => {
      if (kept >= PROGRAM_OUTPUT_MAX) return;
      const piece = bytes.subarray(0, PROGRAM_OUTPUT_MAX - kept);
      output.push(piece);
      kept += piece.length;
      // All nanny would read: reading on would only cost CPU; the group goes, judged on this.
      if (kept >= PROGRAM_OUTPUT_MAX && !exit && !stopping) stop("output-full");
    });
    stdout.on("error", () => {});
    stdout.on("close", () => {
      outputClosed = true;
      if (exit && !stopping) settle("exited");
    });
    child.on("error", (e) => {
      if (child.pid === undefined) settle("not-started", errorText(e));
    });
    child.on("exit", (code, sig) => {
      exit = { code, signal: sig };
      killGroup();
      if (stopping) settle(stopping);
      else if (outputClosed) settle("exited");
    });
    // Exited but its output still held open (by a process that left the group): judge what came.
    // As for sockets, an exit that came while the loop was busy is seen before the deadline acts.
    const deadline = setTimeout(
      () =>
        setImmediate(() => {
          if (settled) return;
          if (exit) settle("exited");
          else stop("timed-out");
        }),
      timeoutMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
