/** `# lvs-lint disable=…` comments and per-rule severity settings. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText, type LintOptions } from "../../../compiler/lint/engine.ts";
import { PARSER_RULES } from "../../../compiler/lint/rules/index.ts";

/** [ruleId, severity, line] of every finding, in order. */
function findings(text: string, options?: LintOptions): Array<[string, string, number]> {
  return lintText(text, { rules: PARSER_RULES, ...options }).diagnostics.map((d) => [d.ruleId, d.severity, d.line]);
}

// Three statements with an inline comment (LVS1003) on lines 2, 4 and 6.
const THREE = [
  "serial_no = 12",
  "keepalive = 6 # seconds",
  "# lvs-lint disable=LVS1003 -- the comment documents the unit",
  "deadtime = 18 # seconds",
  "backup_active = 1",
  "heartbeat_port = 539 # default",
  "",
].join("\n");

test("a disable comment before a statement silences that statement only", () => {
  assert.equal(findings(THREE), [
    ["LVS1003", "error", 2],
    ["LVS1003", "error", 6],
  ]);
});

test("a disable comment silences only the rules it names", () => {
  const text = "serial_no = 12\n# lvs-lint disable=LVS1003 -- kept for the GUI\ndebug_level = NONE # ignored anyway\nsync = 0\n";
  // LVS1018 (ignored keyword) on the silenced line is still reported, and so is line 4.
  assert.equal(findings(text), [
    ["LVS1018", "info", 3],
    ["LVS1018", "info", 4],
  ]);
});

test("a rule's alias works like its id", () => {
  assert.equal(findings(THREE.replace("disable=LVS1003", "disable=inline-comment")), [
    ["LVS1003", "error", 2],
    ["LVS1003", "error", 6],
  ]);
});

test("one comment may name several rules, by id or alias", () => {
  const text = "serial_no = 12\n# lvs-lint disable=inline-comment, LVS1018 -- legacy\nheartbeat = 1 # unused\nsync = 0\n";
  assert.equal(findings(text), [["LVS1018", "info", 4]]);
});

