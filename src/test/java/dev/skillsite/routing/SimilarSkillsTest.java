package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimilarSkillsTest {
  /**
   * What {@link SimilarSkills#best} must return: positive scores by descending float value, ties to
   * the lower doc.
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
  void bestKeepsTheTopScoresTiesToTheLowerDocument() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      double[] scores = new double[random.nextInt(40)];
      for (int d = 0; d < scores.length; d++) {
        int kind = random.nextInt(4); // zero, a repeated value (ties), or anything
        scores[d] =
            kind == 0
                ? 0
                : kind == 1 ? 2.5 : kind == 2 ? random.nextInt(3) : random.nextDouble() * 5;
      }
      for (int k : new int[] {1, 2, 7, 50}) {
        assertArrayEquals(
            sorted(scores, k), SimilarSkills.best(scores, k), "round " + round + " k " + k);
      }
    }
    assertArrayEquals(new int[0], SimilarSkills.best(new double[] {1, 2}, 0));
  }
}
