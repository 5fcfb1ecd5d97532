// Test helper: the engine's pruned ranking against every posting scored, and each posting list read block by
// block against the list decoded whole. Usage: node pruning-node.js ENGINE SITE QUERIES.json
// Prints {"queries", "pruned" (queries whose lists were not all scored whole), "probes", "diffs": [...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const site = process.argv[3];
const api = require(process.argv[2]);
global.SkillsiteSearch = api;
api.loader = (kind, id) => {
  require(path.resolve(site, "search", kind, id.toString(36) + ".js"));
  return Promise.resolve();
};
const f32 = Math.fround;
const idf = (n, df) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** The ranking as it was before pruning: every posting scored, summed in field and term order. */
function exhaustive(e, qt, k) {
  const scores = new Float64Array(e.size());
  for (const f of e.fields) {
    if (f.boost <= 0) { continue; }
    for (const [term, w] of qt.byChain[f.chain]) {
      const p = e.list(f.name, term).all();
      const df = p.docs.length;
      if (df === 0) { continue; }
      const weight = f32(f32(f.boost * w) * f32(idf(f.docCount, df)));
      for (let i = 0; i < df; i++) {
        scores[p.docs[i]] += f32(weight - f32(weight / f32(1 + f32(p.freqs[i] * f.cache[p.norms[i]])))); 
      }
    }
  }
  const all = [];
  scores.forEach((s, d) => { if (s > 0) { all.push({ doc: d, score: f32(s) }); } });
  all.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return all.slice(0, k);
}

require(path.resolve(site, "search", "manifest.js"));
api.whenReady().then(async (e) => {
  const diffs = [];
  let pruned = 0;
  let probes = 0;
  for (const q of queries) {
    await e.route(q, 10);
    e.forgetDecoded();
    const qt = e.queryTerms(q);
    const k = Math.max(10, e.m.minRanked);
    const got = e.ranked(qt, 10).filter((h) => h.score > 0).map((h) => h.doc + ":" + h.score).join(" ");
    if (e.work.candidates < e.work.scored || e.work.probedLists > 0) { pruned++; }
    const want = exhaustive(e, qt, k).map((h) => h.doc + ":" + h.score).join(" ");
    if (got !== want) { diffs.push(q + "\n  pruned " + got + "\n  all    " + want); }
    // every list block by block: each posting's doc found with its freq and norm, absent docs not found
    for (const f of e.fields) {
      for (const term of qt.byChain[f.chain].keys()) {
        const s = e.entry(term) && e.entry(term)[e.slots[f.name]];
        if (!s) { continue; }
        const whole = e.list(f.name, term).all();
        const lazy = new api.Postings(s, e.normTables[f.name], e.block);
        if (lazy.n !== whole.docs.length) { diffs.push(term + " " + f.name + ": n " + lazy.n); }
        for (let i = 0; i < whole.docs.length; i++) {
          const d = whole.docs[i];
          const v = lazy.probe(d);
          probes++;
          if (v !== whole.freqs[i] * 256 + (whole.norms ? whole.norms[i] : 0)) {
            diffs.push(term + " " + f.name + ": doc " + d + " probe " + v);
            break;
          }
          if ((i === 0 || whole.docs[i - 1] < d - 1) && lazy.probe(d - 1) !== -1) {
            diffs.push(term + " " + f.name + ": doc " + (d - 1) + " found, not a posting");
            break;
          }
        }
      }
    }
  }
  process.stdout.write(JSON.stringify({ queries: queries.length, pruned: pruned, probes: probes, diffs: diffs }));
});
