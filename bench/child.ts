/**
 * One run of an executable's job, as the executable does it (lint: `lvs-lint --format json`;
 * format: `lvs-fmt`; compile: `lvs-compile FILE -o DIR`), with standard output discarded; prints
 * its own peak RSS for the parent to record.
 */
import { processIO } from "../compiler/cli-io.ts";
import { compileMain } from "../compiler/emit/cli.ts";
import { fmtMain } from "../compiler/format/cli.ts";
import { lintMain } from "../compiler/lint/cli.ts";

const [job, file, outDir] = process.argv.slice(2) as [string, string, string | undefined];
const io = { ...processIO(), stdout: () => {} };
const code =
  job === "format" ? await fmtMain([file], io) : job === "compile" ? await compileMain([file, "-o", outDir!], io) : await lintMain(["--format", "json", file], io);
process.stdout.write(JSON.stringify({ exitCode: code, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
