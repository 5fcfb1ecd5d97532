package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every fixture site under {@code src/test/resources/sites/<case>/content} and compares all
 * its formatted diagnostics with {@code <case>/expected-diagnostics.txt}. Run with {@code
 * -Dskillsite.updateGoldens=true} to rewrite the expected files, then review the diff.
 */
class ContentLoaderGoldenTest {
  static final Path SITES = Path.of("src/test/resources/sites");
  private static final boolean UPDATE = Boolean.getBoolean("skillsite.updateGoldens");
  private final ContentLoader loader = new ContentLoader();

  @TestFactory
  Stream<DynamicTest> everySiteGivesItsExpectedDiagnostics() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(SITES)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 10, "fixture sites found: " + cases);
    return cases.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private void check(Path dir) throws IOException {
    Path content = dir.resolve("content");
    assertTrue(Files.isDirectory(content), "every case has a content folder: " + dir);
    Catalog catalog = loader.load(content);
    String actual = formatted(catalog);
    assertEquals(
        actual, formatted(loader.load(content)), "loading twice gives the same diagnostics");
    Path skillsFile = dir.resolve("expected-skills.txt");
    if (Files.exists(skillsFile)) {
      compare(skillsFile, skills(catalog), dir);
    }
    compare(dir.resolve("expected-diagnostics.txt"), actual, dir);
  }

  private static void compare(Path expectedFile, String actual, Path dir) throws IOException {
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(expectedFile),
        "missing " + expectedFile + " (run with -Dskillsite.updateGoldens=true)");
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, dir.toString());
  }

  /** Every published skill as read: its frontmatter values, body line and first body line. */
  static String skills(Catalog catalog) {
    StringBuilder out = new StringBuilder();
    for (Skill s : catalog.skills()) {
      out.append(s.source())
          .append(" (body from line ")
          .append(s.bodyLine())
          .append(": ")
          .append(s.body().lines().findFirst().orElse(""))
          .append(")\n");
      s.frontmatter()
          .forEach(
              (k, v) ->
                  out.append("  ")
                      .append(k)
                      .append(" = ")
                      .append(v)
                      .append(" (")
                      .append(v.getClass().getSimpleName())
                      .append(")\n"));
    }
    return out.toString();
  }

  static String formatted(Catalog catalog) {
    return catalog.diagnostics().stream()
        .map(Diagnostic::format)
        .map(line -> line + "\n")
        .collect(Collectors.joining());
  }
}
