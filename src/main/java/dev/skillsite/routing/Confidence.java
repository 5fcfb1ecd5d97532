package dev.skillsite.routing;

import java.util.List;
import org.apache.lucene.search.ScoreDoc;

/**
 * Decides whether the top skill should fire. Raw BM25 scores are not comparable across queries (an
 * off-topic request can outscore an on-topic one), so confidence combines scale-free signals about
 * the top skill {@code d} and the query's distinct analyzed words {@code t} (after stop words and
 * stemming):
 *
 * <pre>
 *   idf(t)    = ln(1 + (N + PRIOR_SKILLS − df(t) + 0.5) / (df(t) + 0.5))
 *               N skills on BM25's grid ({@link Bm25#documentCount}); df over name/description/triggers/headings/body
 *   bg(t)     = ln(1 + (B − bdf(t) + 0.5) / (bdf(t) + 0.5))     rarity among skills in general ({@link Background}:
 *               B ≈ 1,200 public skills, bdf = how many use t, at least 1); for a pair of Chinese/Japanese/
 *               Korean characters bg(t) = idf(t), since the background text is mostly English
 *   matched   = share of the query's words found anywhere in d
 *   known     = Σ_{df(t)>0} idf(t) / Σ_t idf(t)                  how much of the query the collection speaks about at all
 *   explained = Σ_{df(t)>0} idf(t)·m(t) / Σ_{df(t)>0} idf(t)     m = 1 in d's name/description/triggers/headings,
 *                                                                 BODY_CREDIT in its body only, else 0
 *   bgKnown   = Σ_{df(t)>0} bg(t) / Σ_t bg(t)                    as known, weighted by background rarity
 *   bgExplained = Σ_t bg(t)·m(t) / Σ_t bg(t)                     as explained, over all query words
 *   rarestMissing = max bg(t) over words not in d / ln(1 + B)    the most specific word d does not use
 *   margin    = (score(d) − score(next skill with another name)) / score(d); 1 when no other skill matched,
 *               NEUTRAL_MARGIN when the collection has no other skill name
 *   excluded  = Σ idf(t) over words in d's "Not for …" clauses and not in its name/description/triggers
 *               / Σ_t idf(t)
 *   (a word that skills name only in "Not for …" clauses counts as one no skill uses, df(t) = 0: a
 *   collection that says it is not for Sidekiq does not speak about Sidekiq; in d's own clauses it is excluded.
 *   excluded is 0 when the query also names d itself: a word of d's name at least NAME_LIFTS_VETO specific,
 *   bg(t) / ln(1 + B), as "oban" in oban-thinking: "move our Sidekiq jobs to Oban" is for d)
 *   evidence  = Σ_t bg(t)·m(t) / ln(1 + B)                      how much specific wording of d the query uses, in
 *               absolute terms: every other signal is a share, and a share is 1 for "thanks", "fix it" or "what
 *               time is it", whose one or two words some skill happens to use; here a Chinese/Japanese/Korean
 *               pair counts ln(1 + B), since the background cannot say how common it is
 *   z = W_MATCHED·matched + W_KNOWN·known + W_EXPLAINED·explained + W_MARGIN·margin + W_BG_KNOWN·bgKnown
 *       + W_BG_EXPLAINED·bgExplained + W_RAREST_MISSING·rarestMissing − W_EXCLUDED·excluded + BIAS
 *   confidence = min(1 / (1 + e^−z), 1 / (1 + e^−EVIDENCE_SLOPE·(evidence − MIN_EVIDENCE)))
 * </pre>
 *
 * The second term is a cap, not a fitted weight: below {@link #MIN_EVIDENCE} a request says too
 * little to fire any skill at the default threshold, whatever the shares say. (As a weight in z it
 * was tried and moved the other weights; see BENCHMARKS.md.)
 *
 * <p>The collection's own idf says little when it has six skills (every word is "rare"); the
 * background idf does not depend on the collection's size. The weights were fitted by logistic
 * regression on the development query sets of three collections of very different sizes (6, 14 and
 * 883 skills), checked by leaving each collection out in turn, and the threshold chosen so that the
 * false-trigger rate of the largest stays at or under 0.10; see BENCHMARKS.md, "Routing quality".
 *
 * <p>Query words are the distinct analyzed terms, except pairs of Chinese/Japanese/Korean
 * characters that no skill uses: {@link CjkBigramFilter} makes a pair for every two neighbouring
 * characters, so most of those cut across words and say nothing about the topic.
 *
 * @param threshold the skill fires when {@code confidence >= threshold}
 */
