package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recall on the fixture collection: every finding listed in a skill's {@code .expected} file is
 * found at that severity or worse, and every rule of the table is exercised by at least one
 * fixture.
 */
class AuditFixturesTest {
  static final Path FIXTURES = Path.of("src/test/resources/audit/fixtures");

  @Test
  void everyExpectedFindingIsFound() throws IOException {
    Catalog catalog = new ContentLoader().load(FIXTURES);
    AuditReport report = Auditor.standard().audit(catalog, FIXTURES);
    List<Finding> found = report.findings();
    List<String> missed = new ArrayList<>();
    int expected = 0;
    try (Stream<Path> files = Files.list(FIXTURES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".expected")).sorted().toList()) {
        String skill = f.getFileName().toString().replace(".expected", "");
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          expected++;
          String[] parts = line.split(" ");
          String rule = parts[0];
          AuditSeverity severity = AuditSeverity.parse(parts[1]).orElseThrow();
          String path = skill + "/" + parts[2];
          boolean ok =
              found.stream()
                  .anyMatch(
                      x ->
                          x.rule().equals(rule)
                              && x.pos().path().equals(path)
                              && x.severity().atLeast(severity));
          if (!ok) {
            missed.add(
                skill
                    + ": "
                    + line
                    + " (found there: "
                    + found.stream()
                        .filter(x -> x.pos().path().equals(path))
                        .map(x -> x.rule() + "/" + x.severity().label())
                        .toList()
                    + ")");
          }
        }
      }
    }
    assertTrue(catalog.skills().size() >= 60, "at least 60 fixtures: " + catalog.skills().size());
    assertTrue(expected >= 60, "expected findings listed: " + expected);
    assertEquals(List.of(), missed, "expected findings not found");
  }

  @Test
  void everyRuleIsExercised() throws IOException {
    List<String> listed = new ArrayList<>();
    try (Stream<Path> files = Files.list(FIXTURES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".expected")).toList()) {
        Files.readAllLines(f, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .forEach(l -> listed.add(l.split(" ")[0]));
      }
    }
    List<String> unexercised =
        Auditor.standard().table().rules().stream()
            .map(AuditRule::id)
            .filter(id -> !id.equals("oversized-file") && !listed.contains(id))
            .toList();
    assertEquals(List.of(), unexercised, "rules with no fixture");
  }
}
