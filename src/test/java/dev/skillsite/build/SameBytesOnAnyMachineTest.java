package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.ForkedCli;
import dev.skillsite.testing.SiteFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same content gives the same site on any machine: a build in a JVM that sees one core and one
 * that sees three, in a Turkish locale, another time zone and a Latin-1 default charset, write the
 * same bytes, the routing index's files included. (The index used to be inverted in as many parts
 * as there were cores, and its merged files differed with the number of parts; heading ids were
 * lowercased in the default locale, so a Turkish one made "Idioms" {@code #ıdioms}.)
 */
@Tag("process")
class SameBytesOnAnyMachineTest {
  /** Enough skills for the routing index to be inverted in parts. */
  private static final int SKILLS = 420;

  @Test
  void buildsOnDifferentCoresLocalesAndTimeZonesWriteTheSameSite(@TempDir Path tmp)
      throws Exception {
    Path content = tmp.resolve("content");
    for (int i = 0; i < SKILLS; i++) {
      Path dir = content.resolve("skills/topic-" + i);
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          "---\nname: topic-"
              + i
              + "\ndescription: Use when the user asks"
              + " to \"tune widget w"
              + (i % 37)
              + "\", \"inspect topic "
              + i
              + "\", or mentions gadget g"
              + (i % 11)
              + ".\n---\n# Topic "
              + i
              + "\n\n## Section s"
              + (i % 5)
              + "\n\n## Idioms and IDs\n\nWidget w"
              + (i % 37)
              + " sits behind cache layer "
              + (i % 3)
              + "; see [the notes](references/notes.md).\n",
          StandardCharsets.UTF_8);
      Files.createDirectories(dir.resolve("references"));
      Files.writeString(
          dir.resolve("references/notes.md"),
          "# Notes " + i + "\n\nGadget g" + (i % 11) + " and topic-" + ((i + 1) % SKILLS) + ".\n",
          StandardCharsets.UTF_8);
    }
    // a name with capitals: slugs, titles and the A–Z index must not lowercase it in the JVM's
    // locale
    Path idle = content.resolve("skills/idle");
    Files.createDirectories(idle);
    Files.writeString(
        idle.resolve("SKILL.md"),
        "---\nname: Idle Inspector\ndescription: Use when the user asks"
            + " \"INSPECT IDLE INSTANCES\" or mentions IIS, Istanbul.\n---\n# Idle Inspector\n\nSee"
            + " [Idioms](#idioms-and-ids).\n\n## Idioms and IDs\n",
        StandardCharsets.UTF_8);
    SortedMap<String, String> one =
        build(
            content,
            tmp.resolve("one"),
            List.of(
                "-XX:ActiveProcessorCount=1",
                "-Duser.language=en",
                "-Duser.country=US",
                "-Duser.timezone=UTC",
                "-Dfile.encoding=UTF-8"));
    SortedMap<String, String> three =
        build(
            content,
            tmp.resolve("three"),
            List.of(
                "-XX:ActiveProcessorCount=3",
                "-Duser.language=tr",
                "-Duser.country=TR",
                "-Duser.timezone=Asia/Kathmandu",
                "-Dfile.encoding=ISO-8859-1"));
    assertTrue(
        one.keySet().stream().anyMatch(p -> p.startsWith("search/lucene/")),
        one.keySet()::toString);
    assertEquals(List.of(), SiteFingerprint.differences(one, three));
  }

  private static SortedMap<String, String> build(Path content, Path out, List<String> jvm)
      throws Exception {
    ForkedCli.Run run =
        ForkedCli.run(
            jvm,
            Map.of("LC_ALL", "C.UTF-8"),
            "build",
            "--content",
            content.toString(),
            "--out",
            out.toString());
    assertEquals(0, run.exitCode(), "build with " + jvm + " failed: " + run.output());
    return SiteFingerprint.of(out);
  }
}
