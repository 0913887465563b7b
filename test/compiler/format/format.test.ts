/**
 * The formatter: fixture pairs (every repair, the examples, corpus files), idempotence, line-ending
 * independence, no parser finding left that formatting repairs, and properties over generated configs.
 */
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatLvs } from "../../../compiler/format/print.ts";
import { lintText } from "../../../compiler/lint/engine.ts";
import { PARSER_RULES } from "../../../compiler/lint/rules/index.ts";
import { modelToJson } from "../../../compiler/model/resolve.ts";

const DIR = new URL("../../../fixtures/format/", import.meta.url);
const CASES = readdirSync(DIR).sort();
/** Findings the formatter always repairs: inline comments, CRLF, glued `=` and `{`, keyword case, missing `}`. */
const REPAIRED = new Set(["LVS1003", "LVS1004", "LVS1005", "LVS1006", "LVS1009", "LVS1011"]);

const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, DIR), "utf8");
const parserFindings = (text: string): string[] => [...new Set(lintText(text, { rules: PARSER_RULES }).diagnostics.map((d) => d.ruleId))].sort();

for (const name of CASES) {
  test(`fixture ${name}`, () => {
    const input = read(name, "input.cf");
    const expected = read(name, "output.cf");
    const out = formatLvs(input);
    assert.fixture(out, expected);
    assert.is(formatLvs(out), out, "idempotent");
    const lf = input.replace(/\r\n?/g, "\n");
    assert.is(formatLvs(lf), out, "LF variant");
    assert.is(formatLvs(lf.replace(/\n/g, "\r\n")), out, "CRLF variant");
    assert.is(formatLvs(lf.replace(/\n/g, "\r")), out, "CR variant");
    const before = parserFindings(input);
    const after = parserFindings(out);
    for (const id of after) {
      assert.ok(before.includes(id), `${id} appears only after formatting`);
      // `# prettier-ignore` keeps its item as written, repairs included.
      if (name !== "prettier-ignore") assert.not.ok(REPAIRED.has(id), `${id} is left although formatting repairs it`);
    }
    assert.is(modelToJson(lintText(out).model), modelToJson(lintText(input).model), "same model");
  });
}

test("examples are already in the GUI layout", () => {
  for (const name of CASES.filter((c) => c.startsWith("example-"))) assert.is(read(name, "output.cf"), read(name, "input.cf"), name);
});

test("uniform indentation", () => {
  const text = "virtual web {\nport = 80\nserver a {\nweight = 1\n}\n}\n";
  assert.is(formatLvs(text, { indent: 4 }), "virtual web {\n    port = 80\n    server a {\n        weight = 1\n    }\n}\n");
  assert.is(formatLvs(text, { indent: 2 }), "virtual web {\n  port = 80\n  server a {\n    weight = 1\n  }\n}\n");
});

test("empty and comment-only files", () => {
  assert.is(formatLvs(""), "");
  assert.is(formatLvs("\n\n\r\n"), "");
  assert.is(formatLvs("# only\r\n\r\n\r\n# comments  \r\n"), "# only\n\n# comments\n");
});

// ---- generated configs ----

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
const config = fc
  .tuple(fc.array(fc.oneof(stmtLine(globalStmt), virtual), { maxLength: 8 }), fc.constantFrom("\n", "\r\n"))
  .map(([items, eol]) => items.flat().join(eol) + eol);

test("generated configs: same model, idempotent, CRLF = LF (300 runs)", () => {
  fc.assert(
    fc.property(config, (text) => {
      const out = formatLvs(text);
      assert.is(modelToJson(lintText(out).model), modelToJson(lintText(text).model), `the model changed:\n${JSON.stringify(text)}`);
      assert.is(formatLvs(out), out, `not idempotent:\n${JSON.stringify(text)}`);
      assert.is(formatLvs(text.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n")), out, "CRLF");
      assert.is(formatLvs(out, { indent: 4 }), formatLvs(formatLvs(text, { indent: 4 }), { indent: 4 }), "idempotent with indent 4");
    }),
    { numRuns: 300 },
  );
});

test.run();
