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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    assertEquals(
        Optional.of(root.resolve("skills/a/images/diagram.png").toAbsolutePath()),
        files.publishable("skills/a/images/diagram.png", "skills/a"));
    assertTrue(files.publishable("skills/a/LICENSE", "skills/a").isPresent());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.php",
        "evil.PHP",
        "evil.phtml",
        "evil.php.png",
        "evil.cgi",
        "x.asp.txt",
        "a.jsp",
        "b.shtml",
        "run.pl",
        ".htaccess"
      })
  void typesAWebServerRunsAreNeverPublished(String name) throws IOException {
    Files.writeString(root.resolve("skills/a/" + name), "<?php system($_GET['c']); ?>");
    assertEquals(Optional.empty(), files.publishable("skills/a/" + name, "skills/a"));
  }

  @Test
  void theDocumentedListOfPublishedTypesIsTheListPublished() throws IOException {
    String doc = Files.readString(Path.of("docs/security.md"));
    String list =
        doc.substring(
            doc.indexOf("<!-- published-extensions -->"),
            doc.indexOf("<!-- /published-extensions -->"));
    java.util.Set<String> documented = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`\\.([a-z0-9]+)`").matcher(list);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(new java.util.TreeSet<>(ContentFiles.extensions()), documented);
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
