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
