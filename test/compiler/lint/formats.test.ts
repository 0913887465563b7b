import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { ruleDocsPath } from "../../../compiler/lint/docs-url.ts";
import { lintText } from "../../../compiler/lint/engine.ts";
import { FORMAT_NAMES, formatReports, isFormatName, type FileReport } from "../../../compiler/lint/formats/index.ts";
import { ALL_RULES } from "../../../compiler/lint/rules/index.ts";
import type { Diagnostic } from "../../../compiler/lint/types.ts";
import { PARSER_RULES } from "../../../compiler/lint/rules/index.ts";

// LVS1003 (error, fixable) at 1:15-1:18.
const INLINE = "keepalive = 7 # x\n";
// LVS1018 (info) at 2:1, LVS1015 (warning) at 3:1, LVS1013 (warning, fixable) at 3:13.
const MIXED = "keepalive = 7\ndebug_level = 1\nkeepalive = 0x10\n";
// LVS1004 spans a line end: 1:14-2:1.
const CRLF = "keepalive = 7\r\nserial_no = 1\r\n";
const CLEAN = "serial_no = 1\n";

function diags(text: string): Diagnostic[] {
  return lintText(text, { rules: PARSER_RULES }).diagnostics;
}

function msg(d: Diagnostic[], i: number): string {
  return d[i]!.message;
}

test("the snippets give the expected findings", () => {
  assert.equal(
    diags(INLINE).map((d) => [d.ruleId, d.severity, d.line, d.column, d.endLine, d.endColumn]),
    [["LVS1003", "error", 1, 15, 1, 18]],
  );
  assert.equal(
    diags(MIXED).map((d) => [d.ruleId, d.severity, d.line, d.column, d.endLine, d.endColumn]),
    [
      ["LVS1018", "info", 2, 1, 2, 12],
      ["LVS1015", "warning", 3, 1, 3, 10],
      ["LVS1013", "warning", 3, 13, 3, 17],
    ],
  );
  assert.equal(
    diags(CRLF).map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn]),
    [["LVS1004", 1, 14, 2, 1]],
  );
  assert.equal(diags(CLEAN), []);
});

test("FORMAT_NAMES lists every format and formatReports handles each", () => {
  assert.equal([...FORMAT_NAMES], ["stylish", "json", "sarif", "gcc", "github"]);
  assert.ok(isFormatName("sarif"));
  assert.not.ok(isFormatName("checkstyle"));
  const reports: FileReport[] = [{ filePath: "a.cf", diagnostics: diags(INLINE) }];
  for (const f of FORMAT_NAMES) assert.ok(formatReports(reports, f).endsWith("\n"), f);
});

