package dev.skillsite.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.cli.Main;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** export --solr on the demo collection: what it writes, and what it refuses to overwrite. */
class SolrExportTest {
  @Test
  void writesConfigsetPluginDocumentsAndReadme(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("solr");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    assertEquals(
        0, cl.execute("export", "--solr", out.toString(), "--content", "content"), err.toString());
    List<Skill> skills = new ContentLoader().load(Path.of("content")).skills();
    assertTrue(Files.isRegularFile(out.resolve("configset/schema.xml")));
    assertTrue(Files.isRegularFile(out.resolve("configset/solrconfig.xml")));
    assertTrue(Files.size(out.resolve("lib/skillsite-solr-plugin.jar")) > 1000);
    assertTrue(Files.readString(out.resolve("README.txt")).contains(skills.size() + " skills"));
    JsonArray docs =
        JsonParser.parseString(Files.readString(out.resolve("docs/skills-00001.json")))
            .getAsJsonArray();
    assertEquals(skills.size(), docs.size());
    for (int i = 0; i < skills.size(); i++) {
      JsonObject d = docs.get(i).getAsJsonObject();
      assertEquals(skills.get(i).id().value(), d.get("id").getAsString());
      assertEquals(i, d.get("ord").getAsInt());
      assertEquals(skills.get(i).description(), d.get("description_text").getAsString());
    }
    assertTrue(
        Files.notExists(out.resolve("configset/configoverlay.json")),
        "the demo collection keeps the default threshold: nothing to overlay");
    try (var s = Files.list(tmp)) {
      assertEquals(List.of(out), s.toList(), "no staging folder left beside it");
    }
    // an earlier export is replaced
    Files.writeString(out.resolve("docs/stale.json"), "[]");
    SolrExport.write(skills, out);
    assertTrue(Files.notExists(out.resolve("docs/stale.json")));
  }

  /** A collection's own routing.threshold goes into the configset, where route --solr reads it. */
  @Test
  void keepsTheCollectionsThresholdInTheConfigset(@TempDir Path tmp) throws IOException {
    Path content = tmp.resolve("content");
    Path skill = content.resolve("skills/docker-slim/SKILL.md");
    Files.createDirectories(skill.getParent());
    Files.writeString(
        skill,
        "---\nname: docker-slim\ndescription: Shrinks Docker images. Use when asked to \"shrink"
            + " an image\".\n---\n# Docker slim\n");
    Files.writeString(content.resolve("skillsite.yaml"), "routing: {threshold: 0.45}\n");
    Path out = tmp.resolve("solr");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    assertEquals(
        0,
        cl.execute("export", "--solr", out.toString(), "--content", content.toString()),
        err.toString());
    JsonObject overlay =
        JsonParser.parseString(Files.readString(out.resolve("configset/configoverlay.json")))
            .getAsJsonObject();
    assertEquals(
        "0.45",
        overlay.getAsJsonObject("userProps").get("skillsite.routing.threshold").getAsString());
    assertTrue(Files.readString(out.resolve("README.txt")).contains("set-user-property"));
  }

  @Test
  void refusesAFolderThatIsNotAnEarlierExport(@TempDir Path tmp) throws IOException {
    Path mine = tmp.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    IOException e = assertThrows(IOException.class, () -> SolrExport.write(List.of(), mine));
    assertTrue(e.getMessage().contains("not an earlier export"), e.getMessage());
    assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
  }
}
