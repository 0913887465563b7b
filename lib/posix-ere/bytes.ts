/** Sets of bytes, and the character classes of the C locale (nanny never calls setlocale). */

/** `set[b]` is whether byte b is in the set; 256 entries. */
export type ByteSet = readonly boolean[];

export const byteSet = (test: (b: number) => boolean): boolean[] => Array.from({ length: 256 }, (_, b) => test(b));

export const NO_BYTES: ByteSet = byteSet(() => false);

const between = (b: number, lo: string, hi: string): boolean => b >= lo.charCodeAt(0) && b <= hi.charCodeAt(0);
const isDigit = (b: number): boolean => between(b, "0", "9");
const isUpper = (b: number): boolean => between(b, "A", "Z");
const isLower = (b: number): boolean => between(b, "a", "z");
const isGraph = (b: number): boolean => b >= 0x21 && b <= 0x7e;

/** The C locale's classes, by the name `[:name:]` gives. */
export const C_CLASSES = {
  alpha: (b: number) => isUpper(b) || isLower(b),
  upper: isUpper,
  lower: isLower,
  digit: isDigit,
  xdigit: (b: number) => isDigit(b) || between(b, "a", "f") || between(b, "A", "F"),
  alnum: (b: number) => isDigit(b) || isUpper(b) || isLower(b),
  space: (b: number) => (b >= 0x09 && b <= 0x0d) || b === 0x20,
  blank: (b: number) => b === 0x09 || b === 0x20,
  punct: (b: number) => isGraph(b) && !isDigit(b) && !isUpper(b) && !isLower(b),
  print: (b: number) => b >= 0x20 && b <= 0x7e,
  graph: isGraph,
  cntrl: (b: number) => b < 0x20 || b === 0x7f,
} as const;

/** The pattern or subject as glibc sees it: its UTF-8 bytes, one character per byte. */
export function asBytes(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}
