/**
 * The linter and the model against a step-by-step reading of Piranha 0.8.6's parser
 * (test/oracle/piranha.ts), on real files edited line by line the way people break them:
 * - when Piranha rejects a file at line N, the linter reports an error on line N or before;
 * - when the linter reports no error, Piranha accepts the file and reads the same model.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { piranhaReading } from "../../compiler/emit/compile.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { modelToJson } from "../../compiler/model/resolve.ts";
import { piranhaParse } from "../oracle/piranha.ts";
import { runParams } from "../helpers/arbitraries.ts";
import { allConfigFiles, corpusFiles, exampleFiles, readCorpus, readExample, REPO_ROOT_PATH } from "../helpers/paths.ts";
import { SOURCES_VERDICTS } from "../helpers/verdicts.ts";

const BASES: string[] = [
  ...corpusFiles()
    .filter((f) => SOURCES_VERDICTS[f] === "ok")
    .map(readCorpus),
  ...exampleFiles().map(readExample),
];

/** Lines people write, right and wrong. */
const SNIPPETS = [
  "keepalive = 7 # seconds",
  "primary=10.0.0.1",
  "primary =10.0.0.1",
  "backup = 10.0.0.2",
  "backup_private = 10.1.0.2",
  "primary_private = 10.1.0.1",
  "}",
  "} # end",
  "{",
  "virtual extra {",
  "virtual extra{",
  "virtual {",
  "server more {",
  "failover fo {",
  "port = http",
  "port = 010",
  "port = 08",
  "weight = 0x10",
  "weight = -3",
  "active = 2",
  "active = 1",
  "Active = 1",
  "scheduler = WLC",
  "scheduler = sed",
  "scheduler = rr",
  "protocol = udp",
  'expect = "HTTP"   ',
  'send = "GET / HTTP/1.0\\r\\n\\r\\n"',
  'send = "say \\"hi\\""',
  "send = 'x'",
  'send = "unterminated',
  '"primary" = 10.0.0.1',
  "address = 10.0.0.9",
  "address = 10.0.0.9 eth0:5",
  "address = 10.0.0.9 eth0:5 extra",
  "address = web1.example.com",
  "nat_router = 10.0.0.254",
  "vip_nmask = 24",
  "vip_nmask = 255.255.255.0",
  "pmask = garbage",
  "pmask = 255.255.255.255",
  "persistent = 300",
  "sorry_server = 10.0.0.99",
  "fwmark = 80",
  "deadtime = 10",
  "nmask = 255.255.255.0",
  "heartbeat = 1",
  "dirs = [ a b ]",
  "dirs = [ a b",
  "send_program = /bin/check %h",
  "use_regex = 1",
  "timeout = 0",
  "   ",
  "# a comment",
  "\u00a0keepalive = 3",
  "keepalive\u00a0=\u00a03",
  "= 5",
  "serial_no",
  // Braces inside words are part of the word, as Piranha splits at blanks only.
  "virtual x${IFS}y {",
  "server a{b}c {",
  "virtual `id` {",
  "send_program = /bin/check${IFS}%h",
  "address = 10.0.0.9 eth0:1}",
  "expect = \"}\"",
  "}x",
  "}# end",
  "virtual a{ # main",
];

type LineEdit =
  | { op: "insert"; at: number; line: string }
  | { op: "delete"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "crlf"; at: number };

const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), line: fc.constantFrom(...SNIPPETS) }, { noNullPrototype: true }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }, { noNullPrototype: true }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }, { noNullPrototype: true }),
  fc.record({ op: fc.constant("crlf" as const), at: fc.nat() }, { noNullPrototype: true }),
);

function applyLineEdits(text: string, edits: LineEdit[]): string {
  const lines = text.split("\n");
  for (const e of edits) {
    const at = e.at % (lines.length + (e.op === "insert" ? 1 : 0));
    if (e.op === "insert") lines.splice(at, 0, e.line);
    else if (lines.length === 0) continue;
    else if (e.op === "delete") lines.splice(at, 1);
    else if (e.op === "duplicate") lines.splice(at, 0, lines[at]!);
    else lines[at] = lines[at] + "\r";
  }
  return lines.join("\n");
}

test("the linter reports what Piranha rejects, and reads what it accepts the same way (3000 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES), fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (base, edits) => {
      const text = applyLineEdits(base, edits);
      const piranha = piranhaParse(text);
      const { diagnostics, model } = lintText(text);
      const errors = diagnostics.filter((d) => d.severity === "error");
      if (!piranha.ok) {
        const early = errors.filter((d) => d.line <= piranha.line);
        if (early.length === 0)
          throw new Error(`Piranha rejects line ${piranha.line} (${piranha.message}); the linter reports no error there:\n${text}`);
      }
      if (errors.length === 0) {
        if (!piranha.ok) throw new Error(`no lint error, but Piranha rejects line ${piranha.line}: ${piranha.message}\n${text}`);
        assert.equal(JSON.parse(modelToJson(model)), JSON.parse(JSON.stringify(piranha.model)));
      }
    }),
    runParams(3000),
  );
});

