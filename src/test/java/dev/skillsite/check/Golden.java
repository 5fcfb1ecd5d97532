package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Golden files of findings, one {@code code path:line:col: severity: message} a line. Run with
 * {@code -Dcheck.update=true} to rewrite them, then read the diff before committing.
 */
final class Golden {
  private Golden() {}

  static String lines(List<Diagnostic> findings) {
    return findings.stream()
        .map(d -> d.code() + " " + d.format() + "\n")
        .collect(Collectors.joining());
  }

  /**
   * Like {@link #lines}, router scores masked as {@code #.##}: which triggers collide is pinned,
   * not how much.
   */
  static String masked(List<Diagnostic> findings) {
    return SCORE.matcher(lines(findings)).replaceAll("#.##");
  }

  private static final java.util.regex.Pattern SCORE =
      java.util.regex.Pattern.compile("\\b\\d+\\.\\d\\d\\b");

  static void assertMatches(Path golden, List<Diagnostic> findings) throws IOException {
    assertMatches(golden, lines(findings));
  }

  static void assertMatches(Path golden, String actual) throws IOException {
    if (Boolean.getBoolean("check.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected =
        Files.exists(golden)
            ? Files.readString(golden, StandardCharsets.UTF_8)
            : "<missing " + golden + ">";
    assertEquals(
        expected,
        actual,
        "findings differ from " + golden + " (rerun with -Dcheck.update=true and review)");
  }
}
