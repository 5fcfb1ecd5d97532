package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DescriptionLintRuleTest {
  @Test
  void firstSentenceEndingEarlyPutsTheUseCaseUpFront() {
    assertTrue(DescriptionLintRule.useCaseUpFront("Formats CSV files. " + "x".repeat(300)));
  }

  @Test
  void useWhenCueEarlyCountsEvenInALongSentence() {
    assertTrue(DescriptionLintRule.useCaseUpFront("Use when the user asks about tables " + "and x ".repeat(80)));
  }

  @Test
  void longPreambleWithoutSentenceOrCueBuriesTheUseCase() {
    assertFalse(DescriptionLintRule.useCaseUpFront("Tables and rows and " + "columns, ".repeat(40) + "Use when …"));
  }
}
