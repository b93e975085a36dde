// argmap reading view: links the article text and the diagram both ways. Runs after page.js,
// which owns the diagram and the details panel; selecting a statement here clicks its node
// there. Reads only the page's own elements; sets text with textContent only.
(function () {
  "use strict";
  var svg = document.querySelector("#viewport svg");
  var status = document.getElementById("reading-status");
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var fromText = false;
  var cycle = {};

  function group(id) {
    return svg ? svg.getElementById("node-" + id) : null;
  }

  function article(el) {
    return el ? el.closest(".article") : null;
  }

  function openArticle(panel) {
    if (!panel || !panel.hidden) return;
    tabs.forEach(function (tab) {
      var mine = tab.getAttribute("aria-controls") === panel.id;
      tab.setAttribute("aria-selected", mine ? "true" : "false");
      tab.tabIndex = mine ? 0 : -1;
      var p = document.getElementById(tab.getAttribute("aria-controls"));
      if (p) p.hidden = !mine;
    });
  }

  function flash(elements) {
    elements.forEach(function (e) {
      e.classList.remove("flash");
      void e.offsetWidth; // restart the animation
      e.classList.add("flash");
    });
    setTimeout(function () {
      elements.forEach(function (e) { e.classList.remove("flash"); });
    }, 1600);
  }

  function passages(id) {
    return Array.prototype.slice.call(document.querySelectorAll("mark.q")).filter(function (m) {
      return (m.getAttribute("data-ids") || "").split(" ").indexOf(id) !== -1;
    });
  }

  // A statement chosen in the diagram: scroll to its passages and flash them.
  function showPassages(id) {
    document.querySelectorAll("mark.q.current").forEach(function (m) { m.classList.remove("current"); });
    var found = passages(id);
    found.forEach(function (m) { m.classList.add("current"); });
    if (!found.length) {
      status.textContent = id + ": no passage of an article shown here is quoted by this statement.";
      return;
    }
    status.textContent = id + ": " + found.length + (found.length === 1 ? " highlighted stretch" : " highlighted stretches");
    if (fromText) return;
    openArticle(article(found[0]));
    found[0].scrollIntoView({ block: "center" });
    flash(found);
  }

  // A statement chosen in the text: select it in the diagram (page.js shows its details).
  function select(id) {
    var g = group(id);
    if (!g) return;
    fromText = true;
    try {
      g.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    } finally {
      fromText = false;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("svg g.node"), function (g) {
    var id = (g.id || "").indexOf("node-") === 0 ? g.id.slice(5) : null;
    if (!id) return;
    g.addEventListener("click", function () { showPassages(id); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") showPassages(id);
    });
  });

  // A highlight names every statement quoting it; each click selects the next one.
  document.querySelectorAll("mark.q").forEach(function (m) {
    m.addEventListener("click", function () {
      var ids = (m.getAttribute("data-ids") || "").split(" ").filter(Boolean);
      if (!ids.length) return;
      var key = ids.join(" ");
      var i = cycle[key] === undefined ? 0 : (cycle[key] + 1) % ids.length;
      cycle[key] = i;
      select(ids[i]);
    });
  });
  document.querySelectorAll("button.tag[data-id]").forEach(function (b) {
    b.addEventListener("click", function () { select(b.getAttribute("data-id")); });
  });

  // "Show" buttons: jump to sentences (not yet mapped, or suggested for a quote).
  document.querySelectorAll("button.jump").forEach(function (b) {
    b.addEventListener("click", function () {
      var targets = (b.getAttribute("data-target") || "").split(" ").map(function (t) {
        return document.getElementById(t);
      }).filter(Boolean);
      if (!targets.length) return;
      openArticle(article(targets[0]));
      targets[0].scrollIntoView({ block: "center" });
      flash(targets);
    });
  });

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () {
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) openArticle(panel);
    });
    tab.addEventListener("keydown", function (ev) {
      var step = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      var next = tabs[(i + step + tabs.length) % tabs.length];
      next.click();
      next.focus();
    });
  });
})();
