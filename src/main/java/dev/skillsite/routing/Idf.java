package dev.skillsite.routing;

/**
 * BM25's inverse document frequency, as Lucene computes it: {@code ln(1 + (N - df + 0.5) / (df +
 * 0.5))}.
 */
final class Idf {
  private Idf() {}

  /**
   * The idf of a term {@code docFreq} of a collection's {@code docCount} documents hold, with N the
   * count on its grid ({@link Bm25#documentCount}), as every score of the collection reads it.
   */
  static double of(long docCount, long docFreq) {
    return exact(Bm25.documentCount(docCount), docFreq);
  }

  /** The idf with N as given: the background's fixed count, or one already on its grid. */
  static double exact(long n, long docFreq) {
    return Math.log(1 + (n - docFreq + 0.5) / (docFreq + 0.5));
  }
}
