/* skillsite: copy buttons, code highlighting, heading links and keyboard access to wide boxes. No inline script
   anywhere: this file is loaded with src. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) { return; }
      var label = button.textContent;
      copyText(target.textContent.trim()).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Press Ctrl+C";
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }).then(function () {
        window.setTimeout(function () { button.textContent = label; }, 1800);
      });
    });
  });

  // Each heading of a document links to itself (shown on hover and on focus), to share a section. The href is
  // built from the id as a fragment, so an id from content cannot make it anything else.
  document.querySelectorAll(".markdown-body h2[id], .markdown-body h3[id], .markdown-body h4[id], " +
      ".markdown-body h5[id], .markdown-body h6[id]").forEach(function (heading) {
    var a = document.createElement("a");
    a.className = "heading-anchor";
    a.href = "#" + encodeURIComponent(heading.id);
    a.setAttribute("aria-label", "Link to this section");
    a.textContent = "#";
    heading.appendChild(a);
  });

  // A box that scrolls sideways (a wide code block or table) takes keyboard focus, so that it can be scrolled
  // without a mouse; one that fits stays out of the tab order. Checked again when the window is resized.
  function markScrollable() {
    document.querySelectorAll("pre, .markdown-body table, .health-pair table").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  var resizing = false;
  window.addEventListener("resize", function () {
    if (!resizing) {
      resizing = true;
      window.requestAnimationFrame(function () { resizing = false; markScrollable(); });
    }
  });

  if (window.hljs) {
    window.hljs.configure({ cssSelector: "pre code[class*='language-']", ignoreUnescapedHTML: true });
    document.querySelectorAll("pre code[class*='language-']").forEach(function (block) {
      var lang = (block.className.match(/language-([\w+#-]+)/) || [])[1];
      if (lang && window.hljs.getLanguage(lang)) {
        window.hljs.highlightElement(block);
      }
    });
  }
  markScrollable();
  window.addEventListener("load", markScrollable); // again once fonts and images have their sizes
})();

/* skillsite: tabs. A [data-tabs] box holds panels ([data-tab], each opening with its label as a heading); without
   this script they read as a list. With it the labels become a tablist (WAI-ARIA tabs: arrow keys, Home and End
   move between tabs, which select as they take focus), and the reader's choice is kept for the next page. */
(function () {
  "use strict";
  var STORE = "skillsite.tab.";

  function remembered(group) {
    try { return window.localStorage.getItem(STORE + group); } catch (e) { return null; }
  }
  function remember(group, key) {
    try { window.localStorage.setItem(STORE + group, key); } catch (e) { /* storage off: not kept */ }
  }

  document.querySelectorAll("[data-tabs]").forEach(function (box) {
    var group = box.getAttribute("data-tabs");
    var panels = Array.prototype.slice.call(box.querySelectorAll(":scope > [data-tab]"));
    if (panels.length < 2) { return; }
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", box.getAttribute("data-tabs-label") || "Options");
    list.className = "tab-list";
    var tabs = panels.map(function (panel) {
      var label = panel.querySelector(".install-label, h3, h4");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = panel.id + "-tab";
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = label ? label.textContent : panel.getAttribute("data-tab");
      if (label) { label.classList.add("visually-hidden"); }
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      list.appendChild(tab);
      return tab;
    });
    box.insertBefore(list, box.firstChild);
    box.classList.add("tabs-on");

    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === index;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.setAttribute("tabindex", on ? "0" : "-1");
        panels[i].hidden = !on;
      });
      if (focus) { tabs[index].focus(); }
    }

    var start = 0;
    var kept = remembered(group);
    panels.forEach(function (panel, i) { if (panel.getAttribute("data-tab") === kept) { start = i; } });
    select(start, false);

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () {
        select(i, false);
        remember(group, panels[i].getAttribute("data-tab"));
      });
      tab.addEventListener("keydown", function (event) {
        var next = -1;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") { next = (i + 1) % tabs.length; }
        if (event.key === "ArrowLeft" || event.key === "ArrowUp") { next = (i - 1 + tabs.length) % tabs.length; }
        if (event.key === "Home") { next = 0; }
        if (event.key === "End") { next = tabs.length - 1; }
        if (next >= 0) {
          event.preventDefault();
          select(next, true);
          remember(group, panels[next].getAttribute("data-tab"));
        }
      });
    });
  });
})();
