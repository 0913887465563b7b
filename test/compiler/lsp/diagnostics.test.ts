/** Lint findings as LSP diagnostics: severities, codes, rule pages, ranges in UTF-16 over any line breaks. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lintText } from "../../../compiler/lint/engine.ts";
import { diagnostics } from "../../../compiler/lsp/diagnostics.ts";
import { LvsDocument } from "../../../compiler/lsp/document.ts";
import { DiagnosticSeverity } from "../../../compiler/lsp/protocol.ts";

test("every finding becomes a diagnostic: severity, rule id as code, its page, the message", () => {
  // An error (glued =), a warning (the same key twice, other value), an info (same value twice).
  const text = "primary=10.0.0.1\nkeepalive = 6\nkeepalive = 7\nkeepalive = 7\n";
  const found = lintText(text).diagnostics;
  const lsp = diagnostics(new LvsDocument(text));
  assert.is(lsp.length, found.length);
  const bySeverity = Object.fromEntries(found.map((d, i) => [d.severity, lsp[i]!.severity]));
  assert.equal(bySeverity, { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information });
  lsp.forEach((d, i) => {
    assert.is(d.code, found[i]!.ruleId);
    assert.is(d.message, found[i]!.message);
    assert.is(d.source, "lvs-lint");
    assert.ok(d.codeDescription.href.endsWith(`/docs/rules/${d.code}.md`));
    assert.ok(existsSync(fileURLToPath(d.codeDescription.href)), d.codeDescription.href);
  });
});

test("ranges: 0-based lines, UTF-16 characters, LF, CRLF and lone CR alike", () => {
  for (const eol of ["\n", "\r\n", "\r"]) {
    const text = `# é😀${eol}primary = 10.0.0.1 # 😀${eol}`;
    const comment = diagnostics(new LvsDocument(text)).find((d) => d.code === "LVS1003")!;
    assert.equal(comment.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 23 } }, JSON.stringify(eol));
  }
});

test.run();
