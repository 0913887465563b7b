/** Piranha's value parsers: C strtol, inet_aton, its port and host rules. Pure functions. */
import { SERVICES } from "./services.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The value of `0` or of an optional `-` and one to nine decimal digits without a leading zero,
 * which every reading (strtol, int) agrees on; NaN for anything else.
 */
export function plainDecimal(s: string): number {
  const n = s.length;
  const from = n > 0 && s.charCodeAt(0) === 45 ? 1 : 0;
  const digits = n - from;
  if (digits < 1 || digits > 9 || (s.charCodeAt(from) === 48 && (digits > 1 || from === 1))) return NaN;
  let v = 0;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + c - 48;
  }
  return from === 1 ? -v : v;
}
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

function isCSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
}

/**
 * C `strtol(s, &end, 0)` followed by Piranha's `*end != '\0'` check: leading white space,
 * a sign, `0x` hex, a leading `0` for octal; the whole token must be used. "" reads as 0.
 * The result is what C stores in an `int` (the low 32 bits, two's complement).
 */
export function parseCInt(s: string): Parsed<number> {
  const plain = plainDecimal(s);
  if (!Number.isNaN(plain)) return { ok: true, value: plain };
  let i = 0;
  while (i < s.length && isCSpace(s[i]!)) i++;
  if (i === s.length) {
    return s.length === 0 ? { ok: true, value: 0 } : { ok: false, message: "integer expected" };
  }
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  let base = 10;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
    base = 16;
    i += 2;
  } else if (s[i] === "0") base = 8;
  const digits = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const from = i;
  while (i < s.length && digits.test(s[i]!)) i++;
  if (i === from || i !== s.length) return { ok: false, message: "integer expected" };
  let n = BigInt(base === 16 ? "0x" + s.slice(from, i) : base === 8 ? "0o" + s.slice(from, i) : s.slice(from, i));
  if (neg) n = -n;
  if (n > LONG_MAX) n = LONG_MAX;
  if (n < LONG_MIN) n = LONG_MIN;
  return { ok: true, value: Number(BigInt.asIntN(32, n)) };
}

/** Whether an integer token is written in octal or hex (Piranha reads `010` as 8). */
export function isOctalOrHex(s: string): boolean {
  const sign = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0;
  if (s.charCodeAt(sign) !== 48 || s.length < sign + 2) return false;
  return /^[+-]?0[xX][0-9a-fA-F]/.test(s) || /^[+-]?0[0-7]+$/.test(s);
}

export function parseCBool(s: string): Parsed<number> {
  const n = parseCInt(s);
  if (!n.ok) return n;
  if (n.value !== 0 && n.value !== 1) return { ok: false, message: "boolean expected" };
  return n;
}

function digitValue(code: number, base: number): number {
  let d = -1;
  if (code >= 48 && code <= 57) d = code - 48;
  else if (base === 16 && code >= 97 && code <= 102) d = code - 87;
  else if (base === 16 && code >= 65 && code <= 70) d = code - 55;
  return d < base ? d : -1;
}

/** glibc `inet_aton`: 1 to 4 parts, each decimal, octal or hex; the last part fills the rest. */
export function inetAton(s: string): number | null {
  let a = 0;
  let b = 0;
  let c = 0;
  let count = 0;
  let i = 0;
  const n = s.length;
  // Every read checks the length first: reading past the end would make optimised code start over.
  for (;;) {
    const first = i < n ? s.charCodeAt(i) : -1;
    if (!(first >= 48 && first <= 57)) return null;
    let base = 10;
    if (first === 48) {
      const x = i + 1 < n ? s.charCodeAt(i + 1) : -1;
      if (x === 120 || x === 88) {
        // glibc reads "0x" without a hex digit as 0 followed by the garbage "x".
        if (i + 2 >= n || digitValue(s.charCodeAt(i + 2), 16) < 0) return null;
        base = 16;
        i += 2;
      } else base = 8;
    }
    let v = 0;
    for (; i < n; i++) {
      const d = digitValue(s.charCodeAt(i), base);
      if (d < 0) break;
      v = v * base + d;
      if (v > 0xffffffff) return null;
    }
    count++;
    if (i < n && s.charCodeAt(i) === 46) {
      if (count === 4) return null;
      if (count === 1) a = v;
      else if (count === 2) b = v;
      else c = v;
      i++;
      continue;
    }
    if (i < n && !isCSpace(s[i]!)) return null;
    switch (count) {
      case 1:
        return v;
      case 2:
        return a > 0xff || v > 0xffffff ? null : a * 0x1000000 + v;
      case 3:
        return a > 0xff || b > 0xff || v > 0xffff ? null : a * 0x1000000 + b * 0x10000 + v;
      default:
        return a > 0xff || b > 0xff || c > 0xff || v > 0xff ? null : a * 0x1000000 + b * 0x10000 + c * 0x100 + v;
    }
  }
}

