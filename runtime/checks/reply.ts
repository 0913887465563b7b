/**
 * How a reply is judged against `expect`, as nanny compares it: a prefix of bytes, any one byte
 * (`*`), anything readable (`""`), or a POSIX extended regular expression (`use_regex = 1`).
 */
import { compileEre, EreOutOfSteps, type CompiledEre, type EreMatcher } from "../../lib/posix-ere/matcher.ts";
import type { HealthCheck } from "../manifest.ts";
import { fail, pass, type Verdict } from "./attempt.ts";
import { cBytes, show, utf8 } from "./bytes.ts";

/** nanny reads at most this many bytes of a reply (its buffer holds 255 with the terminator). */
export const REPLY_MAX = 254;

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

/**
 * What makes a fresh judge for each probe of a check, worked out once per check: the expected
 * bytes, a compiled pattern, and the verdicts that do not depend on the reply. Or why there can
 * be no judge (a pattern regcomp rejects).
 */
export function judgeMaker(check: ExpectCheck): (() => ReplyJudge) | { readonly error: string } {
  if (check.kind === "send-expect" && check.regex) {
    const compiled = compileEreCached(check.expect);
    if (!compiled.ok) return { error: `expect ${show(utf8(check.expect))} is not a regular expression glibc compiles: ${compiled.error}` };
    return () => regexJudge(compiled, check.expect);
  }
  if (check.expect === "*") return () => ANY_BYTE;
  // nanny compares strlen(expect) bytes, at most 254.
  const expected = cBytes(check.expect).subarray(0, REPLY_MAX);
  if (expected.length === 0) return () => READABLE;
  const shown = show(expected);
  const passed = pass(`reply ${shown}`, "reply as expected");
  return () => prefixJudge(expected, shown, passed);
}

const READ_TIMED_OUT = fail("read timed out", "read timed out");

/** `expect = ""`: anything readable passes, the server closing the connection included. */
const READABLE: ReplyJudge = {
  feed: (bytes) => pass(`reply ${show(bytes)}`, "replied"),
  end: (what) => pass(`${what} (readable)`, "readable"),
  timeout: () => READ_TIMED_OUT,
};

/** `expect = "*"`: any one byte. */
const ANY_BYTE: ReplyJudge = {
  feed: (bytes) => (bytes.length > 0 ? pass(`reply ${show(bytes)}`, "replied") : null),
  end: (what) => fail(`${what} before any byte`, "closed before a reply"),
  timeout: () => READ_TIMED_OUT,
};

/**
 * The first `expected.length` bytes must be `expected`; a mismatch fails as soon as it arrives.
 * A reply whose first piece holds them all (nearly every reply) is compared where it lies.
 */
function prefixJudge(expected: Buffer, shown: string, passed: Verdict): ReplyJudge {
  let got: Buffer | null = null;
  const n = expected.length;
  return {
    feed(bytes) {
      if (got === null && bytes.length >= n) {
        if (expected.compare(bytes, 0, n) === 0) return passed;
        return fail(`reply ${show(bytes.subarray(0, n))} does not start with ${shown}`, "reply not as expected");
      }
      const sofar: Buffer = (got = Buffer.concat([got ?? Buffer.alloc(0), bytes.subarray(0, n - (got?.length ?? 0))]));
      if (!sofar.equals(expected.subarray(0, sofar.length))) return fail(`reply ${show(sofar)} does not start with ${shown}`, "reply not as expected");
      return sofar.length === n ? passed : null;
    },
    end: (what) => fail(`${what} after ${got?.length ?? 0} of ${n} bytes: reply ${show(got ?? Buffer.alloc(0))} is shorter than ${shown}`, "reply too short"),
    timeout: () => (got === null ? READ_TIMED_OUT : fail(`read timed out after ${got.length} of ${n} bytes: ${show(got)}`, "read timed out")),
  };
}

/**
 * An ERE searched in the first 254 bytes, up to the first NUL (regexec reads a C string). It
 * passes as soon as the bytes so far match; it fails when 254 bytes or a NUL arrived without.
 * A pattern without back-references is searched as the bytes arrive, each byte once; one with
 * them is matched again from the start as pieces come (at most 254 bytes).
 */
function regexJudge(ere: EreMatcher, pattern: string): ReplyJudge {
  let got = Buffer.alloc(0);
  const search = ere.search?.() ?? null;
  const noMatch = (): Verdict => fail(`reply ${show(got)} does not match ${show(utf8(pattern))}`, "reply not as expected");
  const outOfSteps = (e: EreOutOfSteps): Verdict => fail(`matching reply ${show(got)} against ${show(utf8(pattern))} took ${e.message}: given up, the check fails`, "expect too costly to match");
  /** The back-reference matcher on what arrived; a search that runs out of steps fails the check. */
  const matched = (): boolean | Verdict => {
    try {
      return ere.matches(got);
    } catch (e) {
      if (e instanceof EreOutOfSteps) return outOfSteps(e);
      throw e;
    }
  };
  const verdict = (): Verdict => {
    const m = search ? search.end() : matched();
    return typeof m === "object" ? m : m ? pass(`reply ${show(got)} matches`, "reply as expected") : noMatch();
  };
  return {
    feed(bytes) {
      const piece = bytes.subarray(0, REPLY_MAX - got.length);
      got = Buffer.concat([got, piece]);
      if (search) {
        search.feed(piece);
        if (search.matched) return pass(`reply ${show(got)} matches`, "reply as expected");
      } else {
        const m = matched();
        if (m !== false) return m === true ? pass(`reply ${show(got)} matches`, "reply as expected") : m;
      }
      return got.length === REPLY_MAX || got.includes(0) ? verdict() : null;
    },
    end: () => verdict(),
    // Whatever arrived was searched as it came and did not match: no second pass.
    timeout: () => (got.length === 0 ? READ_TIMED_OUT : fail(`read timed out: ${noMatch().detail}`, "read timed out")),
  };
}

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
