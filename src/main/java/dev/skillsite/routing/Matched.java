package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Picks the trigger phrase, keyword, heading or name of a skill that best matches a query. */
final class Matched {
  /**
   * A phrase, keyword, heading or name of a skill ({@code field} says which) with its analyzed
   * terms.
   */
  record Candidate(String field, String text, List<String> terms) {
    Candidate {
      terms = List.copyOf(terms);
    }
  }

  private Matched() {}

  /** The skill's candidates in order of preference: phrases, keywords, name, headings. */
  static List<Candidate> candidates(TermReader reader, IndexedSkill s) {
    List<Candidate> out = new ArrayList<>();
    add(reader, out, Fields.PHRASE, s.phrases());
    add(reader, out, Fields.KEYWORD, s.keywords());
    add(reader, out, Fields.NAME, List.of(s.name()));
    add(reader, out, Fields.HEADING, s.headings());
    return out;
  }

  private static void add(
      TermReader reader, List<Candidate> out, String field, List<String> texts) {
    for (String c : texts) {
      List<String> terms = reader.terms(Fields.DESCRIPTION, SkillDocument.nameWords(c));
      if (!terms.isEmpty()) {
        out.add(new Candidate(field, c, terms));
      }
    }
  }

  /**
   * The candidate with the largest Σ idf of query words it holds, times (½ + ½ · share of its own
   * words in the query), so that short, fully matched phrases win; empty when none shares a word.
   */
  static Optional<Candidate> best(RoutingSource index, HitTerms ht, QueryTerms qt, int doc) {
    Set<String> query = new HashSet<>(qt.words());
    Candidate best = null;
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
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }
}
