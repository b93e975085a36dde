// The analysis worker: argmap itself, in Pyodide, off the page's thread so typing never waits.
//
// Start-up loads Pyodide from this site's own copy (indexURL below; no package is fetched from
// Pyodide's CDN), unpacks the wheels listed in manifest.json (argmap built from the checkout and
// its pure-Python dependencies) and imports argmap.playground. Each request is one call of
// argmap.playground.run; its answer travels back as JSON text. A Python exception becomes a
// one-line message for the page (the full traceback goes to the console).

const here = new URL(".", self.location.href);
let runMap = null;

function oneLine(error) {
  const text = String((error && error.message) || error || "unknown error").trim();
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length ? lines[lines.length - 1].trim() : "unknown error";
}

async function start() {
  const began = performance.now();
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", here).href);
  const manifest = await (await fetch(new URL("manifest.json", here))).json();
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", here).href,
    packageBaseUrl: new URL("pyodide/", here).href,
    fullStdLib: false,
  });
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const wheel of manifest.wheels) {
    const response = await fetch(new URL(`wheels/${wheel}`, here));
    if (!response.ok) throw new Error(`could not fetch wheels/${wheel} (HTTP ${response.status})`);
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages });
  }
  // Articles the page has not given are looked up here: an empty folder of the virtual disk.
  pyodide.FS.mkdirTree("/playground");
  pyodide.FS.chdir("/playground");
  runMap = pyodide.runPython(`
import json
import argmap.playground

def _run(text, files, name, theme, overlay):
    return json.dumps(argmap.playground.run(text, json.loads(files), name=name, theme=theme, overlay=overlay))

_run
`);
  return performance.now() - began;
}

const started = start().then(
  (ms) => {
    self.postMessage({ type: "ready", ms });
    return true;
  },
  (error) => {
    console.log("argmap playground: Python did not start", error);
    self.postMessage({ type: "failed", message: oneLine(error) });
    return false;
  },
);

self.onmessage = async (event) => {
  const request = event.data;
  if (!(await started)) return;
  const began = performance.now();
  try {
    const json = runMap(request.text, JSON.stringify(request.files || {}), request.name, request.theme, !!request.overlay);
    self.postMessage({ type: "result", id: request.id, json, ms: performance.now() - began });
  } catch (error) {
    console.log("argmap playground: Python raised", error);
    self.postMessage({ type: "error", id: request.id, message: oneLine(error) });
  }
};
