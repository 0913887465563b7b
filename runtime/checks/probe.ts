/**
 * One health check of one real server, as nanny runs it (its `pinger` and `external_check`), in
 * this process's event loop: a TCP or UDP exchange, or a check program. Every check ends by its
 * deadline (`interval` seconds) whatever the server or the program does, and leaves no socket,
 * timer or process behind. docs/runtime-vs-nanny.md lists where the outcome differs from nanny's.
 *
 * `send` and `expect` are the lvs.cf text decoded as UTF-8 (escapes already converted); their
 * UTF-8 encoding is the bytes nanny sends and compares. Replies are compared as bytes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import net from "node:net";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { compileEre as compileMatcher, type CompiledEre, type EreMatcher } from "../../lib/posix-ere/matcher.ts";
import type { CheckSettings, HealthCheck } from "../manifest.ts";
import type { CheckOutcome, CheckTarget } from "./types.ts";

export interface ProbeOptions {
  /** Ends the check at once (a failure, "aborted"), killing its program if it runs one. */
  readonly signal?: AbortSignal;
}

/** nanny reads at most this many bytes of a reply (its buffer holds 255 with the terminator). */
const REPLY_MAX = 254;
/** nanny reads at most this many bytes of a program's output (a 4096-byte buffer). */
export const PROGRAM_OUTPUT_MAX = 4095;
/** How long a killed program may take to be reaped before the check ends anyway. */
const KILL_GRACE_MS = 500;

export async function probe(settings: CheckSettings, target: CheckTarget, opts: ProbeOptions = {}): Promise<CheckOutcome> {
  const timeoutMs = Math.max(0, settings.interval) * 1000;
  const check = settings.check;
  if (check.kind === "program") return programProbe(check, target, timeoutMs, opts.signal);
  const send = check.send === null ? null : cBytes(check.send);
  if (check.kind === "connect") {
    return settings.protocol === "udp"
      ? datagramProbe(target, timeoutMs, send, null, opts.signal)
      : streamProbe(target, timeoutMs, send, null, opts.signal);
  }
  const judge = replyJudge(check);
  if ("error" in judge) return { ok: false, latencyMs: 0, detail: judge.error };
  return settings.protocol === "udp"
    ? datagramProbe(target, timeoutMs, send, judge, opts.signal)
    : streamProbe(target, timeoutMs, send, judge, opts.signal);
}

// ---------------------------------------------------------------------------------------------
// Judging a reply

export interface Verdict {
  readonly ok: boolean;
  readonly detail: string;
}

const pass = (detail: string): Verdict => ({ ok: true, detail });
const fail = (detail: string): Verdict => ({ ok: false, detail });

/** How a reply is judged, fed as it arrives; a TCP reply may come in any number of pieces. */
export interface ReplyJudge {
  /** More bytes arrived: the verdict once it is certain, else null. */
  feed(bytes: Uint8Array): Verdict | null;
  /** Nothing more will come: the server closed the connection, or the datagram is complete. */
  end(what: string): Verdict;
  /** The deadline passed. */
  timeout(): Verdict;
}

type ExpectCheck = Extract<HealthCheck, { kind: "send-expect" | "http-default" }>;

/** The judge of a check's replies, or why there can be none (a pattern regcomp rejects). */
export function replyJudge(check: ExpectCheck): ReplyJudge | { readonly error: string } {
  if (check.kind === "send-expect" && check.regex) {
    const compiled = compileEreCached(check.expect);
    if (!compiled.ok) return { error: `expect ${show(utf8(check.expect))} is not a regular expression glibc compiles: ${compiled.error}` };
    return regexJudge(compiled, check.expect);
  }
  if (check.expect === "*") return anyByteJudge();
  // nanny compares strlen(expect) bytes, at most 254.
  const expected = cBytes(check.expect).subarray(0, REPLY_MAX);
  return expected.length === 0 ? readableJudge() : prefixJudge(expected);
}

