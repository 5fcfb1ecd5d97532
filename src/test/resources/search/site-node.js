// Test helper module: the browser engine over an exported site, its data files loaded with require as the
// browser loads them with script tags. open(ENGINE, SITE) resolves to the engine once the manifest is in.
"use strict";
const path = require("path");

exports.open = (enginePath, site) => {
  const api = require(enginePath);
  global.SkillsiteSearch = api;
  api.loader = (kind, id) => {
    require(path.resolve(site, "search", kind, id.toString(36) + ".js"));
    return Promise.resolve();
  };
  require(path.resolve(site, "search", "manifest.js"));
  return api.whenReady();
};
