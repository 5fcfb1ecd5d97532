package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.CollectionStatistics;
import org.junit.jupiter.api.Test;

/** The average field length's grid: 8 bits of mantissa, the nearest, everywhere BM25 reads it. */
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
}
