/** `lvs-compile --emit model FILE`: print the configuration as Piranha resolves it. */
import { resolve as resolvePath } from "node:path";
import { errorMessage, parseCommandLine, UsageError, type CliIO } from "../cli-io.ts";
import { lintText } from "../lint/engine.ts";
import { formatReports } from "../lint/formats/index.ts";
import { modelToJson } from "../model/resolve.ts";

export const COMPILE_USAGE = `Usage: lvs-compile --emit model FILE|-

Prints FILE as Piranha resolves it: every keyword with its value or Piranha's default,
as JSON keyed by Piranha's keyword names. Lint errors stop it (exit 1); warnings are
printed on standard error.

Options:
      --emit model   the resolved configuration as JSON
  -h, --help         show this help
`;

export async function compileMain(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { emit: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.stdout(COMPILE_USAGE);
    return 0;
  }
  if (values.emit !== "model") throw new UsageError(values.emit === undefined ? "say what to emit: --emit model" : `cannot emit '${values.emit}' (use --emit model)`);
  if (positionals.length !== 1) throw new UsageError("give exactly one lvs.cf file (or - for standard input)");
  const file = positionals[0]!;
  let text: string;
  try {
    text = file === "-" ? await io.readStdin() : io.readFile(resolvePath(io.cwd, file));
  } catch (e) {
    io.stderr(`lvs-compile: ${file}: ${errorMessage(e)}\n`);
    return 2;
  }
  const result = lintText(text);
  const findings = result.diagnostics.filter((d) => d.severity !== "info");
  if (findings.length > 0) io.stderr(formatReports([{ filePath: file, diagnostics: findings }], "stylish"));
  if (findings.some((d) => d.severity === "error")) return 1;
  io.stdout(modelToJson(result.model));
  return 0;
}
