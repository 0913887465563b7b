// Starts `lvs-lsp --stdio` for lvs-cf documents and hands it their .lvs-lint.json changes.
"use strict";
const { workspace } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

/** The server command: `lvs-lsp` on the PATH, another command, or a .js file run with node. */
function serverOptions() {
  const path = workspace.getConfiguration("lvs").get("server.path") || "lvs-lsp";
  return path.endsWith(".js") ? { command: "node", args: [path, "--stdio"] } : { command: path, args: ["--stdio"] };
}

exports.activate = function activate(context) {
  client = new LanguageClient("lvs-cf", "lvs.cf", serverOptions(), {
    documentSelector: [{ language: "lvs-cf" }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/.lvs-lint.json") },
  });
  context.subscriptions.push(client);
  return client.start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};
