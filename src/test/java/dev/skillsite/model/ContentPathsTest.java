package dev.skillsite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentPathsTest {
  @Test
  void containmentIsByWholeSegments() {
    assertTrue(ContentPaths.contains("skills/pdf", "skills/pdf"));
    assertTrue(ContentPaths.contains("skills", "skills/pdf"));
    assertTrue(ContentPaths.contains("", "anything"));
    assertFalse(ContentPaths.contains("skills/pdf", "skills/pdf-tools"));
  }

  @Test
  void resolvesDotSegmentsInsideTheRootOnly() {
    assertEquals(
        Optional.of("skills/pdf/references/api.md"),
        ContentPaths.resolve("skills/pdf", "./references//api.md"));
    assertEquals(
        Optional.of("skills/shared.md"), ContentPaths.resolve("skills/pdf", "../shared.md"));
    assertEquals(Optional.of(""), ContentPaths.resolve("skills", ".."));
    assertEquals(Optional.empty(), ContentPaths.resolve("skills", "../../etc/passwd"));
    assertEquals(Optional.of("a.md"), ContentPaths.resolve("", "a.md"));
  }

  @Test
  void splitsAndJoins() {
    assertEquals("skills/pdf", ContentPaths.parent("skills/pdf/SKILL.md"));
    assertEquals("", ContentPaths.parent("SKILL.md"));
    assertEquals("SKILL.md", ContentPaths.fileName("skills/pdf/SKILL.md"));
    assertEquals("a/b", ContentPaths.join("a", "b"));
    assertEquals("b", ContentPaths.join("", "b"));
    assertEquals("a", ContentPaths.join("a", ""));
  }

  @Test
  void decodesPercentEscapesButKeepsPlusAndMalformedText() {
    assertEquals("my notes.md", ContentPaths.decode("my%20notes.md"));
    assertEquals("c++.md", ContentPaths.decode("c++.md"));
    assertEquals("c++ notes.md", ContentPaths.decode("c++%20notes.md"));
    assertEquals("100%.md", ContentPaths.decode("100%.md"));
  }
}
