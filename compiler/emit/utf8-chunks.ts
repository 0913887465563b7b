/**
 * A generated file's text as UTF-8: whole, or in chunks of one buffer used over and over, so
 * that a file of many megabytes is never whole in memory on its way to the disk.
 */

/** A file's text: whole, or in pieces that follow one another (made as they are asked for); or its bytes. */
export type Text = string | Iterable<string> | Buffer;

/** The text's UTF-8, whole. */
export function encoded(text: Text): Buffer {
  if (Buffer.isBuffer(text)) return text;
  if (typeof text === "string") return Buffer.from(text);
  if (!Array.isArray(text)) text = [...text];
  let length = 0;
  for (const piece of text as readonly string[]) length += Buffer.byteLength(piece);
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const piece of text as readonly string[]) at += bytes.write(piece, at);
  return bytes;
}

const CHUNK_BYTES = 1 << 20;
/** UTF-16 units that always fit a chunk: one takes at most three bytes of UTF-8. */
const CHUNK_UNITS = Math.floor(CHUNK_BYTES / 3);

/**
 * The text's UTF-8 in chunks, the same bytes as `encoded` gives, one after another. Each chunk
 * but bytes given as such is a view of one buffer that the next chunk overwrites: use it (write
 * it, hash it) before asking for the next, and copy it to keep it.
 */
export function* utf8Chunks(text: Text): Generator<Uint8Array, void, undefined> {
  if (Buffer.isBuffer(text)) {
    if (text.length > 0) yield text;
    return;
  }
  const pieces = typeof text === "string" ? [text] : text;
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const piece of pieces) {
    for (let from = 0; from < piece.length; ) {
      let to = Math.min(piece.length, from + CHUNK_UNITS);
      // A surrogate pair stays in one part: apart, each half would be encoded as U+FFFD.
      if (to < piece.length && isHighSurrogate(piece.charCodeAt(to - 1))) to--;
      if ((to - from) * 3 > CHUNK_BYTES - used) {
        yield buffer.subarray(0, used);
        used = 0;
      }
      used += buffer.write(from === 0 && to === piece.length ? piece : piece.slice(from, to), used);
      from = to;
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
