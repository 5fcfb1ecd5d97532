package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SkillPagesPatch;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --changed}: after each edit of a sequence run on a copy of {@code
 * ../shared/corpora/anthropic}, the build told the changed paths makes the site a clean build of
 * the same content makes, byte for byte, build cache included; and it takes the patch path exactly
 * for the edits it claims ("patch"), falling back to the whole build with the reason given for the
 * others ("whole: <part of the reason>"). A patch build killed while publishing is finished by the
 * next build.
 */
class PatchBuildSpecTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");

  @TempDir Path tmp;

  private interface Edit {
    /** Applies the edit; returns the changed paths to pass as --changed. */
    List<Path> apply(Path content) throws IOException;
  }

  private record Row(String what, Edit edit, String expect) {}

  @Test
  void everyPatchBuildIsTheCleanBuild() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path out = tmp.resolve("site");
    List<Row> rows =
        List.of(
            new Row(
                "a file beside a SKILL.md edited",
                c -> List.of(append(c.resolve("skills/mcp-builder/LICENSE.txt"))),
                "patch"),
            new Row(
                "files of two skills edited, a path outside the content folder listed",
                c ->
                    List.of(
                        append(c.resolve("skills/canvas-design/LICENSE.txt")),
                        append(c.resolve("skills/skill-creator/LICENSE.txt")),
                        tmp.resolve("README.md")),
                "patch"),
            new Row(
                "the same file edited again, a relative path",
                c ->
                    List.of(
                        Path.of("")
                            .toAbsolutePath()
                            .relativize(append(c.resolve("skills/mcp-builder/LICENSE.txt")))),
                "patch"),
            new Row(
                "a file added beside a SKILL.md",
                c -> {
                  Path f = c.resolve("skills/mcp-builder/scripts/extra.py");
                  Files.createDirectories(f.getParent());
                  Files.writeString(f, "print('hello')\n");
                  return List.of(f);
                },
                "whole: audit findings changed"), // a script no document mentions
            new Row(
                "a SKILL.md body edited within the routing document",
                c -> List.of(add(c.resolve("skills/webapp-testing/SKILL.md"), "One more line.")),
                // routing, search export and the similar lists it may change made again
                "patch"),
            new Row(
                "a reference edited", c -> List.of(add(reference(c), "One more line.")), "patch"),
            new Row(
                "the same reference edited again",
                c -> List.of(add(reference(c), "And another line.")),
                "patch"),
            new Row(
                "a SKILL.md body edited past the routing document's window",
                c -> List.of(add(c.resolve("skills/skill-creator/SKILL.md"), "One more line.")),
                "patch"),
            new Row(
                "the same SKILL.md edited again, and a reference of another skill",
                c ->
                    List.of(
                        add(c.resolve("skills/skill-creator/SKILL.md"), "Yet another line."),
                        add(reference(c), "A third line.")),
                "patch"),
            new Row(
                "a file beside that SKILL.md edited after its Markdown patches",
                c -> List.of(append(c.resolve("skills/skill-creator/LICENSE.txt"))),
                "patch"),
            new Row(
                "a body edit past the window that mentions another skill",
                c ->
                    List.of(
                        add(
                            c.resolve("skills/skill-creator/SKILL.md"),
                            "Compare the mcp-builder skill.")),
                "whole: mentions other skills than before"),
            new Row(
                "a heading added to a reference",
                c -> List.of(add(reference(c), "## A new section")),
                "whole: headings changed"),
            new Row(
                "a reference edited after the whole build",
                c -> List.of(add(reference(c), "A fourth line.")),
                "patch"),
            new Row(
                "the settings file created",
                c -> {
                  Path f = c.resolve("skillsite.yaml");
                  Files.writeString(f, "title: Patched\n", StandardCharsets.UTF_8);
                  return List.of(f);
                },
                "whole: settings"),
            new Row(
                "a file deleted",
                c -> {
                  Path f = c.resolve("skills/mcp-builder/scripts/extra.py");
                  Files.delete(f);
                  return List.of(f);
                },
                "whole: audit findings changed"), // the unmentioned script's finding goes
            new Row("nothing listed", c -> List.of(), "patch"),
            new Row(
                "a file edited, a few minutes after the last edit",
                c -> List.of(append(c.resolve("skills/webapp-testing/LICENSE.txt"))),
                "patch"));

    run(content, out, Optional.empty());
    // after a routing patch the index caches describe the last whole build's index until the next
    // whole build, which checks them and carries from them: that build's row compares them too
    boolean routed = false;
    for (Row row : rows) {
      List<Path> changed = row.edit().apply(content);
      BuildResult r = run(content, out, Optional.of(changed));
      String at = row.what() + ": " + r.patch();
      if (row.expect().equals("patch")) {
        assertTrue(r.patch().taken(), at);
        assertTrue(r.output().inPlace(), at);
        routed = !Files.readString(out.resolve(RoutingWire.PUBLISHED)).strip().equals("0");
      } else {
        assertFalse(r.patch().taken(), at);
        assertTrue(r.patch().reason().contains(row.expect().substring("whole: ".length())), at);
        routed = false;
      }
      assertClean(content, out, at, routed);
    }
  }

  @Test
  void aKilledPatchIsFinishedByTheNextBuild() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path license = append(content.resolve("skills/mcp-builder/LICENSE.txt"));
    Path other = append(content.resolve("skills/canvas-design/LICENSE.txt"));
    for (int steps = 1; steps <= 2; steps++) {
      int kill = steps;
      assertThrows(
          IOException.class,
          () ->
              patch(out)
                  .killingAfter(kill)
                  .run(options(content, out), Optional.of(List.of(license, other))));
      BuildResult r = run(content, out, Optional.of(List.of(license, other)));
      assertTrue(r.patch().taken(), r.patch().toString());
      assertClean(content, out, "killed after " + steps);
      append(license);
      append(other);
    }
  }

  /**
   * A Markdown patch of two skills (pages, raw copy, archives, discovery index and the record of
   * patches, all through the journal) killed after 1 and after 4 journal steps: the next build
   * finishes it, patches the next edit and equals the clean build.
   */
  @Test
  void aKilledMarkdownPatchIsFinishedByTheNextBuild() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path body = content.resolve("skills/skill-creator/SKILL.md");
    for (int steps : new int[] {1, 4}) {
      int kill = steps;
      List<Path> changed =
          List.of(add(body, "Killed " + steps + "."), add(reference(content), "K."));
      assertThrows(
          IOException.class,
          () -> patch(out).killingAfter(kill).run(options(content, out), Optional.of(changed)));
      add(body, "After the kill.");
      BuildResult r = run(content, out, Optional.of(changed));
      assertTrue(r.patch().taken(), r.patch().toString());
      assertClean(content, out, "killed after " + steps);
    }
  }

  /**
   * A SKILL.md body edit inside the routing document's window, with a routing side that answers
   * "nothing else changed" (a fake {@link RoutingSeam}: the edit replaces a word only this skill
   * uses, once, by a new word, so no trigger's ranking and no similar list moves): the pages side
   * patches it. The fake writes no search files and no routing state, so the comparison with the
   * clean build leaves out {@code search/} and the routing index's cache files — the lead's merge
   * wires the real seam, which writes them, and this test then compares everything.
   */
  @Test
  void aRoutingDocumentEditIsPatchedOnceTheSeamAnswers() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/webapp-testing/SKILL.md");
    String page = "skills/webapp-testing/index.html";
    String before = Files.readString(out.resolve(page));
    Files.writeString(skill, Files.readString(skill).replace("synchronous", "zynchronous"));
    RoutingSeam answersNothing =
        (site, key, changes) -> RoutingSeam.Outcome.of(RoutingSeam.Patched.NOTHING);
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build(),
                answersNothing)
            .run(options(content, out), Optional.of(List.of(skill)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(Files.readString(out.resolve(page)).contains("zynchronous"));
    assertFalse(before.contains("zynchronous"));
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    run(content, clean, Optional.empty());
    List<String> routing =
        List.of(
            ".skillsite-cache/index.key",
            ".skillsite-cache/index-docs.txt",
            ".skillsite-cache/index-answers.bin",
            ".skillsite-cache/search-export.list");
    List<String> differ =
        SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out));
    assertTrue(
        differ.stream().anyMatch(d -> d.startsWith("search/")), "the index did change: " + differ);
    assertEquals(
        List.of(),
        differ.stream()
            .filter(d -> !d.startsWith("search/"))
            .filter(d -> routing.stream().noneMatch(d::startsWith))
            .toList());
  }

  /**
   * A SKILL.md body edit inside the routing window whose routing side says more related lists may
   * change than {@link RelatedPatch#MAX_ASKED} (the real seam, its {@code similarMayChange} padded
   * with skills the collection does not have): the patch is refused with that reason, the routing
   * state rolled back, and the whole build makes the clean site.
   */
  /**
   * A body edit whose related lists that may change are over a count bound (113×: a trigger added
   * to hook-development-8 asked 561, over 512; here the bound is made small): refused by count and
   * built whole; with the lists priced into the route step's budget ({@code PatchCaps
   * .PRICED_RELATED}), the same edit put back and made again is patched, each time the clean
   * build's site.
   */
  @Test
  void relatedListsOverTheCountBoundArePricedAndPatched() throws Exception {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/webapp-testing/SKILL.md");
    String was = Files.readString(skill);
    add(skill, "One more line about the browser session and its screenshots.");
    BuildResult r;
    try (AutoCloseable counted = dev.skillsite.routing.PatchCapsLimits.counted(0)) {
      r = run(content, out, Optional.of(List.of(skill)));
    }
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(
        r.patch().reason().contains("related lists may change, more than 0"), r.patch().reason());
    assertClean(content, out, "refused by count");
    int asked = 0;
    for (int round = 0; round < 2; round++) {
      if (round == 0) {
        Files.writeString(skill, was); // put back
      } else {
        add(skill, "One more line about the browser session and its screenshots.");
      }
      try (AutoCloseable priced =
          dev.skillsite.routing.PatchCapsLimits.priced(
              dev.skillsite.routing.PatchCaps.MAX_SIMILAR_PRICED)) {
        r = run(content, out, Optional.of(List.of(skill)));
      }
      assertTrue(r.patch().taken(), r.patch().toString());
      asked += dev.skillsite.routing.PatchCaps.last().orElseThrow().similar();
      assertClean(content, out, "priced, round " + round, true);
    }
    assertTrue(asked > 0, "the edits ask related lists");
  }

  /**
   * A trigger edit of one skill that leaves another, untouched skill unreachable (its one trigger
   * taken: RoutingWireTriggerTest's crafted pair in elixir; 113×: blockrun-76's trigger removed
   * took blockrun-105's), through the whole patch: patched ({@code RoutingWire.REACH_LOST}: the
   * untouched skill's entry inserted, its page's health section spliced), the clean build's site;
   * put back (reachable again), the clean build's site again.
   */
  @Test
  void anUntouchedSkillGoneUnreachableIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(Path.of("../shared/corpora/elixir"), content);
    String shared = "calibrate the zephyr gauges";
    String extra = "polish the quartz lanterns";
    Path oban = content.resolve("plugins/elixir/skills/oban-thinking/SKILL.md");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"([^\"\\n]+)\"").matcher(Files.readString(oban));
    List<String> phrases = new java.util.ArrayList<>();
    while (m.find()) {
      phrases.add(m.group(1));
    }
    java.util.Map<String, String> skills =
        java.util.Map.of(
            "zq-alpha", "\"" + shared + "\" or \"" + extra + "\"",
            "zq-beta", "\"" + shared + "\"",
            "zq-lost", "\"" + phrases.get(6) + "\" or \"" + phrases.get(7) + "\"");
    for (java.util.Map.Entry<String, String> e : skills.entrySet()) {
      Path dir = content.resolve("plugins/elixir/skills/" + e.getKey());
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          "---\nname: "
              + e.getKey()
              + "\ndescription: Use when the user says "
              + e.getValue()
              // six declared related skills: their lists do not move with the edit (a small
              // collection's home page draws the lists: ListPatch refuses a list that changes)
              + ".\nmetadata:\n  related: ecto-thinking, elixir-thinking, oban-thinking,"
              + " otp-thinking, phoenix-thinking, using-elixir-skills\n---\n\n# "
              + e.getKey()
              + "\n\nSee the other skills"
              + (e.getKey().equals("zq-beta") ? " beside bench logbook notes" : "")
              + ".\n");
    }
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path alpha = content.resolve("plugins/elixir/skills/zq-alpha/SKILL.md");
    String health = Files.readString(out.resolve("health/index.html"));
    replace(alpha, extra, "calibrate the zephyr lanterns");
    BuildResult r = run(content, out, Optional.of(List.of(alpha)));
    assertEquals(RoutingWire.REACH_LOST, r.patch().taken(), r.patch().toString());
    assertClean(content, out, "zq-beta unreachable", true);
    assertTrue(
        !health.equals(Files.readString(out.resolve("health/index.html"))),
        "the report lists zq-beta now");
    replace(alpha, "calibrate the zephyr lanterns", extra);
    r = run(content, out, Optional.of(List.of(alpha)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "zq-beta reachable again", true);
  }

  @Test
  void moreRelatedListsThanAPatchAsksBuildWhole() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = add(content.resolve("skills/webapp-testing/SKILL.md"), "One more line.");
    RoutingSeam real = new RoutingWire();
    RoutingSeam padded =
        (site, key, changes) -> {
          RoutingSeam.Outcome o = real.patch(site, key, changes);
          if (o.patched().isEmpty()) {
            return o;
          }
          RoutingSeam.Patched p = o.patched().get();
          Set<SkillId> many = new TreeSet<>(RelatedPatch.BY_ID);
          many.addAll(p.similarMayChange());
          for (int k = 0; many.size() <= RelatedPatch.MAX_ASKED; k++) {
            many.add(new SkillId("no-such-skill-" + k));
          }
          return restaged(
              o,
              new RoutingSeam.Patched(
                  p.rankings(),
                  p.similar(),
                  many,
                  p.health(),
                  p.exportFiles(),
                  p.exportDeleted(),
                  p.similarSkills()));
        };
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build(),
                padded)
            .run(options(content, out), Optional.of(List.of(skill)));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(
        r.patch().reason().contains("more than " + RelatedPatch.MAX_ASKED), r.patch().reason());
    assertEquals("0\n", Files.readString(out.resolve(RoutingWire.PUBLISHED)));
    assertClean(content, out, "refused past MAX_ASKED");
  }

  /**
   * A patch of a body edit inside the routing window (routing, export, related lists and pages in
   * one journal) killed after 1 and after 3 journal steps, before the routing state's commit: the
   * next build's writer finishes the journal; the next routing patch finds the routing state a
   * generation behind the site and refuses: the build is whole and records again; the edit after
   * that patches, and the site is the clean build's each time.
   */
  @Test
  void aRoutingPatchKilledBeforeItsCommitBuildsWholeNext() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/webapp-testing/SKILL.md");
    for (int steps : new int[] {1, 3}) {
      int kill = steps;
      add(skill, "Killed after " + steps + " steps.");
      assertThrows(
          IOException.class,
          () ->
              patch(out)
                  .killingAfter(kill)
                  .run(options(content, out), Optional.of(List.of(skill))));
      BuildResult r = run(content, out, Optional.of(List.of(skill)));
      // the writer finishes the journal first: the edit's routing files are published, and the
      // patch record says so (its routing digest): nothing routes differently, and this build may
      // patch the pages alone; the routing state stays a generation behind the site
      boolean behind = r.patch().taken();
      assertClean(content, out, "the build after the kill at " + steps, behind);
      add(skill, "Then patched after " + steps + ".");
      r = run(content, out, Optional.of(List.of(skill)));
      if (behind) { // the routing side finds its state behind the site: whole, and recorded again
        assertFalse(r.patch().taken(), r.patch().toString());
        assertTrue(r.patch().reason().contains("generation"), r.patch().reason());
        assertClean(content, out, "the build after the state was found behind at " + steps);
        add(skill, "Then patched again after " + steps + ".");
        r = run(content, out, Optional.of(List.of(skill)));
      }
      assertTrue(r.patch().taken(), r.patch().toString());
      assertClean(content, out, "the patch after the kill at " + steps, true);
      run(content, out, Optional.empty()); // a whole build: the index caches again
    }
  }

  /**
   * An "echo" edit inside the routing window that changes other skills' related lists: on a
   * generated collection of 270 skills (too many related skills for the home page's graph), each
   * describing itself with two words of its cluster of three and two of its group of twelve, one
   * skill's body words replaced by another cluster's: that cluster's skills now rank it third. The
   * routing side patches, {@code RelatedPatch} finds the three lists that differ, their pages are
   * re-rendered, {@code skills.json}'s related ids and the list state patched: the site is the
   * clean build's byte for byte (the index caches aside). Then a patch of one of those skills (its
   * page made from the patched list, not the whole build's record), and a whole build after both.
   */
  @Test
  void anEchoEditChangesOtherSkillsListsAndIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    for (int i = 0; i < 270; i++) {
      Path f = content.resolve("skills/topic-" + i + "/SKILL.md");
      Files.createDirectories(f.getParent());
      Files.writeString(f, echoSkill(i, -1), StandardCharsets.UTF_8);
      // a file beside it: a skill of its SKILL.md alone has no archive, and its patches refuse
      Files.writeString(f.resolveSibling("LICENSE.txt"), "Licence " + i + ".\n");
    }
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path x = content.resolve("skills/topic-4/SKILL.md");
    Files.writeString(x, echoSkill(4, 3), StandardCharsets.UTF_8); // cluster 3: topics 9–11
    BuildResult r = run(content, out, Optional.of(List.of(x)));
    assertTrue(r.patch().taken(), r.patch().toString());
    Matcher m =
        Pattern.compile("related \\((\\d+) asked, (\\d+) changed\\)").matcher(r.patch().steps());
    assertTrue(m.find(), r.patch().steps());
    assertEquals("3", m.group(2), "the lists of topics 9–11 change: " + r.patch().steps());
    assertTrue(Files.readString(out.resolve("skills/topic-9/index.html")).contains("topic-4"));
    assertClean(content, out, "the echo edit", true);
    // a page of a skill whose list a patch changed, patched again: made from the patched list
    Path y = content.resolve("skills/topic-10/SKILL.md");
    Files.writeString(
        y, Files.readString(y).replace("# Topic 10", "# Topic 10\n\nOne more plain line."));
    r = run(content, out, Optional.of(List.of(y)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a second patch of a skill whose list changed", true);
    Path added = content.resolve("skills/topic-1/extra.md"); // a reference added: patched
    Files.writeString(added, "# New\n");
    r = run(content, out, Optional.of(List.of(added)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a reference added after the patches", true);
    Path hidden = content.resolve("skills/topic-1/.drafts/extra.md"); // a hidden folder: refused
    Files.createDirectories(hidden.getParent());
    Files.writeString(hidden, "# Draft\n");
    r = run(content, out, Optional.of(List.of(hidden)));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a whole build after the patches");
    // which left out the lists patches made (SiteFingerprint does not compare that file)
    assertFalse(Files.exists(out.resolve(RelatedState.PATCHED)));
  }

  /**
   * A generated skill: its description names two words of its cluster (of three), two of its group
   * (of twelve) and one of its own; its body has four words of its own, or, for {@code echo} ≥ 0,
   * that cluster's two words twice.
   */
  private static String echoSkill(int i, int echo) {
    int c = i / 3;
    int g = i / 12;
    String body =
        echo < 0
            ? String.join(
                " ",
                pseudo(7000 + 4 * i),
                pseudo(7001 + 4 * i),
                pseudo(7002 + 4 * i),
                pseudo(7003 + 4 * i))
            : String.join(
                " ",
                pseudo(1000 + 2 * echo),
                pseudo(1001 + 2 * echo),
                pseudo(1000 + 2 * echo),
                pseudo(1001 + 2 * echo));
    return "---\nname: topic-"
        + i
        + "\ndescription: Generated skill "
        + i
        + ", "
        + pseudo(1000 + 2 * c)
        + " "
        + pseudo(1001 + 2 * c)
        + " with "
        + pseudo(3000 + 2 * g)
        + " "
        + pseudo(3001 + 2 * g)
        + ", "
        + pseudo(5000 + i)
        + ".\n---\n\n# Topic "
        + i
        + "\n\nIt covers "
        + body
        + ".\n";
  }

  /** A made-up word of four syllables, one per number below 70^4. */
  private static String pseudo(int k) {
    String cons = "bdfgklmnprstvz";
    String vow = "aeiou";
    StringBuilder w = new StringBuilder();
    for (int d = 0, v = k; d < 4; d++, v /= 70) {
      w.append(cons.charAt(v % 70 / 5)).append(vow.charAt(v % 5));
    }
    return w.toString();
  }

  /**
   * A description edit, the pages side (wt-desc): the skill's page, its reference pages' meta, the
   * list pages, catalogs, {@code llms.txt}, the discovery index's entry, the pages showing its
   * summary (related cards, "mentioned by"). Until the health side patches description edits the
   * real seam refuses them; this test runs the real seam without that refusal ({@code new
   * RoutingWire(false)}) and without the similar-list refusal (the patch's {@code similarMayChange}
   * dropped: the comparison then proves the lists did not change), and compares the whole site
   * ({@link SiteFingerprint#ofPatched}) with a clean build except the health report ({@code
   * health/}) and the health state ({@code patch/health.tab}), which a clean build makes from the
   * new description (lint, listing budget, probes). Every skill page, health sections included, is
   * compared. At the merge, with the health side in, the real seam runs and nothing more is left
   * out.
   */
  @Test
  void aDescriptionEditIsPatchedOnThePagesSide() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/webapp-testing/SKILL.md");
    List<Row> rows =
        List.of(
            new Row(
                "a word of the description's first sentence (summary, cards, catalogs)",
                c ->
                    List.of(
                        replace(skill, "testing local web applications", "testing local web apps")),
                "patch"),
            new Row(
                "the same description again, a later sentence (through the overlay)",
                c ->
                    List.of(
                        replace(
                            skill, "capturing browser screenshots", "taking browser screenshots")),
                "patch"),
            new Row(
                "a quoted trigger phrase added to the description (the same words, quoted)",
                c ->
                    List.of(
                        replace(
                            skill,
                            "Supports verifying frontend functionality",
                            "Supports \"verifying frontend functionality\"")),
                "pages: the trigger index's row inserted"));
    for (Row row : rows) {
      List<Path> changed = row.edit().apply(content);
      // a changed trigger is refused by the routing side first today (its statistics move): the
      // pages side alone is asked with a seam answering "nothing changed" for it
      BuildResult r =
          (row.expect().equals("patch")
                  ? descriptionPatch(out)
                  : new PatchBuild(
                      () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                      Optional.empty(),
                      OutputLock.Policy.build(),
                      (at, key, c) -> RoutingSeam.Outcome.of(RoutingSeam.Patched.NOTHING)))
              .run(options(content, out), Optional.of(changed));
      if (row.expect().startsWith("pages: ")) {
        // the pages side alone (the seam answers "nothing changed"): patched, the row listed
        assertTrue(r.patch().taken(), row.what() + ": " + r.patch());
        assertTrue(
            Files.readString(out.resolve("triggers/index.html"))
                .contains("verifying frontend functionality"),
            row.what());
      } else if (row.expect().equals("patch")) {
        assertTrue(r.patch().taken(), row.what() + ": " + r.patch());
        System.out.println(row.what() + ": " + r.patch().steps());
        Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
        run(content, clean, Optional.empty());
        List<String> differ =
            SiteFingerprint.differences(
                SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out));
        System.out.println(row.what() + ": health files left out: " + differ);
        assertEquals(
            List.of(),
            differ.stream()
                .filter(d -> !d.startsWith("health/"))
                .filter(d -> !d.startsWith(".skillsite-cache/patch/health.tab"))
                .toList(),
            row.what());
      } else {
        assertFalse(r.patch().taken(), row.what());
        assertTrue(
            r.patch().reason().contains(row.expect().substring("whole: ".length())),
            row.what() + ": " + r.patch().reason());
        assertClean(content, out, row.what());
      }
    }
  }

  /**
   * A description edit end to end, the real seam (routing, related lists, health side) and the
   * pages side: two rewordings of a description that keep its triggers (outside its "Use when" and
   * "Trigger when" clauses) patch, and the whole site, health report and state included, is the
   * clean build's.
   */
  @Test
  void aDescriptionEditIsPatchedEndToEnd() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/doc-coauthoring/SKILL.md");
    for (String[] edit :
        new String[][] {
          {"efficiently transfer context", "quickly transfer context"},
          {"refine content through iteration", "refine content by iteration"}
        }) {
      BuildResult r = run(content, out, Optional.of(List.of(replace(skill, edit[0], edit[1]))));
      assertTrue(r.patch().taken(), edit[1] + ": " + r.patch());
      assertClean(content, out, edit[1], true);
    }
  }

  /** The real seam with the health inputs' refusal and the similar-list refusal dropped. */
  private static PatchBuild descriptionPatch(Path site) {
    RoutingSeam wire = new RoutingWire(false);
    RoutingSeam pagesOnly =
        (at, key, changes) -> {
          RoutingSeam.Outcome o = wire.patch(at, key, changes);
          if (o.patched().isEmpty()) {
            return o;
          }
          RoutingSeam.Patched p = o.patched().get();
          return restaged(
              o,
              new RoutingSeam.Patched(
                  p.rankings(),
                  p.similar(),
                  java.util.Set.of(),
                  Optional.empty(),
                  p.exportFiles(),
                  p.exportDeleted()));
        };
    return new PatchBuild(
        () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
        Optional.empty(),
        OutputLock.Policy.build(),
        pagesOnly);
  }

  private static Path replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), from);
    Files.writeString(file, text.replace(from, to));
    return file;
  }

  /**
   * A skill of its SKILL.md alone (no archive: the discovery index names its SKILL.md, with that
   * file's digest) edited inside the routing window and past it: each patches, the index's entry
   * for it made again, and the site is the clean build's.
   */
  @Test
  void aSkillOfItsSkillMdAloneIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path skill = content.resolve("skills/doc-coauthoring/SKILL.md");
    try (Stream<Path> files = Files.list(skill.getParent())) {
      assertEquals(List.of(skill), files.toList(), "a skill of its SKILL.md alone");
    }
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    String before = Files.readString(out.resolve("skills/doc-coauthoring/SKILL.md"));
    for (String line : new String[] {"One more line.", "And another one."}) {
      BuildResult r = run(content, out, Optional.of(List.of(add(skill, line))));
      assertTrue(r.patch().taken(), r.patch().toString());
      assertClean(content, out, "the SKILL.md alone: " + line, true);
    }
    assertTrue(
        Files.readString(out.resolve("skills/doc-coauthoring/SKILL.md")).length()
            > before.length());
  }

  /**
   * A trigger phrase reworded (slack-gif-creator's quoted "make me a GIF …", twice) through the
   * real seam: the routing and health side (probes, health report) and the pages side (the skill's
   * page, its card and catalog entries, the trigger index) patched, the whole site the clean
   * build's.
   */
  @Test
  void aTriggerPhraseRewordedIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/slack-gif-creator/SKILL.md");
    for (String[] edit :
        new String[][] {
          {"\"make me a GIF of X doing Y for Slack.\"", "\"make me a Slack GIF of X doing Y.\""},
          {"\"make me a Slack GIF of X doing Y.\"", "\"make me a Slack GIF of Y doing X.\""}
        }) {
      BuildResult r = run(content, out, Optional.of(List.of(replace(skill, edit[0], edit[1]))));
      assertTrue(r.patch().taken(), edit[1] + ": " + r.patch());
      assertClean(content, out, edit[1], true);
      String phrase = edit[1].replace("\"", "").replace(".", "");
      assertTrue(Files.readString(out.resolve("triggers/index.html")).contains(phrase), phrase);
    }
  }

  /**
   * A quoted trigger phrase added to slack-gif-creator's description, then removed, then its phrase
   * reworded: end to end (the real seam) each build is the clean build's, byte for byte — the
   * routing side refuses an added or removed phrase today (the field's statistics move), never the
   * pages side; and with a seam answering "nothing changed" (the pages side alone) each is patched,
   * the trigger index's rows inserted and deleted where they sort, its count and the home page's on
   * their page 1, and the list pages and catalogs are the clean build's (but what shows related
   * skills, which that seam leaves as they were: the home page's graph, {@code skills.json}).
   */
  @Test
  void aTriggerPhraseAddedAndRemovedIsPatchedOnThePagesSide() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    Path pages = tmp.resolve("pages");
    run(content, out, Optional.empty());
    run(content, pages, Optional.empty());
    PatchBuild pagesSide = pagesSide();
    Path skill = content.resolve("skills/slack-gif-creator/SKILL.md");
    Pattern lists =
        Pattern.compile(
            "(page_\\d+\\.html|collections/.*|skills/index\\.html|triggers/.*|assets/catalog.*"
                + "|llms.*|sitemap.*)");
    for (String[] edit :
        new String[][] {
          {"for Slack.\"", "for Slack.\" or \"turn this clip into a Slack emoji\""},
          {" or \"turn this clip into a Slack emoji\"", ""},
          {"\"make me a GIF of X doing Y for Slack.\"", "\"make a Slack GIF of X doing Y\""}
        }) {
      List<Path> changed = List.of(replace(skill, edit[0], edit[1]));
      BuildResult r = run(content, out, Optional.of(changed));
      System.out.println(edit[1] + ": " + r.patch());
      assertTrue(
          r.patch().taken()
              || !r.patch().reason().contains("lists:")
                  && !r.patch().reason().contains("trigger index"),
          edit[1] + ": " + r.patch());
      assertClean(content, out, edit[1], r.patch().taken());
      BuildResult p = pagesSide.run(options(content, pages), Optional.of(changed));
      assertTrue(p.patch().taken(), edit[1] + ", the pages side: " + p.patch());
      List<String> differ =
          SiteFingerprint.differences(SiteFingerprint.of(out), SiteFingerprint.of(pages)).stream()
              .filter(d -> lists.matcher(d.substring(0, d.lastIndexOf(' '))).matches())
              .toList();
      System.out.println(edit[1] + ", the pages side: differing " + differ);
      assertEquals(List.of(), differ, edit[1] + ": the list pages and data files");
      // the home page's graph and skills.json show the related skills, the routing side's
      assertEquals(
          org.jsoup.Jsoup.parse(out.resolve("index.html").toFile()).select(".hero-stats").text(),
          org.jsoup.Jsoup.parse(pages.resolve("index.html").toFile()).select(".hero-stats").text(),
          edit[1] + ": the home page's counts");
    }
    assertTrue(Files.readString(pages.resolve("triggers/index.html")).contains("Slack GIF of X"));
  }

  /**
   * A trigger index of about eight pages (90 skills, 60 quoted phrases each, "task 0000" to "task
   * 5399": descriptions under the length limit, so a phrase more changes no warning): a phrase
   * added to one skill that moves the page count (found as the whole build splits the index: {@link
   * dev.skillsite.site.TriggerPagesProbe}), removed again (the count back), then the first row
   * reworded (the first page's range, named by every pager). With a seam answering "nothing
   * changed" (the pages side alone) each is patched — the whole index split again, the pages past
   * the old count added or past the new one deleted, the sitemap's URLs and the site's page total
   * with them — and the list pages, the sitemap and the pages present are the clean build's; end to
   * end (the real seam) each build is the clean build's, byte for byte.
   */
  @Test
  void aTriggerIndexWhosePageCountMovesIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.synthetic(content, 90, 5400);
    Path probe = tmp.resolve("probe");
    run(content, probe, Optional.empty());
    // phrases sorting last, added to the skills in turn until one phrase more moves the count
    List<String> names = new ArrayList<>();
    for (int k = 0; k < 90; k++) {
      names.add(String.format("s%02d", k));
    }
    List<String> extra = new ArrayList<>();
    for (int k = 0; k < 600; k++) {
      extra.add(String.format("task 9%03d", k));
    }
    List<String> candidates = new ArrayList<>();
    for (int k = 0; k < 600; k += 2) {
      candidates.add(String.format("task 9%03d b", k));
    }
    String found =
        dev.skillsite.site.TriggerPagesProbe.fixture(probe, names, extra, "s17", candidates)
            .orElseThrow(() -> new AssertionError("no phrase moves the trigger index's count"));
    int k = Integer.parseInt(found.split("\t")[0]);
    String phrase = found.split("\t")[1];
    System.out.println(k + " phrases added to the fixture; the phrase moving the count: " + phrase);
    for (int i = 0; i < k; i++) {
      Path md = content.resolve("skills/" + names.get(i % names.size()) + "/SKILL.md");
      replace(md, "Use when the user asks ", "Use when the user asks \"" + extra.get(i) + "\", ");
    }
    Path out = tmp.resolve("site");
    Path pages = tmp.resolve("pages");
    run(content, out, Optional.empty());
    run(content, pages, Optional.empty());
    String md = "skills/s17/SKILL.md";
    PatchBuild pagesSide = pagesSide();
    Pattern lists =
        Pattern.compile(
            "(page_\\d+\\.html|collections/.*|skills/index\\.html|triggers/.*|assets/catalog.*"
                + "|llms.*|sitemap.*)");
    int was = triggerPages(pages);
    List<Integer> counts = new ArrayList<>();
    String[][] edits = {
      {md, "Use when the user asks ", "Use when the user asks \"" + phrase + "\", "},
      {md, "\"" + phrase + "\", ", ""},
      {"skills/s00/SKILL.md", "\"task 0000\"", "\"task 0000a\""}
    };
    for (String[] edit : edits) {
      String at = edit[0] + " " + edit[1] + " → " + edit[2];
      List<Path> changed = List.of(replace(content.resolve(edit[0]), edit[1], edit[2]));
      BuildResult r = run(content, out, Optional.of(changed));
      System.out.println(at + ": " + r.patch());
      assertTrue(
          r.patch().taken() || !r.patch().reason().contains("trigger index"),
          at + ": " + r.patch());
      assertClean(content, out, at, r.patch().taken());
      BuildResult p = pagesSide.run(options(content, pages), Optional.of(changed));
      System.out.println(at + ", the pages side: " + p.patch());
      assertTrue(p.patch().taken(), at + ", the pages side: " + p.patch());
      List<String> differ =
          SiteFingerprint.differences(SiteFingerprint.of(out), SiteFingerprint.of(pages)).stream()
              .filter(d -> lists.matcher(d.substring(0, d.lastIndexOf(' '))).matches())
              .toList();
      assertEquals(List.of(), differ, at + ": the list pages, sitemap and data files");
      assertEquals(triggerPages(out), triggerPages(pages), at + ": the trigger pages");
      assertEquals(r.pages(), p.pages(), at + ": the site's page total");
      counts.add(triggerPages(pages));
    }
    assertTrue(counts.get(0) != was, "the count moved: " + was + " → " + counts);
    assertEquals(was, counts.get(1), "the count back: " + counts);
  }

  /** How many pages the trigger index of {@code site} has. */
  private static int triggerPages(Path site) throws IOException {
    try (Stream<Path> files = Files.list(site.resolve("triggers"))) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".html")).count();
    }
  }

  /**
   * A line appended to a SKILL.md over the body's line limit (claude-api: "body is N lines"), past
   * the routing window: the reader's warning changes and its page's health section shows it
   * (wt-fuzz, seed 27: once patched with the old count): patched with the warning replaced in the
   * section (and the health state's delta), twice, and the site is the clean build's.
   */
  @Test
  void aSkillMdWarningChangedPastTheWindowIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/claude-api/SKILL.md");
    for (String line : new String[] {"One more line.", "And another."}) {
      BuildResult r = run(content, out, Optional.of(List.of(add(skill, line))));
      assertTrue(r.patch().taken(), r.patch().toString());
      assertClean(content, out, "a warning's count changed: " + line, true);
    }
  }

  /** {@code o}'s staged patch (committed and closed with it) answering {@code p} instead. */
  private static RoutingSeam.Outcome restaged(RoutingSeam.Outcome o, RoutingSeam.Patched p) {
    return RoutingSeam.Outcome.staged(
        p,
        new RoutingSeam.Staged() {
          @Override
          public void commit() throws IOException {
            o.commit();
          }

          @Override
          public void close() throws IOException {
            o.close();
          }
        });
  }

  private void assertClean(Path content, Path out, String at) throws IOException {
    assertClean(content, out, at, false);
  }

  /** {@code routed}: a routing patch since the last whole build (its index caches left out). */
  private void assertClean(Path content, Path out, String at, boolean routed) throws IOException {
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    run(content, clean, Optional.empty());
    assertEquals(
        List.of(),
        routed
            ? SiteFingerprint.differences(
                SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out))
            : SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)),
        at);
  }

  private static Path add(Path file, String line) throws IOException {
    Files.writeString(file, "\n" + line + "\n", StandardOpenOption.APPEND);
    return file;
  }

  private static Path reference(Path content) throws IOException {
    try (Stream<Path> refs = Files.walk(content.resolve("skills/mcp-builder/reference"))) {
      return refs.filter(p -> p.toString().endsWith(".md")).sorted().findFirst().orElseThrow();
    }
  }

  private static Path append(Path file) throws IOException {
    Files.writeString(file, "\nAnother line.\n", StandardOpenOption.APPEND);
    return file;
  }

  private static BuildOptions options(Path content, Path site) {
    return new BuildOptions(content, site, Optional.empty(), true, true);
  }

  private static PatchBuild patch(Path site) {
    return new PatchBuild(
        () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
        Optional.empty(),
        OutputLock.Policy.build());
  }

  /**
   * A "Use when" clause reworded (a trigger changed: one probe gone, one new) through the real
   * seam: the routing and health side and the pages side (trigger index) patch it, and the site is
   * the clean build's.
   */
  @Test
  void aUseWhenClauseRewordedIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/doc-coauthoring/SKILL.md");
    BuildResult r =
        run(
            content,
            out,
            Optional.of(List.of(replace(skill, "proposals, technical", "roadmaps, technical"))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a clause reworded", true);
  }

  /**
   * Frontmatter extras ({@code SkillPagesPatch.EXTRAS}) edited one after another in one skill
   * (brand-guidelines): the license reworded in place (its page and {@code skills.json} entry),
   * then lines added ({@code allowed-tools} with commas: a reader's warning comes; {@code
   * metadata}), each moving the body's first line, a metadata value changed, {@code when_to_use}
   * added (a Claude Code key: a warning; a clause more: refused by the trigger index while its
   * counts are on every page) and reworded (its triggers: the lists, the trigger index, the routing
   * and health side), a license added back. Each patched, the whole site the clean build's each
   * time. A {@code metadata.related} added (declared related skills: related lists) is refused.
   */
  @Test
  void frontmatterExtrasArePatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/brand-guidelines/SKILL.md");
    String[][] edits = {
      {"license: Complete terms in LICENSE.txt", "license: Apache-2.0 (see LICENSE.txt)"},
      {"license: Apache-2.0", "allowed-tools: Read, Grep\nlicense: Apache-2.0"},
      {"allowed-tools: Read, Grep", "allowed-tools: Read Grep Glob\nmetadata:\n  version: \"1.2\""},
      {"  version: \"1.2\"", "  version: \"1.3\"\n  author: brand team"},
      { // a Claude Code key: the reader's warning "claude-code-key" comes
        "license: Apache-2.0 (see LICENSE.txt)",
        "when_to_use: Use when Anthropic's brand colors and typography apply to a slide deck."
      },
      {"to a slide deck.", "to a poster."},
      {"to a poster.", "to a poster or a banner.\nlicense: MIT"},
    };
    for (String[] edit : edits) {
      BuildResult r = run(content, out, Optional.of(List.of(replace(skill, edit[0], edit[1]))));
      if (edit[1].startsWith("when_to_use") && !r.patch().taken()) {
        // a clause added: the trigger counts on the home and trigger pages (wt-tpages2's), not
        // this test's; the whole build ran
        assertTrue(r.patch().reason().contains("triggers changed"), r.patch().reason());
      } else {
        assertTrue(r.patch().taken(), edit[1] + ": " + r.patch());
      }
      assertClean(content, out, edit[1], true);
    }
    assertTrue(Files.readString(out.resolve("skills/brand-guidelines/index.html")).contains("1.3"));
    BuildResult r =
        run(
            content,
            out,
            Optional.of(
                List.of(replace(skill, "  author: brand team", "  related: theme-factory"))));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(r.patch().reason().contains("frontmatter"), r.patch().reason());
    assertClean(content, out, "metadata.related added", true);
  }

  /**
   * Frontmatter lines added and removed above and below a check rule's finding (brand-guidelines,
   * its license moved above its description and a trigger of slack-gif-creator's quoted in it: a
   * {@code trigger-collision} on its description's line): {@code allowed-tools}, {@code metadata}
   * (two lines) added above it, {@code allowed-tools} and the license removed, {@code when_to_use}
   * added below it (a clause: the triggers, routing and health side too) and reworded — each moves
   * the body, each is patched with the finding on its new line, and the whole site is the clean
   * build's each time. Refused, the site the clean build's: a line added above the description in
   * the same edit as a word of it (the finding is on a changed line), and a line added above
   * internal-comms' description, whose {@code first-person} lint the health report's rows list.
   */
  @Test
  void checkFindingsMoveWithFrontmatterLines() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path skill = content.resolve("skills/brand-guidelines/SKILL.md");
    String license = "license: Complete terms in LICENSE.txt\n";
    String text = Files.readString(skill);
    int description = text.indexOf("description: ");
    int end = text.indexOf('\n', description) + 1;
    assertTrue(text.startsWith(license, end), text.substring(0, 400));
    Files.writeString(
        skill,
        text.substring(0, description)
            + license
            + text.substring(description, end - 2)
            + ", or when asked to \"make me a GIF of X doing Y for Slack\".\n"
            + text.substring(end + license.length()));
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path page = out.resolve("skills/brand-guidelines/index.html");
    assertTrue(
        Files.readString(page)
            .contains("SKILL.md:4:269</code> warning <span class=\"kind\">trigger-"),
        "the finding this test moves");
    String[][] edits = {
      {license, license + "allowed-tools: Read Grep\n", "5"},
      {
        "allowed-tools: Read Grep\n",
        "allowed-tools: Read Grep\nmetadata:\n  version: \"1.2\"\n",
        "7"
      },
      {"allowed-tools: Read Grep\n", "", "6"},
      {license, "", "5"},
      {
        "for Slack\".\n",
        "for Slack\".\nwhen_to_use: Use when a slide deck needs the house colors.\n",
        "5"
      },
      {"a slide deck", "a poster", "5"},
    };
    for (String[] edit : edits) {
      BuildResult r = run(content, out, Optional.of(List.of(replace(skill, edit[0], edit[1]))));
      assertTrue(r.patch().taken(), edit[1] + ": " + r.patch());
      assertTrue(
          Files.readString(page).contains("SKILL.md:" + edit[2] + ":269</code>"),
          edit[1] + ": the finding on line " + edit[2]);
      assertClean(content, out, edit[1], true);
    }
    BuildResult r =
        run(
            content,
            out,
            Optional.of(
                List.of(
                    replace(
                        replace(
                            skill,
                            "name: brand-guidelines\n",
                            "name: brand-guidelines\nlicense: MIT\n"),
                        "any sort of artifact",
                        "any kind of artifact"))));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a line added and the description changed", true);
    Path comms = content.resolve("skills/internal-comms/SKILL.md");
    r =
        run(
            content,
            out,
            Optional.of(
                List.of(
                    replace(
                        comms,
                        "name: internal-comms\n",
                        "name: internal-comms\nallowed-tools: Read\n"))));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(r.patch().reason().contains("first-person finding moved"), r.patch().reason());
    assertClean(content, out, "a lint finding moved", true);
  }

  /**
   * A file added beside a skill's SKILL.md (canvas-design: an archive of two files), edited, then
   * deleted: each patched (the archive, its digest in the discovery index), the site the clean
   * build's. Refused: a file the skill's SKILL.md names ("canvas": a mention or link may resolve),
   * a Markdown file added (a reference: its page, the sitemaps).
   */
  @Test
  void aFileAddedOrDeletedBesideTheSkillIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path added = content.resolve("skills/canvas-design/palette.json");
    Files.writeString(added, "{\"ink\": \"#123456\"}\n");
    BuildResult r = run(content, out, Optional.of(List.of(added)));
    assertTrue(r.patch().taken(), "added: " + r.patch());
    assertClean(content, out, "a file added");
    r = run(content, out, Optional.of(List.of(append(added))));
    assertTrue(r.patch().taken(), "edited: " + r.patch());
    Files.delete(added);
    r = run(content, out, Optional.of(List.of(added)));
    assertTrue(r.patch().taken(), "deleted: " + r.patch());
    assertClean(content, out, "a file deleted");
    Path named = content.resolve("skills/canvas-design/canvas");
    Files.writeString(named, "not an image\n");
    r = run(content, out, Optional.of(List.of(named)));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(r.patch().reason().contains("documents name it"), r.patch().reason());
    Files.delete(named);
    run(content, out, Optional.empty());
    Path reference = content.resolve("skills/theme-factory/themes/paper-lantern.md");
    Files.writeString(reference, "# Paper lantern\n\nWarm whites and a red accent.\n");
    r = run(content, out, Optional.of(List.of(reference)));
    assertTrue(r.patch().taken(), r.patch().toString()); // refs3: a reference added is patched
    assertClean(content, out, "a reference added");
  }

  /**
   * References added and deleted (refs): a deleted reference the last build read is told from a
   * deleted folder (refused) or a link (read as the file it names); a reference added to a skill of
   * its SKILL.md alone (doc-coauthoring) gives it its archive (refs4: patched), and one its
   * SKILL.md names (internal-comms' faq-answers.md) is patched.
   */
  @Test
  void aReferenceAddedOrDeletedIsToldFromAFolderOrALink() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path first = content.resolve("skills/doc-coauthoring/references/notes.md");
    Files.createDirectories(first.getParent());
    Files.writeString(first, "# Notes\n\nA first reference.\n");
    BuildResult r = run(content, out, Optional.of(List.of(first)));
    assertTrue(r.patch().taken(), "its first file beside its SKILL.md: " + r.patch());
    assertTrue(Files.exists(out.resolve("skills/doc-coauthoring/doc-coauthoring.tar.gz")));
    assertClean(content, out, "a first reference added");
    Path gone = content.resolve("skills/internal-comms/examples/faq-answers.md");
    Files.delete(gone);
    r = run(content, out, Optional.of(List.of(gone)));
    assertFalse(r.patch().reason().contains("not a regular file"), r.patch().reason());
    // its SKILL.md names it (`examples/faq-answers.md`): its documents are made again
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a reference deleted");
    Path folder = content.resolve("skills/theme-factory/themes");
    dev.skillsite.output.FileTrees.delete(folder);
    r = run(content, out, Optional.of(List.of(folder)));
    assertFalse(r.patch().taken(), "a folder deleted: " + r.patch());
    Path link = content.resolve("skills/internal-comms/examples/faq-answers.md");
    Files.createSymbolicLink(link, Path.of("general-comms.md"));
    // a link is read as the file it names (general-comms.md, unchanged): the scanner skips links
    run(content, out, Optional.of(List.of(link)));
    assertClean(content, out, "a folder deleted, a link added");
  }

  @Test
  void aReferenceOfAFolderAnotherSkillLinksIntoStaysARefusal() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path linking = content.resolve("skills/mcp-builder/reference/evaluation.md");
    Files.writeString(
        linking,
        Files.readString(linking)
            + "\nSee [the FAQ](../../internal-comms/examples/faq-answers.md#faq).\n");
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    try (SkillPagesPatch.State state = SkillPagesPatch.State.open(out).orElseThrow()) {
      assertFalse(state.unlinked("skills/internal-comms"), "a link of mcp-builder's into it");
      assertTrue(state.unlinked("skills/skill-creator"), "no other skill links into it");
      assertTrue(state.unlinked("skills/mcp-builder"), "its own links are not recorded");
    }
    // a reference of a folder another skill links into: the link breaks, mcp-builder's page moves
    Path gone = content.resolve("skills/internal-comms/examples/faq-answers.md");
    Files.delete(gone);
    BuildResult r = run(content, out, Optional.of(List.of(gone)));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(r.patch().reason().contains("links into its folder"), r.patch().reason());
    assertClean(content, out, "a reference another skill links to deleted");
    // no other skill's document reaches skill-creator: past the proof, to what is not patched
    Path local = content.resolve("skills/skill-creator/references/schemas.md");
    Files.delete(local);
    r = run(content, out, Optional.of(List.of(local)));
    assertTrue(r.patch().taken(), r.patch().toString()); // its SKILL.md names it: refs4, patched
    assertClean(content, out, "a reference no other skill links to deleted");
    // put back: the next patch's pages record reads the list the last one left
    Files.writeString(local, "# Schemas\n\nBack again.\n");
    r = run(content, out, Optional.of(List.of(local)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a reference its SKILL.md names put back");
    try (SkillPagesPatch.State state = SkillPagesPatch.State.open(out).orElseThrow()) {
      // mcp-builder's documents were used again from the build cache: their questions still count
      assertFalse(state.unlinked("skills/internal-comms"), "a replayed document's link into it");
    }
    // an edit of the linking document, its links as recorded: patched
    Files.writeString(linking, Files.readString(linking) + "\nOne more line.\n");
    r = run(content, out, Optional.of(List.of(linking)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a linking document edited");
    // a patch whose document links into a folder no record names keeps the record whole: refused
    Path grader = content.resolve("skills/skill-creator/agents/grader.md");
    Files.writeString(
        grader, Files.readString(grader) + "\nSee [themes](../../theme-factory/SKILL.md).\n");
    r = run(content, out, Optional.of(List.of(grader)));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(
        r.patch().reason().contains("link into the folder skills/theme-factory"),
        r.patch().reason());
    assertClean(content, out, "a link into another skill's folder added");
    try (SkillPagesPatch.State state = SkillPagesPatch.State.open(out).orElseThrow()) {
      assertFalse(state.unlinked("skills/theme-factory"), "the whole build records it");
    }
  }

  /**
   * A reference deleted from an archived skill no other skill's document links into, named by none
   * of its documents: its page deleted, its siblings' pages, the skill page's list, skills.json,
   * the sitemap and the archive patched, each == the clean build; then patches on top (an edit of a
   * sibling, its SKILL.md, a second reference deleted) read the list the first one left.
   */
  @Test
  void aReferenceDeletedIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    BuildResult whole = run(content, out, Optional.empty());
    Path themes = content.resolve("skills/theme-factory/themes");
    Path gone = themes.resolve("ocean-depths.md");
    String page =
        dev.skillsite.site.SiteLayout.reference(
            new dev.skillsite.model.SkillId("theme-factory"), "themes/ocean-depths.md");
    assertTrue(Files.exists(out.resolve(page)), page + " published");
    Files.delete(gone);
    BuildResult r = run(content, out, Optional.of(List.of(gone)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertEquals(whole.pages() - 1, r.pages(), "one page fewer");
    assertFalse(Files.exists(out.resolve(page)), page + " deleted");
    assertClean(content, out, "a reference deleted");
    // a sibling edited on top: read with the list the patch left
    r = run(content, out, Optional.of(List.of(append(themes.resolve("arctic-frost.md")))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a sibling edited after a reference deleted");
    // its SKILL.md edited: the pages record's head has the list of the last whole build
    r =
        run(
            content,
            out,
            Optional.of(List.of(append(content.resolve("skills/theme-factory/SKILL.md")))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "its SKILL.md edited after a reference deleted", true);
    // a second reference deleted on top of the first
    Path second = themes.resolve("desert-rose.md");
    Files.delete(second);
    r = run(content, out, Optional.of(List.of(second)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "a second reference deleted", true);
  }

  /**
   * A reference added to an archived skill no other skill's document links into: its page made, the
   * rest as for one deleted, == the clean build; then the new reference edited (read back from the
   * list the patch left) and deleted again, each patched.
   */
  @Test
  void aReferenceAddedIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    BuildResult whole = run(content, out, Optional.empty());
    Path added = content.resolve("skills/theme-factory/themes/notes.md");
    Files.writeString(added, "# Notes\n\nA note on the themes, read by no other document.\n");
    BuildResult r = run(content, out, Optional.of(List.of(added)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertEquals(whole.pages() + 1, r.pages(), "one page more");
    String page =
        dev.skillsite.site.SiteLayout.reference(
            new dev.skillsite.model.SkillId("theme-factory"), "themes/notes.md");
    assertTrue(Files.exists(out.resolve(page)), page + " published");
    assertClean(content, out, "a reference added");
    r = run(content, out, Optional.of(List.of(append(added))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "the added reference edited");
    Files.delete(added);
    r = run(content, out, Optional.of(List.of(added)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertEquals(whole.pages(), r.pages(), "the pages counted through the overlay");
    assertFalse(Files.exists(out.resolve(page)), page + " deleted");
    assertClean(content, out, "the added reference deleted again");
  }

  /**
   * A reference its skill's own documents link to (refs4): deleted, the link in SKILL.md breaks
   * (the page shows its text), and put back, it resolves again; a reference added that a link of
   * SKILL.md, to one of its headings, waited for. Each patched: the skill's documents are made
   * again from the new list, and the site is the clean build's.
   */
  @Test
  void aReferenceItsDocumentsLinkToIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path theme = content.resolve("skills/theme-factory/SKILL.md");
    Files.writeString(
        theme,
        Files.readString(theme) + "\nSee [the notes](themes/notes.md#colour-rules) first.\n");
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path page = out.resolve("skills/mcp-builder/index.html");
    String link = "href=\"ref/reference/evaluation.html\"";
    assertTrue(Files.readString(page).contains(link), "the whole build links it");
    Path gone = content.resolve("skills/mcp-builder/reference/evaluation.md");
    byte[] was = Files.readAllBytes(gone);
    Files.delete(gone);
    BuildResult r = run(content, out, Optional.of(List.of(gone)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertFalse(Files.readString(page).contains(link), "the link broke: its text alone");
    assertClean(content, out, "a reference its SKILL.md links to deleted");
    Files.write(gone, was);
    r = run(content, out, Optional.of(List.of(gone)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(Files.readString(page).contains(link), "the link resolves again");
    assertClean(content, out, "a reference its SKILL.md links to put back");
    Path notes = content.resolve("skills/theme-factory/themes/notes.md");
    Files.writeString(notes, "# Notes\n\n## Colour rules\n\nOne accent at most.\n");
    r = run(content, out, Optional.of(List.of(notes)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(
        Files.readString(out.resolve("skills/theme-factory/index.html"))
            .contains("href=\"ref/themes/notes.html#colour-rules\""),
        "the link and its anchor resolve");
    assertClean(content, out, "a reference a link of its SKILL.md waited for added");
  }

  /**
   * A skill of its SKILL.md alone given its first file (refs4), on the demo content with a base URL
   * (the install commands download from the site): the archive is made, the page's download and
   * install view and the discovery entry's type, url and digest change, each patched == the clean
   * build; the file edited, then deleted (served as its SKILL.md alone again); a first reference, a
   * description edit on top of it (the discovery entry moved), and its deletion.
   */
  @Test
  void aFirstFileBesideItsSkillMdIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(Path.of("content"), content);
    Path yaml = content.resolve("skillsite.yaml");
    Files.writeString(yaml, Files.readString(yaml) + "base_url: https://example.org/elixir/\n");
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path dir = content.resolve("plugins/elixir/skills/phoenix-thinking");
    Path archive = out.resolve("skills/phoenix-thinking/phoenix-thinking.tar.gz");
    Path index = out.resolve(dev.skillsite.discovery.DiscoveryIndexWriter.PATH);
    String entry = "skills/phoenix-thinking/phoenix-thinking.tar.gz";
    assertFalse(Files.exists(archive), "its SKILL.md alone");
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "Mount runs twice.\n");
    BuildResult r = run(content, out, Optional.of(List.of(notes)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(Files.exists(archive), "an archive from now");
    assertTrue(Files.readString(index).contains(entry), "the discovery entry names it");
    assertTrue(
        Files.readString(out.resolve("skills/phoenix-thinking/index.html"))
            .contains("| tar -xz -C"),
        "the install commands unpack the archive");
    assertClean(content, out, "a first file beside its SKILL.md");
    r = run(content, out, Optional.of(List.of(append(notes))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "the first file edited");
    Files.delete(notes);
    r = run(content, out, Optional.of(List.of(notes)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertFalse(Files.exists(archive), "its SKILL.md alone again");
    assertFalse(Files.readString(index).contains(entry), "the discovery entry names its SKILL.md");
    assertClean(content, out, "its last file deleted");
    Path skill = content.resolve("plugins/elixir/skills/using-elixir-skills/SKILL.md");
    Path first = skill.resolveSibling("references/order.md");
    Files.createDirectories(first.getParent());
    Files.writeString(first, "# Order\n\nWhich skill goes first.\n");
    r = run(content, out, Optional.of(List.of(first)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(Files.exists(out.resolve("skills/using-elixir-skills/using-elixir-skills.tar.gz")));
    assertClean(content, out, "a first reference");
    String text = Files.readString(skill);
    Files.writeString(
        skill,
        text.replaceFirst("or refactor something", "or rework something"),
        StandardCharsets.UTF_8);
    assertTrue(!Files.readString(skill).equals(text), "the description edited");
    r = run(content, out, Optional.of(List.of(skill)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out, "its description edited after", true);
    Files.delete(first);
    Files.delete(first.getParent()); // its folder with it, the file alone told
    r = run(content, out, Optional.of(List.of(first)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertFalse(Files.exists(out.resolve("skills/using-elixir-skills/using-elixir-skills.tar.gz")));
    assertClean(content, out, "its first reference deleted with its folder", true);
  }

  /**
   * A skill added (its folder copied, its name changed, as PatchEdits' SKILL_ADDED): refused as a
   * skill added whichever of its files is listed first, and the whole build it falls back to is the
   * clean build. A file in a new folder with no SKILL.md, or one the scanner skips ({@code
   * node_modules}), keeps the older reason: neither adds a skill.
   */
  @Test
  void aSkillAddedIsRefusedAsASkillAdded() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path from = content.resolve("skills/theme-factory");
    Path copy = content.resolve("skills/theme-factory-copy");
    Trees.copy(from, copy);
    Path skill = copy.resolve("SKILL.md");
    Files.writeString(
        skill,
        Files.readString(skill).replace("name: theme-factory", "name: theme-factory-copy"),
        StandardCharsets.UTF_8);
    List<Path> changed = new ArrayList<>();
    changed.add(copy.resolve("themes/ocean-depths.md")); // a reference before its SKILL.md
    changed.add(copy.resolve("LICENSE.txt"));
    changed.add(skill);
    BuildResult r = run(content, out, Optional.of(changed));
    assertFalse(r.patch().taken(), r.patch().toString());
    assertTrue(
        r.patch()
            .reason()
            .startsWith(
                "skills/theme-factory-copy/themes/ocean-depths.md is in skills/theme-factory-copy,"
                    + " a skill added"),
        r.patch().reason());
    assertTrue(r.patch().reason().contains("document count"), r.patch().reason());
    assertTrue(
        Files.readString(out.resolve("skills.json")).contains("theme-factory-copy"),
        "the whole build adds it");
    assertClean(content, out, "a skill added");
    Path loose = content.resolve("notes/todo.txt"); // a new folder without a SKILL.md
    Files.createDirectories(loose.getParent());
    Files.writeString(loose, "todo\n");
    r = run(content, out, Optional.of(List.of(loose)));
    assertEquals("notes/todo.txt belongs to no skill of the last build", r.patch().reason());
    Path skipped = content.resolve("node_modules/pkg/SKILL.md"); // the scanner does not enter it
    Files.createDirectories(skipped.getParent());
    Files.writeString(skipped, Files.readString(skill), StandardCharsets.UTF_8);
    r = run(content, out, Optional.of(List.of(skipped)));
    assertEquals(
        "node_modules/pkg/SKILL.md belongs to no skill of the last build", r.patch().reason());
    assertClean(content, out, "files that add no skill");
  }

  /** A patch builder of the pages side alone: its routing seam patches nothing. */
  private static PatchBuild pagesSide() {
    return new PatchBuild(
        () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
        Optional.empty(),
        OutputLock.Policy.build(),
        (at, key, c) -> RoutingSeam.Outcome.of(RoutingSeam.Patched.NOTHING));
  }

  private static BuildResult run(Path content, Path site, Optional<List<Path>> changed)
      throws IOException {
    BuildResult r = patch(site).run(options(content, site), changed);
    assertTrue(r.published());
    return r;
  }
}