test("a disable comment before the first statement applies to the whole file", () => {
  const text = "# director A\n# lvs-lint disable=LVS1003 -- units in comments\n" + THREE.replace(/^# lvs-lint.*\n/m, "");
  assert.equal(findings(text), []);
});

test("a disable comment before a block covers the whole block and nothing after it", () => {
  const text = [
    "serial_no = 12",
    "# lvs-lint disable=LVS1014 -- names from /etc/hosts",
    "virtual web {",
    "     active = 1",
    "     address = www eth0:1",
    "     server web1 {",
    "         address = web1",
    "     }",
    "}",
    "primary = lvs1",
    "",
  ].join("\n");
  assert.equal(findings(text), [["LVS1014", "warning", 10]]);
});

test("a disable comment inside a server block covers the next statement there", () => {
  const text = [
    "serial_no = 12",
    "virtual web {",
    "     active = 1",
    "     address = 192.168.1.100 eth0:1",
    "     server web1 {",
    "         # lvs-lint disable=hostname-address",
    "         address = web1",
    "     }",
    "     server web2 {",
    "         address = web2",
    "     }",
    "}",
    "",
  ].join("\n");
  assert.equal(findings(text), [["LVS1014", "warning", 10]]);
});

test("a disable comment before a closing brace covers that line, not the statement after the block", () => {
  const lines = [
    "serial_no = 12",
    "virtual web {",
    "     active = 1",
    "     address = 192.168.1.100 eth0:1",
    "     # lvs-lint disable=LVS1012 -- the GUI of this site labels its blocks",
    "} web",
    "keepalive = 6 # seconds",
    "",
  ];
  assert.equal(findings(lines.join("\n")), [["LVS1003", "error", 7]]);
  // Naming a rule that has no finding on the `}` line leaves the next statement's finding alone.
  assert.equal(findings(lines.join("\n").replace("disable=LVS1012", "disable=LVS1003")), [
    ["LVS1020", "warning", 5],
    ["LVS1012", "warning", 6],
    ["LVS1003", "error", 7],
  ]);
});

test("a `# lvs-lint` comment after a statement is no directive: it is itself an inline comment", () => {
  const text = "serial_no = 12\nkeepalive = 6 # lvs-lint disable=LVS1003\n";
  assert.equal(findings(text), [["LVS1003", "error", 2]]);
});

test("an unused disable comment yields LVS1020 on its own line", () => {
  const text = "serial_no = 12\n# lvs-lint disable=LVS1003 -- nothing to silence\nkeepalive = 6\n";
  const d = lintText(text, { rules: PARSER_RULES }).diagnostics;
  assert.equal(
    d.map((x) => [x.ruleId, x.alias, x.severity, x.line, x.column, x.endLine, x.endColumn]),
    [["LVS1020", "unused-disable", "warning", 2, 1, 2, 49]],
  );
  assert.match(d[0]!.message, /silences nothing/);
});

test("a disable comment naming no rule yields LVS1020, and the named finding stays", () => {
  const text = "serial_no = 12\n# lvs-lint disable=inline-comments\nkeepalive = 6 # seconds\n";
  const d = lintText(text, { rules: PARSER_RULES }).diagnostics;
  assert.equal(
    d.map((x) => [x.ruleId, x.line]),
    [
      ["LVS1020", 2],
      ["LVS1003", 3],
    ],
  );
  assert.match(d[0]!.message, /`inline-comments` in this disable comment names no rule/);
});

test("only the unused name of a comment is reported", () => {
  const text = "serial_no = 12\n# lvs-lint disable=LVS1003,LVS1018\nkeepalive = 6 # seconds\n";
  const d = lintText(text, { rules: PARSER_RULES }).diagnostics;
  assert.equal(d.map((x) => [x.ruleId, x.line]), [["LVS1020", 2]]);
  assert.match(d[0]!.message, /LVS1018/);
});

test("a disable comment at the end of the file silences nothing", () => {
  assert.equal(findings("serial_no = 12\n# lvs-lint disable=LVS1015\n"), [["LVS1020", "warning", 2]]);
});

test("settings: off disables a rule, by id or alias", () => {
  assert.equal(findings(THREE, { settings: { LVS1003: "off" } }).filter(([id]) => id === "LVS1003"), []);
  assert.equal(findings(THREE, { settings: { "inline-comment": "off" } }).filter(([id]) => id === "LVS1003"), []);
  // Other rules keep running.
  assert.equal(findings("keepalive = 6 # s\nsync = 0\n", { settings: { LVS1003: "off" } }), [["LVS1018", "info", 2]]);
});

test("settings: a severity replaces the rule's own, by alias or id", () => {
  assert.equal(findings(THREE, { settings: { "inline-comment": "warning" } }), [
    ["LVS1003", "warning", 2],
    ["LVS1003", "warning", 6],
  ]);
  assert.equal(findings(THREE, { settings: { LVS1003: "info" } }), [
    ["LVS1003", "info", 2],
    ["LVS1003", "info", 6],
  ]);
});

test("settings win over a severity chosen per finding", () => {
  // LVS1013 reports an octal value that reads differently as an error, a hex value as a warning.
  const text = "keepalive = 010\ndeadtime = 0x10\n";
  assert.equal(findings(text), [
    ["LVS1013", "error", 1],
    ["LVS1013", "warning", 2],
  ]);
  assert.equal(findings(text, { settings: { "octal-or-hex-number": "info" } }), [
    ["LVS1013", "info", 1],
    ["LVS1013", "info", 2],
  ]);
});

test("settings apply to LVS1020 too", () => {
  const text = "serial_no = 12\n# lvs-lint disable=LVS1003\nkeepalive = 6\n";
  assert.equal(findings(text, { settings: { "unused-disable": "off" } }), []);
  assert.equal(findings(text, { settings: { LVS1020: "error" } }), [["LVS1020", "error", 2]]);
});

test("a directive still silences a rule whose severity was changed", () => {
  assert.equal(findings(THREE, { settings: { LVS1003: "warning" } }).map(([, , line]) => line), [2, 6]);
});

test.run();
