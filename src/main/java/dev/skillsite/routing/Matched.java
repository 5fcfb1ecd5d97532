package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Picks the trigger phrase, keyword, heading or name of a skill that best matches a query. */
final class Matched {
  /** A phrase, keyword, heading or name of a skill with its analyzed terms. */
  record Candidate(String text, List<String> terms) {
    Candidate {
      terms = List.copyOf(terms);
    }
  }

  private Matched() {}

  /** The skill's candidates in order of preference: phrases, keywords, name, headings. */
  static List<Candidate> candidates(RoutingIndex index, IndexedSkill s) {
    List<String> texts = new ArrayList<>(s.phrases());
    texts.addAll(s.keywords());
    texts.add(s.name());
    texts.addAll(s.headings());
    List<Candidate> out = new ArrayList<>();
    for (String c : texts) {
      List<String> terms = index.terms().terms(Fields.DESCRIPTION, SkillDocument.nameWords(c));
      if (!terms.isEmpty()) {
        out.add(new Candidate(c, terms));
      }
    }
    return out;
  }

  /**
   * The candidate with the largest Σ idf of query words it holds, times (½ + ½ · share of its own words in
   * the query), so that short, fully matched phrases win; {@code ""} when none shares a word.
   */
  static String best(RoutingIndex index, HitTerms ht, QueryTerms qt, int doc) {
    Set<String> query = new HashSet<>(qt.words());
    String best = "";
    double bestScore = 0;
    for (Candidate c : index.candidates(doc)) {
      double hit = 0;
      int in = 0;
      for (String t : c.terms()) {
        if (query.contains(t)) {
          hit += Idf.of(index.size(), Math.max(1, ht.docFreq(t)));
          in++;
        }
      }
      double score = hit * (0.5 + 0.5 * in / c.terms().size());
      if (score > bestScore) {
        bestScore = score;
        best = c.text();
      }
    }
    return best;
  }
}
