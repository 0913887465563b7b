/**
 * One reading of POSIX extended regular expressions (lib/posix-ere) serves the lint (LVS2025's
 * findings) and the runtime (the matcher nanny's `expect` becomes): over the same generated
 * patterns, the lint reports a refusal exactly when the runtime cannot compile the pattern, and
 * a compiled pattern can be searched in any reply. The linear-time automaton finds what the
 * regular-expression translation finds, on every pattern without back-references, for whole
 * replies and for replies fed in pieces; the back-reference matcher finds what it finds on
 * patterns with them, and gives up within its step budget where it would backtrack for ages.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ereFindings } from "../../lib/posix-ere/findings.ts";
import { compileEre, compileEreAsRegExp, EreOutOfSteps } from "../../lib/posix-ere/matcher.ts";
import { runParams } from "../helpers/arbitraries.ts";

/** Pieces people write in `expect`, right and wrong. */
const PIECES = [
  "a", "b", "x", "0", "1", "2", "é", " ", ".", "^", "$", "|", "(", ")", "[", "]", "[^", "-", "*", "+", "?", "{", "}", ",",
  "{2}", "{1,3}", "{,3}", "{2,1}", "{32768}", "\\", "\\1", "\\2", "\\w", "\\d", "\\<", "\\b", "\\.", "\\(", "[:alpha:]",
  "[:digits:]", "[.a.]", "[.ab.]", "[=a=]", "HTTP/1.", "\r\n", "\n",
];
const pattern = fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((parts) => parts.join(""));

test("the lint reports a refusal exactly when the runtime cannot compile the pattern (4000 runs)", () => {
  fc.assert(
    fc.property(pattern, fc.uint8Array({ maxLength: 40 }), (p, reply) => {
      const refused = ereFindings(p).filter((f) => f.rejected);
      const compiled = compileEre(p);
      assert.is(refused.length > 0, !compiled.ok, `${JSON.stringify(p)}: lint ${JSON.stringify(refused)}, runtime ${JSON.stringify(compiled)}`);
      assert.ok(refused.length <= 1, "regcomp stops at its first error");
      if (compiled.ok) assert.type(compiled.matches(reply), "boolean");
    }),
    runParams(4000),
  );
});

/** Pieces of patterns without back-references, anchors and newlines included. */
const LINEAR_PIECES = ["a", "b", "_", " ", "\n", ".", "[ab]", "[^a]", "[^\n]", "\\w", "\\W", "^", "$", "\\<", "\\>", "\\b", "\\B", "\\`", "\\'", "*", "+", "?", "{2}", "{0,2}", "{1,}", "|", "(", ")"];
const linearPattern = fc.array(fc.constantFrom(...LINEAR_PIECES), { maxLength: 9 }).map((parts) => parts.join(""));
const subject = fc.array(fc.constantFrom(..."ab_ \n\n\0"), { maxLength: 14 }).map((c) => Buffer.from(c.join(""), "latin1"));

test("the automaton finds what the regular-expression translation finds (6000 runs)", () => {
  fc.assert(
    fc.property(linearPattern, subject, fc.nat(14), (p, reply, cut) => {
      const linear = compileEre(p);
      const reference = compileEreAsRegExp(p);
      fc.pre(linear.ok && reference.ok);
      if (!linear.ok || !reference.ok) return;
      assert.ok(linear.search !== null, `${JSON.stringify(p)} goes to the automaton`);
      const want = reference.matches(reply);
      assert.is(linear.matches(reply), want, `${JSON.stringify(p)} on ${JSON.stringify(reply.toString("latin1"))}`);
      // Fed in two pieces: the same answer, and never a match claimed too early.
      const search = linear.search!();
      search.feed(reply.subarray(0, cut));
      if (search.matched) assert.ok(want, `${JSON.stringify(p)}: claimed a match after ${cut} bytes of ${JSON.stringify(reply.toString("latin1"))}`);
      search.feed(reply.subarray(cut));
      assert.is(search.end(), want, `${JSON.stringify(p)} fed in pieces on ${JSON.stringify(reply.toString("latin1"))}`);
    }),
    runParams(6000),
  );
});

/** Patterns with back-references: a group, more pieces, then a reference to it. */
const BACKREF_PIECES = ["a", "b", "\n", ".", "[ab]", "(a)", "(a|b)", "(a*)", "(b|ab)", "\\1", "^", "$", "\\<", "\\b", "*", "+", "?", "{2}", "|"];
const backrefPattern = fc
  .tuple(fc.constantFrom("(a)", "(a|b)", "(a*)", "(b+)", "(.)"), fc.array(fc.constantFrom(...BACKREF_PIECES), { maxLength: 5 }), fc.constantFrom("\\1", "\\1*", "\\1+"), fc.array(fc.constantFrom(...BACKREF_PIECES), { maxLength: 3 }))
  .map(([g, mid, ref, tail]) => g + mid.join("") + ref + tail.join(""));

/**
 * Replies without newlines: where a group takes a newline, the translation's capture holds the
 * marker it puts before each newline too, which the reply does not.
 */
const oneLineSubject = fc.array(fc.constantFrom(..."ab _\0"), { maxLength: 14 }).map((c) => Buffer.from(c.join(""), "latin1"));

test("the back-reference matcher finds what the regular-expression translation finds (4000 runs)", () => {
  fc.assert(
    fc.property(backrefPattern, oneLineSubject, (p, reply) => {
      const backtracking = compileEre(p);
      const reference = compileEreAsRegExp(p);
      fc.pre(backtracking.ok && reference.ok);
      if (!backtracking.ok || !reference.ok) return;
      assert.is(backtracking.search, null, `${JSON.stringify(p)} has a back-reference`);
      assert.is(backtracking.matches(reply), reference.matches(reply), `${JSON.stringify(p)} on ${JSON.stringify(reply.toString("latin1"))}`);
    }),
    runParams(4000),
  );
});

test("a back-reference pattern that would backtrack for ages gives up within its step budget", () => {
  const m = compileEre("(a|aa)*\\1b");
  assert.ok(m.ok);
  const started = performance.now();
  assert.throws(() => m.ok && m.matches(Buffer.from("a".repeat(60) + "!", "latin1")), (e: Error) => e instanceof EreOutOfSteps);
  assert.ok(performance.now() - started < 2000, `gave up after ${Math.round(performance.now() - started)} ms`);
  assert.ok(m.ok && m.matches(Buffer.from("aaab", "latin1")), "an honest reply still matches");
});

test("nested repeats take time linear in the reply: ((a+)+$) on 254 bytes", () => {
  const m = compileEre("((a+)+$)");
  assert.ok(m.ok && m.search !== null);
  const hostile = Buffer.from("a".repeat(253) + "!", "latin1");
  const started = performance.now();
  for (let i = 0; i < 20; i++) assert.not.ok(m.ok && m.matches(hostile));
  assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms for 20 searches`);
});

test("findings point inside the pattern, characters not bytes", () => {
  const [f] = ereFindings("é[z-a]");
  assert.equal([f!.start, f!.end, f!.rejected], [2, 5, true]);
  assert.match(f!.message, /the range `z-a` runs backwards/);
  assert.equal(ereFindings("é\\d").map((x) => [x.start, x.end, x.severity]), [[1, 3, "error"]]);
});

test.run();
