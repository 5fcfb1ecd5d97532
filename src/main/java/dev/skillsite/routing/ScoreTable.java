package dev.skillsite.routing;

import java.util.Arrays;

/**
 * A score per document for one "more like this" query, kept for the documents it touches only:
 * clearing it and finding its best cost the documents touched, not the collection's size (a
 * registry asks this once per skill). One thread at a time; reused after {@link #clear}.
 */
final class ScoreTable {
  private final double[] scores;
  private final boolean[] touched;
  private int[] docs = new int[64];
  private int size;

  /** A table for documents {@code 0 … capacity - 1}. */
  ScoreTable(int capacity) {
    scores = new double[capacity];
    touched = new boolean[capacity];
  }

  int capacity() {
    return scores.length;
  }

  /** Makes {@code doc} a candidate (score 0 until something is added). */
  void touch(int doc) {
    if (!touched[doc]) {
      touched[doc] = true;
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, 2 * size);
      }
      docs[size++] = doc;
    }
  }

  /** Adds {@code score} to {@code doc}'s, touching it. */
  void add(int doc, float score) {
    touch(doc);
    scores[doc] += score;
  }

  double score(int doc) {
    return scores[doc];
  }

  /** How many documents are touched. */
  int size() {
    return size;
  }

  /** The {@code i}-th document touched, in the order they were touched. */
  int doc(int i) {
    return docs[i];
  }

  /** Back to no document touched. */
  void clear() {
    if (dense()) {
      Arrays.fill(scores, 0);
      Arrays.fill(touched, false);
    } else {
      for (int i = 0; i < size; i++) {
        scores[docs[i]] = 0;
        touched[docs[i]] = false;
      }
    }
    size = 0;
  }

  /**
   * Whether a quarter of the documents or more are touched: then a pass over all of them in order
   * is faster than one over the touched ones in the order they came.
   */
  private boolean dense() {
    return size >= scores.length / 4;
  }

  /**
   * The (at most) {@code k} touched documents of highest positive score (compared as floats, as
   * Lucene ranks), ties to the lower document, in one pass over the touched ones.
   */
  int[] best(int k) {
    if (k <= 0) {
      return new int[0];
    }
    int[] best = new int[k];
    float[] top = new float[k];
    int count = 0;
    boolean dense = dense();
    for (int i = 0, n = dense ? scores.length : size; i < n; i++) {
      int d = dense ? i : docs[i];
      float s = (float) scores[d];
      if (scores[d] <= 0 || count == k && !before(s, d, top[k - 1], best[k - 1])) {
        continue;
      }
      int at = Math.min(count, k - 1);
      while (at > 0 && before(s, d, top[at - 1], best[at - 1])) {
        at--;
      }
      int moved = Math.min(count, k - 1) - at;
      System.arraycopy(best, at, best, at + 1, moved);
      System.arraycopy(top, at, top, at + 1, moved);
      best[at] = d;
      top[at] = s;
      count = Math.min(count + 1, k);
    }
    return Arrays.copyOf(best, count);
  }

  /** Whether document {@code d} of score {@code s} ranks before document {@code e} of {@code t}. */
  private static boolean before(float s, int d, float t, int e) {
    return s > t || s == t && d < e;
  }
}
