/**
 * Every lint rule against its fixture folder, fixtures/lint/<ruleId>/:
 *   valid*.cf                       files Piranha 0.8.6 accepts: no finding of that rule;
 *   invalid*.cf + invalid*.expected.json  exactly the listed findings of that rule.
 * The fixtures are byte-exact (CRLF, lone CR, NBSP, BOM); fixtures/.gitattributes keeps git from
 * converting them. Fixable rules must also clear their findings when their fixes are applied.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintText } from "../../../compiler/lint/engine.ts";
import { ALL_RULES } from "../../../compiler/lint/rules/index.ts";
import type { Diagnostic, Fix, Rule } from "../../../compiler/lint/types.ts";
import { SourceText } from "../../../grammar/index.ts";

const FIXTURES = fileURLToPath(new URL("../../../fixtures/lint/", import.meta.url));

/** Rules whose invalid input is generated in this test instead of being kept as a file. */
const GENERATED_INVALID = new Set(["LVS1019"]);

interface Expected {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
}

const read = (path: string): string => readFileSync(path, "utf8");
const of = (rule: Rule, text: string): Diagnostic[] => lintText(text).diagnostics.filter((d) => d.ruleId === rule.meta.id);
const brief = (d: Diagnostic): Expected => ({
  ruleId: d.ruleId,
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
  severity: d.severity,
});
const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.message}`).join("\n");

function filesOf(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort() : [];
}

/**
 * Applies the fixes from the end of the text backwards, skipping any that overlaps one already
 * applied. Returns the new text, the fixes applied and a map from old offsets to new ones.
 */
function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; map: (offset: number) => number } {
  const sorted = [...fixes].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  const applied: Fix[] = [];
  let out = text;
  for (const f of sorted) {
    const [a, b] = f.range;
    const last = applied[applied.length - 1];
    if (last && (b > last.range[0] || (a === b && last.range[0] === last.range[1] && a === last.range[0]))) continue;
    out = out.slice(0, a) + f.text + out.slice(b);
    applied.push(f);
  }
  const ascending = [...applied].reverse();
  const map = (offset: number): number => {
    let shift = 0;
    for (const { range: [a, b], text: t } of ascending) {
      if (a <= offset && offset < b) return a + shift;
      if (a >= offset) break;
      shift += t.length - (b - a);
    }
    return offset + shift;
  };
  return { text: out, applied, map };
}

test("every rule has a fixture folder, and every folder names a rule", () => {
  const folders = readdirSync(FIXTURES).filter((f) => /^LVS\d+$/.test(f));
  for (const rule of ALL_RULES) {
    const dir = `${FIXTURES}${rule.meta.id}`;
    assert.ok(existsSync(dir), `missing fixtures/lint/${rule.meta.id}/`);
    assert.ok(existsSync(`${dir}/valid.cf`), `missing fixtures/lint/${rule.meta.id}/valid.cf`);
    if (!GENERATED_INVALID.has(rule.meta.id)) {
      assert.ok(existsSync(`${dir}/invalid.cf`), `missing fixtures/lint/${rule.meta.id}/invalid.cf`);
      assert.ok(existsSync(`${dir}/invalid.expected.json`), `missing fixtures/lint/${rule.meta.id}/invalid.expected.json`);
    }
  }
  for (const f of folders) assert.ok(ALL_RULES.some((r) => r.meta.id === f), `fixtures/lint/${f}/ names no rule`);
});

test("fixtures with special bytes are byte-exact", () => {
  const bytes = (p: string): Buffer => readFileSync(`${FIXTURES}${p}`);
  assert.ok(bytes("LVS1004/invalid.cf").includes("\r\n"), "CRLF kept");
  assert.not.ok(/[^\r]\n/.test(bytes("LVS1004/invalid.cf").toString("latin1")), "every line of the CRLF fixture ends in CRLF");
  assert.not.ok(bytes("LVS1004/valid-cr-only.cf").includes("\n"), "CR-only fixture has no LF");
  assert.is(bytes("LVS1004/invalid-lone-cr.cf").toString("latin1").match(/\r/g)?.length, 2);
  assert.equal([...bytes("LVS1008/invalid.cf").subarray(0, 3)], [0xef, 0xbb, 0xbf], "byte order mark kept");
  assert.ok(bytes("LVS1008/invalid.cf").includes(Buffer.from([0xc2, 0xa0])), "NBSP kept");
  assert.is(bytes("LVS1016/invalid.cf").length, 0, "the empty fixture is zero bytes long");
});

for (const rule of ALL_RULES) {
  const id = rule.meta.id;
  const dir = `${FIXTURES}${id}/`;

  for (const file of filesOf(dir, /^valid.*\.cf$/)) {
    test(`${id} ${rule.meta.alias}: ${file} has no ${id} finding`, () => {
      const found = of(rule, read(dir + file));
      assert.is(found.length, 0, `${id}/${file}:\n${show(found)}`);
    });
    // A valid fixture of a parser rule is a file Piranha's parser accepts (no LVS1xxx error);
    // one of a semantic rule is a configuration a director runs as meant (no error at all).
    const family = id.startsWith("LVS1") ? "LVS1" : "LVS";
    test(`${id}: ${file} is a file Piranha accepts, so no ${family}xxx rule reports an error`, () => {
      const errors = lintText(read(dir + file)).diagnostics.filter((d) => d.severity === "error" && d.ruleId.startsWith(family));
      assert.is(errors.length, 0, `${id}/${file}:\n${errors.map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.message}`).join("\n")}`);
    });
  }

  for (const file of filesOf(dir, /^invalid.*\.cf$/)) {
    const expectedPath = dir + file.replace(/\.cf$/, ".expected.json");
    test(`${id} ${rule.meta.alias}: ${file} gives exactly the expected findings`, () => {
      assert.ok(existsSync(expectedPath), `missing ${expectedPath}`);
      const expected = JSON.parse(read(expectedPath)) as Expected[];
      assert.ok(expected.length > 0, `${id}/${file}: an invalid fixture must expect at least one finding`);
      assert.ok(expected.every((e) => e.ruleId === id), `${id}/${file}: the expectations list findings of ${id} only`);
      const found = of(rule, read(dir + file));
      assert.equal(found.map(brief), expected, `${id}/${file}:\n${show(found)}`);
    });

    if (!rule.meta.fixable) continue;
    test(`${id} ${rule.meta.alias}: fixes clear the findings of ${file}`, () => {
      const text = read(dir + file);
      const before = of(rule, text);
      const fixes = before.filter((d) => d.fix).map((d) => d.fix!);
      assert.ok(fixes.length > 0, `${id} is fixable but ${file} yields no fix`);
      const { text: fixed, applied, map } = applyFixes(text, fixes);
      const after = of(rule, fixed);
      const src = new SourceText(fixed);
      // Lines that held a finding whose fix was applied, or that a fix rewrote.
      const fixedLines = new Set<number>();
      const keptLines = new Set<number>();
      for (const d of before) {
        const lines = [src.lineOf(map(d.start)), src.lineOf(map(d.end))];
        const target = d.fix && applied.includes(d.fix) ? fixedLines : keptLines;
        for (let l = Math.min(...lines); l <= Math.max(...lines); l++) target.add(l);
      }
      for (const f of applied) {
        const start = map(f.range[0]);
        for (let l = src.lineOf(start); l <= src.lineOf(start + f.text.length); l++) fixedLines.add(l);
      }
      const left = after.filter((d) => fixedLines.has(d.line) && !keptLines.has(d.line));
      assert.is(left.length, 0, `${id}/${file} after its fixes still has:\n${show(left)}\n--- fixed text ---\n${fixed}`);
      const unfixed = before.length - applied.length;
      assert.ok(after.length <= unfixed, `${id}/${file}: ${after.length} findings after fixing, but only ${unfixed} had no fix:\n${show(after)}`);
    });
  }
}

