// The playground page: CodeMirror to write a map, argmap (in Pyodide, in a worker) to check and
// evaluate it, Graphviz (WebAssembly, in another worker) to draw it.
//
// Map and article text reach the page only as text nodes (textContent, attribute values) and the
// diagram only as an SVG document parsed apart, cleaned and imported: nothing the student wrote
// goes through innerHTML.
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, toggleComment } from "@codemirror/commands";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { argmapHighlight, argmapLanguage } from "./language.js";
import { decodeShare, encodeShare, SHARE_LIMIT } from "./share.js";

const THEMES = ["default", "classic", "print"];
const STORAGE_KEY = "argmap-playground/v1";
const DEBOUNCE_MS = 40;
const params = new URLSearchParams(location.search);
let layoutTimeoutMs = Number(params.get("layout-timeout")) || 10000;

const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes, never markup. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "className") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// -- what the page holds ---------------------------------------------------------------------

const state = {
  name: "map.arg",
  files: {}, // file name as the map writes it -> text (articles, included maps)
  theme: "default",
  overlay: false,
  result: null, // the last analysis of the current text
  statements: new Map(), // id -> statement record of the last analysis
  named: "", // the names of the files panel, to rebuild it only when they change
  examples: [],
  svg: null, // the diagram shown (an SVGSVGElement)
};

const timings = []; // {version, diagnostics, drawn}: milliseconds from the keystroke
const typedAt = new Map();
let version = 0;
let analysed = 0; // the version the page shows the analysis of
let lastKey = 0;

function message(text, { error = false, action = null } = {}) {
  const box = $("message");
  if (!text) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.className = error ? "error" : "";
  box.replaceChildren(document.createTextNode(text));
  if (action) box.append(" ", el("button", { type: "button", onclick: action.run }, action.label));
}

function status(text, stale = false) {
  const line = $("status");
  line.textContent = text;
  line.classList.toggle("stale", stale);
}

// -- the editor ------------------------------------------------------------------------------

let view = null;

function makeEditor(text) {
  view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        argmapLanguage,
        argmapHighlight,
        lintGutter(),
        EditorView.lineWrapping,
        keymap.of([{ key: "Mod-/", run: toggleComment }, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({ "aria-label": "Map text (.arg): Tab leaves the editor, Ctrl+/ toggles a # comment" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed();
        }),
        EditorView.domEventHandlers({
          keydown: (event) => {
            lastKey = event.timeStamp;
          },
        }),
      ],
    }),
  });
}

function text() {
  return view.state.doc.toString();
}

function replaceText(value) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
}

function jump(range) {
  if (!range) return;
  const length = view.state.doc.length;
  const from = Math.min(range.from, length);
  const to = Math.min(range.to, length);
  view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  view.focus();
}

// -- analysis: argmap in a worker ------------------------------------------------------------

const analysis = { worker: null, ready: false, busy: false, again: false, timer: 0, sent: new Map(), id: 0 };

function startAnalysis() {
  analysis.worker = new Worker("analysis-worker.js", { type: "module" });
  analysis.worker.onmessage = (event) => {
    const reply = event.data;
    if (reply.type === "ready") {
      analysis.ready = true;
      analysisStartMs = { ms: reply.ms, ...reply.phases };
      send();
    } else if (reply.type === "failed") {
      status("");
      message(`argmap could not start in this browser: ${reply.message}`, { error: true });
      document.body.dataset.state = "failed";
    } else {
      const asked = analysis.sent.get(reply.id);
      analysis.sent.delete(reply.id);
      let drawing = false;
      if (reply.type === "error") {
        console.log(`argmap playground: ${reply.message}`);
        message(`argmap stopped on this map: ${reply.message}`, { error: true });
        document.body.dataset.state = "ready";
      } else if (reply.type === "result" && asked.version === version) {
        const began = performance.now();
        const result = JSON.parse(reply.json);
        applyResult(result, asked);
        record(asked.version, "apply", performance.now() - began);
        record(asked.version, "python", reply.ms);
        // The diagnostics are shown; now the DOT of the same analysis (unless typing went on).
        if (result.drawable && !analysis.again) drawing = requestDot(asked);
      } else if (reply.type === "diagram" && asked.version === version && reply.dot !== null) {
        record(asked.version, "dot", reply.ms);
        layout(reply.dot, asked.version);
      }
      if (!drawing) {
        analysis.busy = false;
        if (analysis.again || asked.version !== version) send();
      }
    }
  };
  analysis.worker.onerror = (event) => {
    console.log("argmap playground: the analysis worker failed", event.message);
    message(`argmap stopped: ${event.message || "the analysis worker failed"}`, { error: true });
  };
}

