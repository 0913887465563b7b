/** `lvs-fmt [--check | --write] [--indent N] [FILE…|-]`: print lvs.cf files in the canonical layout. */
import { createTwoFilesPatch } from "diff";
import { resolve } from "node:path";
import { errorMessage, parseCommandLine, UsageError, type CliIO } from "../cli-io.ts";
import { formatChecked } from "./errors.ts";
import type { FormatOptions } from "./print.ts";

export const FMT_USAGE = `Usage: lvs-fmt [--check | --write] [--indent N] [FILE…|-]

Prints lvs.cf files in the layout Piranha's configuration tool writes (globals first, bodies
indented 5 spaces, server bodies 9), repairing CRLF line endings, glued '=' and '{', no-break
spaces, keyword case, inline comments and a missing closing brace. With no FILE, or with -,
reads standard input.

Options:
      --check      print nothing but a unified diff per file that would change; exit 1 if any
      --write      rewrite the files that change (atomically)
      --indent N   N spaces per level instead of the GUI's 5/9 layout
  -h, --help       show this help

Exit status: 0 done (or nothing to change), 1 --check found files to change, 2 usage error,
unreadable file, or a syntax error formatting cannot repair (the file is left untouched).
`;

interface FmtArgs {
  files: string[];
  check: boolean;
  write: boolean;
  options: FormatOptions;
  help: boolean;
}

function parseFmtArgs(argv: string[]): FmtArgs {
  const { values, positionals } = parseCommandLine(argv, {
    check: { type: "boolean" },
    write: { type: "boolean" },
    indent: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.check && values.write) throw new UsageError("--check and --write exclude each other");
  let indent: number | "gui" = "gui";
  if (values.indent !== undefined && values.indent !== "gui") {
    indent = Number(values.indent);
    if (!Number.isInteger(indent) || indent < 0 || indent > 16) throw new UsageError(`--indent takes a whole number from 0 to 16, not '${values.indent}'`);
  }
  const files = positionals.length ? positionals : ["-"];
  if (values.write && files.includes("-")) throw new UsageError("--write cannot rewrite standard input");
  return { files, check: values.check ?? false, write: values.write ?? false, options: { indent }, help: values.help ?? false };
}

export async function fmtMain(argv: string[], io: CliIO): Promise<number> {
  const args = parseFmtArgs(argv);
  if (args.help) {
    io.stdout(FMT_USAGE);
    return 0;
  }
  let status = 0;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === "-" ? await io.readStdin() : io.readFile(resolve(io.cwd, file), args.write);
    } catch (e) {
      io.stderr(`lvs-fmt: ${file}: ${errorMessage(e)}\n`);
      status = 2;
      continue;
    }
    const { output, error } = formatChecked(text, args.options);
    if (error) {
      io.stderr(`${file}:${error.line}:${error.column}: ${error.message} (left unformatted)\n`);
      status = 2;
      continue;
    }
    if (args.check) {
      if (output !== text) {
        io.stdout(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, output, "", "", { context: 3 }));
        if (status === 0) status = 1;
      }
    } else if (args.write) {
      if (output !== text) io.writeFile(resolve(io.cwd, file), output);
    } else io.stdout(output);
  }
  return status;
}