/** `expect = ""`: anything readable passes, the server closing the connection included. */
function readableJudge(): ReplyJudge {
  return {
    feed: (bytes) => pass(`reply ${show(bytes)}`),
    end: (what) => pass(`${what} (readable)`),
    timeout: () => fail("read timed out"),
  };
}

/** `expect = "*"`: any one byte. */
function anyByteJudge(): ReplyJudge {
  return {
    feed: (bytes) => (bytes.length > 0 ? pass(`reply ${show(bytes)}`) : null),
    end: (what) => fail(`${what} before any byte`),
    timeout: () => fail("read timed out"),
  };
}

/** The first `expected.length` bytes must be `expected`; a mismatch fails as soon as it arrives. */
function prefixJudge(expected: Buffer): ReplyJudge {
  let got = Buffer.alloc(0);
  return {
    feed(bytes) {
      got = Buffer.concat([got, bytes.subarray(0, expected.length - got.length)]);
      if (!got.equals(expected.subarray(0, got.length))) return fail(`reply ${show(got)} does not start with ${show(expected)}`);
      return got.length === expected.length ? pass(`reply ${show(got)}`) : null;
    },
    end: (what) => fail(`${what} after ${got.length} of ${expected.length} bytes: reply ${show(got)} is shorter than ${show(expected)}`),
    timeout: () => fail(got.length === 0 ? "read timed out" : `read timed out after ${got.length} of ${expected.length} bytes: ${show(got)}`),
  };
}

/**
 * An ERE searched in the first 254 bytes, up to the first NUL (regexec reads a C string). It
 * passes as soon as the bytes so far match; it fails when 254 bytes or a NUL arrived without.
 */
function regexJudge(ere: EreMatcher, pattern: string): ReplyJudge {
  let got = Buffer.alloc(0);
  const verdict = (): Verdict => (ere.matches(got) ? pass(`reply ${show(got)} matches`) : fail(`reply ${show(got)} does not match ${show(utf8(pattern))}`));
  return {
    feed(bytes) {
      got = Buffer.concat([got, bytes.subarray(0, REPLY_MAX - got.length)]);
      const v = verdict();
      return v.ok || got.length === REPLY_MAX || got.includes(0) ? v : null;
    },
    end: () => verdict(),
    timeout: () => (got.length === 0 ? fail("read timed out") : fail(`read timed out: ${verdict().detail}`)),
  };
}

// ---------------------------------------------------------------------------------------------
// One attempt: a deadline, an abort signal, and cleanup however it ends

interface Attempt {
  finish(verdict: Verdict): void;
  /** The verdict when the deadline passes (set as the check moves on). */
  onTimeout(verdict: () => Verdict): void;
  /** Runs when the attempt ends (at once when it already has). */
  cleanup(release: () => void): void;
}

