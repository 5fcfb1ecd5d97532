// skillsite serve --watch: reload the page when the site is rebuilt; show a broken save's diagnostics.
// The pages' Content-Security-Policy allows scripts from the site and no fetch (no connect-src), so the status
// is polled as a script, /__skillsite/status.js, which calls back with the same JSON as /__skillsite/status:
// the dev server serves pages under the very policy they are published with.
(function () {
  "use strict";
  var seen = null;
  var panel = null;

  function show(lines) {
    if (!panel) {
      panel = document.createElement("pre");
      panel.setAttribute("role", "alert");
      panel.className = "skillsite-build-errors";
      panel.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;" +
        "padding:1em;background:#3b0d0d;color:#ffd7d7;font:13px/1.4 monospace;z-index:99999;white-space:pre-wrap";
      document.body.appendChild(panel);
    }
    panel.textContent = "Build failed; showing the last good site.\n\n" + lines.join("\n");
  }

  window.__skillsiteStatus = function (s) {
    if (seen === null) {
      seen = s.version;
    } else if (s.version !== seen) {
      seen = s.version;
      location.reload();
      return;
    }
    if (!s.ok) {
      show(s.diagnostics);
    } else if (panel) {
      panel.remove();
      panel = null;
    }
  };

  function poll() {
    var script = document.createElement("script");
    script.src = "/__skillsite/status.js?t=" + Date.now();
    script.onload = script.onerror = function () {
      script.remove();
      setTimeout(poll, 300);
    };
    (document.head || document.documentElement).appendChild(script);
  }
  poll();
})();