export function formatIPv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * The address `s` names when it is a plain dotted quad (four decimal parts of 0 to 255, no
 * leading zeros), as a signed 32-bit number; null otherwise. Two plain dotted quads are the same
 * address exactly when their numbers are equal.
 */
export function plainDottedQuadValue(s: string): number | null {
  const n = s.length;
  let i = 0;
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46) return null;
      i++;
    }
    const from = i;
    let v = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + c - 48;
    }
    const digits = i - from;
    if (digits === 0 || digits > 3 || v > 255 || (digits > 1 && s.charCodeAt(from) === 48)) return null;
    value = (value << 8) | v;
  }
  return i === n ? value : null;
}

/** Whether `s` is a plain dotted quad: four decimal parts of 0 to 255, no leading zeros. */
export function isPlainDottedQuad(s: string): boolean {
  return plainDottedQuadValue(s) !== null;
}

/** Whether an address is written other than as a plain dotted quad (`10.1`, `0x0a000001`, `010.0.0.1`). */
export function isShorthandAddress(s: string): boolean {
  return !isPlainDottedQuad(s);
}

/** The dotted quad of `n`, which inet_aton read from `s`: `s` itself when it is written so already. */
export function dottedQuadOf(s: string, n: number): string {
  return isPlainDottedQuad(s) ? s : formatIPv4(n);
}

/** A name `gethostbyname` could resolve: letters, digits, `-`, `_` and dots, not only digits. */
export function looksLikeHostname(s: string): boolean {
  return /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/.test(s) && /[A-Za-z_-]/.test(s) && !/\.\./.test(s);
}

export type Host = { kind: "ip"; address: string } | { kind: "name"; name: string };

/** Piranha's getHostname: inet_aton, else a host name that pulse resolves when it starts. */
export function parseHost(s: string): Parsed<Host> {
  const n = inetAton(s);
  if (n !== null) return { ok: true, value: { kind: "ip", address: formatIPv4(n) } };
  if (looksLikeHostname(s)) return { ok: true, value: { kind: "name", name: s } };
  return { ok: false, message: "invalid argument" };
}

export function parseIPv4(s: string): Parsed<string> {
  const n = inetAton(s);
  return n === null ? { ok: false, message: "invalid host name or ip address" } : { ok: true, value: formatIPv4(n) };
}

export function parseNetmask(s: string): Parsed<string> {
  const n = inetAton(s);
  return n === null ? { ok: false, message: "Bad subnet mask specified" } : { ok: true, value: formatIPv4(n) };
}

/** The prefix length of a netmask whose one bits are contiguous from the top, else null. */
export function prefixLength(netmask: string): number | null {
  const n = inetAton(netmask);
  return n === null ? null : maskPrefix(n);
}

/** The prefix length of a netmask given as a number; null when its one bits are not contiguous from the left. */
export function maskPrefix(n: number): number | null {
  const inv = ~n >>> 0;
  if ((inv & (inv + 1)) !== 0) return null;
  return 32 - Math.log2(inv + 1);
}

/** A netmask whose one bits are contiguous from the top. */
export function isContiguousMask(address: string): boolean {
  return prefixLength(address) !== null;
}

/** Piranha's getPort: an integer, else a tcp service name from the built-in table. */
export function parsePort(s: string): Parsed<number> {
  const n = parseCInt(s);
  if (n.ok) return n;
  const port = SERVICES.get(s);
  if (port !== undefined) return { ok: true, value: port };
  return { ok: false, message: "invalid argument" };
}

/** The mask ifconfig gives an address when none is named (class A, B or C). */
export function classfulMask(address: string): string | null {
  const n = inetAton(address);
  if (n === null) return null;
  const first = n >>> 24;
  if (first < 128) return "255.0.0.0";
  if (first < 192) return "255.255.0.0";
  return "255.255.255.0";
}

/**
 * A name Linux takes for an interface, or an interface and an alias label (`eth0:1`): at most
 * 15 characters in all, no `/` or blank, not `.` or `..`, and at most one `:`, between two
 * non-empty parts.
 */
export function isLinuxDeviceName(name: string): boolean {
  if (name.length === 0 || name.length > 15 || /[\/\s]/.test(name)) return false;
  const colon = name.indexOf(":");
  if (colon < 0) return name !== "." && name !== "..";
  // One alias label after the base name, both non-empty.
  if (colon === 0 || colon === name.length - 1 || name.indexOf(":", colon + 1) >= 0) return false;
  const base = name.slice(0, colon);
  return base !== "." && base !== "..";
}
