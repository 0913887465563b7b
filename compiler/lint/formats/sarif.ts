/** SARIF 2.1.0, the format GitHub code scanning and other static-analysis viewers read. */
import { packageHomepage, ruleDocsText } from "../docs-url.ts";
import { ALL_RULES } from "../rules/index.ts";
import type { Diagnostic, Severity } from "../types.ts";
import type { FileReport } from "./index.ts";

export type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  index?: number;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription?: { text: string };
  /** The rule's page, for a viewer that shows help beside a result. */
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
  properties?: { fixable: boolean };
}

export interface SarifFix {
  description: { text: string };
  artifactChanges: Array<{
    artifactLocation: SarifArtifactLocation;
    replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }>;
  }>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }>;
  fixes?: SarifFix[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: Array<{
    tool: { driver: { name: string; informationUri?: string; rules: SarifReportingDescriptor[] } };
    columnKind: "utf16CodeUnits";
    artifacts: Array<{ location: SarifArtifactLocation }>;
    results: SarifResult[];
  }>;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * A file path as a SARIF URI reference: "-" (standard input) becomes "stdin", backslashes become
 * slashes, and characters that cannot appear in a URI are percent-encoded; ordinary paths stay as given.
 */
export function artifactUri(filePath: string): string {
  if (filePath === "-") return "stdin";
  return encodeURI(filePath.replace(/\\/g, "/")).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

/**
 * A rule as SARIF describes it: its page embedded as help, and a link to it only where the
 * package has a public home. A path of the machine that ran the lint would mean nothing to a
 * code-scanning service.
 */
function descriptor(id: string, alias: string, home: string | null, description?: string, severity?: Severity, fixable?: boolean): SarifReportingDescriptor {
  const d: SarifReportingDescriptor = { id, name: alias };
  if (description !== undefined) d.shortDescription = { text: description };
  const page = ruleDocsText(id);
  if (page !== null) d.help = { text: page, markdown: page };
  if (home !== null) d.helpUri = new URL(`docs/rules/${id}.md`, home.endsWith("/") ? home : `${home}/`).href;
  if (severity !== undefined) d.defaultConfiguration = { level: LEVEL[severity] };
  if (fixable !== undefined) d.properties = { fixable };
  return d;
}

export function sarifLog(reports: readonly FileReport[]): SarifLog {
  const home = packageHomepage();
  const rules: SarifReportingDescriptor[] = ALL_RULES.map((r) =>
    descriptor(r.meta.id, r.meta.alias, home, r.meta.description, r.meta.severity, r.meta.fixable),
  );
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const artifacts: Array<{ location: SarifArtifactLocation }> = [];
  const artifactIndex = new Map<string, number>();
  const results: SarifResult[] = [];

  for (const report of reports) {
    const uri = artifactUri(report.filePath);
    let index = artifactIndex.get(uri);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(uri, index);
      artifacts.push({ location: { uri } });
    }
    for (const d of report.diagnostics) results.push(result(d, uri, index, rules, ruleIndex));
  }

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "lvs-lint", ...(home === null ? {} : { informationUri: home }), rules } },
        columnKind: "utf16CodeUnits",
        artifacts,
        results,
      },
    ],
  };
}

function result(
  d: Diagnostic,
  uri: string,
  artifact: number,
  rules: SarifReportingDescriptor[],
  ruleIndex: Map<string, number>,
): SarifResult {
  let index = ruleIndex.get(d.ruleId);
  if (index === undefined) {
    // A rule outside ALL_RULES (a custom rule set): describe it from what the diagnostic knows.
    index = rules.length;
    rules.push({ id: d.ruleId, name: d.alias });
    ruleIndex.set(d.ruleId, index);
  }
  const r: SarifResult = {
    ruleId: d.ruleId,
    ruleIndex: index,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, index: artifact },
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        },
      },
    ],
  };
  if (d.fix) {
    const [start, end] = d.fix.range;
    r.fixes = [
      {
        description: { text: `Fix ${d.ruleId} ${d.alias}` },
        artifactChanges: [
          {
            artifactLocation: { uri, index: artifact },
            replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: d.fix.text } }],
          },
        ],
      },
    ];
  }
  return r;
}

export function formatSarif(reports: readonly FileReport[]): string {
  return `${JSON.stringify(sarifLog(reports), null, 2)}\n`;
}