let analysisStartMs = 0;

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(analysis.timer);
  analysis.timer = setTimeout(send, delay);
}

function requestDot(asked) {
  const id = ++analysis.id;
  analysis.sent.set(id, asked);
  analysis.worker.postMessage({ type: "draw", id, theme: state.theme, overlay: state.overlay });
  return true;
}

function send() {
  clearTimeout(analysis.timer);
  if (!analysis.ready) return;
  if (analysis.busy) {
    analysis.again = true;
    return;
  }
  analysis.again = false;
  analysis.busy = true;
  const id = ++analysis.id;
  analysis.sent.set(id, { version, name: state.name });
  analysis.worker.postMessage({ type: "analyze", id, text: text(), files: state.files, name: state.name });
}

function changed() {
  version += 1;
  const now = performance.now();
  const typed = now - lastKey < 1000 ? lastKey : now;
  typedAt.set(version, typed);
  record(version, "echo", now - typed);
  save();
  schedule();
}

/** Options or files changed: analyse again at once (no keystroke to time). */
function refresh() {
  version += 1;
  typedAt.set(version, performance.now());
  save();
  schedule(0);
}

function record(v, key, ms) {
  let entry = timings.find((t) => t.version === v);
  if (!entry) {
    entry = { version: v };
    timings.push(entry);
    if (timings.length > 500) timings.shift();
  }
  entry[key] = ms;
}

function applyResult(result, asked) {
  if ($("message").classList.contains("error") && $("message").textContent.startsWith("argmap stopped")) message("");
  state.result = result;
  analysed = asked.version;
  state.statements = new Map(result.statements.map((s) => [s.id, s]));
  const length = view.state.doc.length;
  const marks = result.findings
    .filter((f) => f.range)
    .map((f) => ({
      from: Math.min(f.range.from, length),
      to: Math.min(Math.max(f.range.to, f.range.from), length),
      severity: f.severity === "note" ? "info" : f.severity,
      source: f.code,
      message: `${f.code} ${f.name}: ${f.message}${f.hints.length ? `\nhint: ${f.hints.join("\nhint: ")}` : ""}`,
    }));
  view.dispatch(setDiagnostics(view.state, marks));
  showProblems(result);
  showStatements(result);
  showFiles(result);
  document.body.dataset.state = "ready";
  const started = typedAt.get(asked.version);
  if (started !== undefined) record(asked.version, "diagnostics", performance.now() - started);
  if (!result.drawable) {
    const first = result.findings.find((f) => f.severity === "error");
    const where = first ? ` on line ${first.line}` : "";
    status(
      state.svg ? `Diagram not updated: fix the error${where} first (it shows the map as it was).` : `No diagram yet: fix the error${where} first.`,
      true,
    );
    $("diagram").classList.toggle("stale", !!state.svg);
  }
  if (state.selected) showDetails(state.selected, false);
}

function showProblems(result) {
  const { errors, warnings } = result.counts;
  $("problem-count").textContent = errors + warnings
    ? `(${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`
    : "(none: the checker found nothing)";
  $("problems").replaceChildren(
    ...result.findings.map((f) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", className: "problem", "data-code": f.code, "data-line": f.line, onclick: () => jump(f.range) },
          el("span", { className: `sev-${f.severity}` }, `${f.severity}[${f.code}]`),
          ` ${f.name}, line ${f.line}: ${f.message}`,
          ...f.hints.map((h) => el("span", { className: "hint" }, el("br"), `hint: ${h}`)),
        ),
      ),
    ),
  );
}

