#!/usr/bin/env node
import { runCli } from "../compiler/cli-io.ts";
import { fmtMain } from "../compiler/format/cli.ts";

process.exitCode = await runCli("lvs-fmt", (io) => fmtMain(process.argv.slice(2), io));
