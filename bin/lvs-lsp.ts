#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStdioServer } from "../compiler/lsp/server.ts";

const USAGE = `Usage: lvs-lsp --stdio

The language server for lvs.cf files (Piranha's LVS configuration): diagnostics from every
lvs-lint rule, hover, completion, document symbols, folding, formatting and quick fixes, over
the Language Server Protocol on standard input and output. Editors start it; see
docs/editors.md for VS Code, Neovim and Emacs.

Options:
      --stdio      speak LSP on standard input and output (required)
      --version    print the version
  -h, --help       show this help
`;

/** The version in the package.json above this file (the bundle lives in dist/bin/). */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(USAGE);
} else if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`lvs-lsp ${version()}\n`);
} else if (args.length === 1 && args[0] === "--stdio") {
  try {
    startStdioServer({ version: version() });
  } catch (e) {
    process.stderr.write(`lvs-lsp: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
} else {
  const what = args.length === 0 ? "--stdio is required" : `unexpected argument '${args.find((a) => a !== "--stdio") ?? args[0]}'`;
  process.stderr.write(`lvs-lsp: ${what}\nTry 'lvs-lsp --help'.\n`);
  process.exitCode = 2;
}
