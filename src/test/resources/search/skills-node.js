// Test helper: what the browser engine shows for every skill of an exported site (its manifest entry and its
// phrase chunk read back). Usage: node skills-node.js ENGINE SITE UNUSED.json
// Prints [{"id", "name", "url", "description"}] in document order.
"use strict";
const path = require("path");
const api = require(process.argv[2]);
const site = process.argv[3];
global.SkillsiteSearch = api;
api.loader = (kind, id) => {
  require(path.resolve(site, "search", kind, id.toString(36) + ".js"));
  return Promise.resolve();
};
require(path.resolve(site, "search", "manifest.js"));
api.whenReady().then(async (e) => {
  const docs = [...Array(e.size()).keys()];
  await e.ensure("d", Array.from(new Set(docs.map((d) => Math.floor(d / e.m.docChunk)))));
  process.stdout.write(JSON.stringify(docs.map((d) => e.skill(d))));
});
