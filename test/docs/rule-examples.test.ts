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

for (const rule of ALL_RULES) {
  const page = readFileSync(ruleDocsPath(rule.meta.id), "utf8");
  const ex = example(page);
  if (!ex) continue;
  test(`${rule.meta.id}: the page's example prints what the linter reports`, () => {
    const printed = lintText(ex.code).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    for (const line of ex.shown) assert.ok(printed.includes(line), `shown but not reported:\n${line}\nreported:\n${printed.join("\n")}`);
  });
}

test("most pages show a checked example", () => {
  const checked = ALL_RULES.filter((r) => example(readFileSync(ruleDocsPath(r.meta.id), "utf8"))?.shown.length);
  assert.ok(checked.length >= 15, `${checked.length} pages with a checked example`);
});

test.run();