public record Confidence(double threshold) {
  public static final double W_MATCHED = 1.6;
  public static final double W_KNOWN = 1.7;
  public static final double W_EXPLAINED = 2.9;
  public static final double W_MARGIN = 1.7;
  public static final double W_BG_KNOWN = 2.7;
  public static final double W_BG_EXPLAINED = 3.7;
  public static final double W_RAREST_MISSING = 2.1;
  public static final double BIAS = -8.0;

  /** Set by hand (the development sets have too few such requests to fit it): a strong veto. */
  public static final double W_EXCLUDED = 24.0;

  /**
   * How specific (background rarity over its maximum) a word of the top skill's name must be for a
   * query that uses it to lift the "Not for" veto: "oban" (0.82), "phoenix" (0.72), "vercel" (0.55)
   * name a skill's own subject; "deploy" (0.24) or "thinking" (0.30) do not. Set by hand, like the
   * veto; no shared set has such requests.
   */
  public static final double NAME_LIFTS_VETO = 0.5;

  /**
   * Virtual skills added to N in idf, so that tiny collections do not make every word look rare or
   * unique.
   */
  public static final int PRIOR_SKILLS = 20;

  /**
   * The margin when the collection has one skill name only: there is no rival, so the margin should
   * say nothing either way. It is about halfway (0.335, rounded) between the mean margin of correct
   * positives (0.44) and of negatives (0.23) over the development sets, where the feature stops
   * favouring either side (it was 0.5, which counted "no rival" as evidence for firing;
   * single-skill trigger evals 0.851 → 0.857 overall, the development sets unchanged: each has
   * rivals).
   */
  public static final double NEUTRAL_MARGIN = 0.35;

  public static final double BODY_CREDIT = 0.5;

  /**
   * The evidence at which the cap is one half. A word used by one public skill in ten (bg ≈ 2.3) in
   * d's surface is 0.33; one in d's body counts half. Set below every development and own held-out
   * positive the router gets right (the lowest is 0.43) and above most small talk: see
   * BENCHMARKS.md, "Small talk".
   */
  public static final double MIN_EVIDENCE = 0.35;

  /**
   * How steeply the cap rises: at the default threshold it is a gate at MIN_EVIDENCE; at 0.8 it
   * asks 0.42.
   */
  public static final double EVIDENCE_SLOPE = 20;

  /** The calibrated setting: fires when z ≥ 0 and evidence ≥ MIN_EVIDENCE. */
  public static final Confidence DEFAULT = new Confidence(0.5);

  /**
   * Below this relative gap between the first and second distinct skill, the result is "ambiguous".
   */
  public static final double AMBIGUOUS_MARGIN = 0.10;

  /** The fields whose words fully explain a query word (the body counts {@link #BODY_CREDIT}). */
  public static final List<String> SURFACE =
      List.of(Fields.NAME, Fields.PHRASE, Fields.KEYWORD, Fields.DESCRIPTION, Fields.HEADING);