const LABELS = { in: "stands", out: "does not stand", undecided: "undecided" };

function statementLabel(s) {
  const label = s.label ? `, ${LABELS[s.label]}` : "";
  return `${s.id} (${s.kind}${s.implicit ? ", implicit" : ""}${label}): ${s.text}`;
}

function showStatements(result) {
  $("statements").replaceChildren(
    ...result.statements.map((s) =>
      el("li", {}, el("button", { type: "button", "data-id": s.id, onclick: () => select(s.id, true) }, statementLabel(s))),
    ),
  );
}

function select(id, moveToEditor) {
  state.selected = id;
  for (const node of document.querySelectorAll("#diagram g.node.selected")) node.classList.remove("selected");
  const box = document.getElementById(`node-${id}`);
  if (box) box.classList.add("selected");
  showDetails(id, moveToEditor);
}

function showDetails(id, moveToEditor) {
  const s = state.statements.get(id);
  const panel = $("details");
  if (!s) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  panel.replaceChildren(
    el("h3", {}, `${s.id}: ${s.text}`),
    el("p", {}, `A ${s.implicit ? "implicit " : ""}${s.kind}, declared on line ${s.line}.`),
    s.label
      ? el("p", {}, "Evaluation: ", el("strong", { className: `label-${s.label}` }, LABELS[s.label]), el("span", { className: "why" }, ` (${s.why})`))
      : el("p", { className: "why" }, "No evaluation while the map has an error."),
    el("button", { type: "button", onclick: () => jump(s.range) }, `Go to line ${s.line}`),
  );
  if (moveToEditor) jump(s.range);
}

// -- the files a map names (articles, includes) ----------------------------------------------

function showFiles(result) {
  const names = result.files.map((f) => f.file);
  const key = JSON.stringify(names);
  if (key !== state.named) {
    state.named = key;
    $("files").replaceChildren(
      ...result.files.map((f, i) => {
        const area = el("textarea", { id: `file-${i}`, "data-file": f.file, spellcheck: "false", "aria-describedby": `file-${i}-state` });
        area.value = state.files[f.file] || "";
        area.addEventListener("input", () => {
          if (area.value) state.files[f.file] = area.value;
          else delete state.files[f.file];
          refresh();
        });
        const picker = el("input", { type: "file", accept: ".txt,.arg,text/plain", hidden: true });
        picker.addEventListener("change", async () => {
          if (!picker.files.length) return;
          area.value = await picker.files[0].text();
          area.dispatchEvent(new Event("input"));
          picker.value = "";
        });
        return el(
          "div",
          { className: "file" },
          el("label", { for: `file-${i}` }, f.kind === "article" ? `${f.file}, the article of “${f.title}”` : `${f.file}, an included map`),
          " ",
          el("span", { id: `file-${i}-state`, className: "file-state" }),
          el("br"),
          area,
          el("button", { type: "button", onclick: () => picker.click(), "aria-label": `Open ${f.file} from your computer` }, "Open…"),
          picker,
        );
      }),
    );
    if (!result.files.length) $("files").append(el("p", { className: "hint" }, "This map names no article file."));
  }
  for (const [i, f] of result.files.entries()) {
    const note = document.getElementById(`file-${i}-state`);
    if (note) {
      note.textContent = f.given ? "(given)" : "(not given yet)";
      note.className = `file-state ${f.given ? "" : "missing"}`;
    }
  }
}

async function openArticles(list) {
  const wanted = state.result ? state.result.files.map((f) => f.file) : [];
  const unmatched = [];
  for (const file of list) {
    const match = wanted.find((w) => w === file.name) || wanted.find((w) => w.split("/").pop() === file.name);
    if (match) state.files[match] = await file.text();
    else unmatched.push(file.name);
  }
  state.named = ""; // rebuild the panel with the new texts
  if (unmatched.length) {
    const names = wanted.length ? wanted.join(", ") : "none";
    message(`${unmatched.join(", ")} matches no file the map names (it names: ${names}).`);
  }
  refresh();
}

