// Test helper: routes queries over an exported site with the browser engine, data files loaded with require
// as the browser loads them with script tags. Usage: node route-node.js ENGINE SITE QUERIES.json
// Prints [{"top": id|null, "abstained": bool, "matched": text|null, "confidence", "score", "notFor": [clause]}]
// per query.
"use strict";
const fs = require("fs");
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
require("./site-node.js").open(process.argv[2], process.argv[3]).then(async (e) => {
  const out = [];
  for (const q of queries) {
    const r = await e.withMatched(await e.route(q, 10));
    out.push({
      top: r.hits.length ? e.skill(r.hits[0].doc).id : null,
      abstained: r.abstained,
      matched: r.hits.length && r.hits[0].matched ? r.hits[0].matched.text : null,
      confidence: r.confidence,
      score: r.hits.length ? r.hits[0].score : 0,
      notFor: r.notFor || []
    });
  }
  process.stdout.write(JSON.stringify(out));
});
