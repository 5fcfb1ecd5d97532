// Test helper: what each query fetches, as if it were the first (the manifest is loaded once, as the page
// loads it; chunks are forgotten between queries). Usage: node fetched-node.js ENGINE SITE QUERIES.json
// Prints [{"top": id|null, "score", "abstained": bool, "files": ["search/manifest.js", "search/t/…", …]}].
"use strict";
const fs = require("fs");
const path = require("path");
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const site = process.argv[3];
const api = require(process.argv[2]);
global.SkillsiteSearch = api;
let files = [];
api.loader = (kind, id) => {
  const f = "search/" + kind + "/" + id.toString(36) + ".js";
  files.push(f);
  delete require.cache[path.resolve(site, f)];
  require(path.resolve(site, f));
  return Promise.resolve();
};
require(path.resolve(site, "search", "manifest.js"));
api.whenReady().then(async (e) => {
  const out = [];
  for (const q of queries) {
    e.termChunks.clear();
    e.docChunks.clear();
    e.nameChunks.clear();
    files = ["search/manifest.js"];
    const r = await e.withMatched(await e.route(q, 10));
    out.push({
      top: r.hits.length ? e.skill(r.hits[0].doc).id : null,
      score: r.hits.length ? r.hits[0].score : 0,
      abstained: r.abstained,
      files: files
    });
  }
  process.stdout.write(JSON.stringify(out));
});
