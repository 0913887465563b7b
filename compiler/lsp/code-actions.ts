/**
 * Code actions: a quick fix for each finding of a fixable rule in the range, and "fix all"
 * (source.fixAll), which applies every fix as `lvs-lint --fix` does, as the smallest edits.
 * Fix all lints the text again until it settles, so it is worked out only when asked for by
 * kind (`only`), as editors do for their source-action menu and on save, not at every move of
 * the cursor.
 */
import { fixText } from "../lint/fix.ts";
import { findRule } from "../lint/rules/index.ts";
import type { Diagnostic } from "../lint/types.ts";
import { toLspDiagnostic } from "./lsp-diagnostic.ts";
import type { LvsDocument } from "./document.ts";
import { rangeOf } from "./positions.ts";
import { CodeActionKind, type CodeAction, type Range } from "./protocol.ts";
import { textEdits } from "./text-edits.ts";

/** Whether a finding touches `[start, end]` (an empty finding, or an empty range, counts at its place). */
function touches(d: Diagnostic, start: number, end: number): boolean {
  return d.start <= end && start <= d.end;
}

/** `only` as the client sends it: kinds, or prefixes of kinds ("source" covers "source.fixAll"). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function quickFixTitle(d: Diagnostic): string {
  const rule = findRule(d.ruleId);
  return `Fix ${d.ruleId} (${rule?.meta.alias ?? d.alias})`;
}

export function codeActions(doc: LvsDocument, uri: string, range: Range, only?: readonly string[]): CodeAction[] {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const out: CodeAction[] = [];
  const findings = doc.diagnostics();
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const d of findings) {
      if (!d.fix || !touches(d, start, end)) continue;
      out.push({
        title: quickFixTitle(d),
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(doc.lines, d)],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: rangeOf(doc.lines, d.fix.range[0], d.fix.range[1]), newText: d.fix.text }] } },
      });
    }
  }
  if (only && wanted(CodeActionKind.SourceFixAll, only) && findings.some((d) => d.fix)) {
    const fixed = fixText(doc.text, doc.lintOptions).output;
    if (fixed !== doc.text)
      out.push({ title: "Fix all lvs-lint findings that have a fix", kind: CodeActionKind.SourceFixAll, edit: { changes: { [uri]: textEdits(doc.lines, doc.text, fixed) } } });
  }
  return out;
}
