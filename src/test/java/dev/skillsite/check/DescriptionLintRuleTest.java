package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionLintRuleTest {
  @Test
  void firstSentenceEndingEarlyPutsTheUseCaseUpFront() {
    assertTrue(DescriptionLintRule.useCaseUpFront("Formats CSV files. " + "x".repeat(300)));
  }

  @Test
  void useWhenCueEarlyCountsEvenInALongSentence() {
    assertTrue(
        DescriptionLintRule.useCaseUpFront(
            "Use when the user asks about tables " + "and x ".repeat(80)));
  }

  @Test
  void longPreambleWithoutSentenceOrCueBuriesTheUseCase() {
    assertFalse(
        DescriptionLintRule.useCaseUpFront(
            "Tables and rows and " + "columns, ".repeat(40) + "Use when …"));
  }

  private static List<String> codes(String description) throws java.io.IOException {
    Skill skill = Skills.skill("tables", description, List.of(), List.of());
    Catalog catalog =
        new Catalog(SiteConfig.defaults("t"), List.of(), List.of(skill), List.of(), List.of());
    CheckContext context =
        new CheckContext(
            Path.of("."), catalog, new SourceLocator(Path.of(".")), CheckOptions.DEFAULTS);
    return new DescriptionLintRule().check(context).stream().map(Diagnostic::code).toList();
  }

  @Test
  void firstPersonInsideQuotedUserPhrasesIsTheUsersVoice() throws java.io.IOException {
    assertEquals(
        List.of(),
        codes("Edits copy. Use when the user says 'review my copy' or \"fix my table\"."));
    assertEquals(
        List.of("first-person"), codes("Edits copy. I will ask before rewriting the user's text."));
  }

  @Test
  void vagueOnlyWhenTheDescriptionOpensOnHelpsWith() throws java.io.IOException {
    assertEquals(
        List.of("vague-description"), codes("Helps with tables. Use when the user asks for one."));
    assertEquals(List.of(), codes("When the user wants help with paid ads. Plans campaigns."));
  }
}
