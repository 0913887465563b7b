/** Reads a statement's values the way Piranha's parser reads them for its keyword. */
import type { Keyword, Statement, Word } from "../../grammar/index.ts";
import { dottedQuadOf, inetAton, looksLikeHostname, parseCBool, parseCInt, parsePort, plainDecimal, type Parsed } from "./values.ts";

/** A value as Piranha stores it. Host values are a dotted quad, or the name when `name` is set. */
export type ReadValue =
  | { kind: "int"; value: number }
  | { kind: "string"; value: string }
  | { kind: "host"; value: string; name: boolean }
  | { kind: "hostDevice"; value: string; name: boolean; device: string | null }
  | { kind: "list"; value: string[] }
  /** pmask: null when Piranha silently ignores the value. */
  | { kind: "pmask"; value: string | null };

export interface ReadProblem {
  /** The token at fault, or null when a value is missing. */
  readonly word: Word | null;
  /** What Piranha says (its own message where it has one). */
  readonly message: string;
  /** What Piranha would accept instead. */
  readonly expected: string;
}

export type ReadResult = ({ ok: true } & ReadValue) | { ok: false; problem: ReadProblem };

const EXPECTED: Record<string, string> = {
  int: "an integer (decimal; a leading 0 means octal, 0x hex)",
  bool: "0 or 1",
  port: "a port number or a tcp service name such as http",
  host: "an IPv4 address",
  ipv4: "an IPv4 address (no host names)",
  netmask: "a netmask such as 255.255.255.0",
  pmask: "a netmask such as 255.255.255.0",
  hostDevice: "an IPv4 address and a device, such as 192.168.1.10 eth0:1",
  list: "[ a b … ]",
  string: "one value (quote it if it has blanks)",
};

export function expectedFor(kw: Keyword): string {
  return kw.kind === "enum" ? `one of ${kw.values!.join(", ")}` : (EXPECTED[kw.kind] ?? "a value");
}

/**
 * The stored value of a string keyword: Piranha removes the quotes and, for send, expect,
 * send_program, start_cmd and stop_cmd, puts them back; lvsd then strips a leading and a
 * trailing double quote. So `"x"` arrives as x, `'x'` as 'x' (quotes included).
 */
export function storedString(kw: Keyword, word: Word): string {
  if (!kw.keepsQuotes) return word.value;
  let s = word.quote ? word.quote + word.value + word.quote : word.value;
  if (s.startsWith('"')) s = s.slice(1);
  if (s.endsWith('"')) s = s.slice(0, -1);
  return s;
}

function problem(word: Word | null, message: string, kw: Keyword): ReadResult {
  return { ok: false, problem: { word, message, expected: expectedFor(kw) } };
}

/** An integer value as `parse` reads `text`; a plain decimal (the usual case) is read directly. */
function int(text: string, parse: (s: string) => Parsed<number>, word: Word, kw: Keyword): ReadResult {
  let value = plainDecimal(text);
  if (Number.isNaN(value) || (kw.kind === "bool" && value !== 0 && value !== 1)) {
    const p = parse(text);
    if (!p.ok) return problem(word, p.message, kw);
    value = p.value;
  }
  return { ok: true, kind: "int", value: kw.name === "fwmark" ? value >>> 0 : value };
}

function host(text: string, word: Word, kw: Keyword, device: string | null | undefined): ReadResult {
  const n = inetAton(text);
  let value: string;
  let name = false;
  if (n !== null) {
    if (kw.rejectsZero && n === 0 && device === undefined) return problem(word, "invalid host name or ip address", kw);
    value = dottedQuadOf(text, n);
  } else if (looksLikeHostname(text)) {
    value = text;
    name = true;
  } else return problem(word, "invalid argument", kw);
  return device === undefined ? { ok: true, kind: "host", value, name } : { ok: true, kind: "hostDevice", value, name, device };
}

/**
 * Reads the values of `stmt` for keyword `kw`. Enum values are matched regardless of case
 * (the case itself is reported separately), so that the result is what the author meant.
 */
export function readStatement(kw: Keyword, stmt: Statement): ReadResult {
  // The rules visit one statement after another, and several of them read its value.
  if (stmt === last.stmt && kw === last.kw) return last.result;
  const result = read(kw, stmt);
  last.stmt = stmt;
  last.kw = kw;
  last.result = result;
  return result;
}

const last: { stmt: Statement | null; kw: Keyword | null; result: ReadResult } = {
  stmt: null,
  kw: null,
  result: { ok: false, problem: { word: null, message: "", expected: "" } },
};

function read(kw: Keyword, stmt: Statement): ReadResult {
  const values = stmt.values;
  if (kw.kind === "list") {
    const words = values.map((v) => v.value);
    if (words[0] !== "[" || !words.includes("]")) return problem(values[0] ?? null, "list expected", kw);
    return { ok: true, kind: "list", value: words.slice(1, words.indexOf("]")) };
  }
  const first = values[0];
  if (!first) return problem(null, "missing arguments", kw);
  const text = first.value;
  switch (kw.kind) {
    case "int":
      return int(text, parseCInt, first, kw);
    case "bool":
      return int(text, parseCBool, first, kw);
    case "port":
      return int(text, parsePort, first, kw);
    case "enum": {
      const match = kw.values!.find((v) => v === text) ?? kw.values!.find((v) => v.toLowerCase() === text.toLowerCase());
      return match ? { ok: true, kind: "string", value: match } : problem(first, "invalid argument", kw);
    }
    case "host":
      return host(text, first, kw, undefined);
    case "hostDevice":
      return host(text, first, kw, values[1]?.value ?? null);
    case "ipv4": {
      const n = inetAton(text);
      return n === null ? problem(first, "invalid host name or ip address", kw) : { ok: true, kind: "string", value: dottedQuadOf(text, n) };
    }
    case "netmask": {
      const n = inetAton(text);
      return n === null ? problem(first, "Bad subnet mask specified", kw) : { ok: true, kind: "string", value: dottedQuadOf(text, n) };
    }
    case "pmask": {
      const n = inetAton(text);
      return { ok: true, kind: "pmask", value: n === null ? null : n === 0xffffffff ? "0.0.0.0" : dottedQuadOf(text, n) };
    }
    case "string":
      return { ok: true, kind: "string", value: storedString(kw, first) };
    default:
      return problem(first, "invalid argument", kw);
  }
}