// LVS1019: no multi-megabyte files in the repository, so the large inputs are built here.
const fileTooLarge = ALL_RULES.find((r) => r.meta.id === "LVS1019")!;
const MIB = 1024 * 1024;
/** A valid file of exactly `bytes` UTF-8 bytes, padded with comment lines of `pad` characters. */
function bigFile(bytes: number, pad = "x"): string {
  const head = "serial_no = 1\nvirtual web {\n     active = 1\n     address = 192.168.1.100 eth0:1\n}\n";
  const padBytes = Buffer.byteLength(pad, "utf8");
  const lineChars = 63;
  const line = `# ${pad.repeat(lineChars)}\n`;
  const lineBytes = Buffer.byteLength(line, "utf8");
  let rest = bytes - Buffer.byteLength(head, "utf8");
  const full = Math.floor(rest / lineBytes);
  rest -= full * lineBytes;
  // The last line: "#" plus ASCII filler to hit the size exactly.
  const tail = rest > 0 ? "#" + "y".repeat(Math.max(0, rest - 2)) + (rest >= 2 ? "\n" : "") : "";
  const text = head + line.repeat(full) + tail;
  assert.is(Buffer.byteLength(text, "utf8"), bytes, `bigFile(${bytes}, ${padBytes}-byte pad)`);
  return text;
}

