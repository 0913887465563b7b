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

/**
 * A standard stream whose reader went away (journald restarted, `| head` done) is let go: what
 * is left to write there is dropped, said once on the other stream, and lvs-run runs on. A
 * daemon keeping a director's table must not die for its log.
 */
function droppedWhenClosed(stream: NodeJS.WriteStream, other: () => NodeJS.WriteStream, name: string): (text: string) => void {
  let open = true;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    const o = other();
    if (o.writable) o.write(`lvs-run: standard ${name} is closed (${e.code ?? e.message}); what goes there is dropped from now on\n`);
  });
  return (text) => void (open && stream.write(text));
}

const toStdout = droppedWhenClosed(process.stdout, () => process.stderr, "output");
const toStderr = droppedWhenClosed(process.stderr, () => process.stdout, "error");

try {
  process.exitCode = await runMain(
    process.argv.slice(2),
    {
      stdout: toStdout,
      stderr: toStderr,
      onSignal: (signal, handler) => void process.on(signal, handler),
      stdin: () => text(process.stdin),
    },
    loadPlan,
  );
} catch (e) {
  if (e instanceof RunUsageError) toStderr(`lvs-run: ${e.message}\nTry 'lvs-run --help'.\n`);
  else toStderr(`lvs-run: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
