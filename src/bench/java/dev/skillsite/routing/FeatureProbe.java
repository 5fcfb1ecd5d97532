package dev.skillsite.routing;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Candidate confidence features beyond the shipped ones, computed for the top skill the way {@link
 * Confidence} computes its own (for measuring in {@link LeaveOneSetOutBench}; nothing here is
 * shipped).
 */
final class FeatureProbe {
  static final List<String> NAMES =
      List.of(
          "descEvidence",
          "bodyOnlyShare",
          "cjkShare",
          "cjkUnknownShare",
          "coverageAll",
          "rarestUnknown",
          "rarestNotInTop",
          "bgUnknownMass",
          "singleName",
          "logSkills",
          "nameWord",
          "surfaceShare",
          "evidence");

  private final RoutingIndex index;
  private final Synonyms synonyms = new Synonyms();

  FeatureProbe(RoutingIndex index) {
    this.index = index;
  }

  private static boolean cjk(String t) {
    return t.codePointCount(0, t.length()) == 2 && t.codePoints().allMatch(CjkBigramFilter::isCjk);
  }

  /** Knobs of {@link #shippedLike}: what differs from {@link Confidence#features}. */
  record Knobs(boolean collectionIdfForUnseen) {
    static final Knobs SHIPPED = new Knobs(false);
  }

  /**
   * {@link Confidence#features} re-computed with {@code k}; with {@link Knobs#SHIPPED} it is the
   * same (checked by the harness). {@code collectionIdfForUnseen}: a word the background list does
   * not hold (fewer than 3 public skills use it, or it is not English) takes the collection's idf,
   * as a Chinese/Japanese/Korean pair does.
   */
  Confidence.Features shippedLike(String query, Knobs k) throws IOException {
    QueryTerms qt = QueryTerms.of(query, index.terms(), synonyms, Fields.SEARCHED);
    ScoreDoc[] sd = search(qt);
    if (sd.length == 0) {
      return Confidence.Features.NONE;
    }
    HitTerms ht = new HitTerms(index, Arrays.stream(sd).mapToInt(h -> h.doc).toArray());
    int top = sd[0].doc;
    int n = index.size() + Confidence.PRIOR_SKILLS;
    double total = 0;
    double known = 0;
    double explained = 0;
    int matched = 0;
    double excluded = 0;
    int words = 0;
    Background bg = index.background();
    double bgTotal = 0;
    double bgKnown = 0;
    double bgExplained = 0;
    double rarestMissing = 0;
    double evidence = 0;
    boolean namesTop = Confidence.namesSkill(ht, qt, top, bg);
    for (String t : qt.words()) {
      int df = ht.docFreq(t);
      if (df == 0 && cjk(t)) {
        continue;
      }
      words++;
      boolean onlyExcluded = df > 0 && Confidence.onlyExcluded(ht, t);
      int seen = onlyExcluded ? 0 : df;
      double w = Idf.of(n, seen);
      boolean fallback = cjk(t) || (k.collectionIdfForUnseen() && bg.df(t) == 0 && seen > 0);
      double b = fallback ? w : bg.idf(t);
      total += w;
      bgTotal += b;
      if (seen == 0) {
        if (onlyExcluded && !namesTop && ht.contains(Fields.NOT_FOR, t, top)) {
          excluded += w;
        } else {
          rarestMissing = Math.max(rarestMissing, b);
        }
        continue;
      }
      known += w;
      bgKnown += b;
      double e = cjk(t) ? bg.maxIdf() : b;
      if (Confidence.SURFACE.stream().anyMatch(f -> ht.contains(f, t, top))) {
        explained += w;
        bgExplained += b;
        evidence += e;
        matched++;
      } else {
        if (!namesTop && ht.contains(Fields.NOT_FOR, t, top)) {
          excluded += w;
        }
        if (ht.contains(Fields.BODY, t, top)) {
          explained += Confidence.BODY_CREDIT * w;
          bgExplained += Confidence.BODY_CREDIT * b;
          evidence += Confidence.BODY_CREDIT * e;
          matched++;
        } else {
          rarestMissing = Math.max(rarestMissing, b);
        }
      }
    }
    String topName = index.skill(top).name();
    double s1 = sd[0].score;
    double margin = index.distinctNames() > 1 ? 1 : Confidence.NEUTRAL_MARGIN;
    for (int i = 1; i < sd.length; i++) {
      if (!index.skill(sd[i].doc).name().equals(topName)) {
        margin = s1 <= 0 ? 0 : (s1 - sd[i].score) / s1;
        break;
      }
    }
    if (words == 0 || total <= 0) {
      return new Confidence.Features(0, 0, 0, margin, 0, 0, 0, 0, 0, s1, words);
    }
    return new Confidence.Features(
        (double) matched / words,
        known / total,
        known <= 0 ? 0 : explained / known,
        margin,
        excluded / total,
        bgKnown / bgTotal,
        bgExplained / bgTotal,
        rarestMissing / bg.maxIdf(),
        evidence / bg.maxIdf(),
        s1,
        words);
  }

