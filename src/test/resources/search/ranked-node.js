// Test helper: routes queries over an exported site with the browser engine and prints every hit, not only the
// first. Usage: node ranked-node.js ENGINE SITE QUERIES.json
// Prints [{"abstained": bool, "confidence": number, "hits": [{"id", "score"}]}] per query (top 10).
"use strict";
const fs = require("fs");
const queries = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
require("./site-node.js").open(process.argv[2], process.argv[3]).then(async (e) => {
  const out = [];
  for (const q of queries) {
    const r = await e.route(q, 10);
    out.push({
      abstained: r.abstained,
      confidence: r.confidence,
      hits: r.hits.map((h) => ({ id: e.skill(h.doc).id, score: h.score }))
    });
  }
  process.stdout.write(JSON.stringify(out));
});
