package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.OutputLock;
import dev.skillsite.site.HealthState;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident builder's patches ({@link PatchBuild#foldingInIdle}) append to the health delta's
 * chain and leave its fold to idle time ({@link PatchBuild#foldIdle}): a site patched that way and
 * folded between saves is a clean build's, and its delta holds the records a one-shot patch's
 * (folded inline) holds; a save arriving during the idle fold cancels it (nothing published) or
 * waits for it, and is patched correctly either way.
 */
class IdleFoldTest {
  private static final String SOURCE = "plugins/elixir/skills/zq-async-notes/SKILL.md";

  /** Each edit changes the note's health findings: "accuracy" routes it, the others do not. */
  private static final List<String> WORDS =
      List.of(
          "zebrafish",
          "accuracy",
          "axolotl",
          "accuracy",
          "pangolin",
          "accuracy",
          "quokka",
          "accuracy",
          "narwhal",
          "accuracy",
          "okapi",
          "accuracy");

  @TempDir Path tmp;

  @Test
  void aDeltaFoldedInIdleTimeLeavesTheSiteACleanBuilds() throws IOException {
    Path content = RoutingWirePairTest.content(tmp);
    Path idle = tmp.resolve("idle");
    Path inline = tmp.resolve("inline");
    RoutingWireTest.build(content, idle);
    RoutingWireTest.build(content, inline);
    PatchBuild resident = patches().foldingInIdle();
    Path file = content.resolve(SOURCE);
    String was = "accuracy";
    int idleFolds = 0;
    int inlineFolds = 0;
    int residentFolds = 0;
    for (int k = 0; k < WORDS.size(); k++) {
      swap(file, was, WORDS.get(k));
      was = WORDS.get(k);
      Optional<BuildResult> r =
          resident.patchOnly(options(content, idle), List.of(file), why -> {});
      assertTrue(r.isPresent(), "edit " + k + " patched");
      if (r.get().patch().steps().contains("(folded,")) {
        residentFolds++;
      }
      BuildResult one = patches().run(options(content, inline), Optional.of(List.of(file)));
      assertTrue(one.patch().taken(), "edit " + k + ": " + one.patch());
      if (one.patch().steps().contains("(folded,")) {
        inlineFolds++;
      }
      Map<String, String> before = records(idle);
      Optional<String> folded = resident.foldIdle(options(content, idle), () -> false);
      if (folded.isPresent()) {
        idleFolds++;
        assertTrue(folded.get().contains("folded in idle time"), folded.get());
        assertEquals(before, records(idle), "edit " + k + ": a fold keeps every record");
        assertEquals(0, links(idle), "edit " + k + ": the chain folded");
      }
      assertEquals(records(inline), records(idle), "edit " + k + ": the delta's records");
      assertEquals(
          List.of(),
          SiteFingerprint.differences(
              SiteFingerprint.ofPatched(inline), SiteFingerprint.ofPatched(idle)),
          "edit " + k);
      if (k % 4 == 3 || k == WORDS.size() - 1) {
        RoutingWireTest.assertACleanBuilds(
            content, idle, tmp.resolve("clean-" + k), "edit " + k + ": a clean build");
      }
    }
    System.out.printf(
        "idle folds %d; folds in the resident builder's patches %d, in one-shot patches %d%n",
        idleFolds, residentFolds, inlineFolds);
    assertTrue(idleFolds >= 2, "folds in idle time: " + idleFolds);
    assertTrue(inlineFolds >= 2, "one-shot patches fold inline: " + inlineFolds);
    assertEquals(1, residentFolds, "only the first patch (no folded table yet) folds inline");
  }

  @Test
  void aSaveDuringAnIdleFoldIsPatchedCorrectly() throws IOException {
    Path content = RoutingWirePairTest.content(tmp);
    Path site = tmp.resolve("site");
    RoutingWireTest.build(content, site);
    PatchBuild resident = patches().foldingInIdle();
    Path file = content.resolve(SOURCE);
    String was = "accuracy";
    int cancelled = 0;
    int finished = 0;
    for (int k = 0; k < WORDS.size(); k++) {
      swap(file, was, WORDS.get(k));
      was = WORDS.get(k);
      assertTrue(
          resident.patchOnly(options(content, site), List.of(file), why -> {}).isPresent(),
          "edit " + k);
      // the next save lands while the fold reads: it cancels one fold, lets the next finish
      String next = k + 1 < WORDS.size() ? WORDS.get(k + 1) : null;
      String from = was;
      boolean cancel = (cancelled + finished) % 2 == 0; // in turn
      AtomicInteger asked = new AtomicInteger();
      byte[] chainBefore = chain(site);
      Map<String, String> recordsBefore = records(site);
      Optional<String> folded =
          resident.foldIdle(
              options(content, site),
              () -> {
                if (asked.incrementAndGet() == 2 && next != null) {
                  swap(file, from, next); // a save, mid-fold
                  return cancel;
                }
                return cancel && asked.get() > 2;
              });
      boolean reached = asked.get() >= 2;
      if (reached && next != null) {
        if (cancel) {
          cancelled++;
          assertTrue(folded.isEmpty(), "cancelled: nothing published");
          assertTrue(java.util.Arrays.equals(chainBefore, chain(site)), "the chain as it was");
        } else if (folded.isPresent()) {
          finished++;
        }
        assertEquals(recordsBefore, records(site), "edit " + k + ": the delta's records");
        assertEquals(List.of(), leftovers(site), "no staging folder left");
        // the save is patched after the fold (cancelled or finished), as the builder runs it
        Optional<BuildResult> r =
            resident.patchOnly(options(content, site), List.of(file), why -> {});
        assertTrue(r.isPresent(), "the save during the fold patched");
        RoutingWireTest.assertACleanBuilds(
            content, site, tmp.resolve("clean-" + k), "edit " + k + ": the save during the fold");
        was = next;
        k++;
      }
    }
    System.out.printf(
        "idle folds cancelled by a save %d, finished before it %d%n", cancelled, finished);
    assertTrue(cancelled >= 1, "a fold cancelled by a save: " + cancelled);
    assertTrue(finished >= 1, "a fold finished before a save: " + finished);
  }

  private static PatchBuild patches() {
    return new PatchBuild(
        () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
        Optional.empty(),
        OutputLock.Policy.build());
  }

  private static BuildOptions options(Path content, Path out) {
    return new BuildOptions(content, out, Optional.empty(), true, true);
  }

  private static void swap(Path file, String was, String now) {
    try {
      Path t = Files.createTempFile(file.getParent(), ".save", ".tmp");
      Files.writeString(
          t, Files.readString(file).replace(was + " of", now + " of"), StandardCharsets.UTF_8);
      Files.move(t, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> records(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    HealthState.deltaRecords(site).forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
    return out;
  }

  private static Path chainFile(Path site) {
    return site.resolve(dev.skillsite.cache.BuildCache.FOLDER + "/patch/health-delta.chain");
  }

  private static byte[] chain(Path site) throws IOException {
    return Files.exists(chainFile(site)) ? Files.readAllBytes(chainFile(site)) : new byte[0];
  }

  /** The segments the chain file of {@code site} names. */
  private static int links(Path site) throws IOException {
    List<String> lines = Files.readAllLines(chainFile(site));
    return lines.size() - 3; // the header, "folded N", "end CRC"
  }

  /** Staging or old folders beside {@code site} (a publish left none). */
  private static List<String> leftovers(Path site) throws IOException {
    String name = "." + site.getFileName() + ".";
    try (Stream<Path> all = Files.list(site.getParent())) {
      return all.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(name + "staging") || n.startsWith(name + "old"))
          .toList();
    }
  }
}
