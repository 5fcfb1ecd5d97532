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

  /*
   * A page outlives deploys: it keeps the manifest it read, while the host serves the export deployed now under
   * every chunk's path, whatever tag it is asked by. So after a query that loaded a chunk, or one STALE_MS after
   * the last look, search/tag.js (the deployed export's tag) is read fresh: the manifest's tag, and every chunk
   * loaded before it is the manifest's export; another, and the query runs once more on the manifest read fresh.
   */
  var STALE_MS = 10000;
  // chunk files loaded; of them, those loaded before the deployed tag (or the manifest) was read last, and when;
  // the engine of the manifest read last
  var received = 0, seen = 0, seenAt = 0, live = null;

  // a chunk by the manifest's tag: one an older export wrote, kept by a cache, is never read beside this manifest
  api.loader = function (kind, id, tag) {
    return loadScript(root + "search/" + kind + "/" + id.toString(36) + ".js?g=" + tag).then(function () { received++; });
  };

  /**
   * The engine, loading search/manifest.js the first time: by an address no cache holds (as Pagefind fetches its
   * entry file), so the manifest is the site's as deployed now, and the chunks it names follow its tag.
   */
  function engine() {
    if (!ready) {
      var at = Date.now();
      ready = loadScript(root + "search/manifest.js?t=" + at).then(function () { return api.whenReady(); })
        .then(function (e) { live = e; seen = received; seenAt = at; return e; });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  /** Whether every chunk engine {@code e} loaded is the deployed export's (a promise). */
  function deployed(e) {
    if (e === live && received === seen && Date.now() - seenAt < STALE_MS) { return Promise.resolve(true); }
    var n = received, at = Date.now();
    return loadScript(root + "search/tag.js?t=" + at).then(function () {
      var same = api.tag === e.m.tag;
      if (same && e === live) { seen = n; seenAt = at; }
      return same;
    });
  }

  var CLOSEST = 3;   // at most this many closest skills when nothing fires
  var RUNNERS_UP = 5; // at most this many runners-up under a skill that fires
  var SNIPPET = 170;  // characters of a description clause shown around the words it shares
  var SVG = "http://www.w3.org/2000/svg";

  /**
   * Routes {@code query}: the result with, for each hit, its display data, matched phrase and evidence
   * (engine.evidence: which query words it holds, and whether they are as specific as a firing skill needs).
   */
  function search(query, again) {
    return engine().then(function (e) {
      return e.route(query, SHOWN).then(function (r) { return e.withMatched(r); }).then(function (r) {
        r.hits.forEach(function (h) {
          h.skill = e.skill(h.doc);
          h.evidence = e.evidence(r.query, h.doc);
        });
        r.threshold = e.m.confidence.threshold;
        r.engine = e;
        return [r];
      }, function (err) { return [null, err]; }).then(function (o) {
        // an answer (or a failure) stands when its chunks are the deployed export's; else once more, afresh
        return deployed(e).then(function (same) {
          if (same) {
            if (o[1]) { throw o[1]; }
            return o[0];
          }
          if (again) { throw new Error("the site was updated; reload the page"); }
          // the first to see it drops the engine; the others wait for the one read next
          if (e === live) { ready = live = null; }
          return search(query, true);
        });
      });
    });
  }

  /**
   * What a result list shows: when a skill fires, it and the runners-up that hold specific words of the query;
   * when none does, only the closest skills with such evidence (none is better than a list of guesses), and the
   * top one when its "Not for" clause is what stopped it.
   */
  function shown(r) {
    if (r.hits.length === 0) { return []; }
    // evidence, and a confidence that does not read 0.00: a skill search itself gives no chance is no answer
    var worth = function (h) { return h.evidence.evidenced && h.confidence >= 0.005; };
    var rest = r.hits.slice(1).filter(worth);
    if (!r.abstained) { return [r.hits[0]].concat(rest.slice(0, RUNNERS_UP)); }
    var first = worth(r.hits[0]) || (r.notFor && r.notFor.length) ? [r.hits[0]] : [];
    return first.concat(rest).slice(0, CLOSEST);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function fixed(x) { return (Math.round(x * 100) / 100).toFixed(2); }

  /** The confidence as a bar with the threshold marked, and the same in words beside it. */
  function confidence(conf, threshold, fires) {
    var p = el("p", "result-conf");
    var bar = svg("svg", { "class": "conf-bar", viewBox: "0 0 100 10", width: "120", height: "12",
      "aria-hidden": "true", focusable: "false", preserveAspectRatio: "none" });
    bar.appendChild(svg("rect", { "class": "conf-track", x: "0", y: "2", width: "100", height: "6", rx: "3" }));
    bar.appendChild(svg("rect", { "class": "conf-fill" + (fires ? " conf-fires" : ""), x: "0", y: "2",
      width: String(Math.max(0, Math.min(100, conf * 100))), height: "6", rx: "3" }));
    var t = threshold * 100;
    bar.appendChild(svg("line", { "class": "conf-mark", x1: String(t), x2: String(t), y1: "0", y2: "10" }));
    p.appendChild(bar);
    p.appendChild(el("span", "conf-text", "confidence " + fixed(conf) + (fires ? ", fires at " : ", needs ")
      + fixed(threshold)));
    return p;
  }

  /** The words of {@code text} that share an analyzed word with the query, marked; the rest as text. */
  function highlighted(e, text, words) {
    var frag = document.createDocumentFragment();
    var count = 0;
    text.split(/([\p{L}\p{Nd}_]+)/u).forEach(function (piece, i) {
      if (!piece) { return; }
      var hit = i % 2 === 1 && e.analyzer.terms("stemmed", piece).some(function (t) { return words.has(t); });
      if (hit) { count++; }
      frag.appendChild(hit ? el("mark", null, piece) : document.createTextNode(piece));
    });
    return { node: frag, count: count };
  }

  /** A clause cut to about SNIPPET characters around its first shared word. */
  function snippet(e, clause, words) {
    if (clause.length <= SNIPPET) { return clause; }
    var pieces = clause.split(/([\p{L}\p{Nd}_]+)/u);
    var at = 0;
    for (var i = 0, pos = 0; i < pieces.length; pos += pieces[i].length, i++) {
      if (i % 2 === 1 && e.analyzer.terms("stemmed", pieces[i]).some(function (t) { return words.has(t); })) {
        at = pos;
        break;
      }
    }
    var from = Math.max(0, Math.min(at - 50, clause.length - SNIPPET));
    from = from === 0 ? 0 : clause.indexOf(" ", from) + 1;
    var to = Math.min(clause.length, from + SNIPPET);
    to = to === clause.length ? to : clause.lastIndexOf(" ", to);
    return (from > 0 ? "\u2026" : "") + clause.substring(from, to) + (to < clause.length ? "\u2026" : "");
  }

  /**
   * Why a hit ranks, in one line: the trigger phrase, keyword, name or heading that matched (as `route` says),
   * else the description clause sharing most query words, else the query's own words its body holds.
   */
  function explanation(e, r, hit, i) {
    var p = el("p", "result-match result-why");
    if (hit.matched) {
      p.setAttribute("data-why", hit.matched.field);
      p.appendChild(document.createTextNode((MATCH_LABELS[hit.matched.field] || "Matched") + ": "));
      p.appendChild(el("mark", null, hit.matched.text));
      return p;
    }
    var words = new Set(hit.evidence.surface.concat(hit.evidence.body));
    var best = null;
    hit.skill.clauses.forEach(function (c) {
      var h = highlighted(e, c, words);
      if (h.count > 0 && (!best || h.count > best.count)) { best = { clause: c, count: h.count }; }
    });
    if (best) {
      p.setAttribute("data-why", "clause");
      p.appendChild(document.createTextNode("Description: "));
      p.appendChild(highlighted(e, snippet(e, best.clause, words), words).node);
      return p;
    }
    var inBody = new Set(hit.evidence.body.concat(hit.evidence.surface));
    var typed = [];
    (r.query.text.match(/[\p{L}\p{Nd}_]+/gu) || []).forEach(function (w) {
      if (typed.indexOf(w) < 0 && e.analyzer.terms("stemmed", w).some(function (t) { return inBody.has(t); })) {
        typed.push(w);
      }
    });
    if (typed.length) {
      p.setAttribute("data-why", "body");
      p.appendChild(document.createTextNode("Its text uses: "));
      typed.forEach(function (w, k) {
        if (k > 0) { p.appendChild(document.createTextNode(", ")); }
        p.appendChild(el("mark", null, w));
      });
      return p;
    }
    p.setAttribute("data-why", r.invoked && i === 0 ? "invoked" : "rank");
    p.textContent = r.invoked && i === 0 ? "Called by name." : "Ranked by words it shares with the request.";
    return p;
  }

  function openPage(href, newTab) {
    if (newTab) {
      window.open(href, "_blank", "noopener");
    } else {
      window.location.href = href;
    }
  }

  function resultItem(box, r, hit, i) {
    var s = hit.skill;
    var fires = i === 0 && !r.abstained;
    var li = el("li", "card result" + (r.abstained ? " result-below" : ""));
    li.id = box.input.id + "-r" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-skill-id", s.id);
    li.setAttribute("data-confidence", fixed(hit.confidence));
    li.setAttribute("data-evidenced", hit.evidence.evidenced ? "true" : "false");
    // An option holds no link (nothing focusable may sit inside one): the option itself opens the page, on a
    // click, Enter, or a middle or Ctrl/Cmd click for a new tab.
    var href = root + s.url;
    li.setAttribute("data-href", href);
    var h = el("h2", "card-title");
    h.appendChild(el("span", "result-link", s.name));
    h.appendChild(document.createTextNode(" "));
    h.appendChild(fires ? el("span", "badge badge-fires", "would fire")
      : el("span", "badge badge-below", r.abstained ? "closest" : "runner-up"));
    li.appendChild(h);
    li.appendChild(confidence(hit.confidence, r.threshold, fires));
    li.appendChild(explanation(r.engine, r, hit, i));
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
    var hits = shown(r);
    if (r.hits.length === 0 || r.abstained) {
      var why = "No skill matches: none is sure enough to fire (confidence " + fixed(r.confidence) + ", needs "
        + fixed(r.threshold) + ")";
      box.status.textContent = why + (hits.length
        ? ". The closest, below the threshold, with what they share with the request:"
        : ", and no skill shares a specific word with the request. Try the task in other words, or browse all skills.");
      if (r.notFor && r.notFor.length) { // the reason, in the skill's own words (route prints the same)
        box.status.textContent = "No skill matches: " + r.hits[0].skill.name + " says \u201c" +
          r.notFor.join(" ") + "\u201d \u2014 the closest, below the confidence threshold:";
      }
    } else {
      box.status.textContent = (r.invoked ? "Called by name: " : r.ambiguous ? "Too close to call: " : "")
        + hits[0].skill.name + " would fire (confidence " + fixed(r.confidence) + ", fires at " + fixed(r.threshold)
        + ")" + (hits.length > 1 ? "; " + (hits.length - 1) + " more below it." : ".");
    }
    hits.forEach(function (h, i) { list.appendChild(resultItem(box, r, h, i)); });
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
        if (seq === box.seq) {
          list.setAttribute("data-state", "failed");
          status.textContent = "Search is unavailable: " + err.message;
        }
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
        ev.preventDefault(); // not the search field's own clearing too: one Escape, one step back
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
    // the page's own box, else the header's, else a plain box that submits to the search page (home)
    var target = pageBox ? pageBox.input : boxes[0] ? boxes[0].input : document.querySelector("input[data-search-box]");
    if (target) {
      ev.preventDefault();
      target.focus();
      target.select();
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
