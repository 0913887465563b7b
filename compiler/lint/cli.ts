/** `lvs-lint [options] [FILE…|-]`: lint lvs.cf files and report in one of several formats. */
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { errorMessage, UsageError, type CliIO } from "../cli-io.ts";
import { ConfigError, findConfig } from "./config.ts";
import { lintText } from "./engine.ts";
import { FORMAT_NAMES, formatReports, type FileReport, type FormatName } from "./formats/index.ts";

export const LINT_USAGE = `Usage: lvs-lint [options] [FILE…|-]

Checks lvs.cf files for everything Piranha's pulse, lvsd and nanny would reject or misread.
With no FILE, or with -, reads standard input.

Options:
  -f, --format FORMAT    stylish (default), json, sarif, gcc or github
  -o, --output FILE      write the report to FILE instead of standard output
      --max-warnings N   exit 1 when there are more than N warnings
  -h, --help             show this help

Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 usage error, unreadable file or configuration, internal error.
Per-rule severities come from the nearest .lvs-lint.json: { "rules": { "LVS1003": "warning" } }.
`;

interface LintArgs {
  files: string[];
  format: FormatName;
  output: string | null;
  maxWarnings: number;
  help: boolean;
}

function parseLintArgs(argv: string[]): LintArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "max-warnings": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]!);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? "stylish") as FormatName;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMAT_NAMES.join(", ")})`);
  let maxWarnings = Infinity;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not '${values["max-warnings"]}'`);
  }
  return { files: positionals.length ? positionals : ["-"], format, output: values.output ?? null, maxWarnings, help: values.help ?? false };
}

export async function lintMain(argv: string[], io: CliIO): Promise<number> {
  const args = parseLintArgs(argv);
  if (args.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const reports: FileReport[] = [];
  let failedInput = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === "-" ? await io.readStdin() : io.readFile(resolve(io.cwd, file));
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
    reports.push({ filePath: file, diagnostics: lintText(text, { settings: config.settings }).diagnostics });
  }
  const out = formatReports(reports, args.format);
  if (args.output) io.writeFile(resolve(io.cwd, args.output), out);
  else io.stdout(out);
  if (failedInput) return 2;
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === "error").length;
  const warnings = all.filter((d) => d.severity === "warning").length;
  return errors > 0 || warnings > args.maxWarnings ? 1 : 0;
}