// -- layout: Graphviz in a worker ------------------------------------------------------------

// lastDot: the DOT the diagram shows; slowDot: one that took too long (not tried again).
const layoutJob = { worker: null, busy: null, next: null, timer: 0, id: 0, lastDot: null, slowDot: null };

function startLayoutWorker() {
  layoutJob.worker = new Worker("layout-worker.js");
  layoutJob.worker.onmessage = (event) => {
    const reply = event.data;
    const job = layoutJob.busy;
    if (!job || reply.id !== job.id) return;
    clearTimeout(layoutJob.timer);
    layoutJob.busy = null;
    if (reply.svg) {
      record(job.version, "layout", reply.ms);
      showSvg(reply.svg, job);
    } else {
      console.log(`argmap playground: layout failed: ${reply.error}`);
      status(`Graphviz could not draw this map: ${reply.error}`, true);
    }
    nextLayout();
  };
}

function layout(dot, v) {
  if (dot === layoutJob.lastDot && !layoutJob.busy) {
    finishDrawn(v);
    return;
  }
  if (dot === layoutJob.slowDot) {
    layoutJob.next = null;
    slowLayout();
    return;
  }
  layoutJob.next = { dot, version: v };
  if (!layoutJob.busy) nextLayout();
}

function nextLayout() {
  const job = layoutJob.next;
  if (!job) return;
  layoutJob.next = null;
  job.id = ++layoutJob.id;
  layoutJob.busy = job;
  layoutJob.timer = setTimeout(() => {
    // Too long: stop Graphviz (the only way is to end its worker), keep the diagram shown.
    layoutJob.worker.terminate();
    layoutJob.busy = null;
    layoutJob.slowDot = job.dot;
    startLayoutWorker();
    slowLayout();
    console.log("argmap playground: layout timed out");
    nextLayout();
  }, layoutTimeoutMs);
  layoutJob.worker.postMessage({ id: job.id, dot: job.dot });
}

function slowLayout() {
  const limit = layoutTimeoutMs < 1000 ? `${layoutTimeoutMs} ms` : `${(layoutTimeoutMs / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} s`;
  const kept = state.svg ? "the diagram shows the previous version" : "there is no diagram yet";
  status(`This map took longer than ${limit} to lay out: ${kept}.`, true);
  $("diagram").classList.toggle("stale", !!state.svg);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** A pause that lets the browser handle input (a key pressed meanwhile is not kept waiting). */
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
let showing = 0;

/** Parse Graphviz's SVG apart from the page, drop anything active, and show it; in steps with
 * pauses between them, as a large diagram takes a while to parse and typing must not wait. */
async function showSvg(source, job) {
  showing = job.id;
  const parsed = new DOMParser().parseFromString(source, "image/svg+xml");
  await pause();
  if (showing !== job.id) return; // a newer diagram came meanwhile
  const root = parsed.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) {
    status("Graphviz's drawing could not be read.", true);
    return;
  }
  for (const bad of root.querySelectorAll("script, foreignObject, iframe, object, embed")) bad.remove();
  for (const node of root.getElementsByTagName("*")) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || ((name === "href" || name === "xlink:href") && !attribute.value.startsWith("#"))) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  const svg = document.importNode(root, true);
  await pause();
  if (showing !== job.id) return;
  svg.setAttribute("aria-hidden", "false");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", state.result && state.result.title ? `Diagram: ${state.result.title}` : "Diagram of the map");
  for (const node of svg.querySelectorAll("g.node")) {
    const id = node.id.startsWith("node-") ? node.id.slice(5) : null;
    const s = id && state.statements.get(id);
    if (!s) continue;
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", statementLabel(s));
  }
  $("diagram").replaceChildren(svg);
  $("diagram").classList.remove("stale");
  $("diagram").dataset.version = String(job.version);
  state.svg = svg;
  layoutJob.lastDot = job.dot;
  if (state.selected && document.getElementById(`node-${state.selected}`)) {
    document.getElementById(`node-${state.selected}`).classList.add("selected");
  }
  finishDrawn(job.version);
}

