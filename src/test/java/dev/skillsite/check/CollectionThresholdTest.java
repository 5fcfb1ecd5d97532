package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Skill;
import dev.skillsite.site.RenderedDiagnostics;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} probes triggers at the threshold the collection sets in {@code skillsite.yaml}. */
class CollectionThresholdTest {
  @TempDir Path content;

  private List<String> unreachable() throws IOException {
    return new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
        .check(content, CheckOptions.DEFAULTS).routing().unreachable().stream()
            .map(u -> u.id().value())
            .sorted()
            .toList();
  }

  @Test
  void triggersThatFireAtTheDefaultAreUnreachableUnderAStricterThreshold() throws IOException {
    for (Skill s : TestSkills.fixture()) {
      TestSkills.write(content, s.name(), s.description(), s.body());
    }
    // at the default every skill is reached by one of its own triggers (the three without phrases
    // or
    // keywords by their "Use when" clauses or their first sentence)
    assertEquals(List.of(), unreachable());
    Files.writeString(
        content.resolve("skillsite.yaml"),
        "routing:\n  threshold: 0.9999\n",
        StandardCharsets.UTF_8);
    assertEquals(
        List.of("docker-images", "git-commit", "otp-thinking", "pdf-forms", "sql-tuning"),
        unreachable());
  }
}
