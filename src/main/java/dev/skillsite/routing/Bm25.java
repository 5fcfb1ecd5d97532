package dev.skillsite.routing;

import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * BM25's two parameters, for the index's searcher, {@link TermStats} and the browser engine alike.
 */
public final class Bm25 {
  /** Term-frequency saturation. */
  public static final float K1 = 1.2f;

  /** Length normalization. */
  public static final float B = 0.75f;

  private Bm25() {}

  static BM25Similarity similarity() {
    return new BM25Similarity(K1, B);
  }
}
