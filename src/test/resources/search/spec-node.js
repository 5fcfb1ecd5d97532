// The routing spec under node: reads spec.md as RoutingSpec.java does, routes each example of one section with
// the browser engine over that section's built site, and compares the answer with the spec's. Prints every
// difference and exits 1 if there is one. Usage: node spec-node.js ENGINE SPEC SITE SECTION
"use strict";
const fs = require("fs");
const [enginePath, specPath, site, sectionArg] = process.argv.slice(2);
const FENCE = "````````````````````````````````";

function readSpec(text) {
  const lines = text.split("\n");
  const sections = [];
  let current = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("## ")) {
      current = { title: line.substring(3).trim(), examples: [] };
      sections.push(current);
    } else if (line === FENCE + " skills" || line === FENCE + " example") {
      let end = i + 1;
      while (end < lines.length && lines[end] !== FENCE) { end++; }
      if (line === FENCE + " example") {
        const body = lines.slice(i + 1, end);
        const dot = body.indexOf(".");
        current.examples.push({ line: i + 1, request: body.slice(0, dot).join("\n"), answer: body.slice(dot + 1) });
      }
      i = end;
    }
  }
  return sections;
}

function band(confidence) {
  const b = Math.floor(confidence * 10) / 10;
  return Number.isInteger(b) ? b.toFixed(1) : String(b);
}

function answer(e, r) {
  const out = ["tokens: " + r.query.words.join(" ")];
  if (r.hits.length === 0) {
    out.push("abstains");
    return out;
  }
  const top = r.hits[0];
  const id = e.skill(top.doc).id;
  if (r.abstained) {
    out.push("abstains", "closest: " + id);
  } else {
    out.push("fires: " + id + (r.invoked ? " (called by name)" : ""));
  }
  out.push("confidence: " + band(r.confidence));
  if (top.matched && top.matched.text) { out.push("matched: " + top.matched.field + " \"" + top.matched.text + "\""); }
  (r.notFor || []).forEach((c) => out.push("not for: " + c));
  return out;
}

const section = readSpec(fs.readFileSync(specPath, "utf8"))[Number(sectionArg)];
require("./site-node.js").open(enginePath, site).then(async (e) => {
  const diffs = [];
  for (const ex of section.examples) {
    const actual = answer(e, await e.withMatched(await e.route(ex.request, 10)));
    if (JSON.stringify(actual) !== JSON.stringify(ex.answer)) {
      diffs.push(specPath + ":" + ex.line + " (" + section.title + ") " + ex.request
        + "\n  spec:   " + JSON.stringify(ex.answer) + "\n  engine: " + JSON.stringify(actual));
    }
  }
  if (diffs.length > 0) {
    process.stdout.write(diffs.join("\n") + "\n");
    process.exit(1);
  }
});
