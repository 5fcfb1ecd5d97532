// Test helper: what the browser engine shows for every skill of an exported site (its manifest entry and its
// phrase chunk read back). Usage: node skills-node.js ENGINE SITE UNUSED.json
// Prints [{"id", "name", "url", "description"}] in document order.
"use strict";
require("./site-node.js").open(process.argv[2], process.argv[3]).then(async (e) => {
  const docs = [...Array(e.size()).keys()];
  await e.ensure("d", Array.from(new Set(docs.map((d) => Math.floor(d / e.m.docChunk)))));
  process.stdout.write(JSON.stringify(docs.map((d) => e.skill(d))));
});
