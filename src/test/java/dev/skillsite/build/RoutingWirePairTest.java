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
    Path clean = tmp.resolve("clean");
    RoutingWireTest.build(content, clean);
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out)));
  }

  /** A copy of elixir, three replicas of a forecasting skill and a note that says "accuracy". */
  private Path content() throws IOException {
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
