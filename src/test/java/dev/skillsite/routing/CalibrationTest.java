package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.routing.Calibration.Model;
import dev.skillsite.routing.Calibration.Row;
import dev.skillsite.routing.Calibration.Score;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the leave-one-set-out harness. */
class CalibrationTest {
  private static Row pos(String unit, double x, boolean right) {
    return new Row(unit, "q", true, right, false, new double[] {x}, 0, 1, false, false);
  }

  private static Row neg(String unit, double x, boolean firingFails) {
    return new Row(unit, "q", false, false, firingFails, new double[] {x}, 0, 1, false, false);
  }

  @Test
  void passRateCountsAsEvalDoes() {
    Model m = new Model(new double[] {1}, 0, 0.5); // fires when x >= 0
    List<Row> rows =
        List.of(
            pos("a", 2, true), // fires, ranked right: pass
            pos("a", 2, false), // fires the wrong skill: miss
            pos("a", -2, true), // abstains: miss
            neg("a", 2, true), // fires: false trigger
            neg("a", 2, false), // fires another skill than the one it is about: pass
            neg("a", -2, true), // abstains: pass
            new Row(
                "a",
                "q",
                true,
                true,
                false,
                new double[] {-9},
                0,
                1,
                true,
                false), // called by name: fires
            new Row(
                "a",
                "q",
                false,
                false,
                true,
                new double[] {9},
                0,
                1,
                false,
                true)); // no hit: silent
    Score s = Calibration.score(m, rows);
    assertEquals(new Score(8, 5, 4, 2, 4, 1), s);
    assertEquals(5 / 8.0, s.passRate());
    assertEquals(0.25, s.falseTriggerRate());
  }

  @Test
  void theEvidenceCapAndTheOffsetBoundConfidence() {
    Model m = new Model(new double[] {1}, 0, 0.5);
    assertEquals(
        0.3,
        m.confidence(new Row("a", "q", true, true, false, new double[] {5}, 0, 0.3, false, false)));
    assertEquals(
        Calibration.sigmoid(5 - 24),
        m.confidence(new Row("a", "q", true, true, false, new double[] {5}, -24, 1, false, false)),
        1e-12);
  }

  @Test
  void fitGivesTheSeparatingFeatureAPositiveWeight() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(pos("a", 1 + (i % 5) * 0.1, true));
      rows.add(neg("a", -1 - (i % 5) * 0.1, true));
      rows.add(pos("a", -5, false)); // ranked wrong: left out of the fit, whatever its x
    }
    double[] beta = Calibration.fit(rows, 0.001);
    assertTrue(beta[1] > 1, "weight " + beta[1]);
    Model m = Calibration.fitModel(rows, 0.001);
    assertEquals(40, Calibration.score(m, rows).passed());
  }

  @Test
  void eachSetIsScoredByAFitWithoutIt() {
    List<Row> rows = new ArrayList<>();
    for (String u : List.of("a", "b", "c", "d")) {
      for (int i = 0; i < 10; i++) {
        rows.add(
            pos(
                u,
                u.equals("c") ? -1 - i * 0.1 : 1 + i * 0.1,
                true)); // c's positives look like negatives
        rows.add(neg(u, u.equals("c") ? 1 + i * 0.1 : -1 - i * 0.1, true));
      }
    }
    List<Score> loso = Calibration.leaveOneOut(rows, List.of("a", "b", "c", "d"), 0.001);
    List<Row> withoutC = rows.stream().filter(r -> !r.unit().equals("c")).toList();
    List<Row> c = rows.stream().filter(r -> r.unit().equals("c")).toList();
    assertEquals(Calibration.score(Calibration.fitModel(withoutC, 0.001), c), loso.get(2));
    assertEquals(0, loso.get(2).passed(), "fitted on a and b, every one of c's cases fails");
    assertEquals(20, loso.get(0).passed(), "a is like b and d: fitted on b, c and d, it passes");
  }

  @Test
  void solvesALinearSystem() {
    assertArrayEquals(
        new double[] {1, 2},
        Calibration.solve(new double[][] {{0, 1}, {2, 1}}, new double[] {2, 4}),
        1e-12);
  }
}
