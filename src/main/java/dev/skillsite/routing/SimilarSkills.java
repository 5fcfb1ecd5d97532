package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "More like this" over the routing index: the source skill's most distinctive words (√tf over its
 * name, description, triggers and headings × idf × (1 + ln(1 + tf in its body))) become a weighted
 * BM25 query on the surface ({@link Fields#ALL}) and, weakly, the body of other skills, scored in
 * memory from {@link TermStats} (a sparse dot product over the postings of at most 20 words). A
 * skill is similar only when its surface shares at least {@link #MIN_SHARED} of those words that
 * are specific in general (against the {@link Background}: each alone as specific as the evidence
 * {@link Confidence#MIN_EVIDENCE} a skill needs to fire); the reason names the top three in words.
 * Thread-safe.
 */
public final class SimilarSkills {
  private static final int MAX_TERMS = 20;

  /**
   * A similar skill shares at least this many specific words with the source (one is a
   * coincidence).
   */
  static final int MIN_SHARED = 2;

  private static final List<Fields.Weighted> FIELDS =
      List.of(new Fields.Weighted(Fields.ALL, 1.0f), new Fields.Weighted(Fields.BODY, 0.3f));
  private final RoutingIndex index;
  private final TermStats stats;

  SimilarSkills(RoutingIndex index, TermStats stats) {
    this.index = index;
    this.stats = stats;
  }

  /**
   * The (at most) {@code n} skills most similar to {@code id}, most similar first; none for an
   * unknown id.
   */
  public List<Similar> similar(SkillId id, int n) {
    var docOpt = index.doc(id);
    if (docOpt.isEmpty() || n <= 0) {
      return List.of();
    }
    int doc = docOpt.get();
    String text = surfaceText(index.skill(doc));
    Map<String, Integer> tf = new HashMap<>();
    Map<String, String> surface = new LinkedHashMap<>();
    for (var line : text.split("\n")) {
      for (var e : index.terms().surfaces(Fields.DESCRIPTION, line).entrySet()) {
        tf.merge(e.getKey(), 1, Integer::sum);
        surface.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    int total = index.size();
    Map<String, Double> weight = new HashMap<>();
    for (var e : tf.entrySet()) {
      int df =
          Math.max(stats.docFreq(Fields.ALL, e.getKey()), stats.docFreq(Fields.BODY, e.getKey()));
      if (df > 1 && (df <= 2 || df < total * 0.3)) {
        // words the skill's body keeps coming back to are its topic; a word only its description
        // uses
        // ("proactively", "invoke") is phrasing
        double topical = 1 + Math.log1p(stats.freq(Fields.BODY, e.getKey(), doc));
        weight.put(e.getKey(), Math.sqrt(e.getValue()) * Idf.of(total, df) * topical);
      }
    }
    List<String> top =
        weight.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(MAX_TERMS)
            .map(Map.Entry::getKey)
            .toList();
    if (top.isEmpty()) {
      return List.of();
    }
    double[] scores = new double[index.size()];
    for (String t : top) {
      for (Fields.Weighted f : FIELDS) {
        stats.addScores(f.field(), t, (float) (f.boost() * weight.get(t)), scores);
      }
    }
    List<Similar> out = new ArrayList<>();
    Background background = index.background();
    for (int other : best(scores, 3 * n + 1)) {
      if (other == doc || out.size() >= n) {
        continue;
      }
      // what the two share must be specific: words most skills anywhere use ("page", "never",
      // "multi") say
      // nothing about what a skill is for, however rare they are in one small collection
      List<String> shared =
          top.stream()
              .filter(t -> stats.contains(Fields.ALL, t, other))
              .filter(t -> background.idf(t) / background.maxIdf() >= Confidence.MIN_EVIDENCE)
              .sorted(Comparator.comparingDouble((String t) -> -weight.get(t)))
              .map(surface::get)
              .distinct()
              .toList();
      if (shared.size() >= MIN_SHARED) {
        out.add(new Similar(index.skill(other).id(), (float) scores[other], reason(shared)));
      }
    }
    return out;
  }

  /** The text a skill's "more like this" query is made of, one part a line. */
  static String surfaceText(IndexedSkill s) {
    return String.join(
        "\n",
        SkillDocument.nameWords(s.name()),
        s.description(),
        String.join("\n", s.phrases()),
        String.join("\n", s.keywords()),
        String.join("\n", s.headings()));
  }

  /** "both cover GenServer, supervision and ETS": at most three shared words, in words. */
  static String reason(List<String> shared) {
    List<String> three = shared.subList(0, Math.min(3, shared.size()));
    String words =
        three.size() == 1
            ? three.get(0)
            : String.join(", ", three.subList(0, three.size() - 1))
                + " and "
                + three.get(three.size() - 1);
    return "both cover " + words;
  }

  /**
   * The (at most) {@code k} documents of highest positive score, ties to the lower document, as
   * Lucene ranks. One pass keeping the best {@code k}: a collection of many thousand skills asks
   * this once per skill.
   */
  static int[] best(double[] scores, int k) {
    if (k <= 0) {
      return new int[0];
    }
    int[] docs = new int[k];
    float[] top = new float[k];
    int count = 0;
    for (int d = 0; d < scores.length; d++) {
      float s = (float) scores[d];
      if (scores[d] <= 0 || count == k && s <= top[k - 1]) {
        continue;
      }
      int at = Math.min(count, k - 1);
      while (at > 0 && s > top[at - 1]) { // after equal scores: they belong to lower documents
        at--;
      }
      int moved = Math.min(count, k - 1) - at;
      System.arraycopy(docs, at, docs, at + 1, moved);
      System.arraycopy(top, at, top, at + 1, moved);
      docs[at] = d;
      top[at] = s;
      count = Math.min(count + 1, k);
    }
    return Arrays.copyOf(docs, count);
  }
}
