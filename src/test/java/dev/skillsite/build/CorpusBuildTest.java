package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.site.BrokenLinkWalker;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real collection and our demo content build whole: a page per skill, no broken internal
 * link.
 */
@Tag("corpus")
class CorpusBuildTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "content",
        "../shared/corpora/elixir",
        "../shared/corpora/anthropic",
        "../shared/corpora/medium",
        "../shared/corpora/trigger-evals",
        "../shared/corpora/large"
      })
  void buildsEverySkillWithNoBrokenInternalLink(String corpus) throws IOException {
    Path content = Path.of(corpus);
    assumeTrue(Files.isDirectory(content), "missing " + corpus);
    Path out = tmp.resolve("site");
    BuildResult result =
        pipeline()
            .run(new BuildOptions(content, out, Optional.of("https://example.org/sub/"), true));

    assertEquals(
        0,
        result.errors(),
        () -> String.join("\n", result.diagnostics().stream().map(d -> d.format()).toList()));
    long templates =
        result.diagnostics().stream().filter(d -> d.code().equals("placeholder-skill")).count();
    assertEquals(
        skillFiles(content),
        result.skills() + templates,
        "every SKILL.md but a template's is published");
    for (Skill s : new dev.skillsite.content.ContentLoader().load(content).skills()) {
      assertTrue(
          Files.isRegularFile(out.resolve("skills/" + s.id() + "/index.html")),
          "page of " + s.id());
    }
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(out));
    assertTrue(Files.isDirectory(out.resolve(BuildPipeline.LUCENE_DIR)), "routing index written");
  }

  /**
   * Two builds give the same bytes, the routing index's files included, even from two JVMs:
   * Lucene's random segment ids, its timestamps and the JVM-dependent order of its diagnostics must
   * all be pinned.
   */
  @Test
  void buildingTwiceGivesTheSameBytes() throws Exception {
    Path content = Path.of("../shared/corpora/anthropic");
    assumeTrue(Files.isDirectory(content));
    pipeline().run(new BuildOptions(content, tmp.resolve("a"), Optional.empty(), true));
    pipeline().run(new BuildOptions(content, tmp.resolve("b"), Optional.empty(), true));
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.of(tmp.resolve("a")), SiteFingerprint.of(tmp.resolve("b"))));

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.skillsite.cli.Main",
                "build",
                "--content",
                content.toString(),
                "--out",
                tmp.resolve("c").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "child build finished");
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.of(tmp.resolve("a")), SiteFingerprint.of(tmp.resolve("c"))),
        "a build in another JVM");
    assertTrue(
        Files.list(tmp.resolve("c").resolve(BuildPipeline.LUCENE_DIR)).findAny().isPresent());
  }

  @Test
  void ourDemoContentBuildsWithoutAWarning() throws IOException {
    BuildResult result =
        pipeline()
            .run(new BuildOptions(Path.of("content"), tmp.resolve("site"), Optional.empty(), true));
    assertEquals(List.of(), result.diagnostics().stream().map(d -> d.format()).toList());
    assertEquals(6, result.skills());
  }

  private static BuildPipeline pipeline() throws IOException {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);
  }

  private static long skillFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().equalsIgnoreCase("skill.md"))
          .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/.git/"))
          .count();
    }
  }
}
