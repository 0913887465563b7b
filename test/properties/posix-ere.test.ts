/**
 * One reading of POSIX extended regular expressions (lib/posix-ere) serves the lint (LVS2025's
 * findings) and the runtime (the matcher nanny's `expect` becomes): over the same generated
 * patterns, the lint reports a refusal exactly when the runtime cannot compile the pattern, and
 * a compiled pattern can be searched in any reply.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ereFindings } from "../../lib/posix-ere/findings.ts";
import { compileEre } from "../../lib/posix-ere/matcher.ts";
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

test("findings point inside the pattern, characters not bytes", () => {
  const [f] = ereFindings("é[z-a]");
  assert.equal([f!.start, f!.end, f!.rejected], [2, 5, true]);
  assert.match(f!.message, /the range `z-a` runs backwards/);
  assert.equal(ereFindings("é\\d").map((x) => [x.start, x.end, x.severity]), [[1, 3, "error"]]);
});

test.run();
