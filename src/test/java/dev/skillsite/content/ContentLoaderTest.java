package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour of {@link ContentLoader} on the fixture sites and on trees built in a temporary folder.
 */
class ContentLoaderTest {
  private final ContentLoader loader = new ContentLoader();

  private Catalog site(String name) throws IOException {
    return loader.load(ContentLoaderGoldenTest.SITES.resolve(name).resolve("content"));
  }

  private static Skill skill(Catalog catalog, String id) {
    return catalog.skill(new SkillId(id)).orElseThrow(() -> new AssertionError("no skill " + id));
  }

  @Test
  void yamlStylesAllLoadWithTheirValues() throws IOException {
    Catalog c = site("yaml-styles");
    assertEquals(
        List.of(
            "bom-start",
            "crlf-lines",
            "folded-block",
            "literal-block",
            "nested-metadata",
            "quoted-strings",
            "tab-values"),
        c.skills().stream().map(s -> s.id().value()).toList());
    assertEquals(
        "Use when the user asks to \"fold a description\", \"join lines\", or mentions folding.\n",
        skill(c, "folded-block").description());
    assertEquals(
        "First line.\nSecond line keeps its break.", skill(c, "literal-block").description());
    assertEquals(
        "Use when: the description has a colon and \"escaped\" quotes.",
        skill(c, "quoted-strings").description());
    assertEquals(
        List.of("Read", "Grep"), skill(c, "quoted-strings").frontmatter().get("allowed-tools"));
    assertEquals("Use when\tvalues hold tabs.", skill(c, "tab-values").description());
    assertEquals("bom-start", skill(c, "bom-start").name());
  }

  @Test
  void crlfFileHasLfBodyAndTheRightBodyLine() throws IOException {
    Skill s = skill(site("yaml-styles"), "crlf-lines");
    assertEquals("# CRLF\n\nBody line.\n", s.body());
    assertEquals(5, s.bodyLine());
    assertEquals("skills/crlf-lines/SKILL.md", s.source());
    assertEquals(
        List.of("file has Windows line ends"),
        s.triggers().clauses(),
        "triggers are extracted at load");
  }

  @Test
  void nestedMetadataBecomesPlainJavaValues() throws IOException {
    Skill s = skill(site("yaml-styles"), "nested-metadata");
    Map<?, ?> meta = (Map<?, ?>) s.frontmatter().get("metadata");
    assertEquals("someone", meta.get("author"));
    assertEquals(1.5, meta.get("version"));
    assertEquals(3L, meta.get("count"));
    assertEquals(false, meta.get("draft"));
    assertEquals("2025-01-31", meta.get("released"));
    assertEquals(List.of("one", "two"), meta.get("tags"));
    assertEquals(Map.of("team", "docs"), meta.get("owner"));
    assertEquals(Optional.empty(), s.license());
    assertEquals(Optional.of("Apache-2.0"), skill(site("yaml-styles"), "literal-block").license());
  }

  @Test
  void referencesAreTheOtherMarkdownFilesSortedWithTitles() throws IOException {
    Skill s = skill(site("yaml-styles"), "nested-metadata");
    assertEquals(
        List.of("notes.md", "references/guide.md", "references/setext.md"),
        s.references().stream().map(Reference::path).toList());
    assertEquals(
        List.of("notes.md", "Guide to metadata", "Setext Title"),
        s.references().stream().map(Reference::title).toList());
    assertTrue(s.references().get(1).markdown().startsWith("---\ntitle: ignored frontmatter"));
  }

  @Test
  void filesWithErrorsAreSkippedAndListed() throws IOException {
    Catalog c = site("frontmatter-errors");
    // bad YAML and a missing closing line are read leniently: published, with their error
    assertEquals(
        List.of("bad-indent", "bad-yaml", "duplicate-key", "ok", "unterminated"),
        c.skills().stream().map(s -> s.id().value()).toList());
    assertEquals(10, c.skippedSources().size());
    assertTrue(c.skippedSources().contains("skills/latin1-bytes/SKILL.md"));
    assertEquals("Use when a key repeats.", skill(c, "duplicate-key").description());
    assertEquals(
        List.of("notes.md"),
        skill(c, "ok").references().stream().map(Reference::path).toList(),
        "a reference that is not UTF-8 is left out");
    for (String skipped : c.skippedSources()) {
      assertTrue(
          c.diagnostics().stream().anyMatch(d -> d.isError() && d.pos().path().equals(skipped)),
          skipped);
    }
  }

