/** Reads a statement's values the way Piranha's parser reads them for its keyword. */
import type { Keyword, Statement, Word } from "../../grammar/index.ts";
import {
  formatIPv4,
  inetAton,
  parseCBool,
  parseCInt,
  parseHost,
  parseIPv4,
  parseNetmask,
  parsePort,
  type Host,
  type Parsed,
} from "./values.ts";

export type ReadValue =
  | { kind: "int"; value: number }
  | { kind: "string"; value: string }
  | { kind: "host"; value: Host }
  | { kind: "hostDevice"; value: Host; device: string | null }
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

export type ReadResult = { ok: true; value: ReadValue } | { ok: false; problem: ReadProblem };

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

function fromParsed<T>(p: Parsed<T>, word: Word, kw: Keyword, wrap: (v: T) => ReadValue): ReadResult {
  return p.ok ? { ok: true, value: wrap(p.value) } : problem(word, p.message, kw);
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
    return { ok: true, value: { kind: "list", value: words.slice(1, words.indexOf("]")) } };
  }
  const first = values[0];
  if (!first) return problem(null, "missing arguments", kw);
  const text = first.value;
  switch (kw.kind) {
    case "int":
      return fromParsed(parseCInt(text), first, kw, (v) => ({ kind: "int", value: kw.name === "fwmark" ? v >>> 0 : v }));
    case "bool":
      return fromParsed(parseCBool(text), first, kw, (v) => ({ kind: "int", value: v }));
    case "port":
      return fromParsed(parsePort(text), first, kw, (v) => ({ kind: "int", value: v }));
    case "enum": {
      const match = kw.values!.find((v) => v === text) ?? kw.values!.find((v) => v.toLowerCase() === text.toLowerCase());
      return match ? { ok: true, value: { kind: "string", value: match } } : problem(first, "invalid argument", kw);
    }
    case "host": {
      const h = parseHost(text);
      if (!h.ok) return problem(first, h.message, kw);
      if (kw.rejectsZero && h.value.kind === "ip" && h.value.address === "0.0.0.0")
        return problem(first, "invalid host name or ip address", kw);
      return { ok: true, value: { kind: "host", value: h.value } };
    }
    case "hostDevice": {
      const h = parseHost(text);
      if (!h.ok) return problem(first, h.message, kw);
      return { ok: true, value: { kind: "hostDevice", value: h.value, device: values[1]?.value ?? null } };
    }
    case "ipv4":
      return fromParsed(parseIPv4(text), first, kw, (v) => ({ kind: "string", value: v }));
    case "netmask":
      return fromParsed(parseNetmask(text), first, kw, (v) => ({ kind: "string", value: v }));
    case "pmask": {
      const n = inetAton(text);
      return { ok: true, value: { kind: "pmask", value: n === null ? null : n === 0xffffffff ? "0.0.0.0" : formatIPv4(n) } };
    }
    case "string":
      return { ok: true, value: { kind: "string", value: storedString(kw, first) } };
    default:
      return problem(first, "invalid argument", kw);
  }
}
