package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every real collection in {@code ../shared/corpora/} loads completely and without errors. */
@Tag("corpus")
class CorpusLoadTest {
  private static final Path CORPORA = Path.of("../shared/corpora");
  private static final ContentLoader LOADER = new ContentLoader();
  private static final Map<Path, Catalog> LOADED = new ConcurrentHashMap<>();

  /** Each corpus is loaded once per test run (the large one takes a while on a busy machine). */
  private static Catalog load(Path root) throws IOException {
    Catalog cached = LOADED.get(root);
    if (cached == null) {
      cached = LOADER.load(root);
      LOADED.put(root, cached);
    }
    return cached;
  }

  private static List<Path> roots() throws IOException {
    Assumptions.assumeTrue(
        Files.isDirectory(CORPORA), "corpora not present: " + CORPORA.toAbsolutePath());
    List<Path> roots =
        new ArrayList<>(
            List.of(
                CORPORA.resolve("elixir"),
                CORPORA.resolve("anthropic"),
                CORPORA.resolve("large"),
                CORPORA.resolve("trigger-evals")));
    for (String group : List.of("medium", "trigger-evals")) {
      try (Stream<Path> dirs = Files.list(CORPORA.resolve(group))) {
        dirs.filter(Files::isDirectory).sorted().forEach(roots::add);
      }
    }
    return roots;
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusLoadsEverySkillWithoutErrors() throws IOException {
    return roots().stream()
        .map(
            root ->
                DynamicTest.dynamicTest(
                    CORPORA.relativize(root).toString(),
                    () -> {
                      Catalog c = load(root);
                      // skill templates (anthropic's template/, large's template-skill/) are found,
                      // reported and not published
                      List<String> templates =
                          c.diagnostics().stream()
                              .filter(d -> d.code().equals("placeholder-skill"))
                              .map(d -> d.pos().path())
                              .sorted()
                              .toList();
                      assertTrue(templates.size() <= 1, templates::toString);
                      assertEquals(
                          skillFiles(root),
                          c.skills().size() + templates.size(),
                          "skills loaded = SKILL.md files found");
                      assertEquals(
                          List.of(),
                          c.diagnostics().stream()
                              .filter(Diagnostic::isError)
                              .map(Diagnostic::format)
                              .toList());
                      assertEquals(templates, c.skippedSources().stream().sorted().toList());
                      Set<String> ids =
                          c.skills().stream().map(s -> s.id().value()).collect(Collectors.toSet());
                      assertEquals(c.skills().size(), ids.size(), "ids are unique");
                      Set<String> collections =
                          c.collections().stream().map(Collection::id).collect(Collectors.toSet());
                      assertEquals(
                          c.collections().size(), collections.size(), "collection ids are unique");
                      for (Skill s : c.skills()) {
                        assertTrue(
                            collections.contains(s.collectionId()),
                            s.source() + " -> " + s.collectionId());
                        assertTrue(Files.isRegularFile(root.resolve(s.source())), s.source());
                      }
                      Set<String> used = new HashSet<>();
                      c.skills().forEach(s -> used.add(s.collectionId()));
                      assertEquals(collections, used, "no empty collections");
                      assertEquals(
                          c.skills().stream().map(Skill::id).sorted().toList(),
                          c.skills().stream().map(Skill::id).toList());
                    }));
  }

  @Test
  void anthropicDanglingMarketplacePathsAreWarnings() throws IOException {
    Path root = CORPORA.resolve("anthropic");
    Assumptions.assumeTrue(Files.isDirectory(root));
    List<String> dangling =
        load(root).diagnostics().stream()
            .filter(d -> d.code().equals("missing-skill-path"))
            .map(Diagnostic::format)
            .toList();
    assertEquals(4, dangling.size(), dangling.toString());
    for (String name : List.of("xlsx", "docx", "pptx", "pdf")) {
      assertTrue(
          dangling.stream()
              .anyMatch(
                  d ->
                      d.startsWith(".claude-plugin/marketplace.json:")
                          && d.contains(
                              "warning: marketplace.json lists skill path './skills/"
                                  + name
                                  + "'")),
          name);
    }
  }

  @Test
  void largeCorpusGroupsByCategoryFolder() throws IOException {
    Path root = CORPORA.resolve("large");
    Assumptions.assumeTrue(Files.isDirectory(root));
    Catalog c = load(root);
    assertTrue(c.collection("development").isPresent());
    assertTrue(c.collection("creative-design").isPresent());
    assertEquals(
        List.of(),
        c.collections().stream().map(Collection::id).filter(id -> id.contains("game")).toList(),
        "sub-category folders stay inside their category");
    assertTrue(
        c.collections().size() >= 28 && c.collections().size() <= 31, c.collections().toString());
  }

  @Test
  void loadingTwiceGivesEqualCatalogs() throws IOException {
    Path root = CORPORA.resolve("medium/wshobson__agents");
    Assumptions.assumeTrue(Files.isDirectory(root));
    assertEquals(LOADER.load(root), LOADER.load(root));
  }

  private static long skillFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f ->
                  f.getFileName().toString().equals("SKILL.md")
                      || f.getFileName().toString().equals("skill.md"))
          .count();
    }
  }
}
