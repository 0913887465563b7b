/** Each rule page's example, linted now, prints exactly the findings the page shows. */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ruleDocsPath } from "../../compiler/lint/docs-url.ts";
import { lintText } from "../../compiler/lint/engine.ts";
import { ALL_RULES } from "../../compiler/lint/rules/index.ts";

/** The ```lvs block after "## Example" and the ```text block that follows it. */
function example(page: string): { code: string; shown: string[] } | null {
  const at = page.indexOf("## Example");
  if (at < 0) return null;
  const end = page.indexOf("\n## ", at + 1);
  const rest = page.slice(at, end < 0 ? undefined : end);
  const code = /```lvs( crlf)?\n([\s\S]*?)```/.exec(rest);
  const shown = /```text\n([\s\S]*?)```/.exec(rest);
  if (!code || !shown) return null;
  // A page marks an example saved with CRLF line endings as ```lvs crlf.
  const text = code[1] ? code[2]!.replace(/\n/g, "\r\n") : code[2]!;
  const blocks = [...rest.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const lines = blocks.flatMap((b) => b.trim().split("\n")).filter((l) => /^\d+:\d+ LVS\d{4} /.test(l));
  return { code: text, shown: code[1] ? lines.slice(0, 1) : lines };
}

/**
 * Examples too large for a page, built here as the page describes them: LVS1019's file of one
 * virtual server and about 58,000 `server` blocks, 4.5 MiB.
 */
const GENERATED: Readonly<Record<string, () => string>> = {
  LVS1019: () => {
    let text = "virtual web {\n     active = 1\n     address = 192.168.1.100 eth0:1\n";
    for (let i = 0; text.length < 4.5 * 1024 * 1024; i++) text += `     server web${i} {\n         address = 10.0.${(i >> 8) & 255}.${i & 255}\n         active = 1\n     }\n`;
    return `${text}}\n`;
  },
};

/** Every page's example: the code it shows (or the one built as it describes) and the findings it prints. */
function pageExample(ruleId: string): { code: string; shown: string[] } | null {
  const page = readFileSync(ruleDocsPath(ruleId), "utf8");
  const ex = example(page);
  const generated = GENERATED[ruleId];
  if (!generated) return ex;
  const at = page.indexOf("## Example");
  const blocks = [...page.slice(at).matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return { code: generated(), shown: blocks.flatMap((b) => b.trim().split("\n")).filter((l) => /^\d+:\d+ LVS\d{4} /.test(l)) };
}

for (const rule of ALL_RULES) {
  test(`${rule.meta.id}: the page shows an example, and prints what the linter reports for it`, () => {
    const ex = pageExample(rule.meta.id);
    assert.ok(ex && ex.shown.length > 0, `${ruleDocsPath(rule.meta.id)} has no "## Example" with an lvs block and the findings it prints`);
    const printed = lintText(ex.code).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    for (const line of ex.shown) assert.ok(printed.includes(line), `shown but not reported:\n${line}\nreported:\n${printed.join("\n")}`);
    assert.ok(ex.shown.some((l) => l.includes(` ${rule.meta.id} `)), "the example shows a finding of this rule");
  });
}

test.run();
