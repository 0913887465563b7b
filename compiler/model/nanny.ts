/** What nanny does to the strings lvsd passes it. */

/** The escapes nanny's convert_str knows, and what each becomes. */
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", r: "\r", n: "\n", t: "\t", "'": "'", '"': '"' };

export interface Converted {
  /**
   * The string after conversion. Each escape nanny hangs on stands in it as one `x`, so that
   * the rest can still be checked as if that escape had been written right.
   */
  readonly text: string;
  /** For each character of `text`: the index in the raw value where it comes from, and after. */
  readonly from: readonly number[];
  readonly to: readonly number[];
  /** Backslash sequences nanny does not know, at their raw indices (length 1 for a final backslash). */
  readonly bad: ReadonlyArray<{ readonly index: number; readonly length: number; readonly text: string }>;
}

export type BadEscape = Converted["bad"][number];

/** The backslash sequences of `raw` nanny does not know: `convertEscapes(raw).bad`, found without converting. */
export function badEscapes(raw: string): BadEscape[] {
  const bad: BadEscape[] = [];
  if (raw.length <= 1) return bad;
  for (let i = raw.indexOf("\\"); i >= 0; i = raw.indexOf("\\", i)) {
    const next = raw[i + 1];
    const length = next === undefined ? 1 : 2;
    if (next === undefined || ESCAPES[next] === undefined) bad.push({ index: i, length, text: raw.slice(i, i + length) });
    i += length;
  }
  return bad;
}

/**
 * nanny's convert_str (applied to send and expect unless `-T`, which lvsd never passes): `\\`,
 * `\r`, `\n`, `\t`, `\'` and `\"` become one character; on any other backslash (or a final one)
 * its loop stops advancing and nanny spins forever. Strings of 0 or 1 character are left alone.
 */
export function convertEscapes(raw: string): Converted {
  const from: number[] = [];
  const to: number[] = [];
  const bad: Array<{ index: number; length: number; text: string }> = [];
  let text = "";
  if (raw.length <= 1) {
    for (let i = 0; i < raw.length; i++) {
      from.push(i);
      to.push(i + 1);
    }
    return { text: raw, from, to, bad };
  }
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== "\\") {
      text += c;
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const next = raw[i + 1];
    const out = next === undefined ? undefined : ESCAPES[next];
    if (out === undefined) {
      const length = next === undefined ? 1 : 2;
      bad.push({ index: i, length, text: raw.slice(i, i + length) });
      text += "x";
      from.push(i);
      to.push(i + length);
      i += length;
      continue;
    }
    text += out;
    from.push(i);
    to.push(i + 2);
    i += 2;
  }
  return { text, from, to, bad };
}
