package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.CollectionStatistics;
import org.junit.jupiter.api.Test;

/**
 * The average field length's grid (8 bits of mantissa, the nearest) and the document count's (8
 * bits after the leading one, rounded up), everywhere BM25 reads them.
 */
class Bm25Test {
  @Test
  void theAverageKeepsEightBitsOfMantissaRoundedToTheNearest() {
    assertEquals(878f, Bm25.averageLength(773_600, 882)); // 877.10 (512–1024: steps of 2)
    assertEquals(876f, Bm25.averageLength(772_500, 882)); // 875.85
    assertEquals(40.125f, Bm25.averageLength(40_100, 1000)); // 40.1 (32–64: steps of 1/8)
    assertEquals(40.125f, Bm25.averageLength(40_180, 1000)); // 40.18
    assertEquals(40.25f, Bm25.averageLength(40_190, 1000)); // 40.19
    assertEquals(1024f, Bm25.averageLength(1023_100, 1000)); // 1023.1 carries into the exponent
    assertEquals(1f, Bm25.averageLength(0, 0)); // no document holds the field
  }

  @Test
  void aValueOnTheGridStaysAndEveryValueMovesByAtMostHalfAStep() {
    for (long sum = 1000; sum < 3_000_000; sum += 997) {
      float exact = (float) (sum / 1000.0);
      float q = Bm25.averageLength(sum, 1000);
      assertEquals(q, Bm25.quantize(q), "on the grid: " + q);
      assertTrue(Math.abs(q - exact) <= exact / 512, exact + " → " + q);
      assertEquals(0, Float.floatToIntBits(q) & ((1 << 15) - 1), "15 low bits clear: " + q);
    }
  }

  @Test
  void theSimilarityReadsTheQuantizedAverage() {
    float avg =
        new Bm25.Similarity() {
          float read(long sum, long docs) {
            return avgFieldLength(new CollectionStatistics("body", docs, docs, sum, sum));
          }
        }.read(773_600, 882);
    assertEquals(878f, avg);
  }

  @Test
  void theDocumentCountKeepsNineSignificantBitsRoundedUp() {
    assertEquals(0, Bm25.documentCount(0));
    assertEquals(6, Bm25.documentCount(6)); // exact below 512
    assertEquals(511, Bm25.documentCount(511));
    assertEquals(512, Bm25.documentCount(512)); // 512–1,023: steps of 2
    assertEquals(514, Bm25.documentCount(513));
    assertEquals(882, Bm25.documentCount(882)); // large
    assertEquals(884, Bm25.documentCount(883));
    assertEquals(1024, Bm25.documentCount(1023)); // rounding up carries into the next binade
    assertEquals(8832, Bm25.documentCount(8820)); // 8,192–16,383: steps of 32
    assertEquals(8832, Bm25.documentCount(8832));
    assertEquals(8864, Bm25.documentCount(8833));
    assertEquals(99_840, Bm25.documentCount(99_666)); // 65,536–131,071: steps of 256
  }

  @Test
  void aCountMovesItsGridPointOncePerStepAndNeverFallsBelowItself() {
    int moves = 0;
    for (long n = 1; n < 200_000; n++) {
      long q = Bm25.documentCount(n);
      long step = Long.highestOneBit(n) >> 8;
      assertTrue(q >= n && q - n < Math.max(1, step), n + " → " + q);
      assertEquals(q, Bm25.documentCount(q), "on the grid: " + q);
      if (n >= 8192 && n < 16_383 && q != Bm25.documentCount(n + 1)) {
        moves++;
      }
    }
    assertEquals((16_384 - 8192) / 32, moves, "one add in 32 moves N at 10×");
  }

  @Test
  void theSimilarityReadsTheQuantizedCountInIdf() {
    Bm25.Similarity s = new Bm25.Similarity();
    assertEquals(
        (float) Math.log(1 + (8832 - 40 + 0.5) / (40 + 0.5)),
        s.idfExplain(
                new CollectionStatistics("body", 8820, 8820, 88_200, 88_200),
                new org.apache.lucene.search.TermStatistics(
                    new org.apache.lucene.util.BytesRef("x"), 40, 40))
            .getValue()
            .floatValue());
    assertEquals(
        TermStats.weight(8820, 40, 1f),
        TermStats.weight(8832, 40, 1f),
        "TermStats reads the same grid");
    assertEquals(Idf.of(8820, 40), Idf.exact(8832, 40));
  }
}
