/** fast-check generators for lvs.cf-like text, shared by the property suites. */
import fc from "fast-check";

/** Characters that matter to the lvs.cf lexer, and a few that should not. */
export const LVS_CHARS = [
  ..."abcdefghijklmnopqrstuvwxyz",
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  ..."0123456789",
  ..."_-.:/%\\[]<>",
  "=",
  "{",
  "}",
  '"',
  "'",
  "#",
  "\r",
  "\n",
  "\t",
  " ",
  " ",
  " ",
  "\u00a0",
  "\u3000",
  "\u000b",
  "\u000c",
  "\u0000",
  "\ufeff",
  "é",
  "漢",
  "😀",
];

/** Words that build plausible lines: keywords, values, braces, quotes, blanks, line ends. */
export const LVS_WORDS = [
  "serial_no",
  "primary",
  "primary_private",
  "backup",
  "backup_active",
  "backup_private",
  "service",
  "network",
  "nat_router",
  "heartbeat_port",
  "keepalive",
  "deadtime",
  "virtual",
  "Virtual",
  "failover",
  "server",
  "active",
  "address",
  "port",
  "weight",
  "scheduler",
  "protocol",
  "persistent",
  "pmask",
  "fwmark",
  "send",
  "expect",
  "send_program",
  "start_cmd",
  "dirs",
  "master",
  "nmask",
  "lvs",
  "nat",
  "direct",
  "wlc",
  "rr",
  "tcp",
  "udp",
  "http",
  "0",
  "1",
  "010",
  "0x10",
  "08",
  "-5",
  "10.0.0.1",
  "10.1",
  "255.255.255.255",
  "eth0:1",
  "www.example.com",
  "web1",
  '"GET / HTTP/1.0\\r\\n"',
  '"HTTP"',
  "'x'",
  '""',
  "[",
  "]",
  "=",
  "{",
  "}",
  '"',
  "'",
  "#",
  "# comment",
  "<%=",
  "%>",
  "{{",
  "}}",
  " ",
  "  ",
  "     ",
  "\t",
  "\u00a0",
  "\n",
  "\n",
  "\n",
  "\r\n",
  "\r",
];

/** Any code points (including lone surrogates and control characters). */
export const binaryText = fc.string({ unit: "binary", maxLength: 300 });

/** Unicode graphemes, as a user might paste them. */
export const graphemeText = fc.string({ unit: "grapheme", maxLength: 200 });

/** Characters biased to what the lexer treats specially. */
export const lvsCharText = fc.string({ unit: fc.constantFrom(...LVS_CHARS), maxLength: 400 });

/** Sequences of lvs.cf words and separators, closer to real files. */
export const lvsWordText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...LVS_WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...LVS_CHARS) }), {
    maxLength: 300,
  })
  .map((parts) => parts.join(""));

/** Well-formed-looking lines: `key = value`, block openers, closers, comments. */
export const lvsLineText = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...LVS_WORDS), fc.constantFrom(" = ", "=", " =", "= ", " "), fc.constantFrom(...LVS_WORDS))
        .map(([k, eq, v]) => `${k}${eq}${v}`),
      fc.tuple(fc.constantFrom("virtual", "failover", "server", "Server"), fc.constantFrom(...LVS_WORDS)).map(([k, n]) => `${k} ${n} {`),
      fc.constantFrom("}", "} # end", "{", "# note", "", "  ", "server s {", "virtual v {"),
    ),
    { maxLength: 60 },
  )
  .chain((lines) =>
    fc.constantFrom("\n", "\r\n", "\r").map((eol) => lines.map((l, i) => (i % 3 === 0 ? "     " + l : l)).join(eol)),
  );

/** Any of the above. */
export const anyText = fc.oneof(binaryText, graphemeText, lvsCharText, lvsWordText, lvsLineText);

/** Short snippets inserted by mutations. */
export const insertion = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("{", "}", '"', "'", "#", "\r", "\n", "\r\n", "=", " ", "\t", "\u00a0", "# x", "} ", " {") },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...LVS_CHARS), maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...LVS_WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

export type Edit =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "replace"; at: number; length: number; text: string };

/** One random edit; `at` is a fraction of the text length so that it suits any text. */
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }, { noNullPrototype: true }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: insertion }, { noNullPrototype: true }),
  fc.record(
    { op: fc.constant("replace" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), text: insertion },
    { noNullPrototype: true },
  ),
);

/** Applies edits in order; positions wrap around the current text length. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    if (e.op === "delete") t = t.slice(0, at) + t.slice(at + e.length);
    else if (e.op === "insert") t = t.slice(0, at) + e.text + t.slice(at);
    else t = t.slice(0, at) + e.text + t.slice(at + e.length);
  }
  return t;
}

/**
 * fast-check run parameters. FC_SEED (and FC_PATH) replay a reported failure:
 * `FC_SEED=123 FC_PATH=4:2 node --import tsx node_modules/uvu/bin.js test properties`.
 */
export function runParams(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env["FC_SEED"];
  const path = process.env["FC_PATH"];
  return {
    numRuns,
    includeErrorInReport: true,
    ...(seed !== undefined && seed !== "" ? { seed: Number(seed) } : {}),
    ...(path !== undefined && path !== "" ? { path } : {}),
  };
}