test("json: exact shape, key order, fix only when present, files in the given order", () => {
  const inline = diags(INLINE);
  const mixed = diags(MIXED);
  const out = formatReports(
    [
      { filePath: "b.cf", diagnostics: mixed },
      { filePath: "a.cf", diagnostics: inline },
      { filePath: "clean.cf", diagnostics: [] },
    ],
    "json",
  );
  assert.ok(out.endsWith("]\n"));
  assert.not.ok(out.slice(0, -1).includes("\n"), "one line, no indentation");
  const parsed = JSON.parse(out) as unknown;
  assert.equal(parsed, [
    {
      filePath: "b.cf",
      messages: [
        { ruleId: "LVS1018", alias: "ignored-keyword", severity: "info", message: msg(mixed, 0), line: 2, column: 1, endLine: 2, endColumn: 12 },
        { ruleId: "LVS1015", alias: "duplicate-key", severity: "warning", message: msg(mixed, 1), line: 3, column: 1, endLine: 3, endColumn: 10 },
        {
          ruleId: "LVS1013",
          alias: "octal-or-hex-number",
          severity: "warning",
          message: msg(mixed, 2),
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 17,
          fix: { range: [42, 46], text: "16" },
        },
      ],
      errorCount: 0,
      warningCount: 2,
      infoCount: 1,
    },
    {
      filePath: "a.cf",
      messages: [
        {
          ruleId: "LVS1003",
          alias: "inline-comment",
          severity: "error",
          message: msg(inline, 0),
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 18,
          fix: { range: [0, 17], text: "# x\nkeepalive = 7" },
        },
      ],
      errorCount: 1,
      warningCount: 0,
      infoCount: 0,
    },
    { filePath: "clean.cf", messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
  ]);
  // Key order as documented.
  const first = (parsed as Array<{ messages: object[] }>)[0]!;
  assert.equal(Object.keys(first), ["filePath", "messages", "errorCount", "warningCount", "infoCount"]);
  assert.equal(Object.keys(first.messages[2]!), ["ruleId", "alias", "severity", "message", "line", "column", "endLine", "endColumn", "fix"]);
  assert.equal(Object.keys(first.messages[0]!), ["ruleId", "alias", "severity", "message", "line", "column", "endLine", "endColumn"]);
  assert.is(formatReports([], "json"), "[]\n");
});

test("gcc: one line per finding, info becomes note", () => {
  const inline = diags(INLINE);
  const mixed = diags(MIXED);
  const out = formatReports(
    [
      { filePath: "a.cf", diagnostics: inline },
      { filePath: "dir/b.cf", diagnostics: mixed },
    ],
    "gcc",
  );
  assert.is(
    out,
    `a.cf:1:15: error: ${msg(inline, 0)} [LVS1003]\n` +
      `dir/b.cf:2:1: note: ${msg(mixed, 0)} [LVS1018]\n` +
      `dir/b.cf:3:1: warning: ${msg(mixed, 1)} [LVS1015]\n` +
      `dir/b.cf:3:13: warning: ${msg(mixed, 2)} [LVS1013]\n`,
  );
  assert.is(formatReports([{ filePath: "clean.cf", diagnostics: [] }], "gcc"), "");
});

test("github: workflow commands with severities, title and range", () => {
  const inline = diags(INLINE);
  const mixed = diags(MIXED);
  const out = formatReports(
    [
      { filePath: "a.cf", diagnostics: inline },
      { filePath: "b.cf", diagnostics: mixed },
    ],
    "github",
  );
  assert.is(
    out,
    `::error file=a.cf,line=1,col=15,endLine=1,endColumn=18,title=LVS1003 inline-comment::${msg(inline, 0)}\n` +
      `::notice file=b.cf,line=2,col=1,endLine=2,endColumn=12,title=LVS1018 ignored-keyword::${msg(mixed, 0)}\n` +
      `::warning file=b.cf,line=3,col=1,endLine=3,endColumn=10,title=LVS1015 duplicate-key::${msg(mixed, 1)}\n` +
      `::warning file=b.cf,line=3,col=13,endLine=3,endColumn=17,title=LVS1013 octal-or-hex-number::${msg(mixed, 2)}\n`,
  );
  assert.is(formatReports([{ filePath: "clean.cf", diagnostics: [] }], "github"), "");
});

test("github: a range over several lines has no columns (the runner would drop them)", () => {
  const crlf = diags(CRLF);
  assert.is(
    formatReports([{ filePath: "c.cf", diagnostics: crlf }], "github"),
    `::error file=c.cf,line=1,endLine=2,title=LVS1004 crlf-line-endings::${msg(crlf, 0)}\n`,
  );
});

test("github: escapes % CR LF in the message and also : , in properties", () => {
  const d: Diagnostic = {
    ruleId: "LVS1003",
    alias: "inline-comment",
    severity: "warning",
    refused: true,
    unscriptable: false,
    message: "100% sure:\r\nline two, a:b",
    start: 0,
    end: 1,
    line: 4,
    column: 2,
    endLine: 4,
    endColumn: 3,
  };
  assert.is(
    formatReports([{ filePath: "C:\\dir,x\n%.cf", diagnostics: [d] }], "github"),
    "::warning file=C%3A\\dir%2Cx%0A%25.cf,line=4,col=2,endLine=4,endColumn=3,title=LVS1003 inline-comment::100%25 sure:%0D%0Aline two, a:b\n",
  );
});

test("stylish: file path, aligned rows, summary line", () => {
  const inline = diags(INLINE);
  const mixed = diags(MIXED);
  const out = formatReports(
    [
      { filePath: "a.cf", diagnostics: inline },
      { filePath: "clean.cf", diagnostics: [] },
      { filePath: "b.cf", diagnostics: mixed },
    ],
    "stylish",
  );
  assert.not.ok(/\x1b\[/.test(out), "no colour codes");
  assert.not.ok(out.includes("clean.cf"), "files without findings are not listed");
  assert.ok(out.endsWith("\n✖ 4 problems (1 error, 2 warnings, 1 info)\n"));
  const lines = out.split("\n");
  assert.is(lines[0], "a.cf");
  assert.is(lines[1], `  1:15  error  LVS1003  ${msg(inline, 0)}`);
  assert.is(lines[2], "");
  assert.is(lines[3], "b.cf");
  const rows = lines.slice(4, 7);
  // The message comes last and unpadded: a row is no wider than its own message makes it.
  assert.equal(rows, [
    `  2:1   info     LVS1018  ${msg(mixed, 0)}`,
    `  3:1   warning  LVS1015  ${msg(mixed, 1)}`,
    `  3:13  warning  LVS1013  ${msg(mixed, 2)}`,
  ]);
  // Every column of a file's rows starts at the same offset.
  for (const col of ["LVS", "info", "warning"]) {
    const at = rows.map((r) => r.indexOf(col)).filter((i) => i >= 0);
    assert.ok(at.every((i) => i === at[0]), col);
  }
  assert.is(lines[7], "");
  assert.is(lines[8], "✖ 4 problems (1 error, 2 warnings, 1 info)");
});

test("stylish: line numbers are right-aligned so the colons line up; no findings print nothing", () => {
  const text = "keepalive = 7 # x\n" + "\n".repeat(9) + "keepalive = 0x10\n";
  const d = diags(text);
  const out = formatReports([{ filePath: "a.cf", diagnostics: d }], "stylish");
  const rows = out.split("\n").slice(1, 1 + d.length);
  assert.ok(rows.length >= 2);
  const colons = rows.map((r) => r.indexOf(":"));
  assert.ok(colons.every((c) => c === colons[0]), out);
  assert.ok(rows[0]!.startsWith("   1:15  error"), out);
  assert.ok(rows.at(-1)!.startsWith("  11:13  warning"), out);
  assert.ok(out.endsWith(`✖ ${d.length} problems (1 error, ${d.length - 1} warnings, 0 infos)\n`), out);
  assert.is(formatReports([{ filePath: "clean.cf", diagnostics: [] }], "stylish"), "");
  assert.is(formatReports([], "stylish"), "");
  const one = formatReports([{ filePath: "a.cf", diagnostics: diags(INLINE) }], "stylish");
  assert.ok(one.endsWith("\n✖ 1 problem (1 error, 0 warnings, 0 infos)\n"));
});

test("stylish: on a terminal narrower than a row, the message wraps under itself; elsewhere it stays on one line", () => {
  const d = diags(MIXED);
  const wide = formatReports([{ filePath: "b.cf", diagnostics: d }], "stylish");
  const narrow = formatReports([{ filePath: "b.cf", diagnostics: d }], "stylish", 60);
  const rows = narrow.split("\n").slice(1, -3);
  assert.ok(rows.length > d.length, "some message took more than one line");
  assert.ok(rows.every((r) => r.length <= 60 || !r.trimStart().includes(" ")), `every line fits 60 columns:\n${narrow}`);
  const messageAt = rows[0]!.indexOf(msg(d, 0).split(" ")[0]!);
  for (const r of rows.filter((r) => !/^\s+\d+:/.test(r))) assert.is(r.length - r.trimStart().length, messageAt, `continued under the message:\n${narrow}`);
  // The same words, whatever the width.
  const words = (out: string) => out.split(/\s+/).filter(Boolean);
  assert.equal(words(narrow), words(wide));
});

interface SarifShape {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; informationUri?: string; rules: Array<Record<string, unknown> & { id: string }> } };
    artifacts: Array<{ location: { uri: string } }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; index?: number }; region: Record<string, number> } }>;
      fixes?: Array<{
        artifactChanges: Array<{
          artifactLocation: { uri: string };
          replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }>;
        }>;
      }>;
    }>;
  }>;
}

