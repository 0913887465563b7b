#!/usr/bin/env node
import { runCli } from "../compiler/cli-io.ts";
import { lintMain } from "../compiler/lint/cli.ts";

process.exitCode = await runCli("lvs-lint", (io) => lintMain(process.argv.slice(2), io));
