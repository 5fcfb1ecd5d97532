package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The collision matrix moved by one pair at a time ({@link CollisionMatrix#move}, what a patch does
 * without reading every pair) is the matrix made from every pair after the move, and so is the fill
 * it leaves: over random reports of 20 to 80 skills with a few heavy pairs (replicas) and many
 * light ones, each pair's count moved up, down, to nothing or from nothing.
 */
class CollisionMatrixMoveTest {
  private static RoutingHealthView.Pair pair(String a, String b, int n) {
    return new RoutingHealthView.Pair(
        a,
        "../skills/" + a + "/index.html",
        b,
        "../skills/" + b + "/index.html",
        Collections.nCopies(n, new RoutingHealthView.Shared("t", a, b, "1", "2", "collision")),
        "s");
  }

  private static String href(String a) {
    return "../skills/" + a + "/index.html";
  }

  @Test
  void aMoveAfterTheFillingPairIsTheMatrixOfEveryPair() {
    Random rnd = new Random(27);
    int held = 0;
    int refused = 0;
    for (int round = 0; round < 400; round++) {
      int n = 20 + rnd.nextInt(60);
      Map<String, Integer> counts = new TreeMap<>(); // "a\nb" (a < b) → rows
      int heavy = rnd.nextInt(8);
      for (int i = 0; i < n * 2; i++) {
        int x = rnd.nextInt(n);
        int y = rnd.nextInt(n);
        if (x == y) {
          continue;
        }
        String a = String.format("s%02d", Math.min(x, y));
        String b = String.format("s%02d", Math.max(x, y));
        counts.put(a + "\n" + b, i < heavy ? 3 + rnd.nextInt(8) : 1 + rnd.nextInt(3));
      }
      Optional<CollisionMatrix.Fill> fill = CollisionMatrix.fill(pairs(counts));
      if (fill.isEmpty()) {
        continue;
      }
      CollisionMatrix m = CollisionMatrix.of(pairs(counts));
      assertEquals(CollisionMatrix.MAX, m.skills().size());
      for (int step = 0; step < 6; step++) {
        int x = rnd.nextInt(n);
        int y = rnd.nextInt(n);
        if (x == y) {
          continue;
        }
        String a = String.format("s%02d", Math.min(x, y));
        String b = String.format("s%02d", Math.max(x, y));
        int before = counts.getOrDefault(a + "\n" + b, 0);
        int after = rnd.nextInt(3) == 0 ? 0 : Math.max(0, before + rnd.nextInt(5) - 2);
        int ta = total(counts, a);
        int tb = total(counts, b);
        Optional<CollisionMatrix.Moved> moved =
            m.move(fill.get(), href(a), href(b), before, after, ta, tb);
        if (after == 0) {
          counts.remove(a + "\n" + b);
        } else {
          counts.put(a + "\n" + b, after);
        }
        if (moved.isEmpty()) {
          refused++;
          fill = CollisionMatrix.fill(pairs(counts));
          if (fill.isEmpty()) {
            break;
          }
          m = CollisionMatrix.of(pairs(counts));
          continue;
        }
        held++;
        assertEquals(CollisionMatrix.of(pairs(counts)), moved.get().matrix(), "round " + round);
        assertEquals(CollisionMatrix.fill(pairs(counts)), Optional.of(moved.get().fill()));
        m = moved.get().matrix();
        fill = Optional.of(moved.get().fill());
      }
    }
    assertTrue(held > 500 && refused > 20, "held " + held + ", refused " + refused);
  }

  private static int total(Map<String, Integer> counts, String s) {
    int t = 0;
    for (var e : counts.entrySet()) {
      if (List.of(e.getKey().split("\n")).contains(s)) {
        t += e.getValue();
      }
    }
    return t;
  }

  private static List<RoutingHealthView.Pair> pairs(Map<String, Integer> counts) {
    List<RoutingHealthView.Pair> out = new ArrayList<>();
    counts.forEach(
        (k, v) -> {
          String[] ab = k.split("\n");
          out.add(pair(ab[0], ab[1], v));
        });
    return out;
  }
}
