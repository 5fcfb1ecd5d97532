package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link QuickBuild} reads a patch build's command line as picocli does, and leaves every other one
 * to picocli: the same fields, the same output, picocli's errors.
 */
class QuickBuildTest {
  @TempDir Path tmp;

  @Test
  void thePatchCommandLinesOfTheBenchAndTheWatcherAreReadAsPicocliReadsThem() {
    for (String line :
        List.of(
            "build --content c --out s --changed c/a/SKILL.md",
            "build --changed c/a/SKILL.md c/b/LICENSE --content c --out s --timings",
            "build --content=c --out=s --max-skills 200000 --timings --changed c/x.md",
            "build --changed x --strict --verbose --no-cache --lock-wait 0",
            "build --lock-wait=12 --changed x --base-url https://example.org/skills/",
            "build --templates t --changed-from list.txt --changed y z",
            "build --changed x --max-skills 1",
            "build --changed build")) {
      String[] args = line.split(" ");
      Optional<BuildCommand> quick = QuickBuild.parse(args);
      assertTrue(quick.isPresent(), line);
      assertEquals(fields(picocli(args)), fields(quick.get()), line);
    }
  }

  @Test
  void everyOtherCommandLineIsLeftToPicocli() {
    for (String line :
        List.of(
            "build --content c --out s", // no --changed: a whole build, its start is small
            "build --changed",
            "build --changed --timings",
            "build --changed x --help",
            "build --changed x -h",
            "build --changed x --version",
            "build --changed x --timings --timings",
            "build --changed x --changed y",
            "build --changed x --content a --content b",
            "build --changed x --lock-wait -1",
            "build --changed x --lock-wait 010",
            "build --changed x --lock-wait 0x10",
            "build --changed x --max-skills 0",
            "build --changed x --max-skills 99999999999",
            "build --changed x --base-url ftp://example.org",
            "build --changed x --strict=true",
            "build --changed=x",
            "build --changed x --content",
            "build --changed x --content= ",
            "build --changed @args.txt",
            "build @args.txt",
            "build --changed x --unknown",
            "build --changed x -Dy",
            "build --changed - ",
            "build --changed-from - --changed x",
            "route --changed x",
            "build")) {
      assertEquals(Optional.empty(), QuickBuild.parse(line.split(" ")), line);
    }
  }

  @Test
  void randomCommandLinesTheQuickReaderTakesPicocliReadsAlike() {
    String[] tokens = {
      "--changed",
      "--content",
      "--out",
      "--templates",
      "--base-url",
      "--lock-wait",
      "--max-skills",
      "--changed-from",
      "--strict",
      "--timings",
      "--verbose",
      "--no-cache",
      "--help",
      "a",
      "b/c.md",
      "0",
      "7",
      "07",
      "-1",
      "https://x.org",
      "http://",
      "@f",
      "--content=d",
      "--lock-wait=5",
      "--max-skills=0",
      "--out=",
      "-x",
      "build",
      "x=y",
    };
    Random random = new Random(27);
    int taken = 0;
    for (int n = 0; n < 20_000; n++) {
      List<String> args = new ArrayList<>(List.of("build"));
      for (int k = random.nextInt(8); k >= 0; k--) {
        args.add(tokens[random.nextInt(tokens.length)]);
      }
      if (random.nextInt(4) > 0) { // most with a --changed somewhere, as a patch has
        int at = 1 + random.nextInt(args.size());
        args.add(at, "--changed");
        args.add(at + 1, "x/SKILL.md");
      }
      String[] argv = args.toArray(String[]::new);
      Optional<BuildCommand> quick = QuickBuild.parse(argv);
      if (quick.isEmpty()) {
        continue;
      }
      taken++;
      BuildCommand parsed;
      try {
        parsed = picocli(argv);
      } catch (CommandLine.ParameterException e) {
        throw new AssertionError(String.join(" ", argv) + ": picocli refuses: " + e.getMessage());
      }
      assertEquals(fields(parsed), fields(quick.get()), String.join(" ", argv));
      // the checks SiteOptions makes when the build runs pass too
      parsed.site.buildOptions(true);
      parsed.site.writers("build", new PrintWriter(new StringWriter()));
    }
    assertTrue(taken > 500, "the quick reader took only " + taken + " of 20000");
  }

