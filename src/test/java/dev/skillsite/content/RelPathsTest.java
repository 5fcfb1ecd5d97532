package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelPathsTest {
  @Test
  void manifestPathsAreNormalisedInsideTheRoot() {
    assertEquals(Optional.of("skills/pdf"), RelPaths.normalize("", "./skills/pdf/"));
    assertEquals(Optional.of(""), RelPaths.normalize("", "./"));
    assertEquals(Optional.of("plugins/x/skills/y"), RelPaths.normalize("plugins/x", "skills//y"));
    assertEquals(Optional.of("shared"), RelPaths.normalize("plugins", "../shared"));
    assertEquals(Optional.empty(), RelPaths.normalize("", "../outside"));
    assertEquals(Optional.empty(), RelPaths.normalize("", "/etc"));
  }

  @Test
  void orderIsUtf8ByteOrder() {
    List<String> paths =
        new ArrayList<>(
            List.of("b/SKILL.md", "a/SKILL.md", "a-b/SKILL.md", "\uD83D\uDE00/x", "\uFF5E/x"));
    paths.sort(RelPaths.ORDER);
    assertEquals(
        List.of("a-b/SKILL.md", "a/SKILL.md", "b/SKILL.md", "\uFF5E/x", "\uD83D\uDE00/x"), paths);
  }
}
