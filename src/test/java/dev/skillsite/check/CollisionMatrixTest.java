package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollisionMatrixTest {
  private static RoutingHealthView.Pair pair(String a, String b, int n) {
    return new RoutingHealthView.Pair(
        a,
        a + ".html",
        b,
        b + ".html",
        Collections.nCopies(n, new RoutingHealthView.Shared("t", a, b, "1", "2", "collision")),
        "s");
  }

  @Test
  void cellsCountTheSharedTriggersBothWaysWithHeatRelativeToTheLargest() {
    CollisionMatrix m =
        CollisionMatrix.of(List.of(pair("a", "b", 4), pair("b", "c", 1), pair("c", "b", 1)));
    assertEquals(
        List.of("b", "a", "c"), m.skills().stream().map(CollisionMatrix.Head::name).toList());
    assertEquals(new CollisionMatrix.Cell(0, 0, true), m.rows().get(0).get(0));
    assertEquals(new CollisionMatrix.Cell(4, 4, false), m.rows().get(0).get(1));
    assertEquals(
        new CollisionMatrix.Cell(2, 2, false), m.rows().get(0).get(2), "b-c and c-b are one pair");
    assertEquals(m.rows().get(0).get(1), m.rows().get(1).get(0), "symmetric");
    assertEquals(new CollisionMatrix.Cell(0, 0, false), m.rows().get(1).get(2));
    assertEquals(0, m.more());
  }

  @Test
  void showsTheMostCollidingSkillsOnly() {
    List<RoutingHealthView.Pair> pairs = new java.util.ArrayList<>();
    for (int i = 0; i < CollisionMatrix.MAX + 3; i++) {
      pairs.add(pair("hub", "s" + (char) ('a' + i), 1));
    }
    CollisionMatrix m = CollisionMatrix.of(pairs);
    assertEquals(CollisionMatrix.MAX, m.skills().size());
    assertEquals("hub", m.skills().get(0).name());
    assertEquals(4, m.more());
  }
}
