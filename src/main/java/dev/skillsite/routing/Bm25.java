package dev.skillsite.routing;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * BM25's two parameters and its average field length, for the index's searcher, {@link TermStats},
 * the browser engine and the Solr plugin alike.
 *
 * <p><b>The average field length is quantized</b> ({@link #averageLength}): the float {@code
 * sumTotalTermFreq / docCount} keeps {@link #AVERAGE_LENGTH_BITS} bits of its mantissa, rounded to
 * the nearest. Every score of a collection reads a field's average length, so with the exact float
 * an edit that adds one word to one skill moves every score by a few units in the last place and an
 * incremental build must ask every routing question again to stay identical to a clean build; with
 * the grid, a field's average moves only when it crosses a grid line, which an edit of δ tokens
 * does with probability at most {@code 2^(k+1) · δ / S} (S: the field's tokens in the whole
 * collection), and {@link IndexDelta} carries every answer the edit shares no term with. A score
 * moves by at most a relative {@code 2^-(k+1)} (0.2 % for k = 8): far below the resolution of the
 * document lengths themselves, which Lucene stores in one byte (above 24 tokens, 3 bits of
 * mantissa: lengths within 1/8 to 1/16 of each other share a norm). docs/scale.md ("Quantized
 * statistics") argues k.
 *
 * <p><b>So is the document count</b> ({@link #documentCount}): every idf reads a field's {@code
 * docCount} (N), and one skill added or removed moves it, so with the exact count every score of
 * the collection moves on every add. N is rounded up to a grid that keeps {@link
 * #DOCUMENT_COUNT_BITS} significant bits below its leading one (exact up to 511; a step of 2 at 882
 * skills, 32 at 8,830, 256 at 99,666), so an add moves it with probability 1 / step. Rounding up
 * keeps N at or above every document frequency, so no idf is negative. idf changes by at most about
 * {@code step / (N · ln(N / df))} relative (under 0.2 % for a term half the collection holds), well
 * inside what the quantized average length already moves.
 */
public final class Bm25 {
  /** Term-frequency saturation. */
  public static final float K1 = 1.2f;

  /** Length normalization. */
  public static final float B = 0.75f;

  /** Mantissa bits the average field length keeps (of a float's 23). */
  static final int AVERAGE_LENGTH_BITS = 8;

  /**
   * Significant bits, after the leading one, the document count keeps in idf ({@link
   * #documentCount}); the browser engine reads it from the manifest.
   */
  public static final int DOCUMENT_COUNT_BITS = 8;

  private Bm25() {}

  /**
   * The document count every idf reads for {@code n} documents: {@code n} rounded up to a multiple
   * of {@code 2^(e - DOCUMENT_COUNT_BITS)}, where {@code 2^e <= n < 2^(e+1)}; {@code n} itself up
   * to {@code 2^(DOCUMENT_COUNT_BITS + 1) - 1} and when not positive. An integer on both sides, so
   * the browser engine gets the same value ({@code documentCount} in search-engine.js).
   */
  public static long documentCount(long n) {
    if (n <= 0) {
      return n;
    }
    int e = 63 - Long.numberOfLeadingZeros(n);
    if (e <= DOCUMENT_COUNT_BITS) {
      return n;
    }
    long step = 1L << (e - DOCUMENT_COUNT_BITS);
    return (n + step - 1) & -step;
  }

  static BM25Similarity similarity() {
    return new Similarity();
  }

  /**
   * The average length BM25 reads for a field with {@code sumTotalTermFreq} tokens in {@code
   * docCount} documents: the float Lucene computes, then {@link #quantize quantized} (1 when no
   * document has the field).
   */
  public static float averageLength(long sumTotalTermFreq, long docCount) {
    return docCount <= 0 ? 1f : quantize((float) (sumTotalTermFreq / (double) docCount));
  }

  /**
   * {@code v} (positive, finite) rounded to the nearest float with {@link #AVERAGE_LENGTH_BITS}
   * bits of mantissa, ties away from zero (a carry moves the exponent up, as it should).
   */
  static float quantize(float v) {
    int drop = 23 - AVERAGE_LENGTH_BITS;
    int bits = Float.floatToIntBits(v) + (1 << (drop - 1));
    return Float.intBitsToFloat(bits & -(1 << drop));
  }

  /**
   * Lucene's BM25 with {@link #K1}, {@link #B}, the quantized average length and the quantized
   * document count in idf: the searcher's similarity, and the Solr plugin's ({@code
   * dev.skillsite.solr.plugin.Bm25Similarity}).
   */
  public static class Similarity extends BM25Similarity {
    public Similarity() {
      super(K1, B);
    }

    @Override
    protected float avgFieldLength(CollectionStatistics stats) {
      return averageLength(stats.sumTotalTermFreq(), stats.docCount());
    }

    /** Lucene's idf, with the document count on its grid ({@link #documentCount}). */
    @Override
    protected float idf(long docFreq, long docCount) {
      return super.idf(docFreq, documentCount(docCount));
    }
  }
}
