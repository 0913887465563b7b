/**
 * The language server: the LSP connection wired to the providers of this folder. Documents are
 * synced incrementally; their diagnostics are pushed when they open and, debounced, after
 * they change, with the settings of the nearest `.lvs-lint.json` above the file. A failing
 * request is logged through the connection and answered with nothing; the server keeps running.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver/node";
import { ConfigError, findConfig } from "../lint/config.ts";
import type { LintOptions } from "../lint/engine.ts";
import { codeActions } from "./code-actions.ts";
import { completion } from "./completion.ts";
import { diagnostics } from "./diagnostics.ts";
import { LvsDocument } from "./document.ts";
import { foldingRanges } from "./folding.ts";
import { formatting } from "./formatting.ts";
import { hover } from "./hover.ts";
import { documentSymbols } from "./symbols.ts";
import { limitHeapGrowth, LSP_HEAP_GROWTH_PERCENT } from "../../lib/heap.ts";

export interface ServerOptions {
  /** Milliseconds between the last change of a document and its diagnostics. */
  readonly debounceMs?: number;
  readonly version?: string;
}

interface Open {
  readonly doc: LvsDocument;
  version: number;
  timer: NodeJS.Timeout | null;
  /** The settings the document is linted with, as JSON, to notice a changed `.lvs-lint.json`. */
  settings: string;
}

/** The lint settings for a document: those of the nearest `.lvs-lint.json` above its file. */
function settingsFor(uri: string): LintOptions {
  if (!uri.startsWith("file:")) return {};
  return { settings: findConfig(dirname(fileURLToPath(uri))).settings };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const debounceMs = options.debounceMs ?? 200;
  const open = new Map<string, Open>();
  const reported = new Set<string>();

  const logError = (what: string, e: unknown): void => {
    connection.console.error(`lvs-lsp: ${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  /** Runs a handler; an error is logged and answered with `fallback`. */
  const guard = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      logError(what, e);
      return fallback;
    }
  };

  /** Reads the settings again; a broken `.lvs-lint.json` is reported once and linting goes on without it. */
  const refreshSettings = (uri: string, entry: Open): void => {
    let lint: LintOptions;
    try {
      lint = settingsFor(uri);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (!reported.has(e.message)) connection.console.error(`lvs-lsp: ${e.message}`);
      reported.add(e.message);
      lint = {};
    }
    const key = JSON.stringify(lint.settings ?? {});
    if (key !== entry.settings) {
      entry.settings = key;
      entry.doc.setLintOptions(lint);
    }
  };

  const publish = (uri: string): void => {
    const entry = open.get(uri);
    if (!entry) return;
    entry.timer = null;
    guard(`linting ${uri}`, undefined, () => {
      refreshSettings(uri, entry);
      connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diagnostics(entry.doc) }).catch((e) => logError(`publishing ${uri}`, e));
    });
  };

  const schedule = (uri: string, delay: number): void => {
    const entry = open.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => publish(uri), delay);
  };

  const withDoc = <T>(what: string, uri: string, fallback: T, f: (doc: LvsDocument) => T): T => {
    const entry = open.get(uri);
    return entry ? guard(what, fallback, () => f(entry.doc)) : fallback;
  };

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["=", " "] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      },
      serverInfo: { name: "lvs-lsp", ...(options.version ? { version: options.version } : {}) },
    }),
  );

  connection.onDidOpenTextDocument((p) =>
    guard("opening a document", undefined, () => {
      const { uri, text, version } = p.textDocument;
      open.set(uri, { doc: new LvsDocument(text), version, timer: null, settings: "" });
      schedule(uri, 0);
    }),
  );

  connection.onDidChangeTextDocument((p) =>
    guard("changing a document", undefined, () => {
      const entry = open.get(p.textDocument.uri);
      if (!entry) return;
      entry.doc.update(p.contentChanges);
      entry.version = p.textDocument.version;
      schedule(p.textDocument.uri, debounceMs);
    }),
  );

  connection.onDidCloseTextDocument((p) =>
    guard("closing a document", undefined, () => {
      const entry = open.get(p.textDocument.uri);
      if (entry?.timer) clearTimeout(entry.timer);
      open.delete(p.textDocument.uri);
      connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] }).catch((e) => logError(`publishing ${p.textDocument.uri}`, e));
    }),
  );

  // A changed .lvs-lint.json applies at once to every open document.
  connection.onDidChangeWatchedFiles(() => {
    for (const uri of open.keys()) schedule(uri, 0);
  });

  connection.onHover((p) => withDoc("hover", p.textDocument.uri, null, (doc) => hover(doc, p.position)));
  connection.onCompletion((p) => withDoc("completion", p.textDocument.uri, [], (doc) => completion(doc, p.position)));
  connection.onDocumentSymbol((p) => withDoc("document symbols", p.textDocument.uri, [], (doc) => documentSymbols(doc)));
  connection.onFoldingRanges((p) => withDoc("folding ranges", p.textDocument.uri, [], (doc) => foldingRanges(doc)));
  connection.onDocumentFormatting((p) => withDoc("formatting", p.textDocument.uri, [], (doc) => formatting(doc)));
  connection.onCodeAction((p) =>
    withDoc("code actions", p.textDocument.uri, [], (doc) => codeActions(doc, p.textDocument.uri, p.range, p.context.only)),
  );

  connection.listen();
}

/** Serves LSP on standard input and output (the process was started with `--stdio`). */
export function startStdioServer(options: ServerOptions = {}): void {
  limitHeapGrowth(LSP_HEAP_GROWTH_PERCENT);
  const connection = createConnection(ProposedFeatures.all);
  // A bug must not end the session: it is logged and the server goes on.
  const log = (e: unknown): void => connection.console.error(`lvs-lsp: ${e instanceof Error ? e.message : String(e)}`);
  process.on("uncaughtException", log);
  process.on("unhandledRejection", log);
  startServer(connection, options);
}