  @Test
  void aPatchBuildRunsAndReportsAsUnderPicocli() throws IOException {
    Path content = tmp.resolve("content");
    skill(content, "bake", "---\nname: bake\ndescription: Use when baking bread.\n---\n# Bake\n");
    skill(content, "brew", "---\nname: brew\ndescription: Use when brewing tea.\n---\n# Brew\n");
    Path script = content.resolve("skills/bake/scripts/oven.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "echo 200\n");
    for (String site : List.of("picocli", "quick")) {
      String[] args = {
        "build", "--content", content.toString(), "--out", tmp.resolve(site).toString()
      };
      assertEquals(0, Main.commandLine().execute(args));
    }
    Files.writeString(script, "echo 220\n");
    List<String> outs = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (String site : List.of("picocli", "quick")) {
      String[] args = {
        "build",
        "--content",
        content.toString(),
        "--out",
        tmp.resolve(site).toString(),
        "--changed",
        script.toString()
      };
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      PrintWriter o = new PrintWriter(out, true);
      PrintWriter e = new PrintWriter(err, true);
      if (site.equals("quick")) {
        codes.add(QuickBuild.run(QuickBuild.parse(args).orElseThrow(), o, e));
      } else {
        CommandLine cl = Main.commandLine();
        cl.setOut(o);
        cl.setErr(e);
        codes.add(cl.execute(args));
      }
      outs.add(
          out.toString()
                  .replace(tmp.resolve(site).toString(), "SITE")
                  .replaceAll("in [0-9.]+ s", "in T")
              + err);
    }
    assertEquals(List.of(0, 0), codes);
    assertEquals(outs.get(0), outs.get(1));
    assertTrue(outs.get(1).startsWith("built SITE: 2 skills"), outs.get(1));
    assertEquals(
        Files.readString(tmp.resolve("picocli/skills/bake/index.html")),
        Files.readString(tmp.resolve("quick/skills/bake/index.html")));
  }

  @Test
  void aFailureIsReportedAsMainReportsIt() throws IOException {
    Path content = tmp.resolve("content");
    skill(content, "bake", "---\nname: bake\ndescription: Use when baking bread.\n---\n# Bake\n");
    String[] args = {
      "build",
      "--content",
      content.toString(),
      "--out",
      tmp.resolve("s").toString(),
      "--templates",
      tmp.resolve("none").toString(),
      "--changed",
      "x"
    };
    StringWriter quick = new StringWriter();
    int code =
        QuickBuild.run(
            QuickBuild.parse(args).orElseThrow(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(quick, true));
    StringWriter picocli = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(picocli, true));
    assertEquals(cl.execute(args), code);
    assertEquals(picocli.toString(), quick.toString());
    assertTrue(quick.toString().startsWith("skillsite: "), quick.toString());
  }

  private static BuildCommand picocli(String[] args) {
    CommandLine.ParseResult r = Main.commandLine().parseArgs(args);
    return (BuildCommand) r.subcommand().commandSpec().userObject();
  }

  private static List<Object> fields(BuildCommand b) {
    SiteOptions s = b.site;
    return java.util.Arrays.asList(
        b.strict,
        b.timings,
        b.verbose,
        b.changed,
        b.changedFrom,
        s.content,
        s.out,
        s.templates,
        s.baseUrl,
        s.noCache,
        s.lockWait,
        s.maxSkills);
  }

  private static void skill(Path content, String folder, String text) throws IOException {
    Path f = content.resolve("skills/" + folder + "/SKILL.md");
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }
}
