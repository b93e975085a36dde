// argmap step-by-step page: shows one frame at a time. No map text is handled here.
(function () {
  "use strict";
  var frames = Array.prototype.slice.call(document.querySelectorAll("section.frame"));
  var counter = document.getElementById("counter");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var current = 0;

  function go(index) {
    if (!frames.length) return;
    index = Math.max(0, Math.min(frames.length - 1, index));
    frames.forEach(function (frame, i) { frame.hidden = i !== index; });
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
