/**
 * One run of an executable's job, as the executable does it (lint: `lvs-lint --format json`;
 * format: `lvs-fmt`; compile: `lvs-compile FILE -o DIR`), with standard output discarded; prints
 * its own peak RSS for the parent to record.
 */
import { processIO } from "../compiler/cli-io.ts";

const [job, file, outDir] = process.argv.slice(2) as [string, string, string | undefined];
const io = { ...processIO(), stdout: () => {} };
// Each job loads only its own executable's code, as that executable does.
const code =
  job === "format"
    ? await (await import("../compiler/format/cli.ts")).fmtMain([file], io)
    : job === "compile"
      ? await (await import("../compiler/emit/cli.ts")).compileMain([file, "-o", outDir!], io)
      : await (await import("../compiler/lint/cli.ts")).lintMain(["--format", "json", file], io);
process.stdout.write(JSON.stringify({ exitCode: code, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
