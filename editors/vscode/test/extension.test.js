// The extension's own logic without VS Code: a stand-in `vscode` module records what the
// extension shows. Run with `node test/extension.test.js`.
"use strict";

const assert = require("assert");
const Module = require("module");

const shown = [];
let configured = "argmap-command-that-does-not-exist";
const vscode = {
  workspace: {
    workspaceFolders: undefined,
    getConfiguration: () => ({ get: (key) => (key === "path" ? configured : undefined) }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    onDidChangeTextDocument: () => ({ dispose() {} }),
  },
  window: {
    showErrorMessage: async (message) => {
      shown.push(message);
      return undefined;
    },
    showInformationMessage: async (message) => {
      shown.push(message);
      return undefined;
    },
    activeTextEditor: undefined,
  },
  commands: {
    registered: {},
    registerCommand(name, callback) {
      this.registered[name] = callback;
      return { name, dispose() {} };
    },
    executeCommand: () => undefined,
  },
  ViewColumn: { Beside: -2 },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? vscode : load.call(this, request, ...rest);
};

const extension = require("../extension.js");

(async () => {
  // A command that is not on the PATH: one clear message, naming the setting and the extra.
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(shown.length, 1);
  assert.match(shown[0], /cannot find the command `argmap-command-that-does-not-exist`/);
  assert.match(shown[0], /pip install 'argmap\[lsp\]'/);
  assert.match(shown[0], /argmap\.path/);
  assert.deepStrictEqual(
    context.subscriptions.filter((s) => s.name).map((s) => s.name),
    ["argmap.showDiagram", "argmap.restartServer"]
  );

  // Found on the PATH, or as a path.
  assert.strictEqual(extension.findCommand("node"), "node");
  assert.strictEqual(extension.findCommand(process.execPath), process.execPath);
  assert.strictEqual(extension.findCommand("/no/such/argmap"), undefined);

  // The diagram page: the SVG only as an image, a message escaped, nothing loaded or run.
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const page = extension.page(svg, undefined);
  assert.match(page, /<img alt="the argument map" src="data:image\/svg\+xml;base64,/);
  assert.ok(!page.includes("<script"), "no script reaches the page");
  assert.match(page, /default-src 'none'/);
  const message = extension.page(undefined, 'argmap: fix <b onmouseover="x">this</b>');
  assert.ok(!message.includes("<b "), "a message is text, not markup");
  assert.match(message, /&#60;b onmouseover=&#34;x&#34;&#62;this&#60;\/b&#62;/);

  // "Show diagram" without a map open says so.
  vscode.commands.registered["argmap.showDiagram"]();
  assert.strictEqual(shown.at(-1), "argmap: open a .arg map first");
  console.log("extension.test.js: ok");
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
