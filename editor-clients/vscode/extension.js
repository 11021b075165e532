// ACT for VS Code: starts the ACT language server over stdio and wires commands and the status bar to it.
// All translation logic lives in the server; this file only connects VS Code to it.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;
let statusItem;
let restarting = false;

function settings() {
  const cfg = vscode.workspace.getConfiguration("act");
  return {
    command: cfg.get("server.command") || [],
    python: process.env.ACT_PYTHON || cfg.get("pythonPath") || "python3",
    home: cfg.get("home") || "",
    init: { targets: cfg.get("targets"), verify: cfg.get("verify"), candidates: cfg.get("candidates"),
            logCode: cfg.get("logCode"),
            examples: cfg.get("examples"), examplesMinSimilarity: cfg.get("examplesMinSimilarity"),
            decompose: cfg.get("decompose") },
  };
}

function serverOptions(s) {
  const env = { ...process.env, ...(s.home ? { ACT_HOME: s.home } : {}) };
  const [command, ...args] = s.command.length ? s.command : [s.python, "-m", "act_lsp.cli"];
  return { command, args, transport: TransportKind.stdio, options: { env } };
}

function showStatus(status) {
  if (!status || !status.model) return;
  const adapter = status.adapterVersion ? ` + ${status.adapterVersion}` : "";
  statusItem.text = `$(sync) ACT ${status.model.replace(/\.gguf$/, "")}${adapter}`;
  statusItem.tooltip = `ACT: model ${status.model}${adapter}, training ${status.training}, verify ${status.verify}`;
}

async function start(context) {
  const s = settings();
  client = new LanguageClient("act", "ACT", serverOptions(s), {
    documentSelector: [
      { scheme: "file", language: "java" }, { scheme: "file", language: "cpp" },
      { scheme: "file", language: "go" }, { scheme: "file", language: "rust" },
      { scheme: "file", language: "python" }, { scheme: "file", language: "javascript" },
    ],
    initializationOptions: s.init,
    outputChannelName: "ACT",
  });
  await client.start();
  context.subscriptions.push(client.onNotification("act/status", showStatus));
}

async function execute(command, args) {
  if (!client) throw new Error("the ACT server is not running");
  return client.sendRequest("workspace/executeCommand", { command, arguments: args });
}

async function translate(wholeFile) {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return vscode.window.showWarningMessage("ACT: open a Java or C++ file first");
  const c2p = client.code2ProtocolConverter;
  const range = wholeFile || editor.selection.isEmpty ? null : c2p.asRange(editor.selection);
  const result = await execute("act.translate", [{ uri: c2p.asUri(editor.document.uri), range }]);
  if (result && result.applied && result.targetUri) {
    await vscode.window.showTextDocument(vscode.Uri.parse(result.targetUri), { preview: false });
  }
  return result;
}

async function activate(context) {
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.text = "$(sync~spin) ACT";
  statusItem.command = "act.client.showStatus";
  statusItem.show();
  context.subscriptions.push(statusItem);
  const commands = {
    "act.client.translateSelection": () => translate(false),
    "act.client.translateFile": () => translate(true),
    "act.client.accept": async () => execute("act.accept", [null, await vscode.window.showInputBox({ prompt: "Why (optional)" }) || null]),
    "act.client.reject": async () => execute("act.reject", [null, await vscode.window.showInputBox({ prompt: "What was wrong (optional)" }) || null]),
    "act.client.retrain": () => execute("act.retrain", []),
    "act.client.showStatus": async () => showStatus(await execute("act.status", [])),
  };
  for (const [id, fn] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...a) => {
      try { return await fn(...a); } catch (e) { vscode.window.showErrorMessage(`ACT: ${e.message || e}`); }
    }));
  }
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration("act") || restarting) return;
    restarting = true;
    try { await client.stop(); await start(context); } finally { restarting = false; }
  }));
  await start(context);
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
