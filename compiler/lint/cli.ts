/** `lvs-lint [options] [FILE…|-]`: lint lvs.cf files and report in one of several formats. */
import { dirname, resolve } from "node:path";
import { errorMessage, parseCommandLine, UsageError, type CliIO } from "../cli-io.ts";
import { ConfigError, findConfig } from "./config.ts";
import { lintText } from "./engine.ts";
import { createTwoFilesPatch } from "diff";
import { fixText } from "./fix.ts";
import { FORMAT_NAMES, formatReports, type FileReport, type FormatName } from "./formats/index.ts";
import { ALL_RULES } from "./rules/index.ts";

export const LINT_USAGE = `Usage: lvs-lint [options] [FILE…|-]

Checks lvs.cf files for everything Piranha's pulse, lvsd and nanny would reject or misread.
With no FILE, or with -, reads standard input.

Options:
  -f, --format FORMAT    stylish (default), json, sarif, gcc, github, or diff (the fixes as
                         a unified diff, for review or git apply)
  -o, --output FILE      write the report to FILE instead of standard output
      --max-warnings N   exit 1 when there are more than N warnings
      --fix              apply the fixes of fixable rules to the files (only files that change
                         are rewritten); the report lists what remains
      --fix-dry-run      report what would remain after fixing, and change nothing
      --rules            list every rule: id, alias, default severity, fixable
  -h, --help             show this help

Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 usage error, unreadable file or configuration, internal error.
Per-rule severities come from the nearest .lvs-lint.json: { "rules": { "LVS1003": "warning" } }.
`;

type OutputFormat = FormatName | "diff";

interface LintArgs {
  files: string[];
  format: OutputFormat;
  output: string | null;
  maxWarnings: number;
  fix: boolean;
  fixDryRun: boolean;
  rules: boolean;
  help: boolean;
}

function parseLintArgs(argv: string[]): LintArgs {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: "string", short: "f" },
    output: { type: "string", short: "o" },
    "max-warnings": { type: "string" },
    fix: { type: "boolean" },
    "fix-dry-run": { type: "boolean" },
    rules: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const format = (values.format ?? "stylish") as OutputFormat;
  if (format !== "diff" && !FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMAT_NAMES.join(", ")}, diff)`);
  if (values.fix && values["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run exclude each other");
  let maxWarnings = Infinity;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not '${values["max-warnings"]}'`);
  }
  const files = positionals.length ? positionals : ["-"];
  if (values.fix && files.includes("-")) throw new UsageError("--fix rewrites files and cannot fix standard input; use --fix-dry-run --format diff");
  return {
    files,
    format,
    output: values.output ?? null,
    maxWarnings,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    rules: values.rules ?? false,
    help: values.help ?? false,
  };
}

/** `--rules`: every rule with its id, alias, default severity and whether it fixes. */
function rulesListing(format: OutputFormat): string {
  const rows = ALL_RULES.map((r) => r.meta);
  if (format === "json") return JSON.stringify(rows) + "\n";
  const width = Math.max(...rows.map((m) => m.alias.length));
  return rows.map((m) => `${m.id}  ${m.alias.padEnd(width)}  ${m.severity.padEnd(7)}  ${m.fixable ? "fix" : "   "}  ${m.description}`).join("\n") + "\n";
}

export async function lintMain(argv: string[], io: CliIO): Promise<number> {
  const args = parseLintArgs(argv);
  if (args.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  if (args.rules) {
    io.stdout(rulesListing(args.format));
    return 0;
  }
  let output: string | null = null;
  if (args.output !== null) {
    const inputs = args.files.filter((f) => f !== "-").map((f) => resolve(io.cwd, f));
    const t = io.fileTarget(resolve(io.cwd, args.output), inputs);
    if (!t.ok) {
      io.stderr(`lvs-lint: ${args.output}: ${t.reason}\n`);
      return 2;
    }
    output = t.path;
  }
  const fixing = args.fix || args.fixDryRun || args.format === "diff";
  const reports: FileReport[] = [];
  const patches: string[] = [];
  let failedInput = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === "-" ? await io.readStdin() : io.readFile(resolve(io.cwd, file), args.fix);
    } catch (e) {
      io.stderr(`lvs-lint: ${file}: ${errorMessage(e)}\n`);
      failedInput = true;
      continue;
    }
    let config;
    try {
      config = findConfig(file === "-" ? io.cwd : dirname(resolve(io.cwd, file)));
    } catch (e) {
      if (e instanceof ConfigError) {
        io.stderr(`lvs-lint: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const options = { settings: config.settings };
    if (!fixing) {
      reports.push({ filePath: file, diagnostics: lintText(text, options).diagnostics });
      continue;
    }
    const fixed = fixText(text, options);
    reports.push({ filePath: file, diagnostics: fixed.diagnostics });
    if (fixed.output === text) continue;
    if (args.fix) io.writeFile(resolve(io.cwd, file), fixed.output);
    if (args.format === "diff") {
      const path = file.replace(/^\/+/, "");
      patches.push(createTwoFilesPatch(`a/${path}`, `b/${path}`, text, fixed.output, "", "", { context: 3 }));
    }
  }
  const out = args.format === "diff" ? patches.join("") : formatReports(reports, args.format, output === null ? io.stdoutColumns : null);
  if (output === null) io.stdout(out);
  else {
    try {
      io.writeFile(output, out);
    } catch (e) {
      io.stderr(`lvs-lint: ${args.output}: cannot write the report: ${errorMessage(e)}\n`);
      return 2;
    }
  }
  if (failedInput) return 2;
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === "error").length;
  const warnings = all.filter((d) => d.severity === "warning").length;
  return errors > 0 || warnings > args.maxWarnings ? 1 : 0;
}
