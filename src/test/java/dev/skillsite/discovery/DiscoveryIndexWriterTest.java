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

  /**
   * A skill's download changing kind (refs4): the entry of a skill served as its SKILL.md alone
   * rewritten to its archive (type, url, digest) is the index a whole build writes with the archive
   * there, byte for byte, under a relative and an absolute base; the bytes after it move by what
   * the splice says (the patched digest offsets); and back again.
   */
  @Test
  void anEntryServedAsAnArchiveFromNowIsTheWholeIndex() throws IOException {
    for (String base : new String[] {"", "https://example.org/skills-site/"}) {
      Catalog loaded = new ContentLoader().load(CONTENT);
      Catalog catalog =
          base.isEmpty()
              ? loaded
              : new Catalog(
                  loaded.config().withBaseUrl(base),
                  loaded.collections(),
                  loaded.skills(),
                  loaded.skippedSources(),
                  loaded.diagnostics());
      Path alone = site.resolve("alone" + base.length());
      new DiscoveryIndexWriter().write(catalog, CONTENT, alone);
      Path archived = site.resolve("archived" + base.length());
      String archivePath = "skills/commit-writer/commit-writer.tar.gz";
      byte[] archive = "not really a tar.gz, but bytes to digest".getBytes(StandardCharsets.UTF_8);
      Files.createDirectories(archived.resolve(archivePath).getParent());
      Files.write(archived.resolve(archivePath), archive);
      new DiscoveryIndexWriter().write(catalog, CONTENT, archived);
      String skillMd = "skills/commit-writer/SKILL.md";
      long at =
          DiscoveryIndexWriter.digestOffsets(alone.resolve(DiscoveryIndexWriter.PATH)).get(skillMd);
      long later =
          DiscoveryIndexWriter.digestOffsets(alone.resolve(DiscoveryIndexWriter.PATH))
              .get("skills/csv-tables/SKILL.md");
      Path staging = site.resolve("staging" + base.length());
      DiscoveryIndexWriter.Spliced spliced =
          DiscoveryIndexWriter.patchServed(alone, staging, skillMd, archivePath, true, archive, at)
              .orElseThrow();
      byte[] expected = Files.readAllBytes(archived.resolve(DiscoveryIndexWriter.PATH));
      assertArrayEquals(expected, Files.readAllBytes(staging.resolve(DiscoveryIndexWriter.PATH)));
      var offsets = DiscoveryIndexWriter.digestOffsets(archived.resolve(DiscoveryIndexWriter.PATH));
      assertEquals(offsets.get(archivePath), at + (at > spliced.at() ? spliced.by() : 0));
      assertEquals(
          offsets.get("skills/csv-tables/SKILL.md"),
          later + (later > spliced.at() ? spliced.by() : 0));
      // not this entry's kind any more: nothing staged
      Path none = site.resolve("none" + base.length());
      assertTrue(
          DiscoveryIndexWriter.patchServed(
                  archived, none, skillMd, archivePath, true, archive, offsets.get(archivePath))
              .isEmpty());
      // back: its SKILL.md alone again
      Path back = site.resolve("back" + base.length());
      DiscoveryIndexWriter.patchServed(
              archived,
              back,
              archivePath,
              skillMd,
              false,
              Files.readAllBytes(CONTENT.resolve("skills/commit-writer/SKILL.md")),
              offsets.get(archivePath))
          .orElseThrow();
      assertArrayEquals(
          Files.readAllBytes(alone.resolve(DiscoveryIndexWriter.PATH)),
          Files.readAllBytes(back.resolve(DiscoveryIndexWriter.PATH)));
    }
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
