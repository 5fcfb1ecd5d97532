package dev.skillsite.perf;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.StampedBuild;
import dev.skillsite.build.ThreadCpu;
import dev.skillsite.testing.PatchEdits;
import dev.skillsite.testing.PatchTally;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Lab program (not a test; {@code bench/patch-warm}): {@link PatchMix}'s edits patched in one
 * long-lived JVM, as a watching builder ({@code serve --watch}) patches each save: the patch of
 * {@link StampedBuild#patchOnly} (never a whole build: a refused edit is put back), its wall time
 * and the process's CPU (every thread: the compiler's and the collector's too). The first rounds
 * warm the JVM; the table counts the rounds after them only.
 *
 * <pre>
 * bench/patch-warm CONTENT SITE [ROUNDS [SEED [MAX_SKILLS [WARMUP_ROUNDS]]]]
 * </pre>
 *
 * Run it from the folder the site's build ran in ({@code templates/} there is used as the build
 * used it); the site must be a cached build of CONTENT by the same code (the classes on the class
 * path: the cache is keyed by the code).
 */
public final class WarmPatch {
  private WarmPatch() {}

  /** The health delta's note in a patch's steps (appended or folded). */
  private static final java.util.regex.Pattern DELTA =
      java.util.regex.Pattern.compile("delta \\d+ KB \\((appended|folded)[^)]*\\)");

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path site = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 27;
    int maxSkills = args.length > 4 ? Integer.parseInt(args[4]) : 10000;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    Resident resident = Resident.of(content, site, maxSkills); // as Rebuilder patches
    PatchBuild patches = resident.patches();
    BuildOptions options = resident.options();
    // -Dpatchwarm.pause=MS: after each patch (an edit, a put-back), idle time as a watching builder
    // has it between saves: the idle fold (PatchBuild.foldIdle) runs, then the rest of MS passes
    long pause = Long.getLong("patchwarm.pause", 0);
    PatchEdits edits = PatchEdits.ofPublished(content, site, seed);
    PatchTally tally = new PatchTally();
    PatchTally ignored = new PatchTally();
    String only = System.getProperty("patchmix.kinds", "");
    Map<PatchEdits.Kind, Integer> seen = new EnumMap<>(PatchEdits.Kind.class);
    int n =
        edits.rounds(
            warmup + rounds,
            ignored,
            (edit, i) -> {
              PatchEdits.Kind kind = edit.kind();
              boolean counted = seen.merge(kind, 1, Integer::sum) > warmup;
              if (!only.isEmpty() && !List.of(only.split(",")).contains(kind.name())) {
                edit.restore();
                return;
              }
              String load = Resident.load();
              List<String> why = new ArrayList<>();
              ThreadCpu threads = ThreadCpu.take();
              long wall = System.nanoTime();
              long cpu = processCpu();
              Optional<BuildResult> r = resident.patch(edit.changed(), why);
              double wallS = (System.nanoTime() - wall) / 1e9;
              double cpuS = (processCpu() - cpu) / 1e9;
              ThreadCpu patched = ThreadCpu.take();
              PatchTally t = counted ? tally : ignored;
              if (r.isEmpty()) {
                t.refused(kind, why.isEmpty() ? "?" : why.get(0), List.of(edit.skill()));
                edit.restore();
                System.out.printf(
                    "%d %s%s load %s: refused (%s) %s%n",
                    i, counted ? "" : "(warm-up) ", kind, load, why, edit.what());
                return;
              }
              t.patched(kind);
              t.figure(kind, "wall s", wallS);
              t.figure(kind, "cpu s", cpuS);
              Map<String, Long> by = patched.since(threads);
              long jit = by.getOrDefault("JIT", 0L);
              long gc = by.getOrDefault("GC", 0L);
              long self = by.getOrDefault("this", 0L);
              t.figure(kind, "this thread ms", self);
              t.figure(kind, "JIT ms", jit);
              t.figure(kind, "GC ms", gc);
              t.figure(kind, "other threads ms", by.getOrDefault("process", 0L) - self - jit - gc);
              String steps = r.get().patch().steps();
              Matcher m = PatchMix.STEP.matcher(steps);
              while (m.find()) {
                if (!m.group(1).equals("start")) {
                  t.figure(kind, m.group(1) + " cpu ms", Double.parseDouble(m.group(3)));
                }
              }
              System.out.printf(
                  "%d %s%s load %s: patched, wall %.2f s, cpu %.2f s; %s%n   %s%n",
                  i, counted ? "" : "(warm-up) ", kind, load, wallS, cpuS, edit.what(), steps);
              System.out.printf("   threads (the edit): %s%n", patched.note(threads));
              idle(patches, options, pause);
              edit.restore();
              List<String> back = new ArrayList<>();
              ThreadCpu before = ThreadCpu.take();
              Optional<BuildResult> put = resident.patch(edit.changed(), back);
              if (put.isEmpty()) {
                edit.redo(); // the site keeps the edit: so does the content
                System.out.printf("   put back: %s; the edit is kept%n", back);
              } else {
                Matcher delta = DELTA.matcher(put.get().patch().steps());
                System.out.printf(
                    "   threads (the put-back%s): %s%n",
                    delta.find() ? ", " + delta.group() : "", ThreadCpu.take().note(before));
              }
              idle(patches, options, pause);
            });
    System.out.println(
        "\nWarmPatch "
            + content
            + ", seed "
            + seed
            + ", "
            + n
            + " edits, the first "
            + warmup
            + " round(s) not counted:\n"
            + tally.table());
  }

  /** Idle time of {@code pause} ms after a patch: the idle fold, then the rest of it waited. */
  private static void idle(PatchBuild patches, BuildOptions options, long pause) throws Exception {
    if (pause <= 0) {
      return;
    }
    long end = System.nanoTime() + pause * 1_000_000;
    ThreadCpu before = ThreadCpu.take();
    Optional<String> folded = patches.foldIdle(options, () -> false);
    folded.ifPresent(n -> System.out.printf("   idle: %s%n", n));
    long left = (end - System.nanoTime()) / 1_000_000;
    if (left > 0) {
      Thread.sleep(left);
    }
    System.out.printf("   idle %d ms: %s%n", pause, ThreadCpu.take().note(before));
  }

  private static long processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }
}
