#!/usr/bin/env node
import { statSync, readFileSync } from "node:fs";
import { checkForCompile, hasErrors } from "../compiler/emit/compile.ts";
import { buildPlan } from "../compiler/model/plan.ts";
import { readBundlePlan, runMain, RunUsageError } from "../runtime/cli.ts";
import type { RuntimePlan } from "../runtime/manifest.ts";

/** A bundle directory's plan, or the plan of an lvs.cf compiled in memory. */
async function loadPlan(source: string): Promise<RuntimePlan> {
  if (statSync(source).isDirectory()) return readBundlePlan(source);
  const checked = checkForCompile(readFileSync(source, "utf8"));
  const error = checked.diagnostics.find((d) => d.severity === "error");
  if (hasErrors(checked) && error) throw new Error(`${source}:${error.line}:${error.column}: ${error.ruleId} ${error.message}`);
  return buildPlan(checked.model);
}

try {
  process.exitCode = await runMain(
    process.argv.slice(2),
    {
      stdout: (t) => void process.stdout.write(t),
      stderr: (t) => void process.stderr.write(t),
      onSignal: (signal, handler) => void process.on(signal, handler),
    },
    loadPlan,
  );
} catch (e) {
  if (e instanceof RunUsageError) process.stderr.write(`lvs-run: ${e.message}\nTry 'lvs-run --help'.\n`);
  else process.stderr.write(`lvs-run: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
