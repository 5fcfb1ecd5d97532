package dev.skillsite.routing.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  /**
   * Hand-checked: 4 positives, 2 negatives. q1 rank 1 triggered → top-1, top-3, rr 1; q2 rank 2 →
   * top-3, rr 1/2; q3 rank 1 but abstained → top-1 miss, top-3, rr 1; q4 not in the top 10 → rr 0.
   * top-1 = 1/4, top-3 = 3/4, MRR = (1 + 0.5 + 1 + 0) / 4 = 0.625. n1 triggered → false trigger; n2
   * abstained → fine: rate 1/2. Pass rate = (1 + 1) / 6.
   */
  @Test
  void tinyHandCheckedCase() {
    List<EvalCase> cases =
        List.of(
            EvalCase.positive("q1", List.of("a")),
            EvalCase.positive("q2", List.of("b", "x")),
            EvalCase.positive("q3", List.of("c")),
            EvalCase.positive("q4", List.of("d")),
            EvalCase.negative("n1"),
            EvalCase.negative("n2"));
    Map<String, Ranking> answers =
        Map.of(
            "q1", new Ranking(List.of("a", "b"), true),
            "q2", new Ranking(List.of("c", "b", "b"), true),
            "q3", new Ranking(List.of("c"), false),
            "q4", new Ranking(List.of("a", "b", "c", "e", "f", "g", "h", "i", "j", "k", "d"), true),
            "n1", new Ranking(List.of("a"), true),
            "n2", new Ranking(List.of("a"), false));
    EvalReport r = Evaluator.evaluate(cases, answers::get);
    assertEquals(6, r.queries());
    assertEquals(4, r.positives());
    assertEquals(2, r.negatives());
    assertEquals(0.25, r.top1(), 1e-12);
    assertEquals(0.75, r.top3(), 1e-12);
    assertEquals(0.625, r.mrr(), 1e-12);
    assertEquals(0.5, r.falseTriggerRate(), 1e-12);
    assertEquals(1, r.abstainedPositives());
    assertEquals(2.0 / 6, r.passRate(), 1e-12);
    assertEquals(
        List.of("q2", "q3", "q4", "n1"), r.misses().stream().map(EvalReport.Miss::query).toList());
    assertEquals("c", r.misses().get(0).got());
    assertEquals(true, r.misses().get(1).abstained());
  }

  /** Misses grouped by what was expected and what happened, most frequent first, ties by name. */
  @Test
  void confusionsCountWhereTheMissesWent() {
    List<EvalCase> cases =
        List.of(
            EvalCase.positive("p1", List.of("a")),
            EvalCase.positive("p2", List.of("a")),
            EvalCase.positive("p3", List.of("a")),
            EvalCase.positive("p4", List.of("b")),
            EvalCase.positive("p5", List.of("b")),
            EvalCase.negative("n1"),
            EvalCase.negative("n2"));
    Map<String, Ranking> answers =
        Map.of(
            "p1", new Ranking(List.of("c", "a"), true),
            "p2", new Ranking(List.of("c"), true),
            "p3", new Ranking(List.of("a"), false),
            "p4", new Ranking(List.of("b"), false),
            "p5", new Ranking(List.of("b"), false),
            "n1", new Ranking(List.of("c"), true),
            "n2", new Ranking(List.of("a"), true));
    List<EvalReport.Confusion> c = Evaluator.evaluate(cases, answers::get).confusions();
    assertEquals(
        List.of(
            new EvalReport.Confusion(List.of("a"), "c", 2),
            new EvalReport.Confusion(List.of("b"), "", 2),
            new EvalReport.Confusion(List.of(), "a", 1),
            new EvalReport.Confusion(List.of(), "c", 1),
            new EvalReport.Confusion(List.of("a"), "", 1)),
        c);
  }

  @Test
  void negativeAboutOneSkillOnlyFailsWhenThatSkillFires() {
    List<EvalCase> cases =
        List.of(EvalCase.negativeFor("n1", "a"), EvalCase.negativeFor("n2", "a"));
    Map<String, Ranking> answers =
        Map.of(
            "n1", new Ranking(List.of("b", "a"), true),
            "n2", new Ranking(List.of("a"), true));
    EvalReport r = Evaluator.evaluate(cases, answers::get);
    assertEquals(0.5, r.falseTriggerRate(), 1e-12);
    assertEquals(0.5, r.passRate(), 1e-12);
  }

  @Test
  void duplicateNamesKeepTheirFirstPosition() {
    EvalReport r =
        Evaluator.evaluate(
            List.of(EvalCase.positive("q", List.of("b"))),
            q -> new Ranking(List.of("a", "a", "a", "b"), true));
    assertEquals(1.0, r.top3(), 1e-12);
    assertEquals(0.5, r.mrr(), 1e-12);
  }
}
