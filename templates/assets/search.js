/*
 * skillsite search box: results as you type, ranked by the routing index (assets/search-engine.js) the way
 * `route` ranks them. The header box shows a drop-down on every page; the search page lists results under
 * its own box and keeps the query in the address (search/?q=…). Data files load on first use with script
 * tags (works from file:// and under any sub-path). Every text from the content goes in with textContent.
 */
(function () {
  "use strict";
  var api = window.SkillsiteSearch;
  if (!api) { return; }
  var root = document.body.getAttribute("data-root") || "";
  var DEBOUNCE_MS = 120;
  var SHOWN = 10;
  var ready = null;
  var MATCH_LABELS = { phrase: "Trigger phrase", keyword: "Keyword", name: "Name", heading: "Heading" };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  api.loader = function (kind, id) {
    return loadScript(root + "search/" + kind + "/" + id.toString(36) + ".js");
  };

  /** The engine, loading search/manifest.js the first time. */
  function engine() {
    if (!ready) {
      ready = loadScript(root + "search/manifest.js").then(function () { return api.whenReady(); });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  /** Routes {@code query}: the result with, for the hits, display data and matched phrase. */
  function search(query) {
    return engine().then(function (e) {
      return e.route(query, SHOWN).then(function (r) { return e.withMatched(r); }).then(function (r) {
        r.hits.forEach(function (h) { h.skill = e.skill(h.doc); });
        return r;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function openPage(href, newTab) {
    if (newTab) {
      window.open(href, "_blank", "noopener");
    } else {
      window.location.href = href;
    }
  }

  function resultItem(box, hit, i, below) {
    var s = hit.skill;
    var li = el("li", "card result" + (below ? " result-below" : ""));
    li.id = box.input.id + "-r" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-skill-id", s.id);
    // An option holds no link (nothing focusable may sit inside one): the option itself opens the page, on a
    // click, Enter, or a middle or Ctrl/Cmd click for a new tab.
    var href = root + s.url;
    li.setAttribute("data-href", href);
    var h = el("h2", "card-title");
    h.appendChild(el("span", "result-link", s.name));
    if (i === 0 && !below) {
      h.appendChild(document.createTextNode(" "));
      h.appendChild(el("span", "badge badge-fires", "would fire"));
    }
    li.appendChild(h);
    if (hit.matched) {
      var p = el("p", "result-match", (MATCH_LABELS[hit.matched.field] || "Matched") + ": ");
      p.appendChild(el("mark", null, hit.matched.text));
      li.appendChild(p);
    }
    li.appendChild(el("p", "card-text", s.description));
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    li.addEventListener("click", function (ev) { openPage(href, ev.ctrlKey || ev.metaKey || ev.shiftKey); });
    li.addEventListener("auxclick", function (ev) { if (ev.button === 1) { openPage(href, true); } });
    return li;
  }

  function render(box, query, r) {
    var list = box.list;
    list.textContent = "";
    box.active = -1;
    box.input.removeAttribute("aria-activedescendant");
    list.setAttribute("data-query", query);
    list.setAttribute("data-abstained", r.abstained ? "true" : "false");
    if (r.hits.length === 0 || r.abstained) {
      box.status.textContent = "No skill matches" + (r.hits.length ? "; the closest, below the confidence threshold:" : ".");
      if (r.notFor && r.notFor.length) { // the reason, in the skill's own words (route prints the same)
        box.status.textContent = "No skill matches: " + r.hits[0].skill.name + " says \u201c" +
          r.notFor.join(" ") + "\u201d \u2014 the closest, below the confidence threshold:";
      }
    } else {
      var n = r.hits.length;
      box.status.textContent = (r.invoked ? "Called by name: " : r.ambiguous ? "Too close to call: " : "") + n +
        (n === 1 ? " skill" : " skills") + ", the first would fire.";
    }
    r.hits.forEach(function (h, i) { list.appendChild(resultItem(box, h, i, r.abstained)); });
    list.setAttribute("data-state", "done");
    box.open(true);
  }

  function setActive(box, i) {
    var items = box.list.querySelectorAll("li.result");
    if (items.length === 0) { return; }
    i = Math.max(-1, Math.min(items.length - 1, i));
    items.forEach(function (li, k) {
      li.classList.toggle("active", k === i);
      li.setAttribute("aria-selected", k === i ? "true" : "false");
    });
    box.active = i;
    if (i >= 0) {
      box.input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      box.input.removeAttribute("aria-activedescendant");
    }
  }

  function attach(input) {
    var id = input.id;
    var list = document.getElementById(id + "-results");
    var status = document.getElementById(id + "-status");
    if (!list || !status) { return null; }
    var pop = document.getElementById(id + "-pop");
    var isPage = input.getAttribute("data-search-box") === "page";
    var box = { input: input, list: list, status: status, active: -1, seq: 0, timer: 0 };
    box.open = function (show) {
      if (pop) { pop.hidden = !show; }
      input.setAttribute("aria-expanded", show && list.children.length ? "true" : "false");
    };

    function run() {
      var q = input.value.trim();
      if (isPage) {
        var url = new URL(window.location.href);
        if (q) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
        try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// in some browsers */ }
      }
      var seq = ++box.seq;
      if (!q) {
        list.textContent = "";
        status.textContent = isPage ? "Type what you want to do." : "";
        box.open(false);
        return;
      }
      list.setAttribute("data-state", "busy");
      search(q).then(function (r) {
        if (seq === box.seq) { render(box, q, r); }
      }, function (err) {
        if (seq === box.seq) { status.textContent = "Search is unavailable: " + err.message; }
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(box.timer);
      box.timer = window.setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener("focus", function () {
      engine();
      if (input.value.trim() && list.children.length) { box.open(true); }
    });
    input.addEventListener("blur", function () { if (pop) { box.open(false); } });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        setActive(box, box.active + 1);
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        setActive(box, box.active - 1);
      } else if (ev.key === "Enter" && box.active >= 0) {
        ev.preventDefault();
        openPage(list.querySelectorAll("li.result")[box.active].getAttribute("data-href"), ev.ctrlKey || ev.metaKey);
      } else if (ev.key === "Escape") {
        if (box.active >= 0) {
          setActive(box, -1);
        } else if (pop && !pop.hidden) {
          box.open(false);
        } else {
          input.value = "";
          run();
        }
      }
    });
    box.run = run;
    return box;
  }

  var boxes = [];
  document.querySelectorAll("input[data-search-box]").forEach(function (input) {
    var b = attach(input);
    if (b) { boxes.push(b); }
  });
  var pageBox = boxes.filter(function (b) { return b.input.getAttribute("data-search-box") === "page"; })[0];

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var target = pageBox || boxes[0];
    if (target) {
      ev.preventDefault();
      target.input.focus();
      target.input.select();
    }
  });

  if (pageBox) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    pageBox.input.value = q;
    pageBox.run();
  }

  /** For tests and benchmarks: route many queries, and time the ranking once the data is loaded. */
  window.SkillsiteSearchPage = {
    route: function (queries) {
      return engine().then(function (e) {
        return Promise.all(queries.map(function (q) { return e.route(q, SHOWN); })).then(function (rs) {
          return rs.map(function (r) {
            return { top: r.hits.length ? e.skill(r.hits[0].doc).id : null, abstained: r.abstained };
          });
        });
      });
    },
    /** Milliseconds per query with its data files loaded but nothing decoded yet, {@code rounds} times each. */
    time: function (queries, rounds) {
      return engine().then(function (e) {
        return Promise.all(queries.map(function (q) { return e.route(q, SHOWN).then(function (r) { return e.withMatched(r); }); }))
          .then(function () {
            var ms = [];
            for (var k = 0; k < rounds; k++) {
              queries.forEach(function (q) {
                e.forgetDecoded();
                var t0 = performance.now();
                var r = e.rank(e.queryTerms(q), SHOWN);
                r.hits.forEach(function (h) { h.matched = e.matched(r.query, h.doc); });
                ms.push(performance.now() - t0);
              });
            }
            return ms;
          });
      });
    }
  };
})();
