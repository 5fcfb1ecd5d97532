package dev.skillsite.routing;

/**
 * What a "more like this" query ({@link SimilarSkills}) reads of a collection's postings, by
 * document (a skill's position in the collection): {@link TermStats} holds every posting in memory
 * (a full build relates every skill), {@link PatchedStats} reads only the terms a query asks of a
 * patched index (a patch relates a few). Both score as Lucene's BM25 does ({@link #addScores}),
 * from the same numbers, so the two give the same lists on the same skills.
 */
interface SimilarStats {
  /** Documents holding {@code term} in {@code field}. */
  int docFreq(String field, String term);

  /** How often document {@code doc} holds {@code term} in {@code field} (0 if not). */
  int freq(String field, String term, int doc);

  /** Whether document {@code doc} holds {@code term} in {@code field}. */
  boolean contains(String field, String term, int doc);

  /** Which of {@code docs} hold {@code term} in {@code field}. */
  default boolean[] contains(String field, String term, int[] docs) {
    boolean[] out = new boolean[docs.length];
    for (int i = 0; i < docs.length; i++) {
      out[i] = contains(field, term, docs[i]);
    }
    return out;
  }

  /**
   * Adds to the table the BM25 score of {@code term} in {@code field} of every document holding it,
   * as a {@link org.apache.lucene.search.TermQuery} boosted by {@code boost} scores it.
   */
  void addScores(String field, String term, float boost, ScoreTable table);

  /** The documents holding {@code term} in {@code field}, ascending (not to be changed). */
  int[] docs(String field, String term);
}
