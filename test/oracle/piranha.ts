/**
 * A reference reading of lvs.cf that follows Piranha 0.8.6's lvsParseConfig step by step:
 * its line splitting (a `\r` anywhere ahead makes `\r` the line end), its tokenizer (blanks
 * are space and TAB only, its quoting rule, 99 tokens a line), its statement checks and its
 * error messages. Tests compare the linter and the model against it: whatever it rejects at
 * line N must be reported at or before N, and wherever the linter finds no error, the
 * resolved models must be equal. It shares only the value parsers with the code under test.
 */
import { keywordAt, KEYWORDS, type Keyword, type Level } from "../../grammar/index.ts";
import { formatIPv4, inetAton, looksLikeHostname, parseCBool, parseCInt, parsePort } from "../../compiler/model/values.ts";

export type OracleResult = { ok: true; model: OracleModel } | { ok: false; line: number; message: string };

type Obj = Record<string, unknown>;
export interface OracleModel {
  global: Obj;
  virtuals: Obj[];
}

interface Token {
  text: string;
  quote: string | null;
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/** Piranha's lines: split at `\r` while one remains ahead, else at `\n`. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  const lastCr = text.lastIndexOf("\r");
  while (pos < text.length) {
    const sep = pos <= lastCr ? "\r" : "\n";
    let end = text.indexOf(sep, pos);
    if (end < 0) end = text.length;
    lines.push(text.slice(pos, end));
    pos = end + 1;
  }
  return lines;
}

/** tokenizeString: null tokens means "quotation mismatch" (with the tokens read before it). */
function tokenize(line: string): { tokens: Token[]; bad: boolean } {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n || tokens.length === 99) return { tokens, bad: false };
    const q = line[i];
    let j = i;
    while (j < n && !isBlank(line[j])) j++;
    if (q === '"' || q === "'") {
      if (j < n) {
        const k = line.indexOf(q, j);
        j = k >= 0 ? k + 1 : n;
      }
      const tok = line.slice(i, j);
      if (tok.length < 2 || tok[tok.length - 1] !== q) return { tokens, bad: true };
      tokens.push({ text: tok.slice(1, -1), quote: q });
    } else {
      tokens.push({ text: line.slice(i, j), quote: null });
    }
    i = j;
  }
}

function defaults(level: Level): Obj {
  const out: Obj = {};
  for (const k of KEYWORDS) if (k.level === level && k.kind !== "block") out[k.name] = k.default;
  return out;
}

class Reject extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function hostOf(text: string, kw: Keyword): string {
  const n = inetAton(text);
  if (n !== null) {
    if (kw.rejectsZero && n === 0) throw new Reject("invalid host name or ip address");
    return formatIPv4(n);
  }
  if (looksLikeHostname(text)) return text;
  throw new Reject("invalid argument");
}

function intOf(r: ReturnType<typeof parseCInt>): number {
  if (!r.ok) throw new Reject(r.message);
  return r.value;
}