  /** What confidence is computed from (see the class comment). */
  public record Features(
      double matched,
      double known,
      double explained,
      double margin,
      double excluded,
      double bgKnown,
      double bgExplained,
      double rarestMissing,
      double evidence,
      double topScore,
      int words) {
    public static final Features NONE = new Features(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double z() {
      return W_MATCHED * matched
          + W_KNOWN * known
          + W_EXPLAINED * explained
          + W_MARGIN * margin
          + W_BG_KNOWN * bgKnown
          + W_BG_EXPLAINED * bgExplained
          + W_RAREST_MISSING * rarestMissing
          - W_EXCLUDED * excluded
          + BIAS;
    }

    /** The most confidence the request's {@link #evidence} allows, whatever {@link #z} says. */
    public double evidenceCap() {
      return sigmoid(EVIDENCE_SLOPE * (evidence - MIN_EVIDENCE));
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static boolean isCjkBigram(String t) {
    return t.codePointCount(0, t.length()) == 2 && t.codePoints().allMatch(CjkBigramFilter::isCjk);
  }

  /**
   * Whether every skill that uses {@code t} uses it only in a "Not for …" clause (no body uses it,
   * and no more skills hold it in their surface text, which includes those clauses, than in the
   * clauses).
   */
  static boolean onlyExcluded(HitTerms ht, String t) {
    return ht.docFreq(Fields.BODY, t) == 0
        && ht.docFreq(Fields.ALL, t) <= ht.docFreq(Fields.NOT_FOR, t);
  }

  /**
   * Whether the query uses a word of {@code doc}'s name that is at least {@link #NAME_LIFTS_VETO}
   * specific.
   */
  static boolean namesSkill(HitTerms ht, QueryTerms qt, int doc, Background bg) {
    for (String t : qt.words()) {
      if (!isCjkBigram(t)
          && bg.idf(t) / bg.maxIdf() >= NAME_LIFTS_VETO
          && ht.contains(Fields.NAME, t, doc)) {
        return true;
      }
    }
    return false;
  }

  public Confidence withThreshold(double t) {
    return new Confidence(t);
  }

  public double score(Features f) {
    return f.words() == 0 ? 0 : Math.min(sigmoid(f.z()), f.evidenceCap());
  }

  Features features(RoutingSource index, HitTerms ht, QueryTerms qt, ScoreDoc[] hits) {
    int top = hits[0].doc;
    long n = Bm25.documentCount(index.size()) + PRIOR_SKILLS;
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
    boolean namesTop = namesSkill(ht, qt, top, bg);
    for (String t : qt.words()) {
      int df = ht.docFreq(t);
      if (df == 0 && isCjkBigram(t)) {
        continue; // overlapping pairs cut across words: one the collection never uses is no
        // evidence
      }
      words++;
      // a word the collection names only to say what it is not for is no sign that it speaks about
      // it
      boolean onlyExcluded = df > 0 && onlyExcluded(ht, t);
      int seen = onlyExcluded ? 0 : df;
      double w = Idf.exact(n, seen);
      double b =
          isCjkBigram(t)
              ? w
              : bg.idf(t); // the background is mostly English: pairs fall back to idf
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
      // how specific a pair of Chinese/Japanese/Korean characters is, the English background cannot
      // say: as
      // evidence it counts as specific (a collection's idf would make seven copies of one skill
      // look generic)
      double e = isCjkBigram(t) ? bg.maxIdf() : b;
      if (SURFACE.stream().anyMatch(f -> ht.contains(f, t, top))) {
        explained += w;
        bgExplained += b;
        evidence += e;
        matched++;
      } else {
        if (!namesTop && ht.contains(Fields.NOT_FOR, t, top)) {
          excluded += w;
        }
        if (ht.contains(Fields.BODY, t, top)) {
          explained += BODY_CREDIT * w;
          bgExplained += BODY_CREDIT * b;
          evidence += BODY_CREDIT * e;
          matched++;
        } else {
          rarestMissing = Math.max(rarestMissing, b);
        }
      }
    }
    String topName = index.skill(top).name();
    double s1 = hits[0].score;
    double margin = index.distinctNames() > 1 ? 1 : NEUTRAL_MARGIN;
    for (int i = 1; i < hits.length; i++) {
      if (!index.skill(hits[i].doc).name().equals(topName)) {
        margin = s1 <= 0 ? 0 : (s1 - hits[i].score) / s1;
        break;
      }
    }
    if (words == 0 || total <= 0) {
      return new Features(0, 0, 0, margin, 0, 0, 0, 0, 0, s1, words);
    }
    return new Features(
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
}
