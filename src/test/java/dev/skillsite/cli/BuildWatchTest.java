package dev.skillsite.cli;

import static dev.skillsite.cli.Watching.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code build --watch}: the resident builder a registry runs — each save patched in place (or
 * built whole when the patch cannot prove it confined), the output folder kept from other writers,
 * and the site always what a clean build of the content makes.
 */
class BuildWatchTest {
  @TempDir Path tmp;
  private final StringWriter stdout = new StringWriter();
  private BuildCommand command;
  private Future<Integer> running;
  private Path content;
  private Path site;

  @BeforeEach
  void watch() throws Exception {
    content = tmp.resolve("content");
    site = tmp.resolve("site");
    writeSkill("alpha", "Use when the user asks to \"brew green tea\".");
    writeSkill("beta", "Use when the user asks to \"grind coffee beans\".");
    command = new BuildCommand();
    CommandLine cl = new CommandLine(command);
    cl.setOut(Watching.printingTo(stdout));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    running =
        Executors.newSingleThreadExecutor()
            .submit(
                () ->
                    cl.execute(
                        "--content",
                        content.toString(),
                        "--out",
                        site.toString(),
                        "--templates",
                        emptyTemplates(),
                        "--watch"));
    await(stdout::toString, s -> s.contains("watching " + content), 90);
    assertTrue(stdout.toString().contains("built " + site), stdout.toString());
  }

  @AfterEach
  void stop() throws Exception {
    command.stop();
    assertEquals(0, running.get());
  }

  @Test
  void aSavedDescriptionIsPatchedInPlaceAndTheSiteIsAsACleanBuildMakesIt() throws Exception {
    writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
    await(stdout::toString, s -> s.contains("patched 1 changed skill in place"), 90);
    assertTrue(
        Files.readString(site.resolve("skills/alpha/index.html")).contains("steep oolong slowly"));
    assertEquals(
        List.of(), SiteFingerprint.differences(cleanBuild(), SiteFingerprint.ofPatched(site)));
  }

  @Test
  void aSaveThroughATempFileOfAnyNameIsPatched() throws Exception {
    // editors and tools write a new file and rename it over the old one; the temp file's name is
    // theirs (GNU sed -i: sedXXXXXX; mktemp: any): the watcher sees it come and go, the site was
    // never made from it
    Path skillMd = content.resolve("skills/alpha/SKILL.md");
    int saves = 0;
    for (String temp : List.of(".edit.Ab12Cd", "sedQ7xk2P")) {
      for (String[] edit :
          List.of(new String[] {"green", "black"}, new String[] {"black", "green"})) {
        Path moved = skillMd.resolveSibling(temp);
        Files.writeString(moved, Files.readString(skillMd).replace(edit[0], edit[1]));
        Files.move(moved, skillMd, StandardCopyOption.ATOMIC_MOVE);
        int patched = ++saves;
        await(stdout::toString, s -> count(s, "patched 1 changed skill in place") == patched, 90);
      }
    }
    assertTrue(!stdout.toString().contains("not patched"), stdout.toString());
    assertEquals(
        List.of(), SiteFingerprint.differences(cleanBuild(), SiteFingerprint.ofPatched(site)));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aNewSkillIsBuiltWholeAndTheWatchGoesOn() throws Exception {
    writeSkill("gamma", "Use when the user asks to \"roast cocoa nibs\".");
    await(
        () -> Files.exists(site.resolve("skills/gamma/index.html")),
        Boolean::booleanValue,
        90); // no patch for a new skill yet: a whole build publishes it
    await(stdout::toString, s -> s.indexOf("built: ") >= 0, 90);
    writeSkill("beta", "Use when the user asks to \"grind espresso fine\".");
    await(stdout::toString, s -> s.contains("patched 1 changed skill in place"), 90);
    assertEquals(
        List.of(), SiteFingerprint.differences(cleanBuild(), SiteFingerprint.ofPatched(site)));
  }

  @Test
  void anotherBuildIntoTheWatchedFolderIsRefusedAtOnce() {
    StringWriter err = new StringWriter();
    CommandLine other = new CommandLine(new BuildCommand());
    other.setOut(new PrintWriter(new StringWriter(), true));
    other.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    int code = other.execute("--content", content.toString(), "--out", site.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("build --watch"), err.toString());
    assertTrue(err.toString().contains("rebuilds it on every save"), err.toString());
    assertTrue(System.nanoTime() - start < 60_000_000_000L, "refused, not waited for");
  }

  /** A clean build of the same content into a new folder. */
  private java.util.SortedMap<String, String> cleanBuild() throws IOException {
    Path clean = tmp.resolve("clean-" + System.nanoTime());
    CommandLine cl = new CommandLine(new BuildCommand());
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(
        0,
        cl.execute(
            "--content",
            content.toString(),
            "--out",
            clean.toString(),
            "--templates",
            emptyTemplates()));
    return SiteFingerprint.ofPatched(clean);
  }

  private void writeSkill(String name, String description) throws IOException {
    TestSkills.write(content, name, description, "Body of " + name + ".");
  }

  private String emptyTemplates() throws IOException {
    return Files.createDirectories(tmp.resolve("templates")).toString();
  }
}
