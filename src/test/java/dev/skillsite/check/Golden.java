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
    return findings.stream().map(d -> d.code() + " " + d.format() + "\n").collect(Collectors.joining());
  }

  static void assertMatches(Path golden, List<Diagnostic> findings) throws IOException {
    String actual = lines(findings);
    if (Boolean.getBoolean("check.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "<missing " + golden + ">";
    assertEquals(expected, actual, "findings differ from " + golden + " (rerun with -Dcheck.update=true and review)");
  }
}
