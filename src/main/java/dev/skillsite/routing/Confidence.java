package dev.skillsite.routing;

import java.util.List;
import org.apache.lucene.search.ScoreDoc;

/**
 * Decides whether the top skill should fire. Raw BM25 scores are not comparable across queries (an
 * off-topic request can outscore an on-topic one), so confidence combines four scale-free signals about
 * the top skill {@code d} and the query's distinct analyzed words {@code t} (after stop words and stemming):
 *
 * <pre>
 *   idf(t)    = ln(1 + (N + PRIOR_SKILLS − df(t) + 0.5) / (df(t) + 0.5))
 *               N skills; df over name/description/triggers/headings/body
 *   matched   = share of the query's words found anywhere in d
 *   known     = Σ_{df(t)>0} idf(t) / Σ_t idf(t)                  how much of the query the collection speaks about at all
 *   explained = Σ_{df(t)>0} idf(t)·m(t) / Σ_{df(t)>0} idf(t)     m = 1 in d's name/description/triggers/headings,
 *                                                                 BODY_CREDIT in its body only, else 0
 *   margin    = (score(d) − score(next skill with another name)) / score(d); 1 when no other skill matched,
 *               NEUTRAL_MARGIN when the collection has no other skill name
 *   excluded  = Σ idf(t) over words in d's "Not for …" clauses and not in its name/description/triggers
 *               / Σ_t idf(t)
 *   z = W_MATCHED·matched + W_KNOWN·known + W_EXPLAINED·explained + W_MARGIN·margin − W_EXCLUDED·excluded + BIAS
 *   confidence = 1 / (1 + e^−z)
 * </pre>
 *
 * The weights were fitted once by logistic regression on the development query sets of three
 * collections of very different sizes (6, 14 and 883 skills), and the threshold chosen so that the
 * false-trigger rate stays at or under 0.10; see BENCHMARKS.md, "Routing quality".
 *
 * <p>Query words are the distinct analyzed terms, except pairs of Chinese/Japanese/Korean characters
 * that no skill uses: {@link CjkBigramFilter} makes a pair for every two neighbouring characters, so most of
 * those cut across words and say nothing about the topic.
 *
 * @param threshold the skill fires when {@code confidence >= threshold}
 */
public record Confidence(double threshold) {
  public static final double W_MATCHED = 1.6;
  public static final double W_KNOWN = 5.9;
  public static final double W_EXPLAINED = 3.2;
  public static final double W_MARGIN = 2.8;
  public static final double BIAS = -6.0;
  /** Set by hand (the development sets have too few such requests to fit it): a strong veto. */
  public static final double W_EXCLUDED = 24.0;
  /** Virtual skills added to N in idf, so that tiny collections do not make every word look rare or unique. */
  public static final int PRIOR_SKILLS = 20;
  /** The margin when the collection has one skill name only: nothing to be separated from. */
  public static final double NEUTRAL_MARGIN = 0.5;
  public static final double BODY_CREDIT = 0.5;
  /** The calibrated setting: z ≥ 1. */
  public static final Confidence DEFAULT = new Confidence(0.73);
  /** Below this relative gap between the first and second distinct skill, the result is "ambiguous". */
  public static final double AMBIGUOUS_MARGIN = 0.10;

  private static final List<String> SURFACE =
      List.of(Fields.NAME, Fields.PHRASE, Fields.KEYWORD, Fields.DESCRIPTION, Fields.HEADING);

  /** What confidence is computed from (see the class comment). */
  public record Features(
      double matched, double known, double explained, double margin, double excluded, double topScore, int words) {
    public static final Features NONE = new Features(0, 0, 0, 0, 0, 0, 0);

    public double z() {
      return W_MATCHED * matched + W_KNOWN * known + W_EXPLAINED * explained + W_MARGIN * margin
          - W_EXCLUDED * excluded + BIAS;
    }
  }

  private static boolean isCjkBigram(String t) {
    return t.codePointCount(0, t.length()) == 2 && t.codePoints().allMatch(CjkBigramFilter::isCjk);
  }

  public Confidence withThreshold(double t) {
    return new Confidence(t);
  }

  public double score(Features f) {
    return f.words() == 0 ? 0 : 1 / (1 + Math.exp(-f.z()));
  }

  Features features(RoutingIndex index, HitTerms ht, QueryTerms qt, ScoreDoc[] hits) {
    int top = hits[0].doc;
    int n = index.size() + PRIOR_SKILLS;
    double total = 0;
    double known = 0;
    double explained = 0;
    int matched = 0;
    double excluded = 0;
    int words = 0;
    for (String t : qt.words()) {
      int df = ht.docFreq(t);
      if (df == 0 && isCjkBigram(t)) {
        continue; // overlapping pairs cut across words: one the collection never uses is no evidence
      }
      words++;
      double w = Idf.of(n, df);
      total += w;
      if (df == 0) {
        continue;
      }
      known += w;
      if (SURFACE.stream().anyMatch(f -> ht.contains(f, t, top))) {
        explained += w;
        matched++;
      } else {
        if (ht.contains(Fields.NOT_FOR, t, top)) {
          excluded += w;
        }
        if (ht.contains(Fields.BODY, t, top)) {
          explained += BODY_CREDIT * w;
          matched++;
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
      return new Features(0, 0, 0, margin, 0, s1, words);
    }
    return new Features((double) matched / words, known / total, known <= 0 ? 0 : explained / known, margin,
        excluded / total, s1, words);
  }
}
