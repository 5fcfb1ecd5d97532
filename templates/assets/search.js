/*
 * skillsite search: filters window.SKILLSITE_CATALOG (assets/catalog.js, loaded with a script tag so that
 * it works from file:// too) by word prefixes over name, description, trigger phrases and keywords.
 * Results are built with textContent only.
 */
(function () {
  "use strict";
  var data = window.SKILLSITE_CATALOG || [];
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("ss-search-input");
  var list = document.getElementById("ss-results");
  var status = document.getElementById("ss-search-status");
  if (!input || !list) { return; }

  function words(text) {
    return String(text).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  var index = data.map(function (skill) {
    return {
      skill: skill,
      name: words(skill.name),
      triggers: words((skill.triggers || []).concat(skill.keywords || []).join(" ")),
      description: words(skill.description)
    };
  });

  function hits(fieldWords, term) {
    for (var i = 0; i < fieldWords.length; i++) {
      if (fieldWords[i].indexOf(term) === 0) { return true; }
    }
    return false;
  }

  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var s = (hits(entry.name, t) ? 5 : 0) + (hits(entry.triggers, t) ? 3 : 0) + (hits(entry.description, t) ? 1 : 0);
      if (s === 0) { return 0; }
      total += s;
    }
    return total;
  }

  function render(query) {
    var terms = words(query);
    list.textContent = "";
    if (terms.length === 0) {
      status.textContent = data.length + " skills. Type to search.";
      return;
    }
    var results = [];
    index.forEach(function (entry) {
      var s = score(entry, terms);
      if (s > 0) { results.push({ entry: entry, score: s }); }
    });
    results.sort(function (a, b) {
      return b.score - a.score || (a.entry.skill.name < b.entry.skill.name ? -1 : a.entry.skill.name > b.entry.skill.name ? 1 : 0);
    });
    status.textContent = results.length === 1 ? "1 skill found." : results.length + " skills found.";
    results.slice(0, 200).forEach(function (r) {
      var skill = r.entry.skill;
      var li = document.createElement("li");
      li.className = "card result";
      li.setAttribute("data-skill-id", skill.id);
      var h = document.createElement("h2");
      h.className = "card-title";
      var a = document.createElement("a");
      a.href = root + skill.url;
      a.textContent = skill.name;
      h.appendChild(a);
      var p = document.createElement("p");
      p.className = "card-text";
      p.textContent = skill.description;
      li.appendChild(h);
      li.appendChild(p);
      if (skill.triggers && skill.triggers.length) {
        var ul = document.createElement("ul");
        ul.className = "chips chips-phrase";
        skill.triggers.slice(0, 8).forEach(function (t) {
          var chip = document.createElement("li");
          chip.className = "chip";
          chip.textContent = t;
          ul.appendChild(chip);
        });
        li.appendChild(ul);
      }
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  document.querySelectorAll("input[name='q']").forEach(function (box) { box.value = query; });
  render(query);
  input.addEventListener("input", function () { render(input.value); });
})();
