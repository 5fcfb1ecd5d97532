package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild links the files that did not change to the previous site's instead of writing them
 * again.
 */
class UnchangedFilesTest {
  @TempDir Path tmp;
  private Path content;
  private Path out;
  private final BuildPipeline pipeline =
      new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);

  @BeforeEach
  void firstBuild() throws IOException {
    content = tmp.resolve("content");
    out = tmp.resolve("site");
    skill("alpha", "Use when the user asks to \"brew green tea\".", "Steep it for three minutes.");
    skill(
        "beta", "Use when the user asks to \"grind coffee beans\".", "Grind just before brewing.");
    assertTrue(pipeline.run(new BuildOptions(content, out, Optional.empty(), true)).published());
  }

  @Test
  void unchangedFilesKeepTheirInodeAndTheSiteIsWhatACleanBuildMakes() throws IOException {
    Map<String, Object> before = inodes(out);
    Map<String, String> beforeBytes = SiteFingerprint.of(out);
    skill(
        "alpha",
        "Use when the user asks to \"brew green tea\".",
        "Steep it for three minutes. Never boil the leaves.");

    assertTrue(pipeline.run(new BuildOptions(content, out, Optional.empty(), true)).published());

    Map<String, Object> after = inodes(out);
    assertNotEquals(
        before.get("skills/alpha/index.html"),
        after.get("skills/alpha/index.html"),
        "changed: written");
    assertNotEquals(
        before.get("skills/alpha/SKILL.md"), after.get("skills/alpha/SKILL.md"), "changed: copied");
    for (String same :
        new String[] {"skills/beta/SKILL.md", "assets/site.css", "robots.txt", "404.html"}) {
      assertEquals(before.get(same), after.get(same), same + " is the previous site's file");
    }
    Map<String, String> afterBytes = SiteFingerprint.of(out);
    after.forEach(
        (path, inode) -> {
          if (afterBytes.containsKey(path)) { // not the audit cache's stamps (SiteFingerprint)
            assertEquals(
                afterBytes.get(path).equals(beforeBytes.get(path)),
                inode.equals(before.get(path)),
                path + ": kept exactly when unchanged");
          }
        });
    assertTrue(
        after.keySet().stream()
            .anyMatch(p -> p.startsWith("search/t/") && after.get(p).equals(before.get(p))),
        "files written after the pages (the search export) are kept too");

    Path clean = tmp.resolve("clean");
    assertTrue(pipeline.run(new BuildOptions(content, clean, Optional.empty(), true)).published());
    assertEquals(
        List.of(), SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)));
  }

  @Test
  void aSymbolicLinkPlantedInThePreviousSiteIsNotFollowed() throws IOException {
    Path outside = tmp.resolve("outside.css");
    Files.copy(out.resolve("assets/site.css"), outside);
    Files.delete(out.resolve("assets/site.css"));
    Files.createSymbolicLink(out.resolve("assets/site.css"), outside);
    Object outsideInode = Files.getAttribute(outside, "unix:ino");

    assertTrue(pipeline.run(new BuildOptions(content, out, Optional.empty(), true)).published());

    Path css = out.resolve("assets/site.css");
    assertFalse(Files.isSymbolicLink(css));
    assertNotEquals(outsideInode, Files.getAttribute(css, "unix:ino"));
    assertEquals(Files.readString(outside), Files.readString(css));
    assertEquals(
        1, (int) Files.getAttribute(outside, "unix:nlink"), "the outside file gained no link");
  }

  private static Map<String, Object> inodes(Path site) throws IOException {
    Map<String, Object> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(site)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        m.put(site.relativize(f).toString(), Files.getAttribute(f, "unix:ino"));
      }
    }
    return m;
  }

  private void skill(String name, String description, String body) throws IOException {
    TestSkills.write(content, name, description, body);
  }
}
