package dev.skillsite.routing;

/**
 * BM25's inverse document frequency, as Lucene computes it: {@code ln(1 + (N - df + 0.5) / (df +
 * 0.5))}.
 */
final class Idf {
  private Idf() {}

  static double of(long docCount, long docFreq) {
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  }
}
