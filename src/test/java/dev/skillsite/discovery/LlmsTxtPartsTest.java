package dev.skillsite.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llms.txt of a catalog larger than it may list: links to part files that list every skill (limit
 * made small).
 */
class LlmsTxtPartsTest {
  private static final Path CONTENT = Path.of("src/test/resources/check/clean/content");

  @Test
  void overTheLimitLlmsTxtLinksParts(@TempDir Path site) throws Exception {
    Catalog catalog = new ContentLoader().load(CONTENT);
    int n = catalog.skills().size();
    assertTrue(n >= 2, "fixture has " + n + " skills");
    new LlmsTxtWriter(1).write(catalog, site);
    List<String> lines = Files.readAllLines(site.resolve("llms.txt"), StandardCharsets.UTF_8);
    assertEquals("# " + catalog.config().title(), lines.get(0));
    List<String> links = lines.stream().filter(l -> l.startsWith("- [")).toList();
    // parts of one skill each, linked without a count: every skill once
    assertEquals(n, links.size(), lines.toString());
    int listed = 0;
    for (int k = 1; k <= links.size(); k++) {
      String file = String.format("llms/skills-%03d.txt", k);
      assertTrue(
          links.get(k - 1).matches("- \\[Skills .+ … .+\\]\\(" + file.replace(".", "\\.") + "\\)"),
          links.get(k - 1));
      String part = Files.readString(site.resolve(file), StandardCharsets.UTF_8);
      assertTrue(part.contains("\n## Optional\n"), part);
      long lines2 = part.lines().filter(l -> l.startsWith("- [")).count();
      assertEquals(2, lines2, part);
      listed += (int) lines2 / 2;
    }
    assertEquals(n, listed);
  }

  @Test
  void upToTheLimitOneFile(@TempDir Path site) throws Exception {
    Catalog catalog = new ContentLoader().load(CONTENT);
    new LlmsTxtWriter().write(catalog, site);
    assertTrue(Files.notExists(site.resolve("llms")));
    assertEquals(
        2L * catalog.skills().size(),
        Files.readAllLines(site.resolve("llms.txt")).stream()
            .filter(l -> l.startsWith("- ["))
            .count());
  }
}
