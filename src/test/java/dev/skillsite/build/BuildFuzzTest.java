package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.UnsafeMarkupScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import org.junit.jupiter.api.Tag;

/**
 * Property-based fuzzing of the whole pipeline (frontmatter parser, loader, Markdown, site): for
 * any SKILL.md made of YAML and Markdown fragments, hostile ones included, the build ends normally,
 * every problem is a diagnostic with the file and a line, the skill is either published or reported
 * as an error, and no page carries executable markup. CI runs a short run; a long one is {@code mvn
 * -B test -Dtest=BuildFuzzTest -Djqwik.tries.default=20000}.
 */
@Tag("fuzz")
class BuildFuzzTest {
  private static final List<String> YAML =
      List.of(
          "name: fuzz\n",
          "description: ",
          "description: |\n  ",
          "description: >-\n  ",
          "metadata:\n  ",
          "  related: [a, b]\n",
          "license: MIT\n",
          "key: \"quoted: value\"\n",
          "list:\n  - a\n  - b\n",
          "&a [*a, *a]\n",
          "*undefined\n",
          "!!binary x\n",
          "\t",
          "\r\n",
          "\n",
          ": ",
          "- ",
          "'",
          "\"",
          "{",
          "}",
          "[",
          "]",
          "#",
          "%YAML 1.2\n",
          "\uFEFF",
          "é",
          "💥",
          "<script>alert(1)</script>",
          "? complex\n",
          "---\n",
          "...\n",
          "x: &anchor\n  y: *anchor\n");
  private static final List<String> MARKDOWN =
      List.of(
          "# ",
          "## ",
          "\n",
          "\n\n",
          "*",
          "_",
          "**",
          "`",
          "```\n",
          "```html\n",
          "~~~",
          "> ",
          "- ",
          "1. ",
          "- [ ] ",
          "| a | b |\n|---|---|\n",
          "[",
          "]",
          "(",
          ")",
          "](",
          "![",
          "<",
          ">",
          "&",
          "&#x6A;",
          "javascript:alert(1)",
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "<a href=\"javascript:alert(1)\">",
          "</a>",
          "<iframe>",
          "<div style=\"x:expression(1)\">",
          "../../etc/passwd",
          "references/r.md",
          "#anchor",
          "http://example.org/",
          "oban-thinking",
          "\\",
          "    ",
          "\t",
          "---\n",
          "===\n",
          "<!--",
          "-->",
          "[x]: javascript:alert(1)\n",
          "text ",
          "word ");

  private Path root;

  @Property
  void anySkillFileBuildsOrIsReported(
      @ForAll("frontmatter") String frontmatter,
      @ForAll("markdown") String body,
      @ForAll boolean closed)
      throws IOException {
    root = Files.createTempDirectory("skillsite-fuzz-");
    Path content = root.resolve("content");
    Path skill = content.resolve("skills/fuzz/SKILL.md");
    Files.createDirectories(skill.getParent());
    Files.writeString(
        skill, "---\n" + frontmatter + (closed ? "\n---\n" : "\n") + body, StandardCharsets.UTF_8);
    Files.writeString(skill.resolveSibling("r.md"), "# Ref\n\n" + body, StandardCharsets.UTF_8);

    BuildResult result =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(new BuildOptions(content, root.resolve("site"), Optional.empty(), true));

    for (Diagnostic d : result.diagnostics()) {
      assertTrue(d.pos().path().startsWith("skills/fuzz/"), d.format());
      assertTrue(
          d.format().matches("(?s)skills/fuzz/[^:]+:\\d+:\\d+: (error|warning): .+"), d.format());
    }
    boolean published = Files.isRegularFile(root.resolve("site/skills/fuzz/index.html"));
    // frontmatter strict YAML rejects is read leniently: published, with its error
    boolean readLeniently =
        result.diagnostics().stream()
            .anyMatch(
                d ->
                    d.code().equals("lenient-frontmatter")
                        || d.code().equals("unterminated-frontmatter"));
    assertEquals(
        !published,
        result.errors() > 0 && !(published && readLeniently),
        () -> String.join("\n", result.diagnostics().stream().map(Diagnostic::format).toList()));
    assertEquals(List.of(), UnsafeMarkupScanner.problems(root.resolve("site")));
  }

  @AfterTry
  void deleteTree() throws IOException {
    if (root != null) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  @Provide
  Arbitrary<String> frontmatter() {
    return Arbitraries.of(YAML).list().ofMaxSize(14).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> markdown() {
    return Arbitraries.of(MARKDOWN).list().ofMaxSize(40).map(parts -> String.join("", parts));
  }
}
