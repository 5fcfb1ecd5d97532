package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BranchesTest {
  private static AuditRule rule(String match, List<String> keywords) {
    String yaml =
        "rules:\n  - id: r\n    severity: warning\n    category: remote-code\n    why: w\n    safe: s\n"
            + "    keywords: ["
            + String.join(", ", keywords)
            + "]\n    match: '"
            + match
            + "'\n";
    return RuleTable.parse(yaml).rules().get(0);
  }

  @Test
  void splitsOnlyAtTopLevelBars() {
    assertEquals(List.of("a(?:b|c)", "[|x]d", "e\\|f"), Branches.split("a(?:b|c)|[|x]d|e\\|f"));
    assertEquals(List.of("(a|b"), Branches.split("(a|b"));
  }

  @Test
  void eachAlternativeKeepsTheKeywordsItSpells() {
    List<Branches> b =
        Branches.of(
            rule(
                "\\bcurl\\b[^\\n]*x|os\\.environ|\\.(?:claude|codex)/",
                List.of("curl", "environ", ".claude")));
    assertEquals(3, b.size());
    // .claude is spelled by no alternative: it goes to every one
    assertEquals(List.of("curl", ".claude"), b.get(0).keywords());
    assertEquals(List.of("environ", ".claude"), b.get(1).keywords());
    assertEquals(List.of(".claude"), b.get(2).keywords());
  }

  @Test
  void inlineFlagsAndBackReferencesKeepThePatternWhole() {
    assertEquals(1, Branches.of(rule("(?-i)ABC|def", List.of("abc", "def"))).size());
    assertEquals(1, Branches.of(rule("([\"x])\\1|yy", List.of("yy", "xx"))).size());
  }
}