function sarif(reports: FileReport[]): SarifShape {
  const out = formatReports(reports, "sarif");
  assert.ok(out.endsWith("\n"));
  return JSON.parse(out) as SarifShape;
}

test("sarif: header, driver and every rule", () => {
  const log = sarif([{ filePath: "a.cf", diagnostics: diags(INLINE) }]);
  assert.is(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
  assert.is(log.version, "2.1.0");
  assert.is(log.runs.length, 1);
  const driver = log.runs[0]!.tool.driver;
  assert.is(driver.name, "lvs-lint");
  // No public home in package.json: no links at all, rather than paths of this machine.
  assert.is(driver.informationUri, undefined);
  assert.equal(
    driver.rules.map((r) => r.id),
    ALL_RULES.map((r) => r.meta.id),
  );
  const r3 = driver.rules[2]!;
  assert.is(r3.id, "LVS1003");
  assert.is(r3.name, "inline-comment");
  assert.equal(r3.shortDescription, { text: ALL_RULES[2]!.meta.description });
  assert.is(r3.helpUri, undefined);
  assert.equal(r3.help, { text: readFileSync(ruleDocsPath("LVS1003"), "utf8"), markdown: readFileSync(ruleDocsPath("LVS1003"), "utf8") });
  assert.equal(r3.defaultConfiguration, { level: "error" });
  const r18 = driver.rules.find((r) => r.id === "LVS1018")!;
  assert.equal(r18.defaultConfiguration, { level: "note" });
  const r13 = driver.rules.find((r) => r.id === "LVS1013")!;
  assert.equal(r13.defaultConfiguration, { level: "warning" });
});

test("sarif: results with rule index, level, message, region and fixes", () => {
  const inline = diags(INLINE);
  const mixed = diags(MIXED);
  const log = sarif([
    { filePath: "a.cf", diagnostics: inline },
    { filePath: "-", diagnostics: mixed },
  ]);
  const run = log.runs[0]!;
  assert.equal(run.artifacts, [{ location: { uri: "a.cf" } }, { location: { uri: "stdin" } }]);
  assert.is(run.results.length, 4);
  const [first, info, dup, hex] = run.results;
  assert.is(first!.ruleId, "LVS1003");
  assert.is(run.tool.driver.rules[first!.ruleIndex]!.id, "LVS1003");
  assert.is(first!.level, "error");
  assert.equal(first!.message, { text: msg(inline, 0) });
  assert.equal(first!.locations[0]!.physicalLocation.artifactLocation.uri, "a.cf");
  assert.equal(first!.locations[0]!.physicalLocation.region, { startLine: 1, startColumn: 15, endLine: 1, endColumn: 18 });
  assert.equal(first!.fixes![0]!.artifactChanges, [
    {
      artifactLocation: { uri: "a.cf", index: 0 },
      replacements: [{ deletedRegion: { charOffset: 0, charLength: 17 }, insertedContent: { text: "# x\nkeepalive = 7" } }],
    },
  ]);
  assert.is(info!.ruleId, "LVS1018");
  assert.is(info!.level, "note");
  assert.is(run.tool.driver.rules[info!.ruleIndex]!.id, "LVS1018");
  assert.is(info!.locations[0]!.physicalLocation.artifactLocation.uri, "stdin");
  assert.is(info!.fixes, undefined);
  assert.is(dup!.level, "warning");
  assert.equal(hex!.locations[0]!.physicalLocation.region, { startLine: 3, startColumn: 13, endLine: 3, endColumn: 17 });
  assert.equal(hex!.fixes![0]!.artifactChanges[0]!.replacements, [
    { deletedRegion: { charOffset: 42, charLength: 4 }, insertedContent: { text: "16" } },
  ]);
});

test("sarif: a setting's severity is the result level; a range over a line end keeps its end", () => {
  const d = lintText(CRLF, { rules: PARSER_RULES, settings: { "crlf-line-endings": "warning" } }).diagnostics;
  const res = sarif([{ filePath: "c.cf", diagnostics: d }]).runs[0]!.results;
  assert.is(res.length, 1);
  assert.is(res[0]!.level, "warning");
  assert.equal(res[0]!.locations[0]!.physicalLocation.region, { startLine: 1, startColumn: 14, endLine: 2, endColumn: 1 });
});

test("sarif: results present and empty for a clean file, and with no files", () => {
  const clean = sarif([{ filePath: "clean.cf", diagnostics: diags(CLEAN) }]);
  assert.equal(clean.runs[0]!.results, []);
  assert.equal(clean.runs[0]!.artifacts, [{ location: { uri: "clean.cf" } }]);
  const none = sarif([]);
  assert.equal(none.runs[0]!.results, []);
  assert.equal(none.runs[0]!.artifacts, []);
  assert.is(none.runs[0]!.tool.driver.rules.length, ALL_RULES.length);
});

test("sarif: URIs for unusual paths and a rule outside ALL_RULES", () => {
  const d: Diagnostic = {
    ruleId: "X9000",
    alias: "custom",
    severity: "info",
    refused: false,
    unscriptable: false,
    message: "m",
    start: 0,
    end: 0,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
  const log = sarif([
    { filePath: "dir\\my file#1.cf", diagnostics: [d] },
    { filePath: "/abs/x.cf", diagnostics: [] },
  ]);
  const run = log.runs[0]!;
  assert.equal(run.artifacts, [{ location: { uri: "dir/my%20file%231.cf" } }, { location: { uri: "/abs/x.cf" } }]);
  const res = run.results[0]!;
  assert.is(res.ruleIndex, ALL_RULES.length);
  assert.equal(run.tool.driver.rules[res.ruleIndex], { id: "X9000", name: "custom" });
});

test.run();
