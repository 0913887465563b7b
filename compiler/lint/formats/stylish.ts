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

/** `text` broken at blanks into lines of at most `room` cells (a longer word stands alone). */
function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && width(line) + 1 + width(word) > room) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

function fileBlock(filePath: string, diagnostics: readonly Diagnostic[], columns: number | null): string {
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
  const wRule = max((r) => r.ruleId);
  const lines = rows.map((r) => {
    const head = `  ${padStart(r.line, wLine)}:${padEnd(r.column, wColumn)}  ${padEnd(r.severity, wSeverity)}  ${padEnd(r.ruleId, wRule)}  `;
    // On a terminal too narrow for the row, the message wraps under itself.
    const room = columns === null ? Infinity : columns - width(head);
    if (room < 20 || width(r.message) <= room) return head + r.message;
    return wrap(r.message, room)
      .map((part, i) => (i === 0 ? head : " ".repeat(width(head))) + part)
      .join("\n");
  });
  return `${filePath}\n${lines.join("\n")}\n`;
}

/**
 * Each file with findings, one row per finding: `line:column`, severity and rule id in aligned
 * columns, then the message as it is (wrapped under itself to fit `columns` cells, when given:
 * the width of the terminal the output goes to); then a summary line. Nothing at all when there
 * are no findings.
 */
export function formatStylish(reports: readonly FileReport[], columns: number | null = null): string {
  const blocks: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of reports) {
    if (r.diagnostics.length === 0) continue;
    blocks.push(fileBlock(r.filePath, r.diagnostics, columns));
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
