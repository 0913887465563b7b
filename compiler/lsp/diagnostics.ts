/** Lint findings as LSP diagnostics: every rule, the rule id as code, its page as the code's description. */
import { ruleDocsUrl } from "../lint/docs-url.ts";
import type { Diagnostic, Severity } from "../lint/types.ts";
import type { LvsDocument } from "./document.ts";
import type { LineTable } from "./lines.ts";
import { rangeOf } from "./positions.ts";
import { DiagnosticSeverity, type LspDiagnostic } from "./protocol.ts";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(lines: LineTable, d: Diagnostic): LspDiagnostic {
  return {
    range: rangeOf(lines, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: "lvs-lint",
    message: d.message,
  };
}

/** The diagnostics of a document, in text order. */
export function diagnostics(doc: LvsDocument): LspDiagnostic[] {
  return doc.diagnostics().map((d) => toLspDiagnostic(doc.lines, d));
}
