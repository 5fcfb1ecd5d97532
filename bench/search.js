#!/usr/bin/env node
// bench/search.js SITE QUERIES.jsonl [--no-browser] — the browser search of a built site, measured:
//  - first-query bytes: gzip size (zlib level 6) of what a reader's first query downloads: the two search
//    scripts, search/manifest.js, search/tag.js and the term, name and phrase chunks that query needs, as if each
//    eval query were the first (p50 and max over the queries);
//  - per-query time in headless Chromium (through /usr/bin/chromedriver, if present): performance.now()
//    around analysis, scoring, confidence and matched phrases of each query after a warm-up that loaded
//    its data (p50, p95 and p99 over 5 rounds of the queries); skipped with --no-browser (the tests' budget check).
// Prints one JSON object.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { spawn } = require("child_process");

const site = path.resolve(process.argv[2]);
const noBrowser = process.argv.includes("--no-browser");
const queries = fs.readFileSync(process.argv[3], "utf8").split("\n").filter((l) => l.trim())
  .map((l) => JSON.parse(l).query);
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f))).length;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function bytes() {
  const api = require(path.join(site, "assets/search-engine.js"));
  global.SkillsiteSearch = api;
  let loaded = new Set();
  api.loader = (kind, id) => {
    const f = `search/${kind}/${id.toString(36)}.js`;
    loaded.add(f);
    delete require.cache[path.join(site, f)];
    require(path.join(site, f));
    return Promise.resolve();
  };
  require(path.join(site, "search/manifest.js"));
  const e = await api.whenReady();
  // search/tag.js: read after the first query's chunks (search.js), where a site has it
  const base = gz("assets/search-engine.js") + gz("assets/search.js") + gz("search/manifest.js")
    + (fs.existsSync(path.join(site, "search/tag.js")) ? gz("search/tag.js") : 0);
  const sizes = [];
  for (const q of queries) {
    e.termChunks.clear();
    e.docChunks.clear();
    if (e.nameChunks) { e.nameChunks.clear(); }
    loaded = new Set();
    await e.withMatched(await e.route(q, 10));
    sizes.push(base + [...loaded].reduce((n, f) => n + gz(f), 0));
  }
  return { fixed: base, p50: pct(sizes, 0.5), max: Math.max(...sizes) };
}

async function browserTimes() {
  const driver = "/usr/bin/chromedriver";
  if (!fs.existsSync(driver) || !fs.existsSync("/usr/bin/chromium")) { return null; }
  const port = 9515 + Math.floor(Math.random() * 1000);
  const proc = spawn(driver, [`--port=${port}`], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, url, body) => {
    const r = await fetch(base + url, { method, headers: { "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined });
    const j = await r.json();
    if (!r.ok) { throw new Error(JSON.stringify(j.value)); }
    return j.value;
  };
  try {
    for (let i = 0; i < 50; i++) {
      try { await call("GET", "/status"); break; } catch (e) { await new Promise((r) => setTimeout(r, 100)); }
    }
    const profile = fs.mkdtempSync("/tmp/skillsite-bench-chromium-");
    const s = await call("POST", "/session", { capabilities: { alwaysMatch: { browserName: "chrome",
      "goog:chromeOptions": { binary: "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile] } } } });
    const id = s.sessionId;
    try {
      await call("POST", `/session/${id}/timeouts`, { script: 300000 });
      await call("POST", `/session/${id}/url`, { url: "file://" + path.join(site, "search/index.html") });
      const ms = await call("POST", `/session/${id}/execute/async`, { args: [queries], script:
        "var done = arguments[arguments.length - 1];" +
        "window.SkillsiteSearchPage.time(arguments[0], 5).then(done, function (e) { done(String(e)); });" });
      return { p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
    } finally {
      await call("DELETE", `/session/${id}`);
      fs.rmSync(profile, { recursive: true, force: true });
    }
  } finally {
    proc.kill();
  }
}

(async () => {
  const b = await bytes();
  const t = noBrowser ? null : await browserTimes();
  const r3 = (x) => Math.round(x * 1000) / 1000;
  console.log(JSON.stringify({
    first_query_gzip_bytes_p50: b.p50, first_query_gzip_bytes_max: b.max, search_fixed_gzip_bytes: b.fixed,
    browser_query_p50_ms: t ? r3(t.p50) : null, browser_query_p95_ms: t ? r3(t.p95) : null,
    browser_query_p99_ms: t ? r3(t.p99) : null }));
})().catch((e) => { console.error(e); process.exit(1); });
