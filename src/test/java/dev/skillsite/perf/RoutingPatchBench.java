package dev.skillsite.perf;

import dev.skillsite.cache.RoutingPatcher;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.search.SearchIndexWriter;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lab program (not a test): times {@link RoutingPatcher#patch} + commit (the routing side of a
 * patch rebuild: index updated in place, triggers re-ranked, search export files patched) for a
 * sequence of one-word body edits, on a corpus given as argument, after writing the state once as a
 * full build would. Its time must not grow with the collection: run it on {@code large} and on its
 * 10x replica and compare. Prints wall and process CPU per step, the first edit (cold JVM) apart.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -Xmx1500m -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.skillsite.perf.RoutingPatchBench ../shared/corpora/large /tmp/work 12
 * </pre>
 */
public final class RoutingPatchBench {
  private RoutingPatchBench() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int edits = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Files.createDirectories(work);
    Path site = Files.createTempDirectory(work, "site");
    Path cache = Files.createTempDirectory(work, "cache");
    long t = System.nanoTime();
    long c = cpu();
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(corpus));
    step("load " + skills.size() + " skills", t, c);
    t = System.nanoTime();
    c = cpu();
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      step("index", t, c);
      t = System.nanoTime();
      c = cpu();
      SearchIndexWriter w = new SearchIndexWriter();
      w.write(
          new IndexContents(index), skills.stream().map(RoutingPatchBench::display).toList(), site);
      step("export", t, c);
      t = System.nanoTime();
      c = cpu();
      RoutingPatcher.record(cache, index, triggers, w.termBytes(), "bench");
      step("record the patch state (" + triggers.size() + " triggers)", t, c);
    }
    List<Long> walls = new ArrayList<>();
    for (int i = 0; i < edits; i++) {
      int at = (int) ((long) skills.size() * (2 * i + 1) / (2L * edits));
      Skill before = skills.get(at);
      Skill after = SkillEdits.bodyWordReplaced(before);
      t = System.nanoTime();
      c = cpu();
      RoutingPatcher.Result r =
          RoutingPatcher.patch(
              cache,
              site,
              "bench",
              List.of(new RoutingPatch.Change(before, after)),
              Map.of(after.id().value(), display(after)),
              List.of(),
              List.of());
      String what;
      if (r instanceof RoutingPatcher.Patched p) {
        try (p) {
          for (var e : p.files().entrySet()) {
            Files.writeString(site.resolve(e.getKey()), e.getValue());
          }
          p.commit();
          what = p.rankings().size() + " rankings asked, " + p.files().size() + " export files";
        }
        skills.set(at, after);
      } else {
        what = "cannot patch: " + ((RoutingPatcher.CannotPatch) r).reason();
      }
      long wall = System.nanoTime() - t;
      walls.add(wall);
      step("patch " + i + " (" + before.id().value() + "): " + what, t, c);
    }
    List<Long> warm = new ArrayList<>(walls.subList(Math.min(1, walls.size()), walls.size()));
    warm.sort(null);
    System.out.printf(
        "first patch %.0f ms wall; later patches median %.0f ms, max %.0f ms (%d)%n",
        walls.get(0) / 1e6,
        warm.isEmpty() ? 0 : warm.get(warm.size() / 2) / 1e6,
        warm.isEmpty() ? 0 : warm.get(warm.size() - 1) / 1e6,
        warm.size());
  }

  private static SearchIndexWriter.Display display(Skill s) {
    return new SearchIndexWriter.Display(
        s.id().value(), s.name(), "skills/" + s.id().value() + "/index.html", s.description());
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void step(String what, long t, long c) {
    System.out.printf(
        "%-70s %8.0f ms wall %8.0f ms cpu%n",
        what, (System.nanoTime() - t) / 1e6, (cpu() - c) / 1e6);
  }
}
