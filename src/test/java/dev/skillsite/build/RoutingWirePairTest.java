package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collision rows of skills a patch did not change, whose printed scores move with an edit of
 * another skill: on a copy of {@code elixir} with three replicas of one skill (a registry's copies,
 * as {@code bench/replicate} makes them: one description, bodies that differ a little), whose
 * listed triggers collide with each other. A replica's trigger that names its rival ("forecast
 * accuracy" names {@code forecast-accuracy-review-2}) is left out of the report: a ranking of it
 * that moves (a word of the trigger edited in an unrelated skill's body) changes no row, no
 * finding, no count. The patched site must be byte for byte a clean build's.
 */
class RoutingWirePairTest {
  private static final Path ELIXIR = Path.of("../shared/corpora/elixir");

  @TempDir Path tmp;

  /**
   * The 10× mix's "the health pair of forecast-accuracy-review-1 and forecast-accuracy-review-4
   * differs": a body word of an unrelated skill ("accuracy") moves the scores of the replicas'
   * "forecast accuracy" rows, which the report hides (the trigger names the rival); the pair's
   * shown rows stay. Patched through the whole patch build, every file the clean build's.
   */
  @Test
  void aHiddenRowOfAReplicaPairWhoseScoresMoveIsPatched() throws IOException {
    Path content = content();
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    String pairs = Files.readString(out.resolve("health/index.html"));
    assertTrue(
        pairs.contains("forecast-accuracy-review-1")
            && pairs.contains("demand planning performance"),
        "the replicas' pairs are on the report");
    String source = "plugins/elixir/skills/zq-async-notes/SKILL.md";
    Path file = content.resolve(source);
    Files.writeString(
        file,
        Files.readString(file).replace("accuracy of", "zebrafish of"),
        StandardCharsets.UTF_8);
    patchedAsClean(content, out, file);
  }

  /**
   * The 10× mix's "the collision finding of zapier-workflows-6 is not the one shown": a replica's
   * trigger the description does not hold word for word ("asks to run any process", from {@code
   * asks to "run" any process}) is placed at the description's start, where its other such trigger
   * and the unreachable finding are too; a body word of an unrelated skill ("process") moves the
   * collision's scores, and its finding, rewritten, is placed again among those of its place by
   * their messages. Patched through the whole patch build, every file the clean build's.
   */
  @Test
  void aCollisionFindingSharingItsPlaceIsRewrittenAndPlacedAgain() throws IOException {
    Path content = content();
    for (int i = 1; i <= 3; i++) {
      String name = "zq-zapier-workflows-" + i;
      write(
          content,
          name,
          "---\nname: "
              + name
              + "\ndescription: Manage and trigger pre-built Zapier workflows and MCP tool"
              + " orchestration. Use when user mentions workflows, Zaps, automations, daily digest,"
              + " lead tracking, expenses, or asks to \"run\" any process or asks to \"sync\""
              + " every sheet. Also handles Google Sheets data tracking.\n---\n\n"
              + "# Zapier workflows\n\nRun the workflows through the MCP server.\n\nNote "
              + i
              + ": the replica keeps its own history of runs.\n");
    }
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    String section = Files.readString(out.resolve("skills/zq-zapier-workflows-2/index.html"));
    assertTrue(
        section.contains("asks to run any process")
            && section.split("SKILL.md:3:1</code>", -1).length > 3,
        "collision findings share the description's start");
    String source = "plugins/elixir/skills/zq-async-notes/SKILL.md";
    Path file = content.resolve(source);
    Files.writeString(
        file,
        Files.readString(file).replace("Each process", "Each zebrafish"),
        StandardCharsets.UTF_8);
    patchedAsClean(content, out, file);
  }

  /**
   * A pair row that comes with a trigger edit when the report's collision matrix is full (13
   * replicas of one skill, every two sharing their phrases): the matrix is moved from its recorded
   * fill and the two skills' totals, not from every pair's count; the new pair orders after the
   * pair that filled it. Each edit either patches — every file then the clean build's, the state
   * keeping the fill — or is refused with its reason; at least one patches with a pair more, and
   * the edit undone patches again (the pair deleted, the matrix moved from the first patch's fill).
   */
  @Test
  void aPairEditUnderAFullMatrixMovesItFromItsFill() throws IOException {
    Path content = content();
    for (int i = 1; i <= 13; i++) {
      String name = "zq-replica-" + i;
      write(
          content,
          name,
          "---\nname: "
              + name
              + "\ndescription: Plan release trains. This skill should be used when the user"
              + " asks to \"cut a release train\", \"freeze the train\" or \"ship the"
              + " train\".\n---\n\n# Release trains\n\nNote "
              + i
              + ": the replica keeps its own calendar.\n");
    }
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    int pairsBefore = pairs(out);
    Path ecto = content.resolve("plugins/elixir/skills/ecto-thinking/SKILL.md");
    Path oban = content.resolve("plugins/elixir/skills/oban-thinking/SKILL.md");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"([^\"\\n]+)\"").matcher(Files.readString(oban));
    List<String> phrases = new java.util.ArrayList<>();
    while (m.find()) {
      phrases.add(m.group(1));
    }
    String before = Files.readString(ecto);
    java.util.regex.Matcher first =
        java.util.regex.Pattern.compile("\"([^\"\\n]+)\"").matcher(before);
    assertTrue(first.find());
    List<String> refused = new java.util.ArrayList<>();
    for (String p : phrases.subList(0, Math.min(6, phrases.size()))) {
      Files.writeString(
          ecto,
          before.substring(0, first.start(1)) + p + before.substring(first.end(1)),
          StandardCharsets.UTF_8);
      BuildResult r = patch(content, out, ecto);
      if (!r.patch().taken()) {
        refused.add(p + ": " + r.patch().reason());
        Files.writeString(ecto, before, StandardCharsets.UTF_8);
        RoutingWireTest.build(content, out);
        continue;
      }
      RoutingWireTest.assertACleanBuilds(content, out, tmp.resolve("clean-" + refused.size()), p);
      if (pairs(out) != pairsBefore) {
        assertTrue(
            dev.skillsite.site.HealthState.deltaRecord(out, "mf").isPresent(),
            "the fill is moved, not every pair's count");
        assertTrue(
            dev.skillsite.site.HealthState.deltaRecord(out, "mx").isEmpty(),
            "no pair count list under a full matrix");
        System.out.println("patched with a pair more; refused before it: " + refused);
        // and back: the pair goes, the matrix moved again from the fill the first patch left
        Files.writeString(ecto, before, StandardCharsets.UTF_8);
        BuildResult back = patch(content, out, ecto);
        assertTrue(back.patch().taken(), back.patch().toString());
        Path again = tmp.resolve("clean-back");
        RoutingWireTest.build(content, again);
        assertEquals(
            List.of(),
            SiteFingerprint.differences(
                SiteFingerprint.ofPatched(again), SiteFingerprint.ofPatched(out)),
            "the pair deleted again");
        assertEquals(pairsBefore, pairs(out));
        return;
      }
      System.out.println(p + ": patched, no pair more");
      before = Files.readString(ecto);
      first = java.util.regex.Pattern.compile("\"([^\"\\n]+)\"").matcher(before);
      assertTrue(first.find());
      pairsBefore = pairs(out);
    }
    throw new AssertionError("no edit patched with a pair more: " + refused);
  }

  /** The collision pairs on the health pages of {@code site}. */
  private static int pairs(Path site) throws IOException {
    int n = 0;
    try (var pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.toList()) {
        n += Files.readString(page).split("<article class=\"card health-pair\">", -1).length - 1;
      }
    }
    return n;
  }

  /**
   * The health delta a patch leaves (a chain of segments after a folded table, site.HealthDelta) is
   * trusted only whole: after two patches that write it, its last file cut short makes the next
   * patch refused with that reason, and the build made whole instead is a clean build's; the patch
   * after that is taken again.
   */
  @Test
  void aTornHealthDeltaRefusesThePatchAndTheSiteIsBuiltWhole() throws IOException {
    Path content = content();
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    String source = "plugins/elixir/skills/zq-async-notes/SKILL.md";
    Path file = content.resolve(source);
    List<String> words = List.of("zebrafish", "axolotl", "pangolin", "quokka");
    String was = "accuracy";
    Path chain = out.resolve(dev.skillsite.cache.BuildCache.FOLDER + "/patch/health-delta.chain");
    for (int k = 0; k < words.size(); k++) {
      Files.writeString(
          file,
          Files.readString(file).replace(was + " of", words.get(k) + " of"),
          StandardCharsets.UTF_8);
      was = words.get(k);
      if (k == 2) { // the last file the chain names, or the folded table, cut short
        List<String> lines = Files.readAllLines(chain);
        assertTrue(lines.size() >= 3, "the patches left a chain: " + lines);
        String last = lines.get(lines.size() - 2);
        String torn =
            last.startsWith("folded ")
                ? "health-delta.tab"
                : "health-delta." + lines.get(lines.size() - 2).split(" ")[0] + ".tab";
        Path p = chain.resolveSibling(torn);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length - 5));
      }
      BuildResult r = patch(content, out, file);
      if (k == 2) {
        assertTrue(!r.patch().taken(), "a torn delta is not patched from");
        assertTrue(r.patch().reason().contains("health delta"), r.patch().reason());
      } else {
        assertTrue(r.patch().taken(), k + ": " + r.patch());
      }
      RoutingWireTest.assertACleanBuilds(content, out, tmp.resolve("clean-" + k), "edit " + k);
    }
  }

  private static BuildResult patch(Path content, Path out, Path file) throws IOException {
    PatchBuild patch =
        new PatchBuild(
            () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
            Optional.empty(),
            OutputLock.Policy.build());
    return patch.run(
        new BuildOptions(content, out, Optional.empty(), true, true), Optional.of(List.of(file)));
  }

  private void patchedAsClean(Path content, Path out, Path file) throws IOException {
    PatchBuild patch =
        new PatchBuild(
            () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
            Optional.empty(),
            OutputLock.Policy.build());
    BuildResult r =
        patch.run(
            new BuildOptions(content, out, Optional.empty(), true, true),
            Optional.of(List.of(file)));
    assertTrue(r.patch().taken(), r.patch().toString());
    RoutingWireTest.assertACleanBuilds(content, out, tmp.resolve("clean"), "");
  }

  private Path content() throws IOException {
    return content(tmp);
  }

  /** A copy of elixir, three replicas of a forecasting skill and a note that says "accuracy". */
  static Path content(Path tmp) throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(ELIXIR, content);
    List<String> extra =
        List.of(
            "Per-SKU demand history at the planning bucket, with the forecast values.",
            "Backtest over rolling origins; flag series with fewer than 18 periods.",
            "Compare against the seasonal naive benchmark before any model discussion.");
    for (int i = 1; i <= 3; i++) {
      String name = "forecast-accuracy-review-" + i;
      write(
          content,
          name,
          "---\nname: "
              + name
              + "\ndescription: Evaluate demand-forecast quality honestly - WMAPE, bias and"
              + " Forecast Value Added against a naive benchmark. Use when the user mentions"
              + " forecast accuracy, MAPE, demand planning performance, or asks whether a"
              + " forecasting process or tool is worth it.\n---\n\n# Forecast Accuracy Review\n\n"
              + "A forecast is only worth what it adds over shipping last period's number.\n\n"
              + extra.get(i - 1)
              + "\n");
    }
    write(
        content,
        "zq-async-notes",
        "---\nname: zq-async-notes\ndescription: Notes on background tasks in Elixir"
            + " applications and their supervision.\n---\n\n# Async notes\n\n"
            + "The accuracy of timers under load is what these notes measure first. Each process"
            + " keeps its own timers.\n");
    return content;
  }

  private static void write(Path content, String name, String text) throws IOException {
    Path dir = content.resolve("plugins/elixir/skills/" + name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("SKILL.md"), text, StandardCharsets.UTF_8);
  }
}
