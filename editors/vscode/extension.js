// The argmap extension: starts `argmap lsp` (diagnostics, hover, navigation, rename,
// completion, outline, folding, formatting, quick fixes) and shows a live diagram beside the
// editor. Plain JavaScript, so that the extension needs no build step.
"use strict";

const fs = require("fs");
const path = require("path");
const vscode = require("vscode");

/** @type {import("vscode-languageclient/node").LanguageClient | undefined} */
let client;
/** @type {Map<string, vscode.WebviewPanel>} */
const previews = new Map();

/** The configured command, found on the PATH or as a file; undefined when it is not there. */
function findCommand(command) {
  const isWindows = process.platform === "win32";
  const suffixes = isWindows ? (process.env.PATHEXT || ".EXE;.CMD;.BAT").split(";").concat([""]) : [""];
  const exists = (candidate) => suffixes.some((s) => fs.existsSync(candidate + s));
  if (command.includes("/") || command.includes("\\")) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const full = path.isAbsolute(command) || !folder ? command : path.join(folder, command);
    return exists(full) ? full : undefined;
  }
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (dir && exists(path.join(dir, command))) return command;
  }
  return undefined;
}

async function startClient() {
  const configured = vscode.workspace.getConfiguration("argmap").get("path") || "argmap";
  const command = findCommand(configured);
  if (!command) {
    const choice = await vscode.window.showErrorMessage(
      `argmap: cannot find the command \`${configured}\`. Install it with \`pip install 'argmap[lsp]'\`, ` +
        "or set argmap.path to its full path (for example .venv/bin/argmap).",
      "Open settings"
    );
    if (choice === "Open settings") {
      vscode.commands.executeCommand("workbench.action.openSettings", "argmap.path");
    }
    return;
  }
  const { LanguageClient } = require("vscode-languageclient/node");
  client = new LanguageClient(
    "argmap",
    "argmap language server",
    { command, args: ["lsp"] },
    { documentSelector: [{ language: "argmap" }] }
  );
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    vscode.window.showErrorMessage(
      `argmap: \`${command} lsp\` did not start (${error}). It needs the language server extra: ` +
        "pip install 'argmap[lsp]'."
    );
  }
}

async function restartClient() {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await startClient();
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Nothing from the map reaches the page as markup: the SVG is shown as an image (its scripts
 * never run), messages are escaped, and the page may load nothing and run nothing. */
function page(svg, message) {
  const body = svg
    ? `<img alt="the argument map" src="data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}">`
    : `<p class="message">${escapeHtml(message || "")}</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline';">
<style>body { background: white; margin: 0; padding: 8px; } img { max-width: 100%; }
.message { font-family: sans-serif; color: #a00; white-space: pre-wrap; }</style>
</head><body>${body}</body></html>`;
}

async function refresh(document, panel) {
  if (!client) {
    panel.webview.html = page(undefined, "argmap: the language server is not running");
    return;
  }
  try {
    const answer = await client.sendRequest("argmap/diagram", { uri: document.uri.toString() });
    panel.webview.html = page(answer.svg, answer.message);
  } catch (error) {
    panel.webview.html = page(undefined, `argmap: ${error}`);
  }
}

function showDiagram(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "argmap") {
    vscode.window.showInformationMessage("argmap: open a .arg map first");
    return;
  }
  const document = editor.document;
  const key = document.uri.toString();
  let panel = previews.get(key);
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    panel = vscode.window.createWebviewPanel(
      "argmapDiagram",
      `Diagram: ${path.basename(document.fileName)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, localResourceRoots: [] }
    );
    previews.set(key, panel);
    let timer;
    const changed = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() !== key) return;
      clearTimeout(timer);
      const delay = vscode.workspace.getConfiguration("argmap").get("diagram.refreshDelay") ?? 300;
      timer = setTimeout(() => refresh(event.document, panel), delay);
    });
    panel.onDidDispose(() => {
      clearTimeout(timer);
      changed.dispose();
      previews.delete(key);
    });
    context.subscriptions.push(changed);
  }
  refresh(document, panel);
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.showDiagram", () => showDiagram(context)),
    vscode.commands.registerCommand("argmap.restartServer", restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("argmap.path")) restartClient();
    })
  );
  await startClient();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate, findCommand, page };
