package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which documents a build shows as plain text: decided before parsing, in catalog order, with the
 * limit named.
 */
class MarkdownBudgetTest {
  private final MarkdownBudget budget = new MarkdownBudget(1000, 2500, 100);

  @Test
  void aDocumentOverThePerDocumentLimitIsPlainText() {
    assertEquals(
        Map.of(
            "a/SKILL.md",
            "a/SKILL.md:5:1: warning: Markdown of 1001 characters is over the 1000"
                + " characters one document may render; shown as plain text, cut at 100 characters (hint: split it into"
                + " reference files)"),
        over(doc("a/SKILL.md", 1001), doc("b/SKILL.md", 1000)));
  }

  @Test
  void documentsAfterTheBuildHasRenderedItsBudgetArePlainTextInCatalogOrder() {
    assertEquals(
        Map.of(
            "c/SKILL.md",
            "c/SKILL.md:5:1: warning: the build has rendered 2000 characters of"
                + " Markdown, the most one build renders (2500 characters); this document is shown as plain text, cut at"
                + " 100 characters"),
        over(
            doc("a/SKILL.md", 1000),
            doc("b/SKILL.md", 1000),
            doc("c/SKILL.md", 600),
            doc("d/SKILL.md", 500)));
  }

  @Test
  void theDefaultsLeaveEveryRealDocumentRendered() {
    assertEquals(Map.of(), MarkdownBudget.DEFAULT.overBudget(List.of(doc("a/SKILL.md", 160_000))));
  }

  /**
   * A large collection renders as much Markdown per skill as one of 1,000: the per-build budget
   * grows with every 1,000 skills, the per-document limit does not.
   */
  @Test
  void theBuildBudgetGrowsWithTheSkills() {
    assertEquals(budget, budget.forSkills(1));
    assertEquals(budget, budget.forSkills(1_000));
    assertEquals(new MarkdownBudget(1000, 5000, 100), budget.forSkills(1_001));
    assertEquals(new MarkdownBudget(1000, 250_000, 100), budget.forSkills(99_779));
    List<SourceDocument> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      docs.add(doc("s" + i + "/SKILL.md", 900));
    }
    assertEquals(18, budget.overBudget(docs).size());
    assertEquals(0, budget.forSkills(100_000).overBudget(docs).size());
  }

  private Map<String, String> over(SourceDocument... docs) {
    Map<String, String> out = new TreeMap<>();
    budget.overBudget(List.of(docs)).forEach((path, d) -> out.put(path, d.format()));
    return out;
  }

  private static SourceDocument doc(String path, int length) {
    return new SourceDocument(
        path, new SkillId(path.substring(0, 1)), path.substring(0, 1), "x".repeat(length), 5);
  }
}
