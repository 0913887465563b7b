/**
 * A bundle file goes to the disk in chunks of one reused buffer (utf8Chunks): the chunks, each
 * copied as it comes, are exactly the text's UTF-8, with surrogate pairs kept whole across a
 * chunk's edge and each piece encoded on its own, as `encoded` does.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { encoded, utf8Chunks, type Text } from "../../compiler/emit/utf8-chunks.ts";
import { runParams } from "../helpers/arbitraries.ts";

/** The chunks, each copied before the next is made. */
function copied(text: Text): Buffer {
  const out: Buffer[] = [];
  for (const chunk of utf8Chunks(text)) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

const piece = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("a", "é", "\ud83d", "\ude00", "😀", "\n") }));

test("property: chunks copied one after another are the text's UTF-8", () => {
  fc.assert(
    fc.property(fc.oneof(piece, fc.array(piece, { maxLength: 20 })), (text) => {
      const expected = typeof text === "string" ? Buffer.from(text) : Buffer.concat(text.map((p) => Buffer.from(p)));
      assert.equal(copied(text), expected);
      assert.equal(encoded(text), expected);
    }),
    runParams(300),
  );
});

test("a piece longer than a chunk, a pair of surrogates at every place around the chunk's edge", () => {
  const units = Math.floor((1 << 20) / 3);
  for (const before of [units - 2, units - 1, units, units + 1]) {
    const text = "a".repeat(before) + "😀" + "é".repeat(units) + "😀";
    assert.ok(copied(text).equals(Buffer.from(text)), `pair after ${before} units`);
    assert.ok(copied(["x", text, "\ud83d", "\ude00"]).equals(Buffer.concat([Buffer.from("x"), Buffer.from(text), Buffer.from("\ud83d"), Buffer.from("\ude00")])));
  }
  const bytes = Buffer.from("as read");
  assert.equal([...utf8Chunks(bytes)], [bytes], "bytes go as they are");
  assert.equal([...utf8Chunks([])], [], "no text, no chunk");
});

test.run();
