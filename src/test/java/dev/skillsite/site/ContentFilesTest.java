package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFilesTest {
  @TempDir Path tmp;
  Path root;
  ContentFiles files;

  @BeforeEach
  void tree() throws IOException {
    root = tmp.resolve("content");
    Path skill = Files.createDirectories(root.resolve("skills/a/images"));
    Files.writeString(skill.resolve("diagram.png"), "png");
    Files.writeString(root.resolve("skills/a/LICENSE"), "MIT");
    Files.writeString(root.resolve("skills/a/page.html"), "<script>alert(1)</script>");
    Files.writeString(root.resolve("skills/a/logo.svg"), "<svg onload=alert(1)>");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(skill.resolve("secret.png"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("skills/a/linked"), tmp);
    Files.createDirectories(root.resolve("skills/b"));
    Files.writeString(root.resolve("skills/b/x.png"), "png");
    files = new ContentFiles(Optional.of(root));
  }

  @Test
  void regularFilesOfPublishableTypesInsideTheSkillArePublished() {
    assertEquals(Optional.of(root.resolve("skills/a/images/diagram.png").toAbsolutePath()),
        files.publishable("skills/a/images/diagram.png", "skills/a"));
    assertTrue(files.publishable("skills/a/LICENSE", "skills/a").isPresent());
  }

  @Test
  void symlinksAreNeverFollowed() {
    assertEquals(Optional.empty(), files.publishable("skills/a/images/secret.png", "skills/a"));
    assertEquals(Optional.empty(), files.publishable("skills/a/linked/secret.txt", "skills/a"));
  }

  @Test
  void htmlAndSvgThatCouldRunScriptAreNotPublished() {
    assertEquals(Optional.empty(), files.publishable("skills/a/page.html", "skills/a"));
    assertEquals(Optional.empty(), files.publishable("skills/a/logo.svg", "skills/a"));
    assertTrue(files.exists("skills/a/page.html"));
  }

  @Test
  void filesOfAnotherSkillOrAboveTheRootAreNotPublished() {
    assertEquals(Optional.empty(), files.publishable("skills/b/x.png", "skills/a"));
    assertEquals(Optional.empty(), files.publishable("../secret.txt", ""));
    assertFalse(files.exists("skills/a/missing.png"));
  }

  @Test
  void withoutAContentRootNothingIsPublished() {
    ContentFiles none = new ContentFiles(Optional.empty());
    assertEquals(Optional.empty(), none.publishable("skills/a/images/diagram.png", "skills/a"));
    assertFalse(none.exists("skills/a/images/diagram.png"));
  }
}
