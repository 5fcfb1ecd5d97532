package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScoreTableTest {
  /**
   * What {@link ScoreTable#best} must return: positive scores by descending float value, ties to
   * the lower doc, whatever order the documents were touched in.
   */
  private static int[] sorted(double[] scores, int k) {
    return IntStream.range(0, scores.length)
        .filter(d -> scores[d] > 0)
        .boxed()
        .sorted(
            Comparator.comparingDouble((Integer d) -> -(float) scores[d]).thenComparingInt(d -> d))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Test
  void bestKeepsTheTopScoresTiesToTheLowerDocumentInAnyTouchOrder() {
    Random random = new Random(7);
    ScoreTable table = new ScoreTable(40);
    for (int round = 0; round < 500; round++) {
      double[] scores = new double[40];
      List<Integer> order = new ArrayList<>();
      int touched = random.nextInt(41);
      for (int d = 0; d < touched; d++) {
        order.add(d);
      }
      Collections.shuffle(order, random);
      for (int d : order) {
        int kind = random.nextInt(4); // zero, a repeated value (ties), or anything
        float s =
            kind == 0
                ? 0
                : kind == 1 ? 2.5f : kind == 2 ? random.nextInt(3) : random.nextFloat() * 5;
        table.touch(d);
        if (s > 0) {
          table.add(d, s / 2);
          table.add(d, s / 2);
        }
        scores[d] = table.score(d);
      }
      assertEquals(order.size(), table.size());
      for (int k : new int[] {1, 2, 7, 50}) {
        assertArrayEquals(sorted(scores, k), table.best(k), "round " + round + " k " + k);
      }
      table.clear();
      assertEquals(0, table.size());
      for (int d = 0; d < 40; d++) {
        assertEquals(0, table.score(d), "cleared");
      }
    }
    table.add(3, 1f);
    assertArrayEquals(new int[0], table.best(0));
  }
}
