/** Bytes as nanny handles them (C strings of UTF-8), and as the log shows them. */

export function utf8(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** Up to the first NUL, as C sees a string. */
export function cString(bytes: Buffer): Buffer {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** The bytes of a C string given as text. */
export function cBytes(text: string): Buffer {
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
