// Test helper: the length table search-engine.js makes (its normLength of every norm byte, 0..255), as JSON.
// Usage: node norms-node.js ENGINE INPUT.json (the input is not read).
"use strict";
const src = require("fs").readFileSync(process.argv[2], "utf8");
const m = /function normLength\(b\) \{[\s\S]*?\n {2}\}\n/.exec(src);
if (!m) {
  throw new Error("no normLength in " + process.argv[2]);
}
const normLength = new Function(m[0] + "return normLength;")();
process.stdout.write(JSON.stringify([...Array(256).keys()].map(normLength)));
