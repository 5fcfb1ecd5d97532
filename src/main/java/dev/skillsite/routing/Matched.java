package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Picks the trigger phrase, keyword, heading or name of a skill that best matches a query. */
final class Matched {
  private Matched() {}

  static String best(RoutingIndex index, QueryTerms qt, IndexedSkill s) {
    Set<String> query = new HashSet<>(qt.words());
    List<String> candidates = new ArrayList<>(s.phrases());
    candidates.addAll(s.keywords());
    candidates.add(s.name());
    candidates.addAll(s.headings());
    String best = "";
    double bestScore = 0;
    for (String c : candidates) {
      List<String> terms = index.terms().terms(Fields.DESCRIPTION, SkillDocument.nameWords(c));
      if (terms.isEmpty()) {
        continue;
      }
      double hit = 0;
      for (String t : terms) {
        if (query.contains(t)) {
          hit += Idf.of(index.size(), Math.max(1, index.docFreq(t)));
        }
      }
      // prefer candidates whose words are mostly in the query
      double score = hit * (0.5 + 0.5 * countIn(terms, query) / terms.size());
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  private static double countIn(List<String> terms, Set<String> query) {
    return terms.stream().filter(query::contains).count();
  }
}
