package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content's {@code static/} folder (files published as they are), one case a folder under
 * {@code src/test/resources/static-files/<case>/}: {@code content/} is built as a user builds it,
 * and {@code expected.txt} holds the skills built, the build's diagnostics about those files, and
 * for each file of {@code content/static/} whether the site has it byte for byte at the same path.
 * Run with {@code -Dskillsite.updateGoldens=true} to rewrite the expected files, then review the
 * diff.
 */
class StaticFilesSpecTest {
  static final Path CASES = Path.of("src/test/resources/static-files");
  private static final boolean UPDATE = Boolean.getBoolean("skillsite.updateGoldens");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCaseBuildsAsWritten() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(CASES)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(dirs.size() >= 5, "fixtures missing: " + dirs);
    return dirs.stream()
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
  }

  private void check(Path dir) throws IOException {
    Path out = tmp.resolve(dir.getFileName().toString()).resolve("site");
    String actual = render(dir.resolve("content"), out);
    Path expected = dir.resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(expected),
        "missing " + expected + " (run with -Dskillsite.updateGoldens=true)");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, dir.toString());
  }

  static String render(Path content, Path out) throws IOException {
    BuildResult result = build(content, out);
    StringBuilder text = new StringBuilder();
    text.append("published: ").append(result.published()).append('\n');
    text.append("skills: ")
        .append(
            String.join(
                " ",
                result.live().orElseThrow().snapshot().catalog().skills().stream()
                    .map(Skill::name)
                    .toList()))
        .append('\n');
    text.append("diagnostics:\n");
    result.diagnostics().stream()
        .sorted(Diagnostic.ORDER)
        .map(Diagnostic::format)
        .forEach(d -> text.append(d).append('\n'));
    text.append("files:\n");
    Path statics = content.resolve("static");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(statics)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = statics.relativize(f).toString().replace('\\', '/');
      Path published = out.resolve(rel);
      boolean same =
          Files.isRegularFile(published, LinkOption.NOFOLLOW_LINKS)
              && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(published));
      text.append(same ? "published " : "not published ").append(rel).append('\n');
    }
    return text.toString();
  }

  static BuildResult build(Path content, Path out) throws IOException {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE, true)
        .run(new BuildOptions(content, out, Optional.empty(), true));
  }
}
