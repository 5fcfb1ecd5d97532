/* skillsite: copy buttons and code highlighting. No inline script anywhere: this file is loaded with src. */
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

  if (window.hljs) {
    window.hljs.configure({ cssSelector: "pre code[class*='language-']", ignoreUnescapedHTML: true });
    document.querySelectorAll("pre code[class*='language-']").forEach(function (block) {
      var lang = (block.className.match(/language-([\w+#-]+)/) || [])[1];
      if (lang && window.hljs.getLanguage(lang)) {
        window.hljs.highlightElement(block);
      }
    });
  }
})();
