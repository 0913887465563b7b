/** Machine-readable JSON: one entry per file, in the order given, on one line. */
import type { Diagnostic, Severity } from "../types.ts";
import type { FileReport } from "./index.ts";

export interface JsonMessage {
  ruleId: string;
  alias: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

function message(d: Diagnostic): JsonMessage {
  const m: JsonMessage = {
    ruleId: d.ruleId,
    alias: d.alias,
    severity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
  if (d.fix) m.fix = { range: [d.fix.range[0], d.fix.range[1]], text: d.fix.text };
  return m;
}

export function jsonResults(reports: readonly FileReport[]): JsonFileResult[] {
  return reports.map((r) => ({
    filePath: r.filePath,
    messages: r.diagnostics.map(message),
    errorCount: r.diagnostics.filter((d) => d.severity === "error").length,
    warningCount: r.diagnostics.filter((d) => d.severity === "warning").length,
    infoCount: r.diagnostics.filter((d) => d.severity === "info").length,
  }));
}

export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(jsonResults(reports))}\n`;
}
