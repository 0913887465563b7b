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
function regexJudge(ere: Ere, pattern: string): ReplyJudge {
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
// POSIX extended regular expressions, as glibc's regcomp(REG_EXTENDED) reads them in the C locale

/** A compiled pattern: whether it matches somewhere in a reply (bytes, cut at the first NUL). */
export interface Ere {
  readonly ok: true;
  /** The JS source it became (for the log and the tests). */
  readonly source: string;
  matches(subject: Uint8Array): boolean;
}

export type CompiledEre = Ere | { readonly ok: false; readonly error: string };

/** glibc's regerror() texts. */
const ERE_ERRORS = {
  BADPAT: "Invalid regular expression",
  ECOLLATE: "Invalid collation character",
  ECTYPE: "Invalid character class name",
  EESCAPE: "Trailing backslash",
  ESUBREG: "Invalid back reference",
  EBRACK: "Unmatched [, [^, [:, [., or [=",
  EPAREN: "Unmatched ( or \\(",
  EBRACE: "Unmatched \\{",
  BADBR: "Invalid content of \\{\\}",
  ERANGE: "Invalid range end",
  ESIZE: "Regular expression too big",
  BADRPT: "Invalid preceding regular expression",
} as const;

class EreError extends Error {
  constructor(
    readonly code: keyof typeof ERE_ERRORS,
    readonly at: number,
  ) {
    super(ERE_ERRORS[code]);
  }
}

/** RE_DUP_MAX: the largest repeat count. */
const DUP_MAX = 0x7fff;

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

/**
 * `pattern` (UTF-8 encoded, as nanny gets it) as glibc compiles it, or glibc's reason to reject
 * it. Matching is an unanchored search, byte by byte; `.` and `[^…]` match a newline.
 *
 * `^` and `$` are the ends of the reply, with one glibc quirk kept: a `^` right after a newline
 * the match itself took, and a `$` right before a newline the match takes next, hold too (so
 * `\r\n^Server:` finds a header). A `^` that starts a top-level alternative or a `$` that ends
 * one cannot meet that case and stays a plain JS anchor; a pattern with one anywhere else is
 * searched in "newline" mode: each newline of the reply is preceded by a marker character
 * (U+0101) that a `$` may take to promise the newline comes next, and the search tries the
 * places right after a newline on their own, with that newline hidden, since a match never
 * starts after a newline it took.
 */
export function compileEre(pattern: string): CompiledEre {
  if (!backtrackGuard) {
    // A pattern such as `(a+)+b` would backtrack for ages on a hostile reply and stall every
    // check of the process; V8 then switches that search to its linear-time engine. That engine
    // takes no look-around or back-reference, so a pattern that needs one (`\<`, `\>`, `\1`, a
    // `^` or `$` inside) and nests repeats is still at the mercy of the reply.
    v8.setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
    backtrackGuard = true;
  }
  const bytes = utf8(pattern).toString("latin1");
  try {
    const plain = new EreTranslator(bytes, false);
    const source = plain.translate();
    if (!plain.newlineAnchors) {
      const regexp = new RegExp(source);
      return { ok: true, source, matches: (subject) => regexp.test(cString(Buffer.from(subject)).toString("latin1")) };
    }
    return newlineMode(new EreTranslator(bytes, true).translate());
  } catch (e) {
    if (e instanceof EreError) return { ok: false, error: `${e.message} (at byte ${e.at})` };
    return { ok: false, error: errorText(e) };
  }
}

/** The marker before each newline in "newline" mode, and what hides a newline before a start. */
const NEWLINE_MARK = "\u0101";
const HIDDEN_NEWLINE = "\u0100";

function newlineMode(source: string): Ere {
  // Never start or end between a marker and its newline, nor start right after a newline.
  const search = new RegExp(`(?<![\\n${NEWLINE_MARK}])(?:${source})(?<!${NEWLINE_MARK})`);
  const at = new RegExp(`(?:${source})(?<!${NEWLINE_MARK})`, "y");
  return {
    ok: true,
    source,
    matches(subject) {
      const text = cString(Buffer.from(subject)).toString("latin1").replaceAll("\n", `${NEWLINE_MARK}\n`);
      if (search.test(text)) return true;
      for (let start = text.indexOf("\n") + 1; start > 0; start = text.indexOf("\n", start) + 1) {
        at.lastIndex = start;
        if (at.test(`${text.slice(0, start - 1)}${HIDDEN_NEWLINE}${text.slice(start)}`)) return true;
      }
      return false;
    },
  };
}

/** A set of bytes. */
type ByteSet = boolean[];

const byteSet = (test: (b: number) => boolean): ByteSet => Array.from({ length: 256 }, (_, b) => test(b));
const between = (b: number, lo: string, hi: string): boolean => b >= lo.charCodeAt(0) && b <= hi.charCodeAt(0);
const isDigit = (b: number): boolean => between(b, "0", "9");
const isUpper = (b: number): boolean => between(b, "A", "Z");
const isLower = (b: number): boolean => between(b, "a", "z");
const isGraph = (b: number): boolean => b >= 0x21 && b <= 0x7e;

/** The C locale's classes. */
const CLASSES: Readonly<Record<string, (b: number) => boolean>> = {
  alpha: (b) => isUpper(b) || isLower(b),
  upper: isUpper,
  lower: isLower,
  digit: isDigit,
  xdigit: (b) => isDigit(b) || between(b, "a", "f") || between(b, "A", "F"),
  alnum: (b) => isDigit(b) || isUpper(b) || isLower(b),
  space: (b) => (b >= 0x09 && b <= 0x0d) || b === 0x20,
  blank: (b) => b === 0x09 || b === 0x20,
  punct: (b) => isGraph(b) && !isDigit(b) && !isUpper(b) && !isLower(b),
  print: (b) => b >= 0x20 && b <= 0x7e,
  graph: isGraph,
  cntrl: (b) => b < 0x20 || b === 0x7f,
};

const WORD = byteSet((b) => CLASSES.alnum!(b) || b === 0x5f);
const SPACE = byteSet(CLASSES.space!);
const WORD_CLASS = "[A-Za-z0-9_]";
const NEWLINE = 0x0a;

const hex = (b: number): string => `\\x${b.toString(16).padStart(2, "0")}`;

/** A JS character class of exactly these bytes (the subject never holds anything above 0xff but the markers). */
function charClass(set: ByteSet): string {
  let out = "";
  for (let b = 0; b < 256; b++) {
    if (!set[b]) continue;
    let e = b;
    while (e + 1 < 256 && set[e + 1]) e++;
    out += e === b ? hex(b) : `${hex(b)}-${hex(e)}`;
    b = e;
  }
  return `[${out}]`;
}

type BracketElement = { readonly kind: "char"; readonly byte: number } | { readonly kind: "class" | "equiv" | "collating"; readonly name: string; readonly at: number };

/**
 * A recursive-descent reading of the pattern following glibc's parser (regcomp.c with
 * RE_SYNTAX_POSIX_EXTENDED): the same errors, GNU escapes and back-references included, written
 * out as JS source. Groups stay capturing and in order, so back-references keep their numbers;
 * everything the translation adds is non-capturing.
 */
class EreTranslator {
  private i = 0;
  private groups = 0;
  /** Groups closed on the way to here: glibc lets `\n` refer to those only. */
  private closed = new Set<number>();
  /** A `^` or `$` somewhere a newline inside the match can satisfy it. */
  newlineAnchors = false;

  /** `newlines`: write the pattern for "newline" mode (see compileEre). */
  constructor(
    private readonly p: string,
    private readonly newlines: boolean,
  ) {}

  translate(): string {
    return this.alternation(0);
  }

  /** A `^` past the start: also right after a newline the match took. */
  private get midCaret(): string {
    return this.newlines ? `(?<=(?:^|\\n)${NEWLINE_MARK}?)` : "^";
  }

  private get atEnd(): boolean {
    return this.i >= this.p.length;
  }

  private alternation(nest: number): string {
    const before = this.closed;
    const after = new Set(before);
    const branches: string[] = [];
    for (;;) {
      this.closed = new Set(before);
      branches.push(this.branch(nest));
      for (const g of this.closed) after.add(g);
      if (this.p[this.i] !== "|") break;
      this.i++;
    }
    this.closed = after;
    return branches.join("|");
  }

  private branch(nest: number): string {
    let out = "";
    let last = "";
    while (!this.atEnd && this.p[this.i] !== "|" && !(nest > 0 && this.p[this.i] === ")")) {
      const next = this.expression(nest, out === "");
      // `^^` holds where `^` does; written twice, the second could not find the newline again.
      if (next !== this.midCaret || last !== this.midCaret) out += next;
      last = next;
    }
    return out;
  }

  private expression(nest: number, first: boolean): string {
    const start = this.i;
    const c = this.p[this.i++]!;
    let atom: string;
    switch (c) {
      case "*":
      case "+":
      case "?":
      case "{":
        throw new EreError("BADRPT", start);
      case "^":
        if (nest === 0 && first) return "^";
        this.newlineAnchors = true;
        return this.midCaret;
      case "$":
        if (nest === 0 && (this.atEnd || this.p[this.i] === "|")) return "$";
        this.newlineAnchors = true;
        return this.newlines ? `(?:$|${NEWLINE_MARK}|(?<=${NEWLINE_MARK}))` : "$";
      case "(":
        atom = this.group(nest, start);
        break;
      case "[":
        atom = this.bracket(start);
        break;
      case ".":
        atom = this.bytes(byteSet(() => true));
        break;
      case "\\": {
        const escaped = this.escape(start);
        // Anchors take no repeat: a `*` after one starts the next expression, and fails there.
        if (escaped.anchor) return escaped.source;
        atom = escaped.source;
        break;
      }
      default:
        // `)` with no group open and `}` are plain characters.
        atom = this.byte(c);
    }
    return this.repeats(atom);
  }

  /** One byte as an atom. */
  private byte(c: string): string {
    if (/^[A-Za-z0-9]$/.test(c)) return c;
    const b = c.charCodeAt(0);
    return this.bytes(byteSet((x) => x === b));
  }

  /** A set of bytes as an atom; in "newline" mode a newline takes its marker along. */
  private bytes(set: ByteSet): string {
    if (!this.newlines || !set[NEWLINE]) {
      const single = set.indexOf(true);
      return single >= 0 && set.lastIndexOf(true) === single ? hex(single) : charClass(set);
    }
    const others = set.map((on, b) => on && b !== NEWLINE);
    const newline = `${NEWLINE_MARK}?\\n`;
    return others.includes(true) ? `(?:${charClass(others)}|${newline})` : `(?:${newline})`;
  }

  /** `*`, `+`, `?` and `{…}` after an atom; several in a row each apply to the whole before. */
  private repeats(atom: string): string {
    let out = atom;
    let repeated = false;
    for (;;) {
      const c = this.p[this.i];
      let op: string;
      if (c === "*" || c === "+" || c === "?") {
        this.i++;
        op = c;
      } else if (c === "{") op = this.interval();
      else return out;
      out = (repeated ? `(?:${out})` : out) + op;
      repeated = true;
    }
  }

  private group(nest: number, open: number): string {
    const number = ++this.groups;
    const inner = this.p[this.i] === ")" ? "" : this.alternation(nest + 1);
    if (this.p[this.i] !== ")") throw new EreError("EPAREN", open);
    this.i++;
    this.closed.add(number);
    return `(${inner})`;
  }

  private escape(start: number): { source: string; anchor: boolean } {
    if (this.atEnd) throw new EreError("EESCAPE", start);
    const e = this.p[this.i++]!;
    if (e >= "1" && e <= "9") {
      if (!this.closed.has(Number(e))) throw new EreError("ESUBREG", start);
      return { source: `(?:\\${e})`, anchor: false };
    }
    const anchor = (source: string): { source: string; anchor: boolean } => ({ source, anchor: true });
    const atom = (source: string): { source: string; anchor: boolean } => ({ source, anchor: false });
    // In "newline" mode a `$` may have taken the marker before a newline: look through it.
    const behind = this.newlines ? `${WORD_CLASS}${NEWLINE_MARK}?` : WORD_CLASS;
    const after = `(?<=${behind})`;
    const notAfter = `(?<!${behind})`;
    const before = `(?=${WORD_CLASS})`;
    const notBefore = `(?!${WORD_CLASS})`;
    switch (e) {
      case "<":
        return anchor(notAfter + before);
      case ">":
        return anchor(after + notBefore);
      case "b":
        return anchor(this.newlines ? `(?:${after}${notBefore}|${notAfter}${before})` : "\\b");
      case "B":
        return anchor(this.newlines ? `(?:${after}${before}|${notAfter}${notBefore})` : "\\B");
      // The ends of the buffer, newline or not.
      case "`":
        return anchor(this.newlines ? `(?<=^${NEWLINE_MARK}?)` : "^");
      case "'":
        return anchor("$");
      case "w":
        return atom(this.bytes(WORD));
      case "W":
        return atom(this.bytes(WORD.map((on) => !on)));
      case "s":
        return atom(this.bytes(SPACE));
      case "S":
        return atom(this.bytes(SPACE.map((on) => !on)));
      default:
        return atom(this.byte(e));
    }
  }

  /** `{m}`, `{m,}`, `{m,n}` or `{,n}` with glibc's errors for anything else. */
  private interval(): string {
    const open = this.i++;
    const first = this.number();
    let lo = first.num;
    let hi = -2;
    let last = first.stop;
    if (lo === -1) {
      if (first.stop !== ",") throw new EreError("BADBR", open);
      lo = 0;
    }
    if (lo !== -2) {
      if (first.stop === "}") hi = lo;
      else if (first.stop === ",") {
        const second = this.number();
        hi = second.num;
        last = second.stop;
      }
    }
    if (lo === -2 || hi === -2) throw new EreError(last === "end" ? "EBRACE" : "BADBR", open);
    if ((hi !== -1 && lo > hi) || last !== "}") throw new EreError("BADBR", open);
    if ((hi === -1 ? lo : hi) > DUP_MAX) throw new EreError("ESIZE", open);
    return hi === -1 ? `{${lo},}` : hi === lo ? `{${lo}}` : `{${lo},${hi}}`;
  }

  /** glibc's fetch_number: digits up to `}` or `,`; -1 for none, -2 when anything else came. */
  private number(): { num: number; stop: "}" | "," | "end" } {
    let num = -1;
    for (;;) {
      if (this.atEnd) return { num: -2, stop: "end" };
      const c = this.p[this.i]!;
      let digit: number | null;
      if (c === "\\") {
        const e = this.p[this.i + 1];
        this.i += e === undefined ? 1 : 2;
        if (e === ",") return { num, stop: "," };
        // `\0` is glibc's plain character 0; `\1`…`\9` are back-references.
        digit = e === "0" ? 0 : null;
      } else {
        this.i++;
        if (c === "}" || c === ",") return { num, stop: c };
        digit = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : null;
      }
      num = digit === null || num === -2 ? -2 : num === -1 ? digit : Math.min(DUP_MAX + 1, num * 10 + digit);
    }
  }

  /** `[…]` as glibc's parse_bracket_exp reads it; backslash is a plain character inside. */
  private bracket(open: number): string {
    const set = byteSet(() => false);
    let negate = false;
    if (this.atEnd) throw new EreError("BADPAT", open);
    if (this.p[this.i] === "^") {
      negate = true;
      this.i++;
      if (this.atEnd) throw new EreError("BADPAT", open);
    }
    let first = true;
    for (;;) {
      const start = this.bracketElement(first);
      first = false;
      if (this.atEnd) throw new EreError("EBRACK", open);
      // `-` before the closing `]` is a plain character, read in the next round.
      if (start.kind !== "class" && start.kind !== "equiv" && this.p[this.i] === "-" && this.p[this.i + 1] !== "]") {
        this.i++;
        if (this.atEnd) throw new EreError("EBRACK", open);
        const at = this.i;
        const end = this.bracketElement(true);
        const lo = rangeEnd(start, at);
        const hi = rangeEnd(end, at);
        if (lo > hi) throw new EreError("ERANGE", at);
        for (let b = lo; b <= hi; b++) set[b] = true;
      } else addElement(set, start);
      if (this.atEnd) throw new EreError("EBRACK", open);
      if (this.p[this.i] === "]") {
        this.i++;
        return this.bytes(negate ? set.map((on) => !on) : set);
      }
    }
  }

  /** One element: `[:class:]`, `[=c=]`, `[.c.]` or a byte (a `]` first in the list included). */
  private bracketElement(acceptHyphen: boolean): BracketElement {
    const c = this.p[this.i]!;
    const kind = this.p[this.i + 1];
    if (c === "[" && (kind === ":" || kind === "=" || kind === ".")) return this.bracketSymbol(kind);
    // A `-` that is neither first, last nor a range's end: glibc calls that a bad range.
    if (c === "-" && !acceptHyphen && this.p[this.i + 1] !== "]") throw new EreError("ERANGE", this.i);
    this.i++;
    return { kind: "char", byte: c.charCodeAt(0) };
  }

  private bracketSymbol(delimiter: string): BracketElement {
    const open = this.i;
    this.i += 2;
    if (this.atEnd) throw new EreError("EBRACK", open);
    let name = "";
    for (;;) {
      if (name.length >= 32) throw new EreError("EBRACK", open);
      const ch = this.p[this.i++]!;
      if (this.atEnd) throw new EreError("EBRACK", open);
      if (ch === delimiter && this.p[this.i] === "]") break;
      name += ch;
    }
    this.i++;
    return { kind: delimiter === ":" ? "class" : delimiter === "=" ? "equiv" : "collating", name, at: open };
  }
}

function addElement(set: ByteSet, element: BracketElement): void {
  if (element.kind === "char") {
    set[element.byte] = true;
    return;
  }
  if (element.kind === "class") {
    const test = CLASSES[element.name];
    if (!test) throw new EreError("ECTYPE", element.at);
    for (let b = 0; b < 256; b++) if (test(b)) set[b] = true;
    return;
  }
  // In the C locale a collating element or an equivalence class is one character.
  if (element.name.length !== 1) throw new EreError("ECOLLATE", element.at);
  set[element.name.charCodeAt(0)] = true;
}

function rangeEnd(element: BracketElement, at: number): number {
  if (element.kind === "char") return element.byte;
  if (element.kind !== "collating") throw new EreError("ERANGE", at);
  if (element.name.length !== 1) throw new EreError("ECOLLATE", element.at);
  return element.name.charCodeAt(0);
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
