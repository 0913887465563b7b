#!/usr/bin/env node
import { statSync, readFileSync } from "node:fs";
import { text } from "node:stream/consumers";
import { dirname, resolve } from "node:path";
import { findConfig } from "../compiler/lint/config.ts";
import { checkForCompile, hasErrors } from "../compiler/emit/compile.ts";
import { directorScript } from "../compiler/emit/director-script.ts";
import { DEFAULT_FTP_PASSIVE } from "../compiler/emit/bundle.ts";
import { buildPlan } from "../compiler/model/plan.ts";
import { sha256 } from "../lib/sha256.ts";
import { readBundle, runMain, RunUsageError, type LoadedBundle } from "../runtime/cli.ts";

/** A bundle directory, or an lvs.cf compiled in memory as `lvs-compile` would for this host. */
async function loadPlan(source: string): Promise<LoadedBundle> {
  if (statSync(source).isDirectory()) return readBundle(source);
  // The nearest .lvs-lint.json applies as it does to lvs-compile.
  const config = readFileSync(source, "utf8");
  const checked = checkForCompile(config, true, findConfig(dirname(resolve(source))).settings);
  const error = checked.diagnostics.find((d) => d.severity === "error");
  if (hasErrors(checked) && error) throw new Error(`${source}:${error.line}:${error.column}: ${error.ruleId} ${error.message}`);
  const plan = buildPlan(checked.model);
  return {
    plan,
    directorScript: directorScript(plan, { target: "modern", drArp: "sysctl", ftpPassive: DEFAULT_FTP_PASSIVE }),
    identity: { path: resolve(source), hash: sha256(config), serialNo: checked.model.global.serial_no },
  };
}

try {
  process.exitCode = await runMain(
    process.argv.slice(2),
    {
      stdout: (t) => void process.stdout.write(t),
      stderr: (t) => void process.stderr.write(t),
      onSignal: (signal, handler) => void process.on(signal, handler),
      stdin: () => text(process.stdin),
    },
    loadPlan,
  );
} catch (e) {
  if (e instanceof RunUsageError) process.stderr.write(`lvs-run: ${e.message}\nTry 'lvs-run --help'.\n`);
  else process.stderr.write(`lvs-run: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
