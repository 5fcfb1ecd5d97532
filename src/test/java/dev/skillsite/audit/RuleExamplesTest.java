package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of every rule in the table, run: positives found at the rule's severity, negatives
 * not found.
 */
class RuleExamplesTest {
  private static final Auditor AUDITOR = Auditor.standard();
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyExample() {
    List<DynamicTest> tests = new ArrayList<>();
    for (AuditRule rule : AUDITOR.table().rules()) {
      AuditRule.Examples ex = rule.examples();
      add(tests, rule, "positive", ex.positive(), rule.severity());
      add(tests, rule, "lowered", ex.lowered(), rule.severity().lower());
      add(tests, rule, "raised", ex.raised(), AuditSeverity.DANGER);
      for (int i = 0; i < ex.negative().size(); i++) {
        String text = ex.negative().get(i);
        tests.add(
            DynamicTest.dynamicTest(
                rule.id() + " negative " + (i + 1),
                () -> {
                  List<Finding> found = run(rule, text);
                  assertTrue(
                      found.isEmpty(),
                      () -> "expected no " + rule.id() + " in " + text + " but found " + found);
                }));
      }
    }
    return tests.stream();
  }

  private void add(
      List<DynamicTest> tests,
      AuditRule rule,
      String kind,
      List<String> texts,
      AuditSeverity expected) {
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              rule.id() + " " + kind + " " + (i + 1),
              () -> {
                List<Finding> found = run(rule, text);
                assertFalse(found.isEmpty(), () -> "expected " + rule.id() + " in: " + text);
                assertEquals(
                    expected,
                    found.stream().map(Finding::severity).max(Enum::compareTo).orElseThrow(),
                    () -> rule.id() + " in " + text + ": " + found);
              }));
    }
  }

  private List<Finding> run(AuditRule rule, String text) throws IOException {
    Path root = Files.createTempDirectory(tmp, rule.id());
    AuditFixtures.write(root, text);
    return AuditFixtures.audit(AUDITOR, root).stream()
        .filter(f -> f.rule().equals(rule.id()))
        .toList();
  }

  @Test
  void everyRuleHasExamplesBothWays() {
    for (AuditRule rule : AUDITOR.table().rules()) {
      if (rule.id().equals("oversized-file")) {
        continue;
      }
      assertFalse(rule.examples().positive().isEmpty(), rule.id() + " has no positive example");
      assertFalse(rule.examples().negative().isEmpty(), rule.id() + " has no negative example");
    }
  }

  @Test
  void everyPatternRuleHasKeywordsOrNone() {
    for (AuditRule rule : AUDITOR.table().rules()) {
      assertTrue(
          rule.match().isPresent() || rule.detector().isPresent(),
          rule.id() + " has neither pattern nor detector");
    }
  }
}
