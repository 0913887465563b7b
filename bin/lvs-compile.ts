#!/usr/bin/env node
import { runCli } from "../compiler/cli-io.ts";
import { compileMain } from "../compiler/emit/cli.ts";

process.exitCode = await runCli("lvs-compile", (io) => compileMain(process.argv.slice(2), io));
