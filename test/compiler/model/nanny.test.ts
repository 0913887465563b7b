import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { badEscapes, convertEscapes } from "../../../compiler/model/nanny.ts";

test("badEscapes finds exactly the sequences convertEscapes reports, for any string of backslashes, escape letters and others", () => {
  const text = fc.array(fc.constantFrom("\\", "n", "r", "t", "'", '"', "x", "a", " "), { maxLength: 12 }).map((a) => a.join(""));
  fc.assert(
    fc.property(text, (raw) => {
      assert.equal(badEscapes(raw), convertEscapes(raw).bad);
    }),
    { numRuns: 3000 },
  );
});

test("badEscapes: a known escape is skipped whole, an unknown one and a final backslash are reported", () => {
  assert.equal(badEscapes("GET / HTTP/1.0\\r\\n\\r\\n"), []);
  assert.equal(badEscapes("a\\\\q\\q\\"), [
    { index: 4, length: 2, text: "\\q" },
    { index: 6, length: 1, text: "\\" },
  ]);
  assert.equal(badEscapes("\\"), []);
});

test.run();
