package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.site.view.InstallView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The install commands of a skill page, per agent, from what the collection's metadata says. */
class InstallTargetsTest {
  private static final String PAGE = "skills/pdf/index.html";
  private static final Optional<InstallTargets.Download> ARCHIVE =
      Optional.of(new InstallTargets.Download("skills/pdf/pdf.tar.gz", true));

  private static SiteConfig config(
      Optional<String> baseUrl,
      Optional<String> repo,
      String path,
      Optional<SiteConfig.PluginMarketplace> market) {
    return new SiteConfig(
        "t",
        Optional.empty(),
        baseUrl,
        repo,
        "main",
        path,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Map.of(),
        market);
  }

  private static Map<String, String> commands(
      SiteConfig config,
      Skill skill,
      Optional<Collection> collection,
      Optional<InstallTargets.Download> download) {
    InstallView v =
        new InstallTargets(config, new InstallCommand(config))
            .view(skill, collection, download, PAGE);
    return v.options().stream()
        .collect(
            Collectors.toMap(
                InstallView.InstallOption::key,
                InstallView.InstallOption::command,
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  private static Catalog catalog(SiteConfig config, String name, String dir) {
    return new CatalogFixture()
        .config(config)
        .skill(name)
        .id("s")
        .dir(dir)
        .collection("document-skills")
        .add()
        .catalog();
  }

  private static Optional<Collection> plugin(String name) {
    return Optional.of(
        new Collection(
            name, name, "", Optional.empty(), Optional.empty(), List.of(), Optional.empty()));
  }

  @Test
  void aMarketplaceAtTheRepositoryRootInstallsThePluginInClaudeCode() {
    SiteConfig config =
        config(
            Optional.empty(),
            Optional.of("https://github.com/anthropics/skills"),
            "",
            Optional.of(
                new SiteConfig.PluginMarketplace(
                    "anthropic-agent-skills", List.of("document-skills"))));
    Skill pdf = catalog(config, "pdf", "skills/pdf").skills().get(0);
    Map<String, String> c = commands(config, pdf, plugin("document-skills"), ARCHIVE);
    assertEquals(
        List.of("claude-code", "skills-cli", "codex", "cursor", "gemini-cli"),
        List.copyOf(c.keySet()));
    assertEquals(
        "/plugin marketplace add anthropics/skills\n/plugin install document-skills@anthropic-agent-skills",
        c.get("claude-code"));
    assertEquals("npx skills add anthropics/skills --skill pdf", c.get("skills-cli"));
    assertEquals(
        "d=$(mktemp -d) && git clone -q --depth 1 -b main https://github.com/anthropics/skills \"$d\""
            + " && mkdir -p ~/.agents/skills && cp -R \"$d\"/skills/pdf ~/.agents/skills/pdf",
        c.get("codex"));
    assertEquals(
        "d=$(mktemp -d) && git clone -q --depth 1 -b main https://github.com/anthropics/skills \"$d\""
            + " && mkdir -p ~/.gemini/skills && cp -R \"$d\"/skills/pdf ~/.gemini/skills/pdf",
        c.get("gemini-cli"));
  }

  @Test
  void withoutAPluginClaudeCodeGetsItsSkillsFolder() {
    SiteConfig config =
        config(
            Optional.empty(),
            Optional.of("https://gitlab.com/team/skills"),
            "content",
            Optional.of(new SiteConfig.PluginMarketplace("m", List.of("document-skills"))));
    Skill pdf = catalog(config, "pdf", "pdf").skills().get(0);
    Map<String, String> c = commands(config, pdf, plugin("document-skills"), ARCHIVE);
    // the marketplace is not at the repository root (the content is in content/): no plugin command
    assertEquals(
        "d=$(mktemp -d) && git clone -q --depth 1 -b main https://gitlab.com/team/skills \"$d\""
            + " && mkdir -p ~/.claude/skills && cp -R \"$d\"/content/pdf ~/.claude/skills/pdf",
        c.get("claude-code"));
    assertEquals("npx skills add https://gitlab.com/team/skills --skill pdf", c.get("skills-cli"));
  }

  @Test
  void withOnlyABaseUrlTheSiteIsTheSource() {
    SiteConfig config =
        config(Optional.of("https://skills.example/docs"), Optional.empty(), "", Optional.empty());
    Skill pdf = catalog(config, "pdf", "skills/pdf").skills().get(0);
    Map<String, String> c = commands(config, pdf, Optional.empty(), ARCHIVE);
    assertEquals("npx skills add https://skills.example/docs --skill pdf", c.get("skills-cli"));
    assertEquals(
        "mkdir -p ~/.cursor/skills/pdf && curl -fsSL https://skills.example/docs/skills/pdf/pdf.tar.gz"
            + " | tar -xz -C ~/.cursor/skills/pdf",
        c.get("cursor"));
    Map<String, String> single =
        commands(
            config,
            pdf,
            Optional.empty(),
            Optional.of(new InstallTargets.Download("skills/pdf/SKILL.md", false)));
    assertEquals(
        "mkdir -p ~/.claude/skills/pdf && curl -fsSL https://skills.example/docs/skills/pdf/SKILL.md"
            + " -o ~/.claude/skills/pdf/SKILL.md",
        single.get("claude-code"));
  }

  @Test
  void withoutASourceThereIsNoCommandOnlyTheDownload() {
    SiteConfig config = config(Optional.empty(), Optional.empty(), "", Optional.empty());
    Skill pdf = catalog(config, "pdf", "skills/pdf").skills().get(0);
    InstallView v =
        new InstallTargets(config, new InstallCommand(config))
            .view(pdf, Optional.empty(), ARCHIVE, PAGE);
    assertEquals(List.of(), v.options());
    assertEquals("pdf.tar.gz", v.downloadHref());
    assertEquals(
        "This collection does not say where its source is, so there is no install command.",
        v.note());
  }

  @Test
  void wordsFromContentAreQuoted() {
    SiteConfig config =
        config(Optional.empty(), Optional.of("https://github.com/o/r"), "", Optional.empty());
    Skill evil = catalog(config, "x; rm -rf ~", "skills/it's $(evil)").skills().get(0);
    Map<String, String> c = commands(config, evil, Optional.empty(), Optional.empty());
    assertEquals("npx skills add o/r --skill 'x; rm -rf ~'", c.get("skills-cli"));
    assertEquals(
        "d=$(mktemp -d) && git clone -q --depth 1 -b main https://github.com/o/r \"$d\" && mkdir -p"
            + " ~/.agents/skills && cp -R \"$d\"/'skills/it'\\''s $(evil)' ~/.agents/skills/'it'\\''s $(evil)'",
        c.get("codex"));
  }
}