// Each lint rule's cases are held against the oracle the same way, in test/compiler/lint/rules/.
test("lvs-compile --emit model reads every corpus and fixture file as Piranha does, errors or not", () => {
  const files = allConfigFiles();
  assert.ok(files.length > 100, `${files.length} files`);
  let read = 0;
  for (const file of files) {
    const text = readFileSync(join(REPO_ROOT_PATH, file), "utf8");
    const piranha = piranhaParse(text);
    const { model } = piranhaReading(text);
    if (!piranha.ok) {
      assert.is(model, null, `${file}: Piranha refuses line ${piranha.line} (${piranha.message})`);
      continue;
    }
    assert.ok(model !== null, `${file}: Piranha reads it, but no model was read`);
    assert.equal(JSON.parse(modelToJson(model)), JSON.parse(JSON.stringify(piranha.model)), file);
    read++;
  }
  // Most fixtures are files Piranha reads: the comparison above is not vacuous.
  assert.ok(read > files.length / 2, `${read} of ${files.length} read`);
});

test("lvs-compile --emit model: no model exactly when Piranha refuses the file, else Piranha's (3000 runs)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES), fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (base, edits) => {
      const text = applyLineEdits(base, edits);
      const piranha = piranhaParse(text);
      const { model, diagnostics } = piranhaReading(text);
      const refusals = diagnostics.filter((d) => d.refused).map((d) => `${d.ruleId} line ${d.line}: ${d.message}`);
      if (!piranha.ok) {
        if (model !== null) throw new Error(`Piranha refuses line ${piranha.line} (${piranha.message}); a model was read:\n${text}`);
        return;
      }
      if (model === null) throw new Error(`Piranha reads the file; refused for:\n${refusals.join("\n")}\n${text}`);
      assert.equal(JSON.parse(modelToJson(model)), JSON.parse(JSON.stringify(piranha.model)));
    }),
    runParams(3000),
  );
});

/** A word of characters that shells and people put in names: braces, `$`, quotes, backticks. */
const oddWord = fc
  .array(fc.constantFrom("a", "b", "1", "{", "}", "$", "`", "'", '"', "-", "_", ":", "."), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(""));

test("words with braces, $, quotes and backticks: the lint's verdict and model are Piranha's (3000 runs)", () => {
  fc.assert(
    fc.property(oddWord, oddWord, fc.constantFrom("name", "device", "value", "server"), (w1, w2, place) => {
      const text =
        place === "name"
          ? `primary = 10.0.0.1\nvirtual ${w1} {\n     active = 1\n     address = 10.0.0.9 eth0:1\n     server ${w2} {\n         address = 10.0.0.2\n         active = 1\n     }\n}\n`
          : place === "device"
            ? `primary = 10.0.0.1\nvirtual v {\n     active = 1\n     address = 10.0.0.9 ${w1}${w2}\n}\n`
            : place === "value"
              ? `primary = 10.0.0.1\nvirtual v {\n     send_program = ${w1}${w2}\n}\n`
              : `virtual v {\n     server ${w1}${w2} {\n     }\n}\n`;
      const piranha = piranhaParse(text);
      const { diagnostics } = lintText(text);
      const { model } = piranhaReading(text);
      if (!piranha.ok) {
        assert.ok(diagnostics.some((d) => d.severity === "error" && d.line <= piranha.line), `Piranha refuses line ${piranha.line} (${piranha.message}); no lint error by then:\n${text}`);
        assert.is(model, null, `a model was read of a file Piranha refuses:\n${text}`);
        return;
      }
      assert.ok(model !== null, `Piranha reads it, but the lint refuses it:\n${text}\n${diagnostics.filter((d) => d.refused).map((d) => d.message).join("\n")}`);
      assert.equal(JSON.parse(modelToJson(model)), JSON.parse(JSON.stringify(piranha.model)));
    }),
    runParams(3000),
  );
});

test("the oracle itself: Piranha's verdicts on known cases", () => {
  assert.equal(piranhaParse("keepalive = 7 # x\n"), { ok: false, line: 1, message: "unexpected arguments" });
  assert.equal(piranhaParse("primary=10.0.0.1\n"), { ok: false, line: 1, message: "unknown command" });
  assert.equal(piranhaParse("primary =10.0.0.1\n"), { ok: false, line: 1, message: "equal (=) expected after command" });
  assert.equal(piranhaParse("virtual a{\n}\n"), { ok: false, line: 1, message: "missing arguments" });
  assert.equal(piranhaParse("virtual a {\n expect = \"HTTP\"  \n}\n"), { ok: false, line: 2, message: "missing arguments" });
  assert.equal(piranhaParse('expect = "HTTP"  \n'), { ok: false, line: 1, message: "quotation mismatch" });
  assert.equal(piranhaParse(""), { ok: false, line: 1, message: "Empty configuration" });
  const crlf = piranhaParse("keepalive = 4\r\nbogus line\r\n");
  assert.ok(crlf.ok && crlf.model.global["keepalive"] === 4, "a CRLF file: only the first line is read");
  const open = piranhaParse("virtual a {\n active = 1\n");
  assert.ok(open.ok && open.model.virtuals[0]!["active"] === 1, "a missing } at the end is accepted");
});

test.run();
