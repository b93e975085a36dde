// argmap step-by-step page: one drawing, shown a frame at a time. No map text is handled here:
// the data holds only the drawing's element ids that each frame reveals.
(function () {
  "use strict";
  var frames = Array.prototype.slice.call(document.querySelectorAll("section.frame"));
  var counter = document.getElementById("counter");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var svg = document.querySelector("#drawing svg");
  var reveals = JSON.parse(document.getElementById("steps-data").textContent).reveals;
  var full = svg && svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal : null;
  var whole = full ? { x: full.x, y: full.y, w: full.width, h: full.height } : null;
  var current = 0;

  // Each frame's elements, looked up once (ids are the drawing's own: node-…, rel-…).
  var groups = reveals.map(function (ids) {
    return ids.map(function (id) { return svg ? svg.getElementById(id) : null; })
      .filter(function (element) { return element !== null; });
  });

  // The part of the drawing shown so far, with a margin, never less than a third of the whole
  // drawing's size (one box must not be blown up), and the drawing's own frame when nothing
  // is hidden. Boxes keep their place in the drawing; only the view widens as more is shown.
  function fit(index) {
    if (!svg || !whole) return;
    var box = null;
    for (var i = 0; i <= index && i < groups.length; i++) {
      groups[i].forEach(function (element) {
        var b;
        try { b = element.getBBox(); } catch (e) { return; }
        if (!b || (b.width === 0 && b.height === 0)) return;
        box = box ? {
          x1: Math.min(box.x1, b.x), y1: Math.min(box.y1, b.y),
          x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height)
        } : { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
      });
    }
    var view = whole;
    if (box && index < frames.length - 1) {
      // Boxes are in the graph group's coordinates; the view is in the drawing's.
      var graph = svg.querySelector("g.graph");
      var t = graph && graph.transform && graph.transform.baseVal.consolidate();
      if (t) {
        var a = t.matrix;
        var xs = [box.x1, box.x2].map(function (x) { return a.a * x + a.e; });
        var ys = [box.y1, box.y2].map(function (y) { return a.d * y + a.f; });
        box = { x1: Math.min(xs[0], xs[1]), x2: Math.max(xs[0], xs[1]), y1: Math.min(ys[0], ys[1]), y2: Math.max(ys[0], ys[1]) };
      }
      var w = Math.max(box.x2 - box.x1 + 40, whole.w / 3);
      var h = Math.max(box.y2 - box.y1 + 40, whole.h / 3);
      var cx = (box.x1 + box.x2) / 2, cy = (box.y1 + box.y2) / 2;
      view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
    }
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }

  function go(index) {
    if (!frames.length) return;
    index = Math.max(0, Math.min(frames.length - 1, index));
    frames.forEach(function (frame, i) { frame.hidden = i !== index; });
    groups.forEach(function (elements, i) {
      elements.forEach(function (element) {
        if (i <= index) element.removeAttribute("visibility");
        else element.setAttribute("visibility", "hidden");
      });
    });
    fit(index);
    current = index;
    counter.textContent = "Step " + (index + 1) + " of " + frames.length;
    prev.disabled = index === 0;
    next.disabled = index === frames.length - 1;
    document.body.setAttribute("data-step", String(index + 1));
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "#" + (index + 1)); } catch (e) { /* file:// may refuse */ }
    }
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var key = ev.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === " ") go(current + 1);
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || key === "Backspace") go(current - 1);
    else if (key === "Home") go(0);
    else if (key === "End") go(frames.length - 1);
    else return;
    ev.preventDefault();
  });
  prev.addEventListener("click", function () { go(current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  document.getElementById("frames").addEventListener("click", function () { go(current + 1); });

  var start = parseInt((window.location.hash || "#1").slice(1), 10);
  go(isNaN(start) ? 0 : start - 1);
})();