  @Test
  void everyDiagnosticHasAKebabCaseCode() throws IOException {
    for (String name :
        List.of("frontmatter-errors", "spec-warnings", "marketplace", "site-config")) {
      for (Diagnostic d : site(name).diagnostics()) {
        assertTrue(d.code().matches("[a-z0-9]+(-[a-z0-9]+)*"), d.code());
      }
    }
  }

  @Test
  void missingNameFallsBackToTheFolderName() throws IOException {
    Catalog c = site("spec-warnings");
    assertEquals("no-name", skill(c, "no-name").name());
    assertEquals("numeric-name", skill(c, "numeric-name").name());
    assertEquals("Foo_Bar", skill(c, "foo-bar").name());
    assertEquals(c.skills().size(), 12);
  }

  @Test
  void duplicateNamesGetDistinctStableIds() throws IOException {
    Catalog c = site("duplicate-names");
    assertEquals(
        List.of(
            "beta-review", "gamma-review", "review", "skills-beta-review", "skills-gamma-review"),
        c.skills().stream().map(s -> s.id().value()).toList());
    assertEquals("skills/alpha/review/SKILL.md", skill(c, "review").source());
    assertEquals("skills/gamma/Review Tool/SKILL.md", skill(c, "gamma-review").source());
  }

  @Test
  void aliasBombsFailFastAndPlainAliasesWork() {
    Catalog c = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> site("alias-bomb"));
    assertEquals(
        List.of(
            "skills/alias-bomb/SKILL.md",
            "skills/alias-fan/SKILL.md",
            "skills/self-reference/SKILL.md"),
        c.skippedSources());
    assertEquals(Map.of("k", "v"), skill(c, "fine").frontmatter().get("again"));
  }

  @Test
  void marketplacePluginsBecomeCollections() throws IOException {
    Catalog c = site("marketplace");
    assertEquals(
        List.of("bundle", "extra-pack", "skills", "tools-co", "writing"),
        c.collections().stream().map(Collection::id).toList());
    Collection writing = c.collection("writing").orElseThrow();
    assertEquals("plugins/writing", writing.path());
    assertEquals(Optional.of("Writing helpers"), writing.description());
    assertEquals(Optional.of("docs"), writing.category());
    assertEquals(List.of("prose", "editing"), writing.keywords());
    assertEquals(Optional.of("https://example.org/writing"), writing.homepage());
    Collection pack = c.collection("extra-pack").orElseThrow();
    assertEquals(Optional.of("https://github.com/example/extra"), pack.homepage());
    assertEquals("Tools & Co", c.collection("tools-co").orElseThrow().name());
    assertEquals("writing", skill(c, "proofread").collectionId());
    assertEquals("bundle", skill(c, "listed").collectionId());
    assertEquals("skills", skill(c, "unlisted").collectionId());
    assertEquals("tools-co", skill(c, "lint").collectionId());
    assertEquals("extra-pack", skill(c, "packed").collectionId());
  }

  @Test
  void siteConfigFallsBackToTheMarketplace() throws IOException {
    SiteConfig config = site("marketplace").config();
    assertEquals("demo-market", config.title());
    assertEquals(Optional.of("Demo plugins for the loader tests"), config.description());
    assertEquals(Optional.of("https://github.com/example/demo-market"), config.repoUrl());
    assertEquals("main", config.branch());
    assertEquals("", config.repoPath());
    assertEquals("demo-market", config.marketplace().orElseThrow().name());
    assertTrue(
        config.marketplace().orElseThrow().plugins().contains("writing"),
        config.marketplace()::toString);
    assertEquals(Optional.empty(), site("site-config").config().marketplace());
    SiteConfig fallback = site("site-config-defaults").config();
    assertEquals("fallback-market", fallback.title());
    assertEquals(Optional.empty(), fallback.stars());
    assertEquals(Optional.empty(), fallback.upstream());
    assertEquals("content", site("invalid-config").config().title());
  }

  @Test
  void skillsiteYamlIsRead() throws IOException {
    Catalog c = site("site-config");
    SiteConfig config = c.config();
    assertEquals("Demo Thinking Skills", config.title());
    assertEquals(Optional.of("Skills for the config test"), config.description());
    assertEquals(Optional.of("https://example.org/skills/"), config.baseUrl());
    assertEquals(Optional.of("https://github.com/example/demo"), config.repoUrl());
    assertEquals("trunk", config.branch());
    assertEquals("content", config.repoPath());
    assertEquals(
        Optional.of("npx add-skill {repo}/tree/{branch}/{path}"), config.installTemplate());
    assertEquals(Optional.of(138), config.stars());
    assertEquals(Optional.empty(), config.forks());
    assertEquals(
        Optional.of(
            new SiteConfig.Upstream(
                "original-skills",
                Optional.of("https://github.com/example/original"),
                Optional.of("MIT"),
                Optional.of(12),
                Optional.empty())),
        config.upstream());
    assertEquals(List.of("reviewer", "helper", "nobody"), config.related().get("planner"));
    assertEquals(Optional.of(0.35), config.threshold());
    assertEquals(Optional.empty(), site("site-config-defaults").config().threshold());
  }

  @Test
  void aRoutingThresholdOutsideZeroToOneIsAWarningAndIgnored(@TempDir Path root)
      throws IOException {
    write(root.resolve("skills/real/SKILL.md"), skillText("real"));
    for (String bad : List.of("1", "0", "1.5", "high", "[0.3]")) {
      write(root.resolve("skillsite.yaml"), "title: t\nrouting:\n  threshold: " + bad + "\n");
      Catalog c = loader.load(root);
      assertEquals(Optional.empty(), c.config().threshold(), bad);
      assertTrue(
          c.diagnostics().stream()
              .anyMatch(
                  d ->
                      d.pos().path().equals("skillsite.yaml")
                          && d.pos().line() == 3
                          && d.message()
                              .contains("'routing.threshold' must be a number between 0 and 1")),
          bad + ": " + c.diagnostics());
    }
  }

  @Test
  void declaredRelatedMergesConfigThenMetadataWithoutRepeats() throws IOException {
    Catalog c = site("site-config");
    assertEquals(List.of("reviewer", "helper"), skill(c, "planner").declaredRelated());
    assertEquals(List.of("planner"), skill(c, "reviewer").declaredRelated());
    assertEquals(List.of(), skill(c, "helper").declaredRelated());
  }

  @Test
  void layoutsAreFoundAtAnyDepthIncludingHiddenFolders() throws IOException {
    Catalog c = site("layouts");
    assertEquals(
        List.of(
            ".claude/skills/hidden-skill/SKILL.md",
            "lone/SKILL.md",
            "skills/cat/deep/deeper/SKILL.md",
            "skills/lower/skill.md",
            "skills/top/SKILL.md",
            "skills/top/inner/SKILL.md",
            "tools/thing/SKILL.md"),
        c.skills().stream().map(Skill::source).sorted().toList());
    assertEquals(
        List.of("README.md", "references/a.md"),
        skill(c, "top").references().stream().map(Reference::path).toList());
    assertEquals(
        List.of("references/b.md"),
        skill(c, "inner").references().stream().map(Reference::path).toList());
    assertEquals("claude-skills", skill(c, "hidden-skill").collectionId());
    assertEquals("cat", skill(c, "deeper").collectionId());
    assertEquals("skills", skill(c, "top").collectionId());
    assertEquals("skills", skill(c, "inner").collectionId());
    assertEquals("tools", skill(c, "thing").collectionId());
    assertEquals("content", skill(c, "lone").collectionId());
    assertEquals(".claude skills", c.collection("claude-skills").orElseThrow().name());
  }

  @Test
  void gitFoldersAndSymlinksAreNotFollowed(@TempDir Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    write(root.resolve(".git/hooks/SKILL.md"), skillText("in-git"));
    write(root.resolve("skills/real/SKILL.md"), skillText("real"));
    write(tmp.resolve("outside/escaped/SKILL.md"), skillText("escaped"));
    Files.createSymbolicLink(root.resolve("skills/linked-dir"), tmp.resolve("outside/escaped"));
    Files.createDirectories(root.resolve("skills/linked-file"));
    Files.createSymbolicLink(
        root.resolve("skills/linked-file/SKILL.md"), root.resolve("skills/real/SKILL.md"));
    Catalog c = loader.load(root);
    assertEquals(List.of("real"), c.skills().stream().map(Skill::name).toList());
    assertEquals(
        List.of(
            "skills/linked-file/SKILL.md:1:1: warning: SKILL.md is a symbolic link; links are not "
                + "followed, so it is not loaded"),
        c.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void upperCaseSkillMdWinsOverLowerCaseInOneFolder(@TempDir Path root) throws IOException {
    write(root.resolve("skills/both/SKILL.md"), skillText("both"));
    write(root.resolve("skills/both/skill.md"), skillText("lower"));
    Catalog c = loader.load(root);
    assertEquals(List.of("skills/both/SKILL.md"), c.skills().stream().map(Skill::source).toList());
    assertEquals(
        List.of(
            "skills/both/skill.md:1:1: warning: skill.md ignored: SKILL.md in the same folder is used"),
        c.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void aFiveMegabyteBodyLoadsAndAnOversizedFileIsAnError(@TempDir Path root) throws IOException {
    String line = "Some body text that repeats to make a large skill body.\n";
    write(
        root.resolve("skills/big/SKILL.md"),
        skillText("big") + line.repeat(5_000_000 / line.length()));
    write(
        root.resolve("skills/huge/SKILL.md"),
        skillText("huge") + "x".repeat((int) SkillReader.MAX_BYTES));
    Catalog c = loader.load(root);
    assertEquals(List.of("big"), c.skills().stream().map(Skill::name).toList());
    assertTrue(skill(c, "big").body().length() > 4_900_000);
    assertEquals(List.of("skills/huge/SKILL.md"), c.skippedSources());
    Diagnostic d = c.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    assertEquals("file-too-large", d.code());
    assertTrue(d.message().endsWith("the limit is 16777216 bytes"), d.message());
  }

  @Test
  void deepNestingAndHugeFrontmatterFailFastWithDiagnostics(@TempDir Path root) throws IOException {
    write(
        root.resolve("deep/SKILL.md"),
        "---\ndescription: d\nx: " + "[".repeat(200_000) + "\n---\n");
    write(
        root.resolve("nested/SKILL.md"),
        "---\ndescription: d\nx: " + "[".repeat(100) + "]".repeat(100) + "\n---\n");
    write(
        root.resolve("wide/SKILL.md"),
        "---\ndescription: d\nx: \"" + "y".repeat(1_100_000) + "\"\n---\n");
    Catalog c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> loader.load(root));
    assertEquals(List.of("deep/SKILL.md", "nested/SKILL.md", "wide/SKILL.md"), c.skippedSources());
    assertEquals(
        List.of("yaml-too-complex", "yaml-too-complex", "yaml-too-large"),
        c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList());
  }

  @Test
  void aSkillMdAtTheRootIsOneSkillWithTheRestAsReferences(@TempDir Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("solo-skill"));
    write(root.resolve("SKILL.md"), skillText("solo-skill"));
    write(root.resolve("docs/usage.md"), "# Usage\n");
    Catalog c = loader.load(root);
    Skill s = skill(c, "solo-skill");
    assertEquals("", s.dir());
    assertEquals(List.of("docs/usage.md"), s.references().stream().map(Reference::path).toList());
    assertEquals(List.of(), c.diagnostics());
  }

  @Test
  void aRootThatIsNotAFolderThrows(@TempDir Path tmp) throws IOException {
    assertThrows(IOException.class, () -> loader.load(tmp.resolve("missing")));
    Path file = write(tmp.resolve("file.md"), "# not a folder\n");
    assertThrows(IOException.class, () -> loader.load(file));
  }

  @Test
  void anEmptyTreeLoadsEmpty(@TempDir Path root) throws IOException {
    Catalog c = loader.load(root);
    assertTrue(c.skills().isEmpty());
    assertTrue(c.collections().isEmpty());
    assertFalse(c.config().title().isEmpty());
  }

  @Test
  void relatedIsReadFromACommaOrSpaceSeparatedStringAndFromAnOldList(@TempDir Path root)
      throws IOException {
    for (String name : List.of("a", "b", "c", "d")) {
      write(root.resolve("skills/" + name + "/SKILL.md"), skillText(name));
    }
    write(
        root.resolve("skills/comma/SKILL.md"),
        "---\nname: comma\ndescription: Use when commas.\nmetadata:\n  related: a, b,c\n---\n");
    write(
        root.resolve("skills/space/SKILL.md"),
        "---\nname: space\ndescription: Use when spaces.\nmetadata:\n  related: c  d\n---\n");
    write(
        root.resolve("skills/listed/SKILL.md"),
        "---\nname: listed\ndescription: Use when a list.\nmetadata:\n  related: [d, a]\n---\n");
    Catalog c = loader.load(root);
    assertEquals(List.of("a", "b", "c"), skill(c, "comma").declaredRelated());
    assertEquals(List.of("c", "d"), skill(c, "space").declaredRelated());
    assertEquals(List.of("d", "a"), skill(c, "listed").declaredRelated());
    assertEquals(
        List.of(
            "skills/listed/SKILL.md:5:12: warning: metadata.related must be a string, found a list;"
                + " readers that follow the specification turn it into text or reject it"
                + " (hint: write related: d, a)"),
        c.diagnostics().stream().map(Diagnostic::format).toList(),
        "only the list form is linted");
  }

  private static String skillText(String name) {
    return "---\nname: " + name + "\ndescription: Use when testing " + name + ".\n---\n";
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
