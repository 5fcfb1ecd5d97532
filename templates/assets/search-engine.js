/*
 * skillsite search engine: the routing index exported by `build` (search/manifest.js and chunks), evaluated
 * in the browser exactly as `route` evaluates the Lucene index:
 *
 *   - analysis: the three chains of dev.skillsite.routing.Analysis (tokenizer on letters/digits/_ with
 *     Lucene's token length limit, CJK bigrams, word delimiter with preserve-original, lowercase, gapless
 *     stop words, Porter or minimal English stemming, two-word shingles), re-implemented token for token and
 *     tested against Lucene (SearchAnalyzerParityTest);
 *   - scoring: BM25 (k1, b and the 256-entry length table from the manifest) per field with the same boosts,
 *     in 32-bit float arithmetic as Lucene computes it, summed per document; ties go to the lower doc id;
 *   - abstention: the features, weights and threshold of dev.skillsite.routing.Confidence;
 *   - matched phrase: dev.skillsite.routing.Matched.
 *
 * Data files are plain scripts that call SkillsiteSearch.manifest/.terms/.docs, so that they load with
 * <script src> from file:// too (fetch() of file:// is blocked) and under any sub-path. No eval, no network
 * beyond the site's own files. Works as a CommonJS module in node (for tests).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.SkillsiteSearch = api;
  }
})(this, function () {
  "use strict";

  var f32 = Math.fround;
  var CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var TOKEN_CHAR = /[\p{L}\p{Nd}_]/u;
  var LOWER_PROP = /\p{Lowercase}/u;
  var UPPER_PROP = /\p{Uppercase}/u;
  var DIGIT_ND = /\p{Nd}/u;

  // ---------------------------------------------------------------- analysis

  /** Lucene CharTokenizer over code points: runs of letters, digits and _, cut every {@code max} UTF-16 units. */
  function tokenize(text, max) {
    var out = [];
    var cur = "";
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      i += ch.length;
      if (TOKEN_CHAR.test(ch)) {
        cur += ch;
        if (cur.length >= max) {
          out.push(cur);
          cur = "";
        }
      } else if (cur.length > 0) {
        out.push(cur);
        cur = "";
      }
    }
    if (cur.length > 0) {
      out.push(cur);
    }
    return out;
  }

  function isCjk(cp) {
    return cp >= 0x1100 && CJK.test(String.fromCodePoint(cp));
  }

  /** dev.skillsite.routing.CjkBigramFilter: CJK runs become overlapping pairs, other runs stay whole. */
  function cjkBigrams(tokens) {
    var out = [];
    tokens.forEach(function (t) {
      var cps = Array.from(t);
      if (!cps.some(function (c) { return isCjk(c.codePointAt(0)); })) {
        out.push(t);
        return;
      }
      var i = 0;
      while (i < cps.length) {
        var cjk = isCjk(cps[i].codePointAt(0));
        var j = i;
        while (j < cps.length && isCjk(cps[j].codePointAt(0)) === cjk) {
          j++;
        }
        if (!cjk || j - i === 1) {
          out.push(cps.slice(i, j).join(""));
        } else {
          for (var k = i; k + 1 < j; k++) {
            out.push(cps[k] + cps[k + 1]);
          }
        }
        i = j;
      }
    });
    return out;
  }

  // WordDelimiterIterator character classes
  var LOWER = 1, UPPER = 2, DIGIT = 4, DELIM = 8, ALPHA = 3;

  /** The class of one UTF-16 unit, as Lucene's WordDelimiterIterator assigns it. */
  function charType(c) {
    var ch = String.fromCharCode(c);
    if (c < 256) {
      if (LOWER_PROP.test(ch)) { return LOWER; }
      if (UPPER_PROP.test(ch)) { return UPPER; }
      if (DIGIT_ND.test(ch)) { return DIGIT; }
      return DELIM;
    }
    if (c >= 0xd800 && c <= 0xdfff) { return ALPHA | DIGIT; }
    if (/\p{Lu}/u.test(ch)) { return UPPER; }
    if (/\p{Ll}/u.test(ch)) { return LOWER; }
    if (/[\p{Lt}\p{Lm}\p{Lo}\p{Mn}\p{Me}\p{Mc}]/u.test(ch)) { return ALPHA; }
    if (/\p{N}/u.test(ch)) { return DIGIT; }
    return DELIM;
  }

  function isBreak(last, type) {
    if ((type & last) !== 0) { return false; }
    if ((last & UPPER) !== 0 && (type & ALPHA) !== 0) { return false; }
    return true;
  }

  /** The sub-words of a token (split on case changes, letter/digit changes and delimiters). */
  function subwords(t) {
    var n = t.length;
    var types = new Array(n);
    for (var i = 0; i < n; i++) { types[i] = charType(t.charCodeAt(i)); }
    var start = 0;
    while (start < n && (types[start] & DELIM) !== 0) { start++; }
    var end = n;
    while (end > start && (types[end - 1] & DELIM) !== 0) { end--; }
    var parts = [];
    var cur = start;
    while (true) {
      var last = 0;
      while (cur < end && ((last = types[cur]) & DELIM) !== 0) { cur++; }
      if (cur >= end) { break; }
      var e = cur + 1;
      for (; e < end; e++) {
        if (isBreak(last, types[e])) { break; }
        last = types[e];
      }
      parts.push([cur, e]);
      cur = e;
    }
    return parts;
  }

  /** WordDelimiterGraphFilter with PRESERVE_ORIGINAL and word/number parts: the token, then its parts. */
  /** Tokens that are their only part: a lowercase or capitalized word, an uppercase one, digits. */
  var ONE_PART = /^([A-Z]?[a-z]+|[A-Z]+|\d+)$/;

  function wordDelimiter(tokens) {
    var out = [];
    tokens.forEach(function (t) {
      if (ONE_PART.test(t)) {
        out.push(t);
        return;
      }
      var parts = subwords(t);
      if (parts.length === 0 || (parts[0][0] === 0 && parts[0][1] === t.length)) {
        out.push(t);
        return;
      }
      out.push(t);
      parts.forEach(function (p) { out.push(t.substring(p[0], p[1])); });
    });
    return out;
  }

  /** Lucene's LowerCaseFilter: Character.toLowerCase per code point (no special casing). */
  function lowerCase(t) {
    var out = "";
    for (var i = 0; i < t.length;) {
      var cp = t.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      i += ch.length;
      if (cp < 128) {
        out += ch.toLowerCase();
        continue;
      }
      var low = ch.toLowerCase();
      out += cp === 0x130 ? "i" : Array.from(low).length === 1 ? low : ch;
    }
    return out;
  }

  // -- Porter stemmer: the algorithm of Lucene's org.apache.lucene.analysis.en.PorterStemmer (Porter 1980,
  //    release 3 with the two bug fixes), on UTF-16 units.

  function PorterWord(word) {
    this.b = word.split("");
    this.k = word.length - 1;
    this.j = 0;
  }

  PorterWord.prototype.cons = function (i) {
    switch (this.b[i]) {
      case "a": case "e": case "i": case "o": case "u":
        return false;
      case "y":
        return i === 0 ? true : !this.cons(i - 1);
      default:
        return true;
    }
  };

  /** The number of vowel-consonant sequences in b[0..j]. */
  PorterWord.prototype.m = function () {
    var n = 0;
    var i = 0;
    var j = this.j;
    while (true) {
      if (i > j) { return n; }
      if (!this.cons(i)) { break; }
      i++;
    }
    i++;
    while (true) {
      while (true) {
        if (i > j) { return n; }
        if (this.cons(i)) { break; }
        i++;
      }
      i++;
      n++;
      while (true) {
        if (i > j) { return n; }
        if (!this.cons(i)) { break; }
        i++;
      }
      i++;
    }
  };

  PorterWord.prototype.vowelInStem = function () {
    for (var i = 0; i <= this.j; i++) {
      if (!this.cons(i)) { return true; }
    }
    return false;
  };

  PorterWord.prototype.doubleC = function (j) {
    if (j < 1) { return false; }
    if (this.b[j] !== this.b[j - 1]) { return false; }
    return this.cons(j);
  };

  PorterWord.prototype.cvc = function (i) {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) { return false; }
    var ch = this.b[i];
    return !(ch === "w" || ch === "x" || ch === "y");
  };

  PorterWord.prototype.ends = function (s) {
    var l = s.length;
    var o = this.k - l + 1;
    if (o < 0) { return false; }
    for (var i = 0; i < l; i++) {
      if (this.b[o + i] !== s.charAt(i)) { return false; }
    }
    this.j = this.k - l;
    return true;
  };

  PorterWord.prototype.setTo = function (s) {
    var o = this.j + 1;
    for (var i = 0; i < s.length; i++) { this.b[o + i] = s.charAt(i); }
    this.k = this.j + s.length;
  };

  PorterWord.prototype.r = function (s) {
    if (this.m() > 0) { this.setTo(s); }
  };

  /** Tries the suffixes in order; the first that ends the word is replaced (if m() > 0), the rest ignored. */
  PorterWord.prototype.replaceFirst = function (pairs) {
    for (var i = 0; i < pairs.length; i += 2) {
      if (this.ends(pairs[i])) {
        this.r(pairs[i + 1]);
        return;
      }
    }
  };

  PorterWord.prototype.step1 = function () {
    var b = this.b;
    if (b[this.k] === "s") {
      if (this.ends("sses")) { this.k -= 2; }
      else if (this.ends("ies")) { this.setTo("i"); }
      else if (b[this.k - 1] !== "s") { this.k--; }
    }
    if (this.ends("eed")) {
      if (this.m() > 0) { this.k--; }
    } else if ((this.ends("ed") || this.ends("ing")) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends("at")) { this.setTo("ate"); }
      else if (this.ends("bl")) { this.setTo("ble"); }
      else if (this.ends("iz")) { this.setTo("ize"); }
      else if (this.doubleC(this.k)) {
        var ch = b[this.k--];
        if (ch === "l" || ch === "s" || ch === "z") { this.k++; }
      } else if (this.m() === 1 && this.cvc(this.k)) { this.setTo("e"); }
    }
  };

  PorterWord.prototype.step2 = function () {
    if (this.ends("y") && this.vowelInStem()) {
      this.b[this.k] = "i";
    }
  };

  var STEP3 = {
    a: ["ational", "ate", "tional", "tion"],
    c: ["enci", "ence", "anci", "ance"],
    e: ["izer", "ize"],
    l: ["bli", "ble", "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous"],
    o: ["ization", "ize", "ation", "ate", "ator", "ate"],
    s: ["alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous"],
    t: ["aliti", "al", "iviti", "ive", "biliti", "ble"],
    g: ["logi", "log"]
  };

  var STEP4 = {
    e: ["icate", "ic", "ative", "", "alize", "al"],
    i: ["iciti", "ic"],
    l: ["ical", "ic", "ful", ""],
    s: ["ness", ""]
  };

  var STEP5 = {
    a: ["al"], c: ["ance", "ence"], e: ["er"], i: ["ic"], l: ["able", "ible"],
    n: ["ant", "ement", "ment", "ent"], s: ["ism"], t: ["ate", "iti"], u: ["ous"], v: ["ive"], z: ["ize"]
  };

  PorterWord.prototype.step3 = function () {
    if (this.k === 0) { return; }
    var pairs = STEP3[this.b[this.k - 1]];
    if (pairs) { this.replaceFirst(pairs); }
  };

  PorterWord.prototype.step4 = function () {
    var pairs = STEP4[this.b[this.k]];
    if (pairs) { this.replaceFirst(pairs); }
  };

  PorterWord.prototype.step5 = function () {
    if (this.k === 0) { return; }
    var c = this.b[this.k - 1];
    var found = false;
    if (c === "o") {
      found = (this.ends("ion") && this.j >= 0 && (this.b[this.j] === "s" || this.b[this.j] === "t"))
        || this.ends("ou");
    } else if (STEP5.hasOwnProperty(c)) {
      found = STEP5[c].some(function (s) { return this.ends(s); }, this);
    }
    if (found && this.m() > 1) { this.k = this.j; }
  };

  PorterWord.prototype.step6 = function () {
    this.j = this.k;
    if (this.b[this.k] === "e") {
      var a = this.m();
      if (a > 1 || (a === 1 && !this.cvc(this.k - 1))) { this.k--; }
    }
    if (this.b[this.k] === "l" && this.doubleC(this.k) && this.m() > 1) { this.k--; }
  };

  function porter(word) {
    if (word.length < 3) { return word; }
    var w = new PorterWord(word);
    w.step1();
    w.step2();
    w.step3();
    w.step4();
    w.step5();
    w.step6();
    return w.b.slice(0, w.k + 1).join("");
  }

  /** Lucene's EnglishMinimalStemmer (Harman's S-stemmer). */
  function minimalStem(s) {
    var n = s.length;
    if (n < 3 || s.charAt(n - 1) !== "s") { return s; }
    var c2 = s.charAt(n - 2);
    if (c2 === "u" || c2 === "s") { return s; }
    if (c2 === "e") {
      var c3 = s.charAt(n - 3);
      if (n > 3 && c3 === "i" && s.charAt(n - 4) !== "a" && s.charAt(n - 4) !== "e") {
        return s.substring(0, n - 3) + "y";
      }
      if (c3 === "i" || c3 === "a" || c3 === "o" || c3 === "e") { return s; }
    }
    return s.substring(0, n - 1);
  }

  /**
   * The analysis chains; {@code stop} is the stop word list and {@code maxToken} the longest token, both written
   * into the manifest.
   */
  function Analyzer(stop, maxToken) {
    this.stop = new Set(stop);
    this.maxToken = maxToken;
  }

  /** Every token of {@code text} for chain "stemmed", "light" or "shingle", in order, repeats included. */
  Analyzer.prototype.tokens = function (chain, text) {
    var stop = this.stop;
    var ts = cjkBigrams(tokenize(text, this.maxToken));
    if (chain !== "shingle") { ts = wordDelimiter(ts); }
    ts = ts.map(lowerCase).filter(function (t) { return !stop.has(t); });
    if (chain === "shingle") {
      ts = ts.map(porter);
      var sh = [];
      for (var i = 0; i + 1 < ts.length; i++) { sh.push(ts[i] + " " + ts[i + 1]); }
      return sh;
    }
    return ts.map(chain === "light" ? minimalStem : porter);
  };

  /** The distinct tokens in order of first occurrence (TermReader.terms). */
  Analyzer.prototype.terms = function (chain, text) {
    var seen = new Set();
    return this.tokens(chain, text).filter(function (t) {
      if (seen.has(t)) { return false; }
      seen.add(t);
      return true;
    });
  };

  /** dev.skillsite.routing.Synonyms#expand: the other members of every group a word or word pair names. */
  function expandSynonyms(groups, query) {
    var byWord = new Map();
    groups.forEach(function (g) { g.forEach(function (w) { byWord.set(w, g); }); });
    var lower = query.toLowerCase() + " ";
    var tokens = [];
    var cur = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower.charAt(i);
      if (/[\p{L}\p{Nd}]/u.test(c) || c === "-") {
        cur += c;
      } else if (cur.length > 0) {
        tokens.push(cur);
        cur = "";
      }
    }
    var typed = new Set(tokens);
    var out = [];
    var seen = new Set();
    function lookup(w) {
      var g = byWord.get(w);
      if (!g) { return; }
      g.forEach(function (s) {
        if (!typed.has(s) && !seen.has(s)) {
          seen.add(s);
          out.push(s);
        }
      });
    }
    for (var j = 0; j < tokens.length; j++) {
      lookup(tokens[j]);
      if (j + 1 < tokens.length) { lookup(tokens[j] + " " + tokens[j + 1]); }
    }
    return out.join(" ");
  }

  // ---------------------------------------------------------------- index data

  /** FNV-1a over UTF-16 units: which chunk holds a term (TermChunks.chunkOf in Java). */
  function chunkOf(term, chunks) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) % chunks;
  }

  /** The value of each base-36 (and so hex) digit, by char code: 0-9, a-z. */
  var DIGIT36 = new Int32Array(128);
  for (var c0 = 0; c0 < 36; c0++) { DIGIT36[c0 < 10 ? 48 + c0 : 87 + c0] = c0; }

  /** Postings between two entries of a list's skip index. */
  var SKIP = 64;

  /** The skip index of every list of one block (never written: a list's first block starts at 0 after 0). */
  var ONE_BLOCK = new Int32Array(1);

  /**
   * A postings list as TermChunks.encode writes it ("3:2,a,v:4|1f0a0a": document deltas in base 36, ":freq" when
   * not 1, then each posting's norm byte in hex), read in place: no array of its postings is ever made. Its size
   * comes from its norms (or its commas); scoring it records every SKIP-th posting's offset and the document
   * before it, so that contains() then reads at most SKIP postings.
   */
  function List(s) {
    this.s = s;
    this.bar = s.indexOf("|");
    this.end = this.bar < 0 ? s.length : this.bar;
    this.size = this.bar >= 0 ? (s.length - this.bar - 1) >> 1 : s ? 1 : 0;
    for (var i = 0; this.bar < 0 && i < s.length; i++) { this.size += s.charCodeAt(i) === 44 ? 1 : 0; }
    var blocks = Math.ceil(this.size / SKIP);
    this.before = blocks > 1 ? new Int32Array(blocks) : ONE_BLOCK;
    this.at = blocks > 1 ? new Int32Array(blocks) : ONE_BLOCK;
  }

  /**
   * Adds each posting's BM25 score to scores[doc], in order, with the float operations of Lucene's BM25Similarity:
   * {@code weight} the term's, {@code cache} the field's 1 / (k1 (1 - b + b len / avgdl)) by norm, {@code table}
   * the norms by document when the list carries none (a small collection's), {@code once} scratch for one
   * occurrence's score by norm.
   */
  List.prototype.score = function (weight, cache, table, scores, once) {
    var s = this.s, end = this.end, before = this.before, at = this.at;
    var doc = 0, v = 0, freq = -1, k = 0, p = this.bar + 1;
    once.fill(-1);
    for (var j = 0; j <= end; j++) {
      var c = j < end ? s.charCodeAt(j) : 44;
      if (c === 44) {
        if (freq < 0) { doc += v; }
        var norm = table ? table[doc] : (DIGIT36[s.charCodeAt(p)] << 4) | DIGIT36[s.charCodeAt(p + 1)];
        p += 2;
        var sc = once[norm];
        if (freq >= 0) {
          sc = f32(weight - f32(weight / f32(1 + f32(v * cache[norm]))));
        } else if (sc < 0) {
          sc = once[norm] = f32(weight - f32(weight / f32(1 + cache[norm])));
        }
        scores[doc] += sc;
        if (++k % SKIP === 0 && j < end) {
          before[k / SKIP] = doc;
          at[k / SKIP] = j + 1;
        }
        v = 0;
        freq = -1;
      } else if (c === 58) {
        doc += v;
        v = 0;
        freq = 0;
      } else {
        v = v * 36 + DIGIT36[c];
      }
    }
  };

  /** Whether the list holds {@code doc}: the one block that could, once scored; else from the start. */
  List.prototype.contains = function (doc) {
    var before = this.before;
    var lo = 0, hi = before.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (before[mid] < doc) { lo = mid; } else { hi = mid - 1; }
    }
    var s = this.s, end = this.end;
    var d = before[lo], v = 0, colon = false;
    for (var j = this.size ? this.at[lo] : end + 1; j <= end; j++) {
      var c = j < end ? s.charCodeAt(j) : 44;
      if (c === 44 || (c === 58 && !colon)) {
        if (!colon) { d += v; }
        if (d >= doc) { return d === doc; }
        v = 0;
        colon = c === 58;
      } else if (!colon) {
        v = v * 36 + DIGIT36[c];
      }
    }
    return false;
  };

  /**
   * Lucene's SmallFloat.byte4ToInt: the field length a norm byte stands for (exact below 24, then 3 bits of
   * mantissa), as BM25Similarity's length table holds it; made here, not shipped in the manifest.
   */
  function normLength(b) {
    if (b < 24) { return b; }
    var i = b - 24, shift = (i >>> 3) - 1;
    return 24 + (shift < 0 ? i & 7 : ((i & 7) | 8) * Math.pow(2, shift));
  }

  // ---------------------------------------------------------------- engine

  /**
   * Routes queries over an exported index. {@code load(kind, id)} returns a promise that resolves when the
   * data file "t"/"d" number {@code id} has called terms()/docs() on this engine.
   */
  function Engine(manifest, load) {
    this.m = manifest;
    this.load = load;
    this.analyzer = new Analyzer(manifest.stop, manifest.maxTokenLength);
    this.termChunks = new Map();
    this.docChunks = new Map();
    this.docSkills = new Map();
    this.nameChunks = new Map();
    this.pendingTerms = new Map();
    this.pendingDocs = new Map();
    this.pendingNames = new Map();
    this.lists = new Map();
    this.candidateCache = new Map();
    this.slots = {};
    var self = this;
    manifest.slots.forEach(function (name, i) { self.slots[name] = i; });
    this.normTables = {};
    this.fields = manifest.fields.map(function (f) {
      var avgdl = f32(f.avgdl); // quantized by the exporter (Bm25.averageLength)
      var cache = new Float64Array(256);
      var k1 = f32(manifest.k1), b = f32(manifest.b);
      for (var i = 0; i < cache.length; i++) {
        var len = f32(normLength(i));
        cache[i] = f32(1 / f32(k1 * f32(f32(1 - b) + f32(f32(b * len) / avgdl))));
      }
      if (f.norms) { // a small collection's norms, one table (SearchIndexWriter.NORMS_IN_MANIFEST_UP_TO)
        var table = new Uint8Array(f.norms.length / 2);
        for (var t = 0; t < table.length; t++) {
          table[t] = (DIGIT36[f.norms.charCodeAt(2 * t)] << 4) | DIGIT36[f.norms.charCodeAt(2 * t + 1)];
        }
        self.normTables[f.name] = table;
      }
      return { name: f.name, boost: f32(f.boost), chain: f.chain, docCount: f.docCount, cache: cache };
    });
    this.distinctNames = manifest.distinctNames;
    this.scores = null;
    var nameChunks = this.nameChunks;
    this.invocation = new Invocation(manifest.longestName, function (key) {
      var chunk = nameChunks.get(chunkOf(key, manifest.nameChunks));
      return chunk && Object.prototype.hasOwnProperty.call(chunk, key) ? chunk[key] : -1;
    }, manifest.notWanted, manifest.refusalWindow);
  }

  /** A manifest entry is [id], [id, name] or [id, name, page]: the name is the id unless given (the page too). */
  function skillName(entry) { return entry.length > 1 ? entry[1] : entry[0]; }

  /** dev.skillsite.routing.Invocation#words: lowercase runs of letters and digits. */
  function nameWords(text) {
    return text.toLowerCase().split(/[^\p{L}\p{Nd}]+/u).filter(function (w) { return w.length > 0; });
  }

  /**
   * dev.skillsite.routing.Invocation: the skill a query calls by name (a leading /command or "NAME skill"), unless
   * one of the {@code window} words before the name is in {@code notWanted}. {@code lookup(key)}: the document
   * of a name key (from the name chunks), or -1.
   */
  function Invocation(longest, lookup, notWanted, window) {
    this.notWanted = new Set(notWanted);
    this.window = window;
    this.longest = longest;
    this.byName = {
      has: function (key) { return lookup(key) >= 0; },
      get: function (key) { return lookup(key); }
    };
  }

  /** Every name key find() may look up for {@code query} (the name chunks to load first). */
  Invocation.prototype.keys = function (query) {
    var keys = [];
    var real = this.byName;
    this.byName = { has: function (key) { keys.push(key); return false; }, get: function () { return -1; } };
    try {
      this.find(query);
    } finally {
      this.byName = real;
    }
    return keys;
  };

  /** The document {@code query} invokes, or -1. */
  Invocation.prototype.find = function (query) {
    var start = 0;
    while (start < query.length && query.charCodeAt(start) <= 32) { start++; }
    if (start < query.length && query.charAt(start) === "/") {
      var end = start + 1;
      while (end < query.length && query.charCodeAt(end) > 32) { end++; }
      var command = query.substring(start + 1, end);
      var key = nameWords(command.substring(command.lastIndexOf(":") + 1)).join(" ");
      if (this.byName.has(key) && command.indexOf("/") < 0) { return this.byName.get(key); }
    }
    var w = nameWords(query);
    for (var j = 0; j < w.length; j++) {
      if (w[j] !== "skill") { continue; }
      for (var n = Math.min(this.longest, j + 1); n >= 1; n--) {
        var from = j - n;
        var key = n <= j ? w.slice(from, j).join(" ") : null;
        if (key === null || !this.byName.has(key)) {
          from = j - n + 1;
          key = w.slice(from, j + 1).join(" ");
        }
        if (this.byName.has(key)) {
          var notWanted = this.notWanted;
          var refused = w.slice(Math.max(0, from - this.window), from).some(function (x) { return notWanted.has(x); });
          if (!refused) { return this.byName.get(key); }
          break;
        }
      }
    }
    return -1;
  };

  /** Drops the decoded postings and analyzed phrases (kept between queries); for timing. */
  Engine.prototype.forgetDecoded = function () {
    this.lists.clear();
    this.candidateCache.clear();
  };

  Engine.prototype.size = function () { return this.m.skillCount; };

  /** Called by a term chunk file. */
  Engine.prototype.addTerms = function (id, data) { this.termChunks.set(id, data); };

  /** Called by a doc chunk file. */
  Engine.prototype.addDocs = function (id, data, skills) {
    this.docSkills.set(id, skills);
    this.docChunks.set(id, data);
  };

  /** Called by a name chunk file. */
  Engine.prototype.addNames = function (id, data) { this.nameChunks.set(id, data); };

  /** A document's skill entry, from its loaded doc chunk. */
  Engine.prototype.entryOf = function (doc) {
    return this.docSkills.get(Math.floor(doc / this.m.docChunk))[doc % this.m.docChunk];
  };

  Engine.prototype.nameOf = function (doc) { return skillName(this.entryOf(doc)); };

  Engine.prototype.ensure = function (kind, ids) {
    var self = this;
    var have = kind === "t" ? this.termChunks : kind === "n" ? this.nameChunks : this.docChunks;
    var pending = kind === "t" ? this.pendingTerms : kind === "n" ? this.pendingNames : this.pendingDocs;
    return Promise.all(ids.map(function (id) {
      if (have.has(id)) { return null; }
      if (!pending.has(id)) {
        pending.set(id, self.load(kind, id, self.m.tag).then(function () {
          pending.delete(id);
          if (!have.has(id)) { throw new Error("unregistered " + kind + "/" + id); }
        }, function (e) { pending.delete(id); throw e; }));
      }
      return pending.get(id);
    }));
  };

  Engine.prototype.entry = function (term) {
    var chunk = this.termChunks.get(chunkOf(term, this.m.chunks));
    return (chunk && Object.prototype.hasOwnProperty.call(chunk, term)) ? chunk[term] : null;
  };

  /** A term's postings list in a field (kept: a query asks for the same ones several times). */
  Engine.prototype.list = function (field, term) {
    var key = field + "\u0000" + term;
    var l = this.lists.get(key);
    if (!l) {
      var e = this.entry(term);
      l = new List(e && e.length > this.slots[field] ? e[this.slots[field]] : "");
      this.lists.set(key, l);
    }
    return l;
  };

  Engine.prototype.contains = function (field, term, doc) {
    return this.list(field, term).contains(doc);
  };

  Engine.prototype.docFreq = function (term) {
    var e = this.entry(term);
    if (!e) { return 0; }
    return Math.max(e[this.slots.all] || 0, this.list("body", term).size);
  };

  Engine.prototype.onlyExcluded = function (term) {
    var e = this.entry(term);
    return !!e && this.list("body", term).size === 0
      && (e[this.slots.all] || 0) <= this.list("not_for", term).size;
  };

  Engine.prototype.backgroundIdf = function (term) {
    var e = this.entry(term);
    var df = e ? (e[this.slots.background] || 0) : 0;
    return idf(this.m.background, Math.max(1, df));
  };

  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  function limit(list, max) {
    return list.length <= max ? list : list.slice(0, max);
  }

  /** QueryTerms: per chain, typed terms at weight 1 and synonym terms at the synonym weight. */
  Engine.prototype.queryTerms = function (query) {
    var m = this.m, a = this.analyzer;
    var syn = expandSynonyms(m.synonyms, query);
    var byChain = {};
    ["stemmed", "light", "shingle"].forEach(function (chain) {
      var terms = new Map();
      limit(a.terms(chain, query), m.maxTerms).forEach(function (t) { terms.set(t, 1); });
      if (syn.length > 0) {
        limit(a.terms(chain, syn), m.maxTerms).forEach(function (t) {
          if (!terms.has(t)) { terms.set(t, f32(m.synonymWeight)); }
        });
      }
      byChain[chain] = terms;
    });
    return { byChain: byChain, words: limit(a.terms("stemmed", query), m.maxTerms), text: query };
  };

  function sorted(set) {
    return Array.from(set).sort(function (x, y) { return x - y; });
  }

  /** Loads the chunks a query needs, ranks, loads the hits' skills: {abstained, ambiguous, confidence, hits}. */
  Engine.prototype.route = function (query, top) {
    var self = this;
    var qt = this.queryTerms(query);
    var terms = new Set();
    Object.keys(qt.byChain).forEach(function (c) {
      qt.byChain[c].forEach(function (w, t) { terms.add(chunkOf(t, self.m.chunks)); });
    });
    var names = new Set(this.invocation.keys(query).map(function (k) { return chunkOf(k, self.m.nameChunks); }));
    return Promise.all([this.ensure("t", sorted(terms)), this.ensure("n", sorted(names))]).then(function () {
      var hits = self.ranked(qt, top || 10);
      var per = self.m.docChunk;
      return self.ensure("d", sorted(new Set(hits.map(function (h) { return Math.floor(h.doc / per); }))))
        .then(function () { return self.decide(qt, hits, top || 10); });
    });
  };

  /** The ranking once every chunk it needs is loaded (synchronous, for timing). */
  Engine.prototype.rank = function (qt, top) {
    return this.decide(qt, this.ranked(qt, top), top);
  };

  /** BM25 summed per document, the best max(top, minRanked) (ties: lower doc first), an invoked skill first. */
  Engine.prototype.ranked = function (qt, top) {
    var self = this;
    var n = this.size();
    if (!this.scores || this.scores.length !== n) { this.scores = new Float64Array(n); }
    var scores = this.scores, once = new Float64Array(256);
    this.fields.forEach(function (f) {
      if (f.boost <= 0) { return; }
      qt.byChain[f.chain].forEach(function (w, term) {
        var list = self.list(f.name, term);
        if (list.size === 0) { return; }
        var weight = f32(f32(f.boost * w) * f32(idf(f.docCount, list.size)));
        list.score(weight, f.cache, self.normTables[f.name], scores, once);
      });
    });
    var k = Math.max(top, this.m.minRanked);
    var best = [];
    for (var d = 0; d < n; d++) {
      if (scores[d] === 0) { continue; }
      var sc = f32(scores[d]);
      scores[d] = 0;
      var last = best.length - 1;
      if (best.length === k && (sc < best[last].score || (sc === best[last].score && d > best[last].doc))) {
        continue;
      }
      var at = best.length;
      while (at > 0 && (best[at - 1].score < sc || (best[at - 1].score === sc && best[at - 1].doc > d))) { at--; }
      best.splice(at, 0, { doc: d, score: sc });
      if (best.length > k) { best.pop(); }
    }
    var hits = best;
    var invoked = this.invocation.find(qt.text);
    if (invoked >= 0) {
      var first = { doc: invoked, score: 0 };
      hits = hits.filter(function (h) {
        if (h.doc === invoked) { first = h; return false; }
        return true;
      });
      hits.unshift(first);
    }
    hits.invoked = invoked;
    return hits;
  };

  /** Confidence and abstention, once the hits' doc chunks are loaded. */
  Engine.prototype.decide = function (qt, hits, top) {
    var invoked = hits.invoked;
    if (hits.length === 0) {
      return { query: qt, abstained: true, ambiguous: false, invoked: false, confidence: 0, hits: [] };
    }
    var c = this.m.confidence;
    var feat = this.features(qt, hits);
    var lexical = feat.words === 0 ? 0 : Math.min(1 / (1 + Math.exp(-feat.z)), feat.evidenceCap);
    var conf = invoked >= 0 ? 1 : lexical;
    var abstained = conf < c.threshold;
    var best = Math.max(hits[0].score, hits.length > 1 ? hits[1].score : 0);
    return {
      query: qt,
      abstained: abstained,
      ambiguous: !abstained && invoked < 0 && feat.margin < c.ambiguousMargin,
      invoked: invoked >= 0,
      confidence: conf,
      features: feat,
      hits: hits.slice(0, top).map(function (h, i) {
        return { doc: h.doc, score: h.score, confidence: i === 0 ? conf : lexical * h.score / best };
      })
    };
  };

  function isCjkBigram(t) {
    var cps = Array.from(t);
    return cps.length === 2 && cps.every(function (ch) { return isCjk(ch.codePointAt(0)); });
  }

  /** dev.skillsite.routing.Confidence#features. */
  Engine.prototype.features = function (qt, hits) {
    var self = this;
    var c = this.m.confidence;
    var topDoc = hits[0].doc;
    var n = this.m.n + c.priorSkills;
    var total = 0, known = 0, explained = 0, matched = 0, excluded = 0, words = 0;
    var bgTotal = 0, bgKnown = 0, bgExplained = 0, rarestMissing = 0, evidence = 0;
    var maxBg = Math.log(1 + this.m.background);
    // the query names the top skill itself: its "Not for" clauses do not count (Confidence#namesSkill)
    var namesTop = qt.words.some(function (t) {
      return !isCjkBigram(t) && self.backgroundIdf(t) / maxBg >= c.nameLiftsVeto && self.contains("name", t, topDoc);
    });
    qt.words.forEach(function (t) {
      var df = self.docFreq(t);
      var cjk = isCjkBigram(t);
      if (df === 0 && cjk) { return; }
      words++;
      var only = df > 0 && self.onlyExcluded(t); // named only in "Not for …" clauses (Confidence#features)
      var seen = only ? 0 : df;
      var w = idf(n, seen);
      var b = cjk ? w : self.backgroundIdf(t);
      total += w;
      bgTotal += b;
      if (seen === 0) {
        if (only && !namesTop && self.contains("not_for", t, topDoc)) { excluded += w; } else { rarestMissing = Math.max(rarestMissing, b); }
        return;
      }
      known += w;
      bgKnown += b;
      var e = cjk ? maxBg : b; // as evidence, a pair counts as specific (Confidence#features)
      var surface = c.surface.some(function (f) { return self.contains(f, t, topDoc); });
      if (surface) {
        explained += w;
        bgExplained += b;
        evidence += e;
        matched++;
      } else {
        if (!namesTop && self.contains("not_for", t, topDoc)) { excluded += w; }
        if (self.contains("body", t, topDoc)) {
          explained += c.bodyCredit * w;
          bgExplained += c.bodyCredit * b;
          evidence += c.bodyCredit * e;
          matched++;
        } else {
          rarestMissing = Math.max(rarestMissing, b);
        }
      }
    });
    var topName = this.nameOf(topDoc);
    var s1 = hits[0].score;
    var margin = this.distinctNames > 1 ? 1 : c.neutralMargin;
    for (var i = 1; i < hits.length; i++) {
      if (this.nameOf(hits[i].doc) !== topName) {
        margin = s1 <= 0 ? 0 : (s1 - hits[i].score) / s1;
        break;
      }
    }
    var fz;
    if (words === 0 || total <= 0) {
      fz = { matched: 0, known: 0, explained: 0, margin: margin, excluded: 0, bgKnown: 0, bgExplained: 0,
        rarestMissing: 0, evidence: 0 };
    } else {
      fz = {
        matched: matched / words, known: known / total, explained: known <= 0 ? 0 : explained / known,
        margin: margin, excluded: excluded / total, bgKnown: bgKnown / bgTotal, bgExplained: bgExplained / bgTotal,
        rarestMissing: rarestMissing / maxBg,
        evidence: evidence / maxBg
      };
    }
    fz.evidenceCap = 1 / (1 + Math.exp(-c.evidenceSlope * (fz.evidence - c.minEvidence)));
    var wt = c.weights;
    fz.z = wt.matched * fz.matched + wt.known * fz.known + wt.explained * fz.explained + wt.margin * fz.margin
      + wt.bgKnown * fz.bgKnown + wt.bgExplained * fz.bgExplained + wt.rarestMissing * fz.rarestMissing
      - wt.excluded * fz.excluded + c.bias;
    fz.words = words;
    return fz;
  };

  /**
   * The display data of a document: {id, name, url, description, clauses}. The description (its one-sentence
   * summary) and clauses (the full description's sentences) come with the document's phrase chunk (loaded by
   * withMatched for the hits shown); "" and [] before that.
   */
  Engine.prototype.skill = function (doc) {
    var s = this.entryOf(doc);
    var page = this.m.skillPage;
    var chunk = this.docChunks.get(Math.floor(doc / this.m.docChunk));
    return { id: s[0], name: skillName(s), url: s.length > 2 ? s[2] : page[0] + s[0] + page[1],
      description: chunk ? chunk[doc % this.m.docChunk][3] : "",
      clauses: chunk ? chunk[doc % this.m.docChunk][5] || [] : [] };
  };

  /**
   * Loads the phrase data of the hits, then adds to each its matched phrase ({field, text}) when one matches,
   * and to the result the top hit's "Not for" clauses that the query ran into (notFor, Router#excludingClauses).
   */
  Engine.prototype.withMatched = function (result) {
    var self = this;
    var per = this.m.docChunk;
    var ids = Array.from(new Set(result.hits.map(function (h) { return Math.floor(h.doc / per); })));
    return this.ensure("d", ids).then(function () {
      result.hits.forEach(function (h, i) {
        h.matched = i === 0 && result.invoked ? { field: "name", text: self.nameOf(h.doc) }
          : self.matched(result.query, h.doc);
      });
      result.notFor = result.hits.length && !result.invoked && result.features.excluded > 0
        ? self.excludingClauses(result.query, result.hits[0].doc) : [];
      return result;
    });
  };

  /** The "Not for" clauses of doc that hold a query word its other text does not use (Router#excludingClauses). */
  Engine.prototype.excludingClauses = function (qt, doc) {
    var self = this;
    var surface = this.m.confidence.surface;
    var clauses = this.docChunks.get(Math.floor(doc / this.m.docChunk))[doc % this.m.docChunk][4] || [];
    return clauses.filter(function (clause) {
      return self.analyzer.terms("stemmed", clause).some(function (t) {
        return qt.words.indexOf(t) >= 0 && !surface.some(function (f) { return self.contains(f, t, doc); });
      });
    });
  };

  /**
   * What a hit shows besides its rank (display only, never used to rank): the specificity of the query words
   * it holds, computed as Confidence#features computes the top hit's (a word in a surface field counts whole,
   * one only in the body counts bodyCredit), and which query words it holds where. {@code evidenced} is
   * whether that reaches the evidence the confidence itself asks for (minEvidence): the same bar, per hit.
   */
  Engine.prototype.evidence = function (qt, doc) {
    var self = this;
    var c = this.m.confidence;
    var maxBg = Math.log(1 + this.m.background);
    var sum = 0;
    var surface = [];
    var body = [];
    qt.words.forEach(function (t) {
      var df = self.docFreq(t);
      var cjk = isCjkBigram(t);
      if (df === 0 || self.onlyExcluded(t)) { return; }
      var e = cjk ? maxBg : self.backgroundIdf(t);
      if (c.surface.some(function (f) { return self.contains(f, t, doc); })) {
        sum += e;
        surface.push(t);
      } else if (self.contains("body", t, doc)) {
        sum += c.bodyCredit * e;
        body.push(t);
      }
    });
    var evidence = sum / maxBg;
    return { evidence: evidence, evidenced: evidence >= c.minEvidence, surface: surface, body: body };
  };

  /** A skill's phrases, keywords, name and headings with their analyzed words (Matched#candidates), kept. */
  Engine.prototype.candidates = function (doc) {
    var cached = this.candidateCache.get(doc);
    if (cached) { return cached; }
    var self = this;
    var data = this.docChunks.get(Math.floor(doc / this.m.docChunk))[doc % this.m.docChunk];
    var out = [];
    var add = function (field, texts) {
      texts.forEach(function (t) {
        var terms = self.analyzer.terms("stemmed", t.replace(/[-_]/g, " "));
        if (terms.length > 0) { out.push({ field: field, text: t, terms: terms }); }
      });
    };
    add("phrase", data[0]);
    add("keyword", data[1]);
    add("name", [this.nameOf(doc)]);
    add("heading", data[2]);
    this.candidateCache.set(doc, out);
    return out;
  };

  /** dev.skillsite.routing.Matched#best: the candidate sharing the rarest query words, short ones first. */
  Engine.prototype.matched = function (qt, doc) {
    var self = this;
    var query = new Set(qt.words);
    var best = null;
    var bestScore = 0;
    var n = this.m.n;
    this.candidates(doc).forEach(function (cand) {
      var hit = 0, inQuery = 0;
      cand.terms.forEach(function (t) {
        if (query.has(t)) {
          hit += idf(n, Math.max(1, self.docFreq(t)));
          inQuery++;
        }
      });
      var score = hit * (0.5 + 0.5 * inQuery / cand.terms.length);
      if (score > bestScore) {
        bestScore = score;
        best = { field: cand.field, text: cand.text };
      }
    });
    return best;
  };

  // ---------------------------------------------------------------- browser registration

  var engine = null;
  var refused = null;
  var manifestWaiters = [];
  /** The manifest format this engine reads (SearchIndexWriter.FORMAT). */
  var FORMAT = 3;

  /**
   * Whether a chunk file running now is the engine's: not when its script was asked for by another manifest's
   * tag (?g=): a page that outlived a deploy read the manifest again while an older query's chunk was on its way,
   * and that chunk may be either export's.
   */
  function mine() {
    var s = typeof document === "object" && document.currentScript;
    var g = s && /[?&]g=(\w+)/.exec(s.src);
    return engine && (!g || g[1] === engine.m.tag);
  }

  return {
    Analyzer: Analyzer,
    Engine: Engine,
    FORMAT: FORMAT,
    chunkOf: chunkOf,
    expandSynonyms: expandSynonyms,
    porter: porter,
    minimalStem: minimalStem,
    /**
     * search/manifest.js calls this. A manifest of another format (a site deployed since this engine was
     * loaded, or an engine a cache kept) is refused, never misread: the waiters get an error that asks for a
     * reload, and the console says which formats met.
     */
    manifest: function (m) {
      refused = null;
      engine = null;
      if (m.version !== FORMAT) {
        console.error("skillsite search: search/manifest.js has format " + m.version + ", this page's engine reads "
          + FORMAT + "; the site changed since the page was loaded: reload it");
        refused = new Error("the site was updated; reload the page");
      } else {
        engine = new Engine(m, this.loader);
      }
      manifestWaiters.splice(0).forEach(function (w) { if (engine) { w[0](engine); } else { w[1](refused); } });
    },
    terms: function (id, data) { if (mine()) { engine.addTerms(id, data); } },
    docs: function (id, data, skills) { if (mine()) { engine.addDocs(id, data, skills); } },
    names: function (id, data) { if (mine()) { engine.addNames(id, data); } },
    /** Set by the page before the manifest loads: (kind, id, the manifest's tag) → promise. */
    loader: null,
    /** Set by search/tag.js: the tag of the export deployed now (search.js reads it fresh). */
    tag: null,
    /** A promise of the engine once the manifest has registered. */
    whenReady: function () {
      return engine ? Promise.resolve(engine) : refused ? Promise.reject(refused)
        : new Promise(function (r, j) { manifestWaiters.push([r, j]); });
    }
  };
});
