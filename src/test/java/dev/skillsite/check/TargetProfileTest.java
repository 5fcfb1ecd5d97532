package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetProfileTest {
  private final Diagnostic ccKey =
      Diagnostic.warning(
          new SourcePos("s/SKILL.md", 4, 1),
          "claude-code-key",
          "key 'when_to_use' is a Claude Code extension, not in the Agent Skills specification");
  private final Diagnostic noName =
      Diagnostic.warning(
          SourcePos.of("s/SKILL.md"),
          "missing-name",
          "missing frontmatter key 'name'; using the folder name 's'");
  private final Diagnostic unknown =
      Diagnostic.warning(
          new SourcePos("s/SKILL.md", 5, 1),
          "unknown-key",
          "unknown key 'tags' (not in the Agent Skills specification)");
  private final Diagnostic link =
      Diagnostic.warning(
          new SourcePos("s/SKILL.md", 9, 3), "link-missing", "link to a missing file: a.md");
  private final List<Diagnostic> all = List.of(ccKey, noName, unknown, link);

  @Test
  void agentSkillsKeepsTheLoaderDiagnostics() {
    assertEquals(all, new TargetProfile(Target.AGENTSKILLS).apply(all));
  }

  @Test
  void claudeCodeAcceptsItsKeysAndAMissingName() {
    assertEquals(List.of(unknown, link), new TargetProfile(Target.CLAUDE_CODE).apply(all));
  }

  @Test
  void claudeAiRejectsUnknownKeysAndAMissingName() {
    List<String> lines =
        new TargetProfile(Target.CLAUDE_AI).apply(all).stream().map(Diagnostic::format).toList();
    assertEquals(
        List.of(
            "s/SKILL.md:4:1: error: key 'when_to_use' is a Claude Code extension (claude.ai uploads reject this)",
            "s/SKILL.md:1:1: error: missing frontmatter key 'name'; using the folder name 's' (claude.ai uploads reject this)",
            "s/SKILL.md:5:1: error: unknown key 'tags' (not in the Agent Skills specification) (claude.ai uploads reject this)",
            "s/SKILL.md:9:3: warning: link to a missing file: a.md"),
        lines);
  }
}
