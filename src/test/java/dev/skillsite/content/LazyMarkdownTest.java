package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.MarkdownText;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog does not hold long Markdown: a reference's text and a long SKILL.md body are read
 * again from their files when asked for (issue 27: a registry's Markdown does not fit in a small
 * heap), with the length and hashes of the text as loaded.
 */
class LazyMarkdownTest {
  private static final String LONG_BODY = "# Guide\n\n" + "A line of the body.\n".repeat(60);

  private static Skill load(Path root) throws IOException {
    Catalog c = new ContentLoader().load(root);
    assertEquals(1, c.skills().size(), c.diagnostics().toString());
    return c.skills().get(0);
  }

  private static Path skill(Path root, String body) throws IOException {
    Path dir = Files.createDirectories(root.resolve("demo"));
    Files.writeString(
        dir.resolve("SKILL.md"),
        "---\r\nname: demo\r\ndescription: Use when testing lazy text.\r\n---\r\n"
            + body.replace("\n", "\r\n"));
    Files.createDirectories(dir.resolve("references"));
    Files.writeString(dir.resolve("references/api.md"), "# The API\n\nCalls \0 and more.\n");
    return dir;
  }

  @Test
  void textsAreTheFilesAsLoadedAndReadAgainWhenAskedFor() throws IOException {
    Path root = Files.createTempDirectory("lazy");
    Path dir = skill(root, LONG_BODY);
    Skill s = load(root);
    Reference ref = s.references().get(0);
    assertEquals("The API", ref.title());
    // as the loader reads it: line ends normalised, NUL replaced
    assertEquals("# The API\n\nCalls \uFFFD and more.\n", ref.markdown());
    assertEquals(MarkdownText.of("# The API\n\nCalls \uFFFD and more.\n"), ref.text());
    assertEquals(LONG_BODY, s.body());
    assertEquals(MarkdownText.of(LONG_BODY), s.bodyText());
    assertEquals(5, s.bodyLine());

    // not held: a file changed after loading is read as it is now; length and hashes stay
    Files.writeString(dir.resolve("references/api.md"), "# Changed\n");
    assertEquals("# Changed\n", ref.markdown());
    assertEquals(MarkdownText.of("# The API\n\nCalls \uFFFD and more.\n"), ref.text());
    String longer = LONG_BODY.replace("A line", "B line");
    skill(root, longer);
    assertEquals(longer, s.body());
    assertNotEquals(MarkdownText.of(longer), MarkdownText.of(LONG_BODY));
  }

  @Test
  void aFileGoneSinceLoadingFailsNamingIt(@TempDir Path root) throws IOException {
    Path dir = skill(root, LONG_BODY);
    Skill s = load(root);
    Files.delete(dir.resolve("references/api.md"));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> s.references().get(0).markdown());
    assertTrue(
        e.getMessage().contains("demo/references/api.md") && e.getMessage().contains("changed"),
        e.getMessage());
  }

  @Test
  void aShortBodyIsHeld(@TempDir Path root) throws IOException {
    Path dir = skill(root, "Short body.\n");
    Skill s = load(root);
    Files.delete(dir.resolve("SKILL.md"));
    assertEquals("Short body.\n", s.body());
  }
}
