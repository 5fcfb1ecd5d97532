package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list patch's renderer compiles the list templates only ({@link ListPatch#RENDERED}: home,
 * collection, A–Z and trigger index pages), not every page's: a user's templates folder whose skill
 * page template does not compile still makes one, and it refuses, by name, a page it did not
 * compile.
 */
class ListRendererTest {
  @TempDir Path tmp;

  @Test
  void onlyTheListTemplatesAreCompiled() throws IOException {
    Path dir = tmp.resolve("templates");
    try (Stream<Path> files = Files.walk(Path.of("templates"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(Path.of("templates").relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Files.writeString(dir.resolve("skill.peb"), "{% if %} not a template");
    IllegalArgumentException all =
        assertThrows(IllegalArgumentException.class, () -> new PageRenderer(Optional.of(dir)));
    assertTrue(all.getMessage().contains("skill"), all.getMessage());
    PageRenderer lists = new PageRenderer(Optional.of(dir), ListPatch.RENDERED);
    assertEquals(
        EnumSet.of(PageKind.INDEX, PageKind.COLLECTION, PageKind.SKILLS, PageKind.TRIGGERS),
        ListPatch.RENDERED);
    IllegalArgumentException skill =
        assertThrows(
            IllegalArgumentException.class, () -> lists.render(PageKind.SKILL, null, null, null));
    assertTrue(skill.getMessage().contains("SKILL"), skill.getMessage());
  }
}