function attempt(timeoutMs: number, signal: AbortSignal | undefined, start: (a: Attempt) => void): Promise<CheckOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const releases: Array<() => void> = [];
    let timeoutVerdict = (): Verdict => fail("timed out");
    let settled = false;
    const release = (f: () => void): void => {
      try {
        f();
      } catch {
        // Already closed.
      }
    };
    const finish = (verdict: Verdict): void => {
      if (settled) return;
      settled = true;
      const latencyMs = performance.now() - started;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      releases.forEach(release);
      resolve({ ok: verdict.ok, latencyMs, detail: verdict.detail });
    };
    const onAbort = (): void => finish(fail("aborted"));
    // The verdict waits for one poll of the event loop: a reply that came in time, while the
    // loop was busy elsewhere, is read before the deadline is declared missed.
    const timer = setTimeout(() => setImmediate(() => finish(timeoutVerdict())), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) return finish(fail("aborted"));
    try {
      start({
        finish,
        onTimeout: (v) => void (timeoutVerdict = v),
        cleanup: (f) => (settled ? release(f) : void releases.push(f)),
      });
    } catch (e) {
      finish(fail(`cannot check: ${errorText(e)}`));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// TCP

/**
 * Connect, send, then (with a judge) read until the judge is certain. Without a judge the check
 * passes once connected and, with `send`, once the bytes are handed to the kernel.
 */
function streamProbe(target: CheckTarget, timeoutMs: number, send: Buffer | null, judge: ReplyJudge | null, signal?: AbortSignal): Promise<CheckOutcome> {
  return attempt(timeoutMs, signal, (a) => {
    const socket = net.connect({ host: target.address, port: target.port });
    a.cleanup(() => socket.destroy());
    let connected = false;
    a.onTimeout(() => fail("connect timed out"));
    socket.on("error", (e) => {
      if (!connected) a.finish(fail(`connect ${connectErrorText(e)}`));
      else a.finish(fail(errorCode(e) === "ECONNRESET" ? "connection reset" : `${judge ? "read" : "write"} failed: ${errorText(e)}`));
    });
    socket.on("connect", () => {
      connected = true;
      a.onTimeout(() => (judge ? judge.timeout() : fail("write timed out")));
      if (send !== null && send.length > 0) {
        socket.write(send, (err) => {
          if (!err && !judge) a.finish(pass(`connected, sent ${send.length} bytes`));
        });
      } else if (!judge) a.finish(pass("connected"));
    });
    if (judge) {
      socket.on("data", (bytes: Buffer) => {
        const v = judge.feed(bytes);
        if (v) a.finish(v);
      });
      socket.on("end", () => a.finish(judge.end("connection closed")));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// UDP

/**
 * A connected UDP socket: send the datagram (an empty `send` sends an empty datagram, as nanny
 * does), then judge the first reply datagram. The kernel reports an ICMP port unreachable on a
 * connected socket as ECONNREFUSED. Without a judge: a reply passes at once, an ICMP error fails,
 * and silence until the deadline passes; with nothing to send there is nothing to wait for.
 */
function datagramProbe(target: CheckTarget, timeoutMs: number, send: Buffer | null, judge: ReplyJudge | null, signal?: AbortSignal): Promise<CheckOutcome> {
  return attempt(timeoutMs, signal, (a) => {
    const socket = dgram.createSocket(net.isIPv6(target.address) ? "udp6" : "udp4");
    a.cleanup(() => socket.close());
    a.onTimeout(() => (judge ? judge.timeout() : pass("no reply and no ICMP port unreachable within the interval")));
    socket.on("error", (e) => a.finish(fail(errorCode(e) === "ECONNREFUSED" ? "port unreachable (ICMP)" : `UDP ${errorText(e)}`)));
    socket.on("message", (bytes: Buffer) => a.finish(judge ? (judge.feed(bytes) ?? judge.end("datagram ended")) : pass(`reply ${show(bytes)}`)));
    socket.connect(target.port, target.address, () => {
      if (send !== null) {
        socket.send(send, (err) => {
          if (err) a.finish(fail(errorCode(err) === "ECONNREFUSED" ? "port unreachable (ICMP)" : `send failed: ${errorText(err)}`));
        });
      } else if (!judge) a.finish(pass("UDP with nothing to send: nothing to check"));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Check programs

type ProgramCheck = Extract<HealthCheck, { kind: "program" }>;

async function programProbe(check: ProgramCheck, target: CheckTarget, timeoutMs: number, signal?: AbortSignal): Promise<CheckOutcome> {
  const started = performance.now();
  const argv = check.argv.map((word) => (word === "%h" ? target.address : word === "%p" ? String(target.port) : word));
  const run = await runProgram(argv, timeoutMs, signal);
  const verdict = programVerdict(run, argv[0] ?? "", timeoutMs, check.expect);
  return { ok: verdict.ok, latencyMs: performance.now() - started, detail: verdict.detail };
}

/** nanny's rule, except that a failed run fails whatever `expect` is (nanny passes it when set). */
function programVerdict(run: ProgramRun, program: string, timeoutMs: number, expect: string | null): Verdict {
  if (run.end === "not-started") return fail(`cannot run ${show(utf8(program))}: ${run.error}`);
  if (run.end === "timed-out") return fail(`${program} timed out after ${timeoutMs / 1000} s and was killed`);
  if (run.end === "aborted") return fail("aborted");
  if (run.signal !== null) return fail(`${program} was killed by ${run.signal}`);
  if (run.code !== 0) return fail(`${program} exited with status ${run.code}`);
  const printed = programResult(run.output);
  if (expect === null) return fail(`${program} printed ${show(printed)} and there is no expect to compare it with`);
  const expected = cBytes(expect);
  return printed.equals(expected) ? pass(`${program} printed ${show(printed)}`) : fail(`${program} printed ${show(printed)}, not ${show(expected)}`);
}

/** What nanny compares: the output without its last byte (the newline), up to a NUL. */
export function programResult(output: Buffer): Buffer {
  return cString(output.subarray(0, Math.max(0, output.length - 1)));
}

export interface ProgramRun {
  /** `exited` on its own, killed at the deadline, never started, or stopped by the abort signal. */
  readonly end: "exited" | "timed-out" | "not-started" | "aborted";
  /** Exit status, null when it did not exit on its own. */
  readonly code: number | null;
  /** The signal that ended it, when one did. */
  readonly signal: NodeJS.Signals | null;
  /** The first 4095 bytes of its standard output; the rest was read and dropped. */
  readonly output: Buffer;
  /** Why it did not start. */
  readonly error: string | null;
}

/**
 * Runs argv (PATH search, no shell) in a process group of its own, stdin /dev/null, stderr
 * dropped. The whole group is killed (SIGKILL) at the deadline or on abort, and when the program
 * exits, so that what it left running cannot hold its output open or linger.
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
    let stopping: "timed-out" | "aborted" | null = null;
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
    const stop = (why: "timed-out" | "aborted"): void => {
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

// ---------------------------------------------------------------------------------------------
// POSIX extended regular expressions (lib/posix-ere), behind V8's guard against backtracking

const ereCache = new Map<string, CompiledEre>();

function compileEreCached(pattern: string): CompiledEre {
  let compiled = ereCache.get(pattern);
  if (!compiled) {
    if (ereCache.size >= 256) ereCache.clear();
    compiled = compileEre(pattern);
    ereCache.set(pattern, compiled);
  }
  return compiled;
}

let backtrackGuard = false;

/** `pattern` as glibc compiles it (see lib/posix-ere/matcher.ts), or glibc's reason to refuse it. */
export function compileEre(pattern: string): CompiledEre {
  if (!backtrackGuard) {
    // A pattern such as `(a+)+b` would backtrack for ages on a hostile reply and stall every
    // check of the process; V8 then switches that search to its linear-time engine. That engine
    // takes no look-around or back-reference, so a pattern that needs one (`\<`, `\>`, `\1`, a
    // `^` or `$` inside) and nests repeats is still at the mercy of the reply.
    v8.setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
    backtrackGuard = true;
  }
  return compileMatcher(pattern);
}

// ---------------------------------------------------------------------------------------------
// Bytes and words

function utf8(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** Up to the first NUL, as C sees a string. */
function cString(bytes: Buffer): Buffer {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** The bytes of a C string given as text. */
function cBytes(text: string): Buffer {
  return cString(utf8(text));
}

/** Bytes for a log line: quoted, escaped, cut after 64 bytes. */
export function show(bytes: Uint8Array, max = 64): string {
  let out = "";
  for (const b of bytes.subarray(0, max)) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x09) out += "\\t";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `"${out}${bytes.length > max ? "…" : ""}"`;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function errorText(e: unknown): string {
  return errorCode(e) ?? (e instanceof Error ? e.message : String(e));
}

function connectErrorText(e: unknown): string {
  const code = errorCode(e);
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET") return "reset";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `failed: ${code === "EHOSTUNREACH" ? "host" : "network"} unreachable`;
  return `failed: ${errorText(e)}`;
}
