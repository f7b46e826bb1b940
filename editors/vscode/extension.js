// Starts `orch lsp` for .orch files; everything else (diagnostics, hover, completion, navigation, rename,
// formatting, the plan lens) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("orch").get("path") || "orch";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient("orch", "Orch", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "orch" }, { scheme: "untitled", language: "orch" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
