package dev.skillsite.perf;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Lab program (not a test): the routing step of a patch ({@link RoutingPatch#patch} + commit: the
 * document replaced, the statistics compared, the asked trigger rankings made before and after) for
 * seeded description rewordings (first word replaced, triggers kept) and in-window body sentences
 * (one inserted after the first heading), main-thread CPU per patch and the rankings asked /
 * re-ranked. {@code records}: the full build records each trigger's top 11 (this session's bound)
 * or not (every asked phrase ranked by a full search, as before).
 *
 * <pre>
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.skillsite.perf.RouteStepBench ../shared/corpora/large /tmp/work 20 21 records
 * </pre>
 */
public final class RouteStepBench {
  private RouteStepBench() {}

  private static final String[] WORDS = {"Write", "Build", "Create", "Use", "Manage"};
  private static final String[] SENTENCES = {
    "It also helps when tuning connection pools.",
    "It also helps when sizing read replicas.",
    "Use it to review the configuration before you deploy.",
    "This covers the common errors and how to fix them quickly."
  };

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int edits = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    boolean records = !args[4].equals("none");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Files.createDirectories(work);
    Path cache = Files.createTempDirectory(work, "cache");
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(corpus));
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    long c0 = mx.getCurrentThreadCpuTime();
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      long c1 = mx.getCurrentThreadCpuTime();
      RoutingPatch.write(cache, index, triggers, "bench", Map.of(), records);
      System.out.printf(
          "%d skills, %d triggers: index %.0f ms CPU, state written (records %s) %.0f ms CPU%n",
          skills.size(),
          triggers.size(),
          (c1 - c0) / 1e6,
          records,
          (mx.getCurrentThreadCpuTime() - c1) / 1e6);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    for (String kind : List.of("desc", "body")) {
      if (kind.equals("body")) { // a fresh state (a full build) for each kind
        try (RoutingIndex index = RoutingIndex.build(skills)) {
          RoutingPatch.write(cache, index, triggers, "bench", Map.of(), records);
        }
      }
      List<Double> cpus = new ArrayList<>();
      int refused = 0;
      int since = 0;
      for (int e = 0, i = 0; e < edits && i < order.size(); i++) {
        int at = order.get(kind.equals("desc") ? i : order.size() - 1 - i);
        Skill before = skills.get(at);
        Skill after =
            kind.equals("desc")
                ? SkillEdits.descriptionFirstWord(before, WORDS[e % WORDS.length])
                : SkillEdits.sentenceAfterFirstHeading(before, SENTENCES[e % SENTENCES.length]);
        if (after.equals(before)) {
          continue;
        }
        e++;
        long t = mx.getCurrentThreadCpuTime();
        RoutingPatch.Outcome o =
            RoutingPatch.patch(
                cache,
                "bench",
                List.of(new RoutingPatch.Change(before, after)),
                List.of(),
                List.of(),
                5);
        String what;
        if (o instanceof RoutingPatch.Patched p) {
          try (p) {
            what = p.counts() + " " + p.parts();
            p.commit();
          }
          skills.set(at, after);
          since++;
          double ms = (mx.getCurrentThreadCpuTime() - t) / 1e6;
          cpus.add(ms);
          System.out.printf("%s %-40s %8.1f ms CPU %s%n", kind, before.id().value(), ms, what);
        } else {
          refused++;
          System.out.printf(
              "%s %-40s refused: %s%n",
              kind, before.id().value(), ((RoutingPatch.CannotPatch) o).reason());
        }
        if (since == 15) {
          since = 0;
          // 16 patches compact: write the state again from the patched skills (a full build)
          try (RoutingIndex index = RoutingIndex.build(skills)) {
            RoutingPatch.write(cache, index, triggers, "bench", Map.of(), records);
          }
        }
      }
      Collections.sort(cpus);
      System.out.printf(
          "%s: %d patched, %d refused; CPU median %.1f ms, p95 %.1f ms, max %.1f ms%n",
          kind,
          cpus.size(),
          refused,
          cpus.isEmpty() ? 0 : cpus.get(cpus.size() / 2),
          cpus.isEmpty()
              ? 0
              : cpus.get((int) Math.min(cpus.size() - 1, Math.ceil(cpus.size() * 0.95) - 1)),
          cpus.isEmpty() ? 0 : cpus.get(cpus.size() - 1));
    }
  }
}
