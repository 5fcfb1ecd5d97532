package dev.skillsite.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryIndexWriterTest {
  private static final Path CONTENT = Path.of("src/test/resources/check/clean/content");

  @TempDir Path site;

  @Test
  void indexListsEverySkillWithTheDigestOfTheServedFile() throws Exception {
    Catalog catalog = new ContentLoader().load(CONTENT);
    new DiscoveryIndexWriter().write(catalog, CONTENT, site);
    JsonObject index =
        JsonParser.parseString(
                Files.readString(
                    site.resolve(".well-known/agent-skills/index.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals(
        "https://schemas.agentskills.io/discovery/0.2.0/schema.json",
        index.get("$schema").getAsString());
    JsonArray skills = index.getAsJsonArray("skills");
    assertEquals(
        List.of("commit-writer", "csv-tables"),
        skills.asList().stream().map(e -> e.getAsJsonObject().get("name").getAsString()).toList());
    JsonObject csv = skills.get(1).getAsJsonObject();
    assertEquals("skill-md", csv.get("type").getAsString());
    assertTrue(
        csv.get("description").getAsString().startsWith("Formats CSV files as Markdown tables."));
    assertEquals("../../skills/csv-tables/SKILL.md", csv.get("url").getAsString());
    byte[] served =
        Files.readAllBytes(
            site.resolve(".well-known/agent-skills").resolve(csv.get("url").getAsString()));
    assertArrayEquals(Files.readAllBytes(CONTENT.resolve("skills/csv-tables/SKILL.md")), served);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served));
    assertEquals("sha256:" + hex, csv.get("digest").getAsString());
  }

  @Test
  void baseUrlMakesUrlsAbsoluteAndOutputIsDeterministic() throws IOException {
    Catalog catalog = new ContentLoader().load(CONTENT);
    catalog =
        new Catalog(
            catalog.config().withBaseUrl("https://example.org/skills-site/"),
            catalog.collections(),
            catalog.skills(),
            catalog.skippedSources(),
            catalog.diagnostics());
    new DiscoveryIndexWriter().write(catalog, CONTENT, site);
    String first =
        Files.readString(site.resolve(DiscoveryIndexWriter.PATH), StandardCharsets.UTF_8);
    new DiscoveryIndexWriter().write(catalog, CONTENT, site);
    assertEquals(
        first, Files.readString(site.resolve(DiscoveryIndexWriter.PATH), StandardCharsets.UTF_8));
    assertTrue(
        first.contains("\"url\": \"https://example.org/skills-site/skills/csv-tables/SKILL.md\""),
        first);
  }

  @Test
  void llmsTxtLinksEverySkillPageWithItsSummary() throws IOException {
    Catalog catalog = new ContentLoader().load(CONTENT);
    new LlmsTxtWriter().write(catalog, site);
    List<String> lines = Files.readAllLines(site.resolve("llms.txt"), StandardCharsets.UTF_8);
    assertEquals("# " + catalog.config().title(), lines.get(0));
    assertTrue(lines.contains("## Skills"), lines.toString());
    // the one-sentence summary: what the skill does, not when it should be used
    assertTrue(
        lines.contains("- [csv-tables](skills/csv-tables/): Formats CSV files as Markdown tables."),
        lines.toString());
    assertTrue(
        lines.contains("- [commit-writer SKILL.md](skills/commit-writer/SKILL.md)"),
        lines.toString());
  }
}
