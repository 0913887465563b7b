/** GitHub Actions workflow commands (`::error file=…,line=…::message`), which become annotations on a run. */
import type { Diagnostic, Severity } from "../types.ts";
import type { FileReport } from "./index.ts";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a command's data (the message), as @actions/core does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a command property value: the data escapes plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(filePath: string, d: Diagnostic): string {
  const props: Array<[string, string]> = [
    ["file", filePath],
    ["line", String(d.line)],
  ];
  // The runner drops col/endColumn when line and endLine differ, so they are only written for one-line ranges.
  if (d.endLine === d.line) {
    props.push(["col", String(d.column)], ["endLine", String(d.endLine)], ["endColumn", String(d.endColumn)]);
  } else {
    props.push(["endLine", String(d.endLine)]);
  }
  props.push(["title", `${d.ruleId} ${d.alias}`]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  return `::${COMMAND[d.severity]} ${list}::${escapeData(d.message)}`;
}

/** One command per finding. Nothing at all when there are no findings. */
export function formatGithub(reports: readonly FileReport[]): string {
  let out = "";
  for (const r of reports) for (const d of r.diagnostics) out += `${command(r.filePath, d)}\n`;
  return out;
}
