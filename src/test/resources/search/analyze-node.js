// Test helper: analyzes texts with the browser analyzer. Usage: node analyze-node.js ENGINE INPUT.json
// INPUT: {"stop": [...], "maxToken": N, "texts": [...]}; prints [[stemmed tokens], [light tokens], [shingle tokens]] per text.
"use strict";
const fs = require("fs");
const api = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const a = new api.Analyzer(input.stop, input.maxToken);
const out = input.texts.map((t) => [a.tokens("stemmed", t), a.tokens("light", t), a.tokens("shingle", t)]);
process.stdout.write(JSON.stringify(out));
