package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.lucene.search.ScoreDoc;

/**
 * Where a {@link Router} reads the skills it routes to: a local {@link RoutingIndex} or a SolrCloud
 * collection ({@link SolrSource}). A document is a skill's position in the collection's order; the
 * ranking, confidence and "matched" explanation are computed by the Router alike from what a source
 * answers.
 */
interface RoutingSource {
  /** The analysis chains (the same on both sides: queries are analyzed by the caller). */
  TermReader terms();

  /** Skills in the collection (N of the collection's idf). */
  int size();

  /** How many different skill names the collection holds. */
  int distinctNames();

  Background background();

  /**
   * The stored part of a document returned by the last {@link #rank} (or {@link #hitTerms}) that
   * held it.
   */
  IndexedSkill skill(int doc);

  /**
   * The phrases, keywords, name and headings of {@code doc}, analyzed ({@link Matched#candidates}).
   */
  List<Matched.Candidate> candidates(int doc);

  /**
   * The top {@code k} documents of the query's BM25 (ties: the earlier document first), the skill
   * the query calls by name first ({@link Invocation}), and which of them hold which query term.
   */
  Ranked rank(String query, QueryTerms qt, List<Fields.Weighted> fields, int k);

  /** The first document of the skill with that frontmatter name. */
  OptionalInt docNamed(String name);

  /**
   * For {@code docs}: which of {@code terms} each holds in each of {@code fields}, and their
   * frequencies.
   */
  HitTerms hitTerms(int[] docs, Collection<String> terms, Collection<String> fields);

  /**
   * Each searched field's part of {@code doc}'s score; empty where the source cannot explain
   * scores.
   */
  Map<String, Double> contributions(QueryTerms qt, List<Fields.Weighted> fields, int doc);

  /** The ranked hits of one query. */
  record Ranked(ScoreDoc[] hits, boolean invoked, HitTerms terms) {}

  /** The hits with {@code doc} first (at score 0 when the query's words did not reach it). */
  static ScoreDoc[] invokedFirst(ScoreDoc[] sd, int doc) {
    ArrayList<ScoreDoc> out = new ArrayList<>(sd.length + 1);
    ScoreDoc first = new ScoreDoc(doc, 0f);
    for (ScoreDoc h : sd) {
      if (h.doc == doc) {
        first = h;
      } else {
        out.add(h);
      }
    }
    out.add(0, first);
    return out.toArray(ScoreDoc[]::new);
  }
}