  private ScoreDoc[] search(QueryTerms qt) throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Fields.Weighted f : Fields.SEARCHED) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        b.add(
            new BoostQuery(
                new TermQuery(new Term(f.field(), e.getKey())), f.boost() * e.getValue()),
            BooleanClause.Occur.SHOULD);
      }
    }
    return index.searcher().search(b.build(), Router.MIN_RANKED).scoreDocs;
  }

  Map<String, Double> features(String query, Confidence.Features shipped) throws IOException {
    QueryTerms qt = QueryTerms.of(query, index.terms(), synonyms, Fields.SEARCHED);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Fields.Weighted f : Fields.SEARCHED) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        b.add(
            new BoostQuery(
                new TermQuery(new Term(f.field(), e.getKey())), f.boost() * e.getValue()),
            BooleanClause.Occur.SHOULD);
      }
    }
    ScoreDoc[] sd = index.searcher().search(b.build(), Router.MIN_RANKED).scoreDocs;
    Map<String, Double> out = new LinkedHashMap<>();
    NAMES.forEach(n -> out.put(n, 0.0));
    out.put("singleName", index.distinctNames() > 1 ? 0.0 : 1.0);
    out.put("logSkills", Math.log(1 + index.size()) / Math.log(1000));
    out.put("evidence", shipped.evidence());
    if (sd.length == 0) {
      return out;
    }
    int top = sd[0].doc;
    HitTerms ht = new HitTerms(index, Arrays.stream(sd).mapToInt(h -> h.doc).toArray());
    Background bg = index.background();
    double max = bg.maxIdf();
    int n = index.size() + Confidence.PRIOR_SKILLS;
    double desc = 0;
    double bodyOnly = 0;
    double surface = 0;
    double bgTotal = 0;
    int cjkAll = 0;
    int cjkUnknown = 0;
    int all = 0;
    int inTop = 0;
    double rarestUnknown = 0;
    double rarestNotInTop = 0;
    double unknownMass = 0;
    boolean nameWord = false;
    for (String t : qt.words()) {
      boolean pair = cjk(t);
      int df = ht.docFreq(t);
      boolean onlyExcluded = df > 0 && Confidence.onlyExcluded(ht, t);
      int seen = onlyExcluded ? 0 : df;
      all++;
      if (pair) {
        cjkAll++;
        cjkUnknown += seen == 0 ? 1 : 0;
      }
      double w = bg.idf(t);
      double bgw = pair ? (seen == 0 ? max : Idf.of(n, seen)) : w;
      boolean inSurface = Confidence.SURFACE.stream().anyMatch(f -> ht.contains(f, t, top));
      boolean inBody = ht.contains(Fields.BODY, t, top);
      if (pair && seen == 0) {
        continue;
      }
      bgTotal += bgw;
      if (inSurface || inBody) {
        inTop++;
      }
      if (ht.contains(Fields.NAME, t, top)) {
        nameWord = true;
      }
      double e = pair ? max : bgw;
      if (ht.contains(Fields.NAME, t, top)
          || ht.contains(Fields.DESCRIPTION, t, top)
          || ht.contains(Fields.PHRASE, t, top)
          || ht.contains(Fields.KEYWORD, t, top)) {
        desc += e;
      }
      if (inSurface) {
        surface += bgw;
      } else if (inBody) {
        bodyOnly += bgw;
      }
      if (seen == 0) {
        rarestUnknown = Math.max(rarestUnknown, bgw);
        unknownMass += bgw;
      } else if (!inSurface && !inBody) {
        rarestNotInTop = Math.max(rarestNotInTop, bgw);
      }
    }
    out.put("descEvidence", desc / max);
    out.put("bodyOnlyShare", bgTotal == 0 ? 0 : bodyOnly / bgTotal);
    out.put("surfaceShare", bgTotal == 0 ? 0 : surface / bgTotal);
    out.put("cjkShare", all == 0 ? 0 : (double) cjkAll / all);
    out.put("cjkUnknownShare", cjkAll == 0 ? 0 : (double) cjkUnknown / cjkAll);
    out.put("coverageAll", all == 0 ? 0 : (double) inTop / all);
    out.put("rarestUnknown", rarestUnknown / max);
    out.put("rarestNotInTop", rarestNotInTop / max);
    out.put("bgUnknownMass", Math.min(unknownMass / max, 3));
    out.put("nameWord", nameWord ? 1.0 : 0.0);
    return out;
  }
}
