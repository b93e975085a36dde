// The layout worker: Graphviz compiled to WebAssembly (@viz-js/viz) turns argmap's DOT into SVG.
// It runs apart from the page so that a long layout never blocks typing, and the page can end it
// (terminate the worker) when it takes too long.
import { instance } from "@viz-js/viz";

const viz = instance();

self.onmessage = async (event) => {
  const { id, dot } = event.data;
  const began = performance.now();
  try {
    const result = (await viz).render(dot, { format: "svg", engine: "dot" });
    if (result.status === "success") {
      self.postMessage({ id, svg: result.output, ms: performance.now() - began });
    } else {
      const errors = result.errors.filter((e) => e.level === "error").map((e) => e.message.trim());
      self.postMessage({ id, error: errors[0] || "Graphviz could not lay the map out" });
    }
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
