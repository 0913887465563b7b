/** Output formats for lint results: pure functions, reports in, text out. */
import type { Diagnostic } from "../types.ts";
import { formatGcc } from "./gcc.ts";
import { formatGithub } from "./github.ts";
import { formatJson } from "./json.ts";
import { formatSarif } from "./sarif.ts";
import { formatStylish } from "./stylish.ts";

/** The findings for one file. `filePath` is shown as given ("-" stands for standard input). */
export interface FileReport {
  filePath: string;
  diagnostics: Diagnostic[];
}

export type FormatName = "stylish" | "json" | "sarif" | "gcc" | "github";

export const FORMAT_NAMES: readonly FormatName[] = ["stylish", "json", "sarif", "gcc", "github"];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * Renders `reports` in `format`; stylish wraps its messages to `columns`, the width of the
 * terminal the output goes to (none when it goes to a file or a pipe). Non-empty output always ends with a newline; stylish, gcc and
 * github print nothing (an empty string) when there are no findings, json and sarif always print a document.
 */
export function formatReports(reports: readonly FileReport[], format: FormatName, columns: number | null = null): string {
  switch (format) {
    case "stylish":
      return formatStylish(reports, columns);
    case "json":
      return formatJson(reports);
    case "sarif":
      return formatSarif(reports);
    case "gcc":
      return formatGcc(reports);
    case "github":
      return formatGithub(reports);
    default: {
      const never: never = format;
      throw new Error(`Unknown format: ${String(never)}`);
    }
  }
}

export { formatGcc, formatGithub, formatJson, formatSarif, formatStylish };