function finishDrawn(v) {
  const started = typedAt.get(v);
  if (started !== undefined) record(v, "drawn", performance.now() - started);
  const { errors, warnings } = state.result ? state.result.counts : { errors: 0, warnings: 0 };
  const said = errors + warnings ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}` : "no problems found";
  status(`Diagram up to date (${said}). Click a box, or press Enter on it, to see why it stands or not and go to it.`);
  $("diagram").classList.remove("stale");
  $("diagram").dataset.drawn = String(v);
  if (firstDrawn === null) firstDrawn = performance.now();
}

let firstDrawn = null; // ms from the page's start to its first diagram

function diagramClick(event) {
  const node = event.target.closest && event.target.closest("g.node");
  if (!node || !node.id.startsWith("node-")) return;
  select(node.id.slice(5), true);
}

// -- files in and out ------------------------------------------------------------------------

function stem() {
  return state.name.replace(/\.arg$/i, "") || "map";
}

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function svgText() {
  if (!state.svg) return null;
  const copy = state.svg.cloneNode(true);
  for (const node of copy.querySelectorAll("[tabindex]")) {
    node.removeAttribute("tabindex");
    node.removeAttribute("role");
  }
  copy.classList.remove("selected");
  for (const node of copy.querySelectorAll(".selected")) node.classList.remove("selected");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

function downloadSvg() {
  const source = svgText();
  if (!source) return message("There is no diagram to download yet.");
  download(new Blob([source], { type: "image/svg+xml" }), `${stem()}.svg`);
}

async function downloadPng() {
  const source = svgText();
  if (!source) return message("There is no diagram to download yet.");
  const url = URL.createObjectURL(new Blob([source], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = el("canvas", { width: Math.ceil(image.naturalWidth * scale), height: Math.ceil(image.naturalHeight * scale) });
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const png = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    download(png, `${stem()}.png`);
  } catch (error) {
    console.log("argmap playground: PNG failed", error);
    message(`The PNG could not be made: ${error.message || error}`, { error: true });
  } finally {
    URL.revokeObjectURL(url);
  }
}

function saveMap() {
  download(new Blob([text()], { type: "text/plain" }), state.name);
}

async function openMap(file) {
  loadMap({ name: file.name, text: await file.text(), files: state.files });
}

function loadMap({ name, text: value, files }) {
  state.name = /\.arg$/i.test(name || "") ? name : "map.arg";
  state.files = { ...(files || {}) };
  state.named = "";
  state.selected = null;
  $("details").hidden = true;
  $("map-name").textContent = `(${state.name})`;
  if (view) replaceText(value);
  else makeEditor(value);
  refresh();
}

// -- keeping and sharing ---------------------------------------------------------------------

let saveTimer = 0;
let storageWarned = false;

function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const kept = { name: state.name, text: text(), files: state.files, theme: state.theme, overlay: state.overlay };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
    } catch (error) {
      if (!storageWarned) message("This browser would not keep the map between visits (storage is full or off): save it as a file.");
      storageWarned = true;
    }
  }, 250);
}

function stored() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    return kept && typeof kept.text === "string" ? kept : null;
  } catch (error) {
    return null;
  }
}

async function share() {
  const files = {};
  const wanted = state.result ? state.result.files.map((f) => f.file) : Object.keys(state.files);
  for (const name of wanted) if (state.files[name] !== undefined) files[name] = state.files[name];
  const fragment = await encodeShare({ name: state.name, text: text(), files });
  const link = `${location.origin}${location.pathname}#map=${fragment}`;
  if (link.length > SHARE_LIMIT) {
    $("share-box").hidden = true;
    message(
      `This map is too long for a link (${link.length.toLocaleString("en")} characters; links stop at ${SHARE_LIMIT.toLocaleString("en")}). Save it as a file and share the file instead.`,
      { action: { label: "Save .arg", run: saveMap } },
    );
    return;
  }
  $("share-box").hidden = false;
  $("share-link").value = link;
  $("share-link").select();
  try {
    await navigator.clipboard.writeText(link);
    message("Link copied: whoever opens it sees this map (and its article text). Nothing is stored on any server.");
  } catch (error) {
    message("Here is the link: copy it from the box below (this browser would not let the page copy it).");
  }
}