test("LVS1019 file-too-large: nothing below 4 MiB", () => {
  assert.equal(of(fileTooLarge, bigFile(4 * MIB - 1)).map(brief), []);
});

test("LVS1019 file-too-large: a warning from 4 MiB", () => {
  const expected = [{ ruleId: "LVS1019", line: 1, column: 1, endLine: 1, endColumn: 1, severity: "warning" }];
  assert.equal(of(fileTooLarge, bigFile(4 * MIB)).map(brief), expected);
  assert.equal(of(fileTooLarge, bigFile(Math.round(6.5 * MIB))).map(brief), expected);
});

test("LVS1019 file-too-large: an error from 8 MiB", () => {
  const expected = [{ ruleId: "LVS1019", line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error" }];
  assert.equal(of(fileTooLarge, bigFile(8 * MIB - 1)).map((d) => d.severity), ["warning"]);
  assert.equal(of(fileTooLarge, bigFile(8 * MIB)).map(brief), expected);
  assert.equal(of(fileTooLarge, bigFile(9 * MIB)).map(brief), expected);
});

test("LVS1019 file-too-large: counts UTF-8 bytes, not characters", () => {
  // 4 MiB of bytes in about 2.1 million characters (é is two bytes).
  const text = bigFile(4 * MIB, "é");
  assert.ok(text.length < 4 * MIB);
  assert.equal(of(fileTooLarge, text).map((d) => d.severity), ["warning"]);
});

test("LVS2009 duplicate-real-server: a pool of any size reports each repeat at its address, against the first server it repeats", () => {
  for (const size of [5, 16, 17, 40]) {
    const servers = Array.from({ length: size }, (_, i) => {
      // The last server repeats the third one; the one before it has the third's address on another port.
      const address = i === size - 1 || i === size - 2 ? "10.0.0.3" : `10.0.0.${i + 1}`;
      const port = i === size - 2 ? "\n         port = 8080" : "";
      return `     server rs${i} {\n         address = ${address}\n         active = 1${port}\n     }`;
    });
    const text = `primary = 10.0.0.250\nvirtual web {\n     active = 1\n     address = 192.168.1.1 eth0:1\n${servers.join("\n")}\n}\n`;
    const found = lintText(text).diagnostics.filter((d) => d.ruleId === "LVS2009");
    const lastAddressLine = text.split("\n").lastIndexOf("         address = 10.0.0.3") + 1;
    assert.equal(
      found.map((d) => [d.line, /of `server (rs\d+)`/.exec(d.message)?.[1]]),
      [[lastAddressLine, "rs2"]],
      `pool of ${size}`,
    );
  }
});

test.run();
