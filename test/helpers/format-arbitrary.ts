/**
 * Generated lvs.cf texts for the formatter's properties: globals and virtual/server blocks with
 * comments above and beside statements, blank lines, odd spacing and indentation, LF or CRLF.
 */
import fc from "fast-check";


const sep = fc.constantFrom("", " ", "  ", "\t");
const comment = fc.integer({ min: 0, max: 99 }).map((n) => `# note ${n}`);
const ip = fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(([a, b, c]) => `${a}.${b}.0.${c}`);
const globalStmt = fc.oneof(
  fc.integer({ min: 0, max: 9999 }).map((n) => ["serial_no", String(n)]),
  ip.map((v) => ["primary", v]),
  ip.map((v) => ["backup", v]),
  fc.constantFrom("0", "1").map((v) => ["backup_active", v]),
  fc.constantFrom("nat", "direct", "tunnel").map((v) => ["network", v]),
  fc.integer({ min: 1, max: 30 }).map((n) => ["keepalive", String(n)]),
  fc.constantFrom("lvs").map((v) => ["service", v]),
);
const virtualStmt = fc.oneof(
  fc.constantFrom("0", "1").map((v) => ["active", v]),
  ip.map((v) => ["address", `${v} eth0:1`]),
  fc.integer({ min: 1, max: 65535 }).map((n) => ["port", String(n)]),
  fc.constantFrom(...["rr", "wlc", "lc", "sh"]).map((v) => ["scheduler", v]),
  fc.constantFrom("tcp", "udp").map((v) => ["protocol", v]),
  fc.constantFrom('"GET / HTTP/1.0\\r\\n\\r\\n"', '"HTTP"', '"x y"').map((v) => ["send", v]),
  fc.integer({ min: 1, max: 60 }).map((n) => ["timeout", String(n)]),
);
const serverStmt = fc.oneof(
  ip.map((v) => ["address", v]),
  fc.constantFrom("0", "1").map((v) => ["active", v]),
  fc.integer({ min: 0, max: 100 }).map((n) => ["weight", String(n)]),
);
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);

const decorate = fc.record(
  { indent: fc.constantFrom("", " ", "    ", "\t", "         "), before: fc.array(fc.oneof(comment, fc.constant("")), { maxLength: 2 }), inline: fc.option(comment, { nil: undefined }) },
  { noNullPrototype: true },
);
const stmtLine = (arb: fc.Arbitrary<string[]>) =>
  fc.tuple(arb, decorate, sep, sep).map(([[k, v], d, a, b]) => [...d.before.map((t) => d.indent + t), `${d.indent}${k}${a}=${b}${v}${d.inline ? ` ${d.inline}` : ""}`]);
const server = fc
  .tuple(name, fc.array(stmtLine(serverStmt), { maxLength: 4 }), decorate, sep)
  .map(([n, body, d, s]) => [...d.before, `${d.indent}server ${n}${s}{`, ...body.flat(), `${d.indent}}`]);
const virtual = fc
  .tuple(name, fc.array(fc.oneof(stmtLine(virtualStmt), server), { maxLength: 6 }), decorate, sep, fc.boolean())
  .map(([n, body, d, s, nl]) => [...d.before, `virtual ${n}${nl ? "\n" : s}{${d.inline ? ` ${d.inline}` : ""}`, ...body.flat(), `}`]);
export const formattableConfig = fc
  .tuple(fc.array(fc.oneof(stmtLine(globalStmt), virtual), { maxLength: 8 }), fc.constantFrom("\n", "\r\n"))
  .map(([items, eol]) => items.flat().join(eol) + eol);


/** A comment where a person might put one: after a blank, glued to what it follows, or alone. */
const anyComment = fc.tuple(fc.constantFrom(" ", "", "\t", "  "), comment).map(([s, c]) => `${s}${c}`);
const roughValue = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map(String),
  ip,
  fc.constantFrom('"x"', '"GET / HTTP/1.0\\r\\n"', '"a # b"', "'c'", '"#"', '"x y"#z', "#1", "a#b", '""'),
);
const roughKey = fc.constantFrom("keepalive", "primary", "send", "expect", "port", "weight", "address", "Scheduler", "NETWORK");
const roughLine = fc
  .tuple(fc.constantFrom("", " ", "     ", "\t"), roughKey, sep, sep, roughValue, fc.option(anyComment, { nil: undefined }))
  .map(([indent, k, a, b, v, c]) => `${indent}${k}${a}=${b}${v}${c ?? ""}`);
const roughBlock: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom("virtual", "server", "failover"), name, sep, fc.option(anyComment, { nil: undefined }), fc.array(fc.oneof(roughLine, comment, fc.constant("")), { maxLength: 4 }), fc.option(anyComment, { nil: undefined }))
  .map(([kind, n, s, c1, body, c2]) => [`${kind} ${n}${s}{${c1 ?? ""}`, ...body, `}${c2 ?? ""}`]);

/** Files people write by hand: glued `=`, comments after values (glued or not), `#` inside quotes, comments at every place. */
export const roughConfig = fc
  .array(fc.oneof(roughLine.map((l) => [l]), roughBlock, comment.map((c) => [c]), fc.constant([""])), { maxLength: 10 })
  .map((items) => items.flat().join("\n") + "\n");
