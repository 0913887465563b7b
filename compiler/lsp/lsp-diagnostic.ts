/** A lint finding as an LSP diagnostic: the rule id as its code, the rule's page as the code's description. */
import { ruleDocsUrl } from "../lint/docs-url.ts";
import type { Diagnostic, Severity } from "../lint/types.ts";
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
