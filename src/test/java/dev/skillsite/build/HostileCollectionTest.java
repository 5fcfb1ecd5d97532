package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of a hostile battery (issue 26), each in a collection beside a good skill: one bad skill is that
 * skill's diagnostic, never the build's failure, and the good skill is published.
 */
class HostileCollectionTest {
  @TempDir Path tmp;

  @Test
  void aHugeBodyIsShownAsPlainTextWithAWarningAndTheRestIsRendered() throws IOException {
    Path content = good();
    TestSkills.write(content, "huge", "Use when testing the Markdown budget.", "`code` *em* ".repeat(200_000));
    BuildResult result = build(content);
    assertTrue(result.published());
    assertEquals(List.of("skills/huge/SKILL.md:5:1: warning: Markdown of 2.3 Mi characters is over the 2 Mi"
        + " characters one document may render; shown as plain text, cut at 256 Ki characters (hint: split it into"
        + " reference files)"), lines(result, "markdown-budget"));
    String huge = page("huge");
    assertTrue(huge.contains("<pre>`code` *em* `code`"), "shown as text");
    assertFalse(huge.contains("<code>code</code>"), "not rendered");
    assertTrue(huge.length() < 400_000, "cut: " + huge.length());
    assertTrue(page("good").contains("<code>rendered</code>"));
  }

  Path good() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.write(content, "good", "Use when checking that good skills are still published.", "Some `rendered` text.");
    return content;
  }

  BuildResult build(Path content) {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, out(), Optional.empty(), true));
  }

  Path out() {
    return tmp.resolve("site");
  }

  String page(String skill) throws IOException {
    return Files.readString(out().resolve("skills/" + skill + "/index.html"), StandardCharsets.UTF_8);
  }

  static List<String> lines(BuildResult result, String code) {
    return result.diagnostics().stream().filter(d -> d.code().equals(code)).map(Diagnostic::format).toList();
  }
}