async function fromLink() {
  const match = /^#map=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return null;
  try {
    const shared = await decodeShare(match[1]);
    window.history.replaceState(null, "", location.pathname + location.search); // the link's map is now the page's
    return shared;
  } catch (error) {
    console.log("argmap playground: bad link", error);
    message("This link's map could not be read (the link may be cut short): showing your last map instead.", { error: true });
    return null;
  }
}

// -- start -----------------------------------------------------------------------------------

async function loadExamples() {
  try {
    const response = await fetch("examples.json");
    state.examples = await response.json();
  } catch (error) {
    console.log("argmap playground: no examples", error);
    state.examples = [];
  }
  $("examples").append(...state.examples.map((e, i) => el("option", { value: String(i) }, `${e.title} (${e.name})`)));
}

function wire() {
  $("theme").append(...THEMES.map((t) => el("option", { value: t }, t)));
  $("theme").value = state.theme;
  $("overlay").checked = state.overlay;
  $("theme").addEventListener("change", () => {
    state.theme = $("theme").value;
    refresh();
  });
  $("overlay").addEventListener("change", () => {
    state.overlay = $("overlay").checked;
    refresh();
  });
  $("examples").addEventListener("change", () => {
    const chosen = state.examples[Number($("examples").value)];
    if (chosen && $("examples").value !== "") loadMap(chosen);
  });
  $("open-map").addEventListener("click", () => $("open-map-file").click());
  $("open-map-file").addEventListener("change", () => {
    const input = $("open-map-file");
    if (input.files.length) openMap(input.files[0]);
    input.value = "";
  });
  $("open-files").addEventListener("click", () => $("open-files-input").click());
  $("open-files-input").addEventListener("change", () => {
    const input = $("open-files-input");
    if (input.files.length) openArticles([...input.files]);
    input.value = "";
  });
  $("save-map").addEventListener("click", saveMap);
  $("share").addEventListener("click", share);
  $("download-svg").addEventListener("click", downloadSvg);
  $("download-png").addEventListener("click", downloadPng);
  const diagram = $("diagram");
  diagram.addEventListener("click", diagramClick);
  diagram.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      diagramClick(event);
    }
  });
}

async function main() {
  window.argmapPlayground = {
    timings,
    version: () => version,
    analysed: () => analysed,
    text: () => text(),
    selection: () => {
      const { from, to } = view.state.selection.main;
      return { from, to, line: view.state.doc.lineAt(from).number, text: view.state.sliceDoc(from, to) };
    },
    startMs: () => analysisStartMs,
    firstDrawn: () => firstDrawn,
    load: (map) => loadMap(map),
    cursor: (offset) => {
      view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
      view.focus();
    },
    setLayoutTimeout: (ms) => {
      layoutTimeoutMs = ms;
    },
  };
  const kept = stored();
  if (kept) {
    state.theme = THEMES.includes(kept.theme) ? kept.theme : "default";
    state.overlay = !!kept.overlay;
  }
  wire();
  startAnalysis();
  startLayoutWorker();
  await loadExamples();
  const shared = await fromLink();
  const first = state.examples.find((e) => e.name === "telegraph.arg") || { name: "map.arg", text: "", files: {} };
  loadMap(shared || kept || first);
  if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register("sw.js").catch((error) => console.log("argmap playground: no offline copy", error));
  }
}

main().catch((error) => {
  console.log("argmap playground: start failed", error);
  message(`The playground could not start: ${error.message || error}`, { error: true });
});
