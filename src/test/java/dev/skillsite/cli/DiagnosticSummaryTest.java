package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** build sums up many warnings by kind, keeps every error, and prints everything with --verbose. */
class DiagnosticSummaryTest {
  private static Diagnostic warning(String file, String code) {
    return Diagnostic.warning(SourcePos.of(file), code, code + " here");
  }

  @Test
  void fewWarningsArePrintedInFull() {
    List<Diagnostic> ds = List.of(warning("a/SKILL.md", "x"), warning("b/SKILL.md", "y"));
    assertEquals(
        List.of("a/SKILL.md:1:1: warning: x here", "b/SKILL.md:1:1: warning: y here"),
        DiagnosticSummary.lines(ds, false));
  }

  @Test
  void manyWarningsAreSummedUpByKindMostFrequentFirstErrorsInFull() {
    List<Diagnostic> ds = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      ds.add(warning("s" + i + "/SKILL.md", "unknown-frontmatter-key"));
    }
    ds.add(warning("t/SKILL.md", "broken-link"));
    ds.add(warning("u/SKILL.md", "broken-link"));
    ds.add(Diagnostic.error(SourcePos.of("bad/SKILL.md"), "missing-description", "no description"));
    assertEquals(
        List.of(
            "bad/SKILL.md:1:1: error: no description",
            "1,202 warnings of 2 kinds (all of them: build --verbose, or check):",
            "   1,200  unknown-frontmatter-key",
            "          s0/SKILL.md:1:1: warning: unknown-frontmatter-key here",
            "          s1/SKILL.md:1:1: warning: unknown-frontmatter-key here",
            "          s2/SKILL.md:1:1: warning: unknown-frontmatter-key here",
            "          … and 1,197 more",
            "       2  broken-link",
            "          t/SKILL.md:1:1: warning: broken-link here",
            "          u/SKILL.md:1:1: warning: broken-link here"),
        DiagnosticSummary.lines(ds, false));
    assertEquals(1203, DiagnosticSummary.lines(ds, true).size());
  }
}
