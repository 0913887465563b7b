/** Human-readable output in the style of ESLint's "stylish" formatter, plain text without colours. */
import type { Diagnostic } from "../types.ts";
import type { FileReport } from "./index.ts";

/** Width in terminal cells, counted as code points. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function padEnd(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

function padStart(s: string, w: number): string {
  return " ".repeat(Math.max(0, w - width(s))) + s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function fileBlock(filePath: string, diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => ({
    line: String(d.line),
    column: String(d.column),
    severity: d.severity,
    message: d.message.replace(/\s*(?:\r\n|\r|\n)\s*/g, " "),
    ruleId: d.ruleId,
  }));
  const max = (f: (r: (typeof rows)[number]) => string): number => Math.max(0, ...rows.map((r) => width(f(r))));
  const wLine = max((r) => r.line);
  const wColumn = max((r) => r.column);
  const wSeverity = max((r) => r.severity);
  const wMessage = max((r) => r.message);
  const lines = rows.map(
    (r) =>
      `  ${padStart(r.line, wLine)}:${padEnd(r.column, wColumn)}  ${padEnd(r.severity, wSeverity)}  ${padEnd(r.message, wMessage)}  ${r.ruleId}`,
  );
  return `${filePath}\n${lines.join("\n")}\n`;
}

/**
 * Each file with findings, one aligned row per finding (`  line:column  severity  message  ruleId`),
 * then a summary line. Nothing at all when there are no findings.
 */
export function formatStylish(reports: readonly FileReport[]): string {
  const blocks: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    blocks.push(fileBlock(r.filePath, r.diagnostics));
    for (const d of r.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      else infos++;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return "";
  const summary = `✖ ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")})`;
  return `${blocks.join("\n")}\n${summary}\n`;
}