/** Sets `kw` from the statement's tokens on `target`; throws Reject with Piranha's message. */
function assign(target: Obj, kw: Keyword, tokens: Token[]): void {
  if (tokens.length >= 2 && tokens[1]!.text !== "=") throw new Reject("equal (=) expected after command");
  if (kw.kind === "list") {
    if (tokens[2]?.text !== "[" || !tokens.slice(3).some((t) => t.text === "]")) throw new Reject("list expected");
    return;
  }
  if (tokens.length < kw.arity + 2) throw new Reject("missing arguments");
  if (tokens.length > kw.arity + 2) throw new Reject("unexpected arguments");
  const tok = tokens[2]!;
  const v = tok.text;
  switch (kw.kind) {
    case "int":
      target[kw.name] = kw.name === "fwmark" ? intOf(parseCInt(v)) >>> 0 : intOf(parseCInt(v));
      return;
    case "bool":
      target[kw.name] = intOf(parseCBool(v));
      return;
    case "port": {
      const p = parsePort(v);
      if (!p.ok) throw new Reject("invalid argument");
      target[kw.name] = p.value;
      return;
    }
    case "enum":
      if (!kw.values!.includes(v)) throw new Reject("invalid argument");
      target[kw.name] = v;
      return;
    case "host":
      target[kw.name] = hostOf(v, kw);
      return;
    case "hostDevice": {
      const address = hostOf(v, kw);
      if (kw.name === "nat_router") target["nat_router"] = { address, device: tokens[3]!.text };
      else {
        target["address"] = address;
        target["device"] = tokens[3]!.text;
      }
      return;
    }
    case "ipv4": {
      const n = inetAton(v);
      if (n === null) throw new Reject("invalid host name or ip address");
      target[kw.name] = formatIPv4(n);
      return;
    }
    case "netmask": {
      const n = inetAton(v);
      if (n === null) throw new Reject("Bad subnet mask specified");
      target[kw.name] = formatIPv4(n);
      return;
    }
    case "pmask": {
      const n = inetAton(v);
      if (n !== null) target[kw.name] = n === 0xffffffff ? "0.0.0.0" : formatIPv4(n);
      return;
    }
    case "string": {
      if (!kw.keepsQuotes) {
        target[kw.name] = v;
        return;
      }
      // The parser puts the quotes back; lvsd strips a leading and a trailing double quote.
      let s = tok.quote ? tok.quote + v + tok.quote : v;
      if (s.startsWith('"')) s = s.slice(1);
      if (s.endsWith('"')) s = s.slice(0, -1);
      target[kw.name] = s;
      return;
    }
    default:
      throw new Reject("invalid argument");
  }
}

function opener(tokens: Token[]): string {
  if (tokens.length < 3) throw new Reject("missing arguments");
  if (tokens.length > 3) throw new Reject("unexpected arguments");
  if (tokens[2]!.text !== "{") throw new Reject("missing arguments");
  return tokens[1]!.text;
}

export function piranhaParse(text: string): OracleResult {
  if (text.length === 0) return { ok: false, line: 1, message: "Empty configuration" };
  const global = defaults("global");
  let primarySet = false;
  let primaryPrivateSet = false;
  const virtuals: Obj[] = [];
  let virtual: Obj | null = null;
  let server: Obj | null = null;
  const lines = splitLines(text);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!;
    let i = 0;
    while (isBlank(line[i])) i++;
    if (i >= line.length || line[i] === "\n" || line[i] === "#") continue;
    const { tokens, bad } = tokenize(line);
    try {
      if (bad && virtual === null) throw new Reject("quotation mismatch");
      if (bad && server !== null) throw new Reject("quotation mismatch");
      // Inside a virtual block the tokenizer's failure is not checked; the tokens read so far are used.
      if (tokens.length === 0) throw new Reject("missing arguments");
      const word = tokens[0]!.text;
      const level: Level = server ? "server" : virtual ? "virtual" : "global";
      if (word === "}" && level !== "global") {
        if (server) server = null;
        else virtual = null;
        continue;
      }
      const kw = keywordAt(level, word);
      if (!kw) throw new Reject("unknown command");
      if (kw.kind === "block") {
        const name = opener(tokens);
        if (kw.name === "server") {
          server = { name, ...defaults("server"), port: virtual!["port"] };
          (virtual!["servers"] as Obj[]).push(server);
        } else {
          const d = defaults("virtual");
          delete d["master"];
          delete d["dirs"];
          virtual = { block: kw.name, name, ...d, device: null, servers: [] };
          virtuals.push(virtual);
        }
        continue;
      }
      const target = server ?? virtual ?? global;
      if (kw.name === "master" || kw.name === "dirs") assign({}, kw, tokens);
      else assign(target, kw, tokens);
      if (level === "global" && kw.name === "primary") primarySet = true;
      if (level === "global" && kw.name === "primary_private") primaryPrivateSet = true;
    } catch (e) {
      if (e instanceof Reject) return { ok: false, line: ln + 1, message: e.reason };
      throw e;
    }
  }
  if (primarySet && !primaryPrivateSet) {
    global["primary_private"] = global["primary"];
    global["backup_private"] = global["backup"];
  }
  return { ok: true, model: { global, virtuals } };
}
