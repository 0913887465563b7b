/** GCC-style lines, understood by editors and CI problem matchers: `file:line:column: error: message [LVS1003]`. */
import type { Severity } from "../types.ts";
import type { FileReport } from "./index.ts";

const LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/** One line per finding; line breaks inside a message become spaces. Nothing at all when there are no findings. */
export function formatGcc(reports: readonly FileReport[]): string {
  let out = "";
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const message = d.message.replace(/\r\n|\r|\n/g, " ");
      out += `${r.filePath}:${d.line}:${d.column}: ${LEVEL[d.severity]}: ${message} [${d.ruleId}]\n`;
    }
  }
  return out;
}
