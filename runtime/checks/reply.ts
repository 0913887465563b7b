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
    feed: (bytes) => pass(`reply ${show(bytes)}`, "replied"),
    end: (what) => pass(`${what} (readable)`, "readable"),
    timeout: () => fail("read timed out", "read timed out"),
  };
}

/** `expect = "*"`: any one byte. */
function anyByteJudge(): ReplyJudge {
  return {
    feed: (bytes) => (bytes.length > 0 ? pass(`reply ${show(bytes)}`, "replied") : null),
    end: (what) => fail(`${what} before any byte`, "closed before a reply"),
    timeout: () => fail("read timed out", "read timed out"),
  };
}

/** The first `expected.length` bytes must be `expected`; a mismatch fails as soon as it arrives. */
function prefixJudge(expected: Buffer): ReplyJudge {
  let got = Buffer.alloc(0);
  return {
    feed(bytes) {
      got = Buffer.concat([got, bytes.subarray(0, expected.length - got.length)]);
      if (!got.equals(expected.subarray(0, got.length))) return fail(`reply ${show(got)} does not start with ${show(expected)}`, "reply not as expected");
      return got.length === expected.length ? pass(`reply ${show(got)}`, "reply as expected") : null;
    },
    end: (what) => fail(`${what} after ${got.length} of ${expected.length} bytes: reply ${show(got)} is shorter than ${show(expected)}`, "reply too short"),
    timeout: () => fail(got.length === 0 ? "read timed out" : `read timed out after ${got.length} of ${expected.length} bytes: ${show(got)}`, "read timed out"),
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
    timeout: () => (got.length === 0 ? fail("read timed out", "read timed out") : fail(`read timed out: ${noMatch().detail}`, "read timed out")),
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
