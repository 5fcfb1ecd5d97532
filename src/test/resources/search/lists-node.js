// Test helper: every postings list of an exported site read in place by the engine's List, against a plain
// decode of TermChunks.encode's format written here: the same size, the same scores to the float bit (BM25 over
// decoded arrays, in order), and contains() true for every document the list holds and false for its
// neighbours (a long list: for every document), before the list is scored (read from the start) and after (through the
// skip index). Usage: node lists-node.js ENGINE SITE FIELDS.json (the scored fields' names)
// Prints {"lists": n, "postings": n, "indexed": lists with a skip index, "diffs": [first 20 differences]}.
"use strict";
const fs = require("fs");
const f32 = Math.fround;
const scored = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));

/** "3:2,a,v:4|1f0a0a" → {docs, freqs, norms}, one posting at a time, the obvious way. */
function decode(s) {
  if (!s) { return { docs: [], freqs: [], norms: [] }; }
  const [postings, norms] = s.split("|");
  const out = { docs: [], freqs: [], norms: [] };
  let doc = 0;
  for (const p of postings.split(",")) {
    const [delta, freq] = p.split(":");
    doc += parseInt(delta, 36);
    out.docs.push(doc);
    out.freqs.push(freq === undefined ? 1 : parseInt(freq, 36));
  }
  for (let i = 0; norms !== undefined && i < norms.length; i += 2) {
    out.norms.push(parseInt(norms.substring(i, i + 2), 16));
  }
  return out;
}

require("./site-node.js").open(process.argv[2], process.argv[3]).then(async (e) => {
  const all = [];
  for (let i = 0; i < e.m.chunks; i++) { all.push(i); }
  await e.ensure("t", all);
  const n = e.size();
  const diffs = [];
  const diff = (what) => { if (diffs.length < 20) { diffs.push(what); } };
  let lists = 0, postings = 0, indexed = 0;
  const scores = new Float64Array(n);
  const once = new Float64Array(256);
  e.termChunks.forEach((chunk) => {
    Object.keys(chunk).forEach((term) => {
      Object.keys(e.slots).forEach((field) => {
        const s = chunk[term][e.slots[field]];
        if (typeof s !== "string" || !s) { return; }
        const ref = decode(s);
        const list = e.list(field, term);
        lists++;
        postings += ref.docs.length;
        if (list.size !== ref.docs.length) { diff(`${field} ${term}: size ${list.size}, not ${ref.docs.length}`); }
        const held = new Set(ref.docs);
        // every document for a long list, else each posting and its neighbours
        const asked = ref.docs.length > 128 ? null : new Set(ref.docs.flatMap((d) => [d - 1, d, d + 1, 0, n - 1]));
        const check = (when) => {
          for (let d = 0; d < n; d++) {
            if (asked && !asked.has(d)) { continue; }
            if (list.contains(d) !== held.has(d)) { diff(`${field} ${term} ${when}: contains(${d}) ${!held.has(d)}`); return; }
          }
        };
        check("unscored");
        const f = e.fields.find((x) => x.name === field);
        if (!f || scored.indexOf(field) < 0 || ref.norms.length !== ref.docs.length) { return; }
        const weight = f32(1.7);
        scores.fill(0);
        list.score(weight, f.cache, undefined, scores, once);
        indexed += list.before.length > 1 ? 1 : 0;
        for (let i = 0; i < ref.docs.length; i++) {
          const c = f.cache[ref.norms[i]];
          const expected = f32(weight - f32(weight / f32(1 + (ref.freqs[i] === 1 ? c : f32(ref.freqs[i] * c)))));
          if (scores[ref.docs[i]] !== expected) {
            diff(`${field} ${term}: score of ${ref.docs[i]} ${scores[ref.docs[i]]}, not ${expected}`);
            break;
          }
        }
        check("scored");
      });
    });
  });
  process.stdout.write(JSON.stringify({ lists: lists, postings: postings, indexed: indexed, diffs: diffs }));
});
