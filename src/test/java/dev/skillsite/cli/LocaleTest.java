package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.ForkedCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java 17 decodes file names in the locale's character set, so under the POSIX locale (LANG=C:
 * containers, CI images) a skill folder named "café" cannot be read. The launcher runs the JVM in a
 * UTF-8 locale when the caller's is not one ({@link LauncherTest}); run otherwise, the build says
 * what is wrong and how to fix it.
 */
@Tag("process")
class LocaleTest {
  /**
   * Builds {@code dir/content} into {@code dir/out} in a JVM run with {@code LC_ALL=lcAll}; its
   * output.
   */
  private static String build(Path dir, String lcAll, int exitCode)
      throws IOException, InterruptedException {
    ForkedCli.Run run =
        ForkedCli.run(
            List.of(),
            Map.of("LC_ALL", lcAll),
            "build",
            "--content",
            dir.resolve("content").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(exitCode, run.exitCode(), run.output());
    return run.output();
  }

  @Test
  void aJvmInThePosixLocaleSaysHowToReadNonAsciiFileNames(@TempDir Path tmp) throws Exception {
    Path skill = tmp.resolve("content/skills/café");
    Files.createDirectories(skill);
    Files.writeString(
        skill.resolve("SKILL.md"),
        "---\nname: cafe\ndescription: Use when the user asks to"
            + " \"brew coffee\".\n---\n# Café\n",
        StandardCharsets.UTF_8);
    String out = build(tmp, "C", 2);
    assertTrue(out.contains("cannot be read in this locale's character set"), out);
    assertTrue(out.contains("LC_ALL=C.UTF-8"), out);
    assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void theSameBuildInAUtf8LocaleReadsThem(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path skill = tmp.resolve("content/skills/café");
    Files.createDirectories(skill.resolve("references"));
    Files.writeString(
        skill.resolve("SKILL.md"),
        "---\nname: café\ndescription: Use when the user asks to"
            + " \"brew coffee\".\n---\n# Café\n\nSee [the notes](references/über.md).\n",
        StandardCharsets.UTF_8);
    Files.writeString(skill.resolve("references/über.md"), "# Über\n", StandardCharsets.UTF_8);
    String out = build(tmp, "C.UTF-8", 0);
    try (var files = Files.walk(tmp.resolve("out/skills"))) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("über.html")), out);
    }
  }
}
