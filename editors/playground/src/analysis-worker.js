// The analysis worker: argmap itself, in Pyodide, off the page's thread so typing never waits.
//
// Start-up loads Pyodide from this site's own copy (indexURL below; no package is fetched from
// Pyodide's CDN), unpacks the wheels listed in manifest.json (argmap built from the checkout and
// its pure-Python dependencies) and imports argmap.playground. An "analyze" request runs
// argmap.playground.analyse and report (the findings travel back at once, as JSON text); a
// "draw" request that follows builds the DOT of that same analysis, kept here in between. A Python exception becomes a
// one-line message for the page (the full traceback goes to the console).

const here = new URL(".", self.location.href);
let python = null; // {analyze, draw}: the Python functions below

function oneLine(error) {
  const text = String((error && error.message) || error || "unknown error").trim();
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length ? lines[lines.length - 1].trim() : "unknown error";
}

async function start() {
  const began = performance.now();
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", here).href);
  const manifest = await (await fetch(new URL("manifest.json", here))).json();
  const phases = {};
  let mark = performance.now();
  const phase = (name) => {
    phases[name] = performance.now() - mark;
    mark = performance.now();
  };
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", here).href,
    packageBaseUrl: new URL("pyodide/", here).href,
    fullStdLib: false,
  });
  phase("pyodide");
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const wheel of manifest.wheels) {
    const response = await fetch(new URL(`wheels/${wheel}`, here));
    if (!response.ok) throw new Error(`could not fetch wheels/${wheel} (HTTP ${response.status})`);
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel", { extractDir: sitePackages });
  }
  phase("wheels");
  // Articles the page has not given are looked up here: an empty folder of the virtual disk.
  pyodide.FS.mkdirTree("/playground");
  pyodide.FS.chdir("/playground");
  const functions = pyodide.runPython(`
import json
import argmap.playground

class _Worker:
    """The last analysis, between the page's "analyze" and its "draw"."""

    last = None

    def analyze(self, text, files, name):
        given = json.loads(files)
        self.last = argmap.playground.analyse(text, given, name=name)
        return json.dumps(argmap.playground.report(self.last, text, given))

    def draw(self, theme, overlay):
        return argmap.playground.draw(self.last, theme=theme, overlay=overlay)

_worker = _Worker()
(_worker.analyze, _worker.draw)
`);
  python = { analyze: functions.get(0), draw: functions.get(1) };
  functions.destroy();
  phase("import");
  return { ms: performance.now() - began, phases };
}

const started = start().then(
  ({ ms, phases }) => {
    self.postMessage({ type: "ready", ms, phases });
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
    if (request.type === "draw") {
      const dot = python.draw(request.theme, !!request.overlay);
      self.postMessage({ type: "diagram", id: request.id, dot: dot === undefined ? null : dot, ms: performance.now() - began });
    } else {
      const json = python.analyze(request.text, JSON.stringify(request.files || {}), request.name);
      self.postMessage({ type: "result", id: request.id, json, ms: performance.now() - began });
    }
  } catch (error) {
    console.log("argmap playground: Python raised", error);
    self.postMessage({ type: "error", id: request.id, message: oneLine(error) });
  }
};
