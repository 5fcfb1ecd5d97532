package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The edit {@code mvn package} trains the build's class archive and AOT cache on ({@code
 * scripts/CdsTrainingEdit.java}) is a patch of content/, not a whole build, and takes the paths a
 * trigger edit takes: a trigger phrase added walks the related lists and decodes a health page
 * record. An archive trained on a refused patch would hold the whole build's classes instead.
 */
@Tag("process")
class CdsTrainingEditTest {
  @TempDir Path tmp;

  @Test
  void theTrainingEditIsPatchedAsATriggerEditIs() throws Exception {
    Path copy = tmp.resolve("edit");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "scripts/CdsTrainingEdit.java",
                "content",
                copy.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), said);
    assertEquals(4, said.lines().filter(l -> l.contains(" -> ")).count(), said);
    assertFalse(said.contains("skipped"), said);

    String site = tmp.resolve("site").toString();
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, "build", "--content", "content", "--out", site), out.toString());
    out.getBuffer().setLength(0);
    String skill = copy.resolve("plugins/elixir/skills/oban-thinking/SKILL.md").toString();
    assertEquals(
        0,
        run(
            out,
            "build",
            "--content",
            copy.toString(),
            "--out",
            site,
            "--changed",
            skill,
            "--timings"),
        out.toString());
    String log = out.toString();
    assertTrue(log.contains("patch: 1 changed skill"), log);
    assertFalse(log.contains("not taken"), log);
    assertTrue(log.contains("walk a changed term=1"), log);
    assertTrue(log.contains("page records decoded 1 "), log);
  }

  private static int run(StringWriter both, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(both, true));
    cl.setErr(new PrintWriter(both, true));
    return cl.execute(args);
  }
}
