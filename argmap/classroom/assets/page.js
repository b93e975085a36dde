// argmap interactive page. Map text arrives as JSON and is only ever set with textContent:
// no innerHTML, no eval, and links only for http(s) URLs.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  // Ids are the map's words: `constructor`, `toString` or `__proto__` are valid ids, and a plain
  // object would answer for them from Object.prototype. Every table keyed by id has no prototype.
  function table() { return Object.create(null); }
  var nodes = Object.assign(table(), data.nodes);
  function node(id) {
    return Object.prototype.hasOwnProperty.call(nodes, id) ? nodes[id] : undefined;
  }
  var svg = document.querySelector("#viewport svg");
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var search = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var selected = null;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function safeUrl(value) {
    try {
      var u = new URL(value);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function group(id) {
    return svg ? svg.getElementById("node-" + id) : null;
  }

  function nodeButton(id) {
    var b = el("button", "link", id);
    b.type = "button";
    var n = node(id);
    b.setAttribute("aria-label", "Show " + (n ? n.kind + " " + id + ": " + n.text : id));
    b.addEventListener("click", function () { show(id, true); });
    return b;
  }

  function section(title) {
    body.appendChild(el("h3", null, title));
  }

  function show(id, focusNode) {
    var n = node(id);
    if (!n) return;
    if (selected) {
      var old = group(selected);
      if (old) old.classList.remove("selected");
    }
    selected = id;
    var g = group(id);
    if (g) {
      g.classList.add("selected");
      if (focusNode) g.focus();
    }
    body.textContent = "";
    var head = el("p");
    head.appendChild(el("span", "kind", n.kind_label));
    head.appendChild(el("span", "node-id", n.id));
    body.appendChild(head);
    body.appendChild(el("h2", "node-text", n.text));
    body.lastChild.id = "panel-title";
    if (n.implicit) body.appendChild(el("p", "implicit", "An unstated (implicit) premise: the article assumes it."));
    if (n.speaker) {
      var sp = el("p", "speaker");
      sp.appendChild(el("span", null, "Said by "));
      sp.appendChild(el("strong", "speaker-name", n.speaker.name));
      if (n.speaker.role) sp.appendChild(el("span", "role", ", " + n.speaker.role));
      body.appendChild(sp);
    }
    if (n.status) {
      section("Evaluation");
      var st = el("div", "status " + n.status);
      st.appendChild(el("strong", null, n.status_label));
      if (n.why) st.appendChild(el("span", "why", n.why));
      body.appendChild(st);
    }
    if (n.quotes.length) {
      section(n.quotes.length === 1 ? "Quote" : "Quotes");
      n.quotes.forEach(function (q) {
        body.appendChild(el("blockquote", "quote", "\u201c" + q.text + "\u201d"));
        var cite = el("p", "cite");
        var s = q.source;
        var parts = [];
        if (s) {
          if (s.outlet) parts.push(s.outlet);
          if (s.author) parts.push(s.author);
          if (s.date) parts.push(s.date);
          var url = s.url ? safeUrl(s.url) : null;
          if (url) {
            var a = el("a", null, s.title);
            a.href = url;
            a.rel = "noopener noreferrer";
            a.target = "_blank";
            cite.appendChild(a);
          } else {
            cite.appendChild(el("cite", null, s.title));
          }
          if (parts.length) cite.appendChild(el("span", null, " \u2014 " + parts.join(", ")));
          if (s.url && !url) cite.appendChild(el("span", "bad-url", " (link not shown: " + s.url + ")"));
        } else {
          cite.appendChild(el("span", null, "source " + q.source_id));
        }
        body.appendChild(cite);
      });
    }
    if (n.note) {
      section("Note");
      body.appendChild(el("p", "note", n.note));
    }
    if (n.tags.length) {
      section("Tags");
      body.appendChild(el("p", "tags", n.tags.join(", ")));
    }
    if (n.relations.length) {
      section("Connections");
      var ul = el("ul", "rels");
      n.relations.forEach(function (r) {
        var li = el("li", "rel");
        li.appendChild(el("span", null, r.phrase + " "));
        r.others.forEach(function (other, i) {
          if (i) li.appendChild(el("span", null, " + "));
          if (node(other)) li.appendChild(nodeButton(other));
          else li.appendChild(el("code", null, other));
        });
        if (r.more) li.appendChild(el("span", null, " and " + r.more + " more"));
        if (r.outweighed) li.appendChild(el("span", null, " (outweighed)"));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    section("Checker findings");
    if (n.findings.length) {
      var fl = el("ul", "findings");
      n.findings.forEach(function (f) {
        var li = el("li", "finding");
        li.appendChild(el("span", "sev " + f.severity, f.severity));
        li.appendChild(el("code", null, f.code + " " + f.name));
        li.appendChild(el("span", null, ": " + f.message));
        if (f.where) li.appendChild(el("span", "where", " (" + f.where + ")"));
        fl.appendChild(li);
      });
      body.appendChild(fl);
    } else {
      body.appendChild(el("p", "none", "None: the checker found nothing about this statement."));
    }
    panel.setAttribute("aria-labelledby", "panel-title");
  }

  // Nodes: click, focus, Enter and Space all open the panel.
  Object.keys(nodes).forEach(function (id) {
    var g = group(id);
    if (!g) return;
    g.addEventListener("click", function (ev) {
      if (dragMoved) return;
      ev.preventDefault();
      show(id, true);
    });
    g.addEventListener("focus", function () { show(id, false); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        show(id, false);
      }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement === search && search.value) {
      search.value = "";
      runSearch();
    }
  });

  // Search: matches the text, id, speaker, quotes and sources of each node.
  function haystack(n) {
    var parts = [n.id, n.text, n.note || "", n.tags.join(" ")];
    if (n.speaker) parts.push(n.speaker.name, n.speaker.role || "");
    n.quotes.forEach(function (q) { parts.push(q.text); if (q.source) parts.push(q.source.title, q.source.outlet || ""); });
    return parts.join(" \n ").toLowerCase();
  }
  var hay = new Map();
  Object.keys(nodes).forEach(function (id) { hay.set(id, haystack(nodes[id])); });
  var matches = [];
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    matches = [];
    Object.keys(nodes).forEach(function (id) {
      var g = group(id);
      var hit = q !== "" && hay.get(id).indexOf(q) !== -1;
      if (hit) matches.push(id);
      if (g) g.classList.toggle("match", hit);
    });
    if (svg) svg.classList.toggle("searching", q !== "");
    if (q === "") searchStatus.textContent = "";
    else if (matches.length === 0) searchStatus.textContent = "No statement matches";
    else searchStatus.textContent = matches.length + (matches.length === 1 ? " statement matches" : " statements match");
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) {
      ev.preventDefault();
      show(matches[0], true);
    }
  });

  // Zoom and pan by changing the SVG's viewBox: crisp at every scale, no layout change.
  var dragMoved = false;
  var camera = null;
  var READABLE = 26;  // px of box text the presenting camera aims for: legible from the back of a room
  if (svg) {
    var vb = svg.viewBox.baseVal;
    var home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };
    var apply = function () { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); };
    var zoom = function (factor, cx, cy) {
      var w = view.w / factor, h = view.h / factor;
      if (w < home.w / 20 || w > home.w * 10) return;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) / factor;
      view.y = cy - (cy - view.y) / factor;
      view.w = w;
      view.h = h;
      apply();
    };
    var fit = function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); };
    // Show a rectangle (SVG units) as large as the screen allows, its aspect kept.
    // maxScale: screen px per SVG unit at most (a lone box is not blown up beyond reading size).
    var fitRect = function (r, pad, maxScale) {
      var box = svg.getBoundingClientRect();
      var aspect = box.width && box.height ? box.width / box.height : home.w / home.h;
      var w = r.w + 2 * pad, h = r.h + 2 * pad;
      if (w / h < aspect) w = h * aspect; else h = w / aspect;
      if (maxScale && box.width && box.width / w > 1.5 * maxScale) { w = box.width / (1.5 * maxScale); h = w / aspect; }
      view = { x: r.x + r.w / 2 - w / 2, y: r.y + r.h / 2 - h / 2, w: w, h: h };
      apply();
    };
    // The SVG-unit rectangle around some elements, whatever transforms Graphviz put between.
    var around = function (elements) {
      var inverse = svg.getScreenCTM();
      if (!inverse || !elements.length) return null;
      inverse = inverse.inverse();
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      elements.forEach(function (e) {
        var r = e.getBoundingClientRect();
        [[r.left, r.top], [r.right, r.bottom]].forEach(function (c) {
          var p = svg.createSVGPoint();
          p.x = c[0];
          p.y = c[1];
          p = p.matrixTransform(inverse);
          x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
        });
      });
      return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    };
    // Would r (padded) show text of textSize SVG units at READABLE px or more?
    var readable = function (r, pad, textSize) {
      var box = svg.getBoundingClientRect();
      var scale = Math.min(box.width / (r.w + 2 * pad), box.height / (r.h + 2 * pad));
      return scale * textSize >= READABLE;
    };
    camera = { fit: fit, fitRect: fitRect, around: around, zoom: zoom, readable: readable };
    var toSvg = function (clientX, clientY) {
      var p = svg.createSVGPoint();
      p.x = clientX;
      p.y = clientY;
      var m = svg.getScreenCTM();
      return m ? p.matrixTransform(m.inverse()) : p;
    };
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
    document.getElementById("zoom-fit").addEventListener("click", fit);
    var viewport = document.getElementById("viewport");
    viewport.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = toSvg(ev.clientX, ev.clientY);
      zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });
    var start = null;
    viewport.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) return;
      start = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, id: ev.pointerId };
      dragMoved = false;
    });
    viewport.addEventListener("pointermove", function (ev) {
      if (!start) return;
      var dx = ev.clientX - start.x, dy = ev.clientY - start.y;
      if (!dragMoved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!dragMoved) { viewport.setPointerCapture(start.id); viewport.classList.add("dragging"); }
      dragMoved = true;
      var m = svg.getScreenCTM();
      var scale = m ? m.a : 1;
      view.x = start.vx - dx / scale;
      view.y = start.vy - dy / scale;
      apply();
    });
    var stop = function () {
      start = null;
      viewport.classList.remove("dragging");
      // A click event follows pointerup; let it see dragMoved, then reset.
      setTimeout(function () { dragMoved = false; }, 0);
    };
    viewport.addEventListener("pointerup", stop);
    viewport.addEventListener("pointercancel", stop);
    document.getElementById("diagram").addEventListener("keydown", function (ev) {
      if (ev.target !== ev.currentTarget && !(ev.target instanceof SVGElement)) return;
      var step = view.w / 10;
      if (ev.key === "+" || ev.key === "=") zoom(1.25);
      else if (ev.key === "-") zoom(0.8);
      else if (ev.key === "0") fit();
      else if (ev.target === ev.currentTarget && ev.key === "ArrowLeft") { view.x -= step; apply(); }
      else if (ev.target === ev.currentTarget && ev.key === "ArrowRight") { view.x += step; apply(); }
      else if (ev.target === ev.currentTarget && ev.key === "ArrowUp") { view.y -= step; apply(); }
      else if (ev.target === ev.currentTarget && ev.key === "ArrowDown") { view.y += step; apply(); }
      else return;
      ev.preventDefault();
    });
  }

  // -- What is shown: collapse what hangs under a statement, or only its neighbourhood. -------
  // Hidden boxes keep their place (visibility only), so nothing moves when they come back.
  var order = data.order || [];
  var relations = data.relations || [];
  var hiddenBy = { collapse: table(), view: null, steps: null, viewRoot: null };
  function relationGroups(rel) {
    if (!svg) return [];
    return Array.prototype.filter.call(svg.querySelectorAll("g.edge, g.node"), function (g) {
      return g.id === rel.id || g.id.indexOf(rel.id + "--") === 0;
    });
  }
  var relationElements = relations.map(relationGroups);
  function isHidden(id) {
    if (hiddenBy.view && !hiddenBy.view[id]) return true;
    if (hiddenBy.steps && !hiddenBy.steps[id]) return true;
    return Object.keys(hiddenBy.collapse).some(function (root) { return hiddenBy.collapse[root][id]; });
  }
  function refresh() {
    Object.keys(nodes).forEach(function (id) {
      var g = group(id);
      if (g) g.classList.toggle("view-hidden", isHidden(id));
      if (g) g.classList.toggle("collapsed", !!hiddenBy.collapse[id]);
    });
    relations.forEach(function (rel, i) {
      var hide = rel.needs.some(function (id) { return nodes[id] && isHidden(id); });
      relationElements[i].forEach(function (g) { g.classList.toggle("view-hidden", hide); });
    });
  }
  function below(id) {
    var seen = table(), stack = (nodes[id].under || []).slice();
    while (stack.length) {
      var x = stack.pop();
      if (seen[x] || x === id || !nodes[x]) continue;
      seen[x] = true;
      stack = stack.concat(nodes[x].under || []);
    }
    return seen;
  }
  var viewTools = document.getElementById("view-tools");
  function toggleCollapse(id) {
    if (!id || !nodes[id]) return;
    if (hiddenBy.collapse[id]) delete hiddenBy.collapse[id];
    else hiddenBy.collapse[id] = below(id);
    refresh();
  }
  function toggleNeighbourhood(id) {
    if (!id || !nodes[id]) return;
    if (hiddenBy.view && hiddenBy.viewRoot === id) hiddenBy.view = null;
    else {
      hiddenBy.viewRoot = id;
      hiddenBy.view = table();
      hiddenBy.view[id] = true;
      // Every statement one relation away, either way, from the relations' own lists (a list
      // per node would repeat a group of n members n times).
      relations.forEach(function (rel) {
        if (rel.target !== id && rel.members.indexOf(id) === -1) return;
        rel.members.concat(rel.needs).forEach(function (x) { if (node(x)) hiddenBy.view[x] = true; });
      });
    }
    refresh();
  }
  function showAll() {
    hiddenBy.collapse = table();
    hiddenBy.view = null;
    refresh();
  }
  var originalShow = show;
  show = function (id, focusNode) {
    originalShow(id, focusNode);
    if (viewTools) viewTools.hidden = false;
  };
  if (viewTools) {
    document.getElementById("collapse").addEventListener("click", function () { toggleCollapse(selected); });
    document.getElementById("neighbourhood").addEventListener("click", function () { toggleNeighbourhood(selected); });
    document.getElementById("show-all").addEventListener("click", showAll);
  }

  // -- Presenting: full screen, the diagram alone, one statement more at each step. ----------
  var root = document.documentElement;
  var counter = document.getElementById("counter");
  // Steps 1..n add one statement each, the camera following; step n + 1 is the whole map.
  var step = order.length + 1;
  function presenting() { return root.classList.contains("presenting"); }
  function stepTo(k) {
    step = Math.max(1, Math.min(order.length + 1, k));
    if (step > order.length) hiddenBy.steps = null;
    else {
      hiddenBy.steps = table();
      order.slice(0, step).forEach(function (id) { hiddenBy.steps[id] = true; });
    }
    refresh();
    if (counter) {
      counter.textContent = step > order.length ? "All " + order.length + " statements" : "Step " + step + " of " + order.length;
    }
    if (!camera) return;
    if (step > order.length) { camera.fit(); return; }
    // The camera follows: the statement just shown and what it points at, as large as fits,
    // but never so small that its text is under READABLE px (then: the statement itself).
    var id = order[step - 1];
    var g = group(id);
    if (!g) return;
    var shown = [g];
    relations.forEach(function (rel) {
      if (rel.members.indexOf(id) === -1) return;
      rel.targets.forEach(function (x) { if (nodes[x] && !isHidden(x) && group(x)) shown.push(group(x)); });
    });
    var sizes = Array.prototype.map.call(g.querySelectorAll("text"), function (t) {
      return parseFloat(t.getAttribute("font-size") || "0");
    });
    var text = Math.max.apply(null, sizes.concat([1]));
    var both = camera.around(shown), alone = camera.around([g]);
    if (!both || !alone) return;
    camera.fitRect(camera.readable(both, 24, text) ? both : alone, 24, READABLE / text);
  }
  function present(on) {
    root.classList.toggle("presenting", on);
    var key = document.getElementById("key");
    if (key) key.open = !on;  // folded while presenting: K brings it back
    if (on) {
      if (root.requestFullscreen) root.requestFullscreen().catch(function () { /* not allowed: the page still fills the window */ });
      var diagram = document.getElementById("diagram");
      if (diagram) diagram.focus();
      stepTo(order.length + 1);
    } else {
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
      hiddenBy.steps = null;
      refresh();
      if (counter) counter.textContent = "";
      if (camera) camera.fit();
    }
  }
  // Pages that share this script without a Present button (the reading view) do not present.
  var presentButton = document.getElementById("present");
  if (presentButton) presentButton.addEventListener("click", function () { present(!presenting()); });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && presenting()) present(false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target === search || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (!presenting()) {
      if ((ev.key === "p" || ev.key === "P") && presentButton) { ev.preventDefault(); present(true); }
      else if ((ev.key === "c" || ev.key === "C") && selected) toggleCollapse(selected);
      else if ((ev.key === "n" || ev.key === "N") && selected) toggleNeighbourhood(selected);
      return;
    }
    var handled = true;
    if (ev.key === "Escape" || ev.key === "p" || ev.key === "P") present(false);
    else if (ev.key === "ArrowRight" || ev.key === " " || ev.key === "PageDown") stepTo(step + 1);
    else if (ev.key === "ArrowLeft" || ev.key === "PageUp" || ev.key === "Backspace") stepTo(step - 1);
    else if (ev.key === "Home") stepTo(1);
    else if (ev.key === "End") stepTo(order.length + 1);
    else if ((ev.key === "+" || ev.key === "=") && camera) camera.zoom(1.25);
    else if (ev.key === "-" && camera) camera.zoom(0.8);
    else if ((ev.key === "0" || ev.key === "f" || ev.key === "F") && camera) camera.fit();
    else if (ev.key === "k" || ev.key === "K") {
      var key = document.getElementById("key");
      if (key) key.open = !key.open;
    } else handled = false;
    if (handled) { ev.preventDefault(); ev.stopPropagation(); }
  }, true);
  document.documentElement.classList.add("js");
})();
