package dev.skillsite.build;

import com.sun.management.OperatingSystemMXBean;
import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lab program (not a test): the wired routing side of a patch build on a real site. Given a content
 * folder (edited by replacing files, never in place: it may be a hard-linked copy) and a site that
 * a cached build made of it, it times (1) {@link RoutingWire#record} as a build calls it (the
 * published index, the catalog, the probed triggers) and the bytes it writes; (2) {@code N}
 * one-word body edits spread over the collection, each {@link RoutingWire#patch} + export files
 * published through the journal + commit, wall and process CPU, and what each decided (patched,
 * health unchanged or why not).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:CP dev.skillsite.build.RoutingWireBench CONTENT SITE 20 [triggers]
 * </pre>
 */
public final class RoutingWireBench {
  private RoutingWireBench() {}

  public static void main(String[] args) throws IOException {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path site = Path.of(args[1]).toAbsolutePath();
    int edits = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    boolean triggers = args.length > 3 && args[3].equals("triggers");
    BuildOptions options = new BuildOptions(content, site, Optional.empty(), true, true);
    String key = PatchState.key(SiteGenerator.identityOf(Optional.empty()), options);

    long t = System.nanoTime();
    long c = cpu();
    Catalog catalog = new dev.skillsite.content.ContentLoader().load(content);
    step("load " + catalog.skills().size() + " skills (not part of record)", t, c);
    IndexAnswers answers = new IndexAnswers();
    IndexAnswers.Ranker none = answers.ranker(() -> q -> List.of());
    for (Skill s : catalog.skills()) {
      s.triggers().all().forEach(none::rank);
    }
    Path staging = Files.createTempDirectory(site.getParent(), "record");
    try (RoutingIndex index = RoutingIndex.open(site.resolve(BuildPipeline.LUCENE_DIR))) {
      for (int round = 0; round < 2; round++) {
        t = System.nanoTime();
        c = cpu();
        RoutingWire.record(staging, site, key, catalog, index, answers, OptionalLong.empty());
        step("record (round " + (round + 1) + ")", t, c);
      }
    }
    long routing = size(staging.resolve(".skillsite-cache/patch/routing"));
    long health = Files.size(staging.resolve(".skillsite-cache/" + HealthProbes.FILE));
    int n = catalog.skills().size();
    System.out.printf(
        Locale.ROOT,
        "state bytes: routing %,d (%.0f B/skill), health.tab %,d (%.0f B/skill)%n",
        routing,
        (double) routing / n,
        health,
        (double) health / n);

    List<String> sources = new ArrayList<>();
    for (Skill s : catalog.skills()) {
      sources.add(s.source());
    }
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Double> cpus = new ArrayList<>();
    List<Double> walls = new ArrayList<>();
    List<Double> healthCpus = new ArrayList<>();
    int step = Math.max(1, sources.size() / edits);
    for (int e = 0, i = 1; e < edits && i < sources.size(); i += step) {
      String source = sources.get(i);
      Path file = content.resolve(source);
      String original = Files.readString(file);
      Optional<String> edited =
          triggers
              ? triggerEdit(original, String.valueOf((char) ('a' + e % 26)))
              : RoutingWireTest.swapWord(Files.readString(file), "zebrafishing");
      if (edited.isEmpty()) {
        continue;
      }
      e++;
      Path fresh = file.resolveSibling(".SKILL.md.new");
      Files.writeString(fresh, edited.get());
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING); // never edit a linked file
      RoutingSeam.Change change = RoutingWireTest.change(content, site, key, source);
      t = System.nanoTime();
      c = cpu();
      String what;
      int files = 0;
      RoutingWire wire = new RoutingWire();
      try (RoutingSeam.Outcome o = wire.patch(site, key, List.of(change))) {
        if (o.patched().isEmpty()) {
          what = "cannot: " + o.cannot().replaceAll(" [^ ]*[0-9a-f]{12,}.*", "");
        } else if (o.patched().get().health().isPresent()) {
          // a build falls back here: nothing published, the state rolled back, the edit undone
          what = "health refused: " + o.patched().get().health().get();
          healthCpus.add(wire.healthCpu() / 1e6);
        } else {
          RoutingSeam.Patched p = o.patched().get();
          files = p.exportFiles().size();
          try (AtomicSiteWriter w = AtomicSiteWriter.begin(OutputLocation.check(site, content))) {
            w.patch(RoutingWireTest.stage(w, p), p.exportDeleted(), -1);
          }
          o.commit();
          what =
              p.health().isPresent()
                  ? "patched, health refused (" + p.health().get() + ")"
                  : p.healthPatch().files().isEmpty()
                      ? "patched, health unchanged"
                      : "patched, health patched ("
                          + p.healthPatch().files().size()
                          + " files, "
                          + p.healthPatch().sections().size()
                          + " sections)";
          healthCpus.add(wire.healthCpu() / 1e6);
        }
      }
      if (what.startsWith("cannot") || what.startsWith("health refused")) {
        Files.writeString(fresh, original);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
      }
      double wall = (System.nanoTime() - t) / 1e9;
      double used = (cpu() - c) / 1e9;
      if (e > 1) {
        walls.add(wall);
        cpus.add(used);
      }
      System.out.printf(
          Locale.ROOT,
          "edit %2d %-50s %.3f s wall, %.3f s CPU, %d files: %s%n",
          e,
          change.id().value(),
          wall,
          used,
          files,
          what);
      outcomes.merge(
          what.startsWith("cannot") || what.startsWith("health refused")
              ? what.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll(" \\[.*?\\]", "")
              : what.replaceAll(" \\(.*", ""),
          1,
          Integer::sum);
    }
    System.out.println("outcomes: " + outcomes);
    System.out.printf(
        Locale.ROOT,
        "health side (decide + pages + sections), thread CPU ms: median %.1f, max %.1f, all %s%n",
        median(healthCpus),
        healthCpus.stream().mapToDouble(x -> x).max().orElse(0),
        healthCpus);
    System.out.printf(
        Locale.ROOT,
        "edits 2..: median wall %.3f s, median CPU %.3f s, CPU range %.3f-%.3f s%n",
        median(walls),
        median(cpus),
        cpus.stream().mapToDouble(x -> x).min().orElse(0),
        cpus.stream().mapToDouble(x -> x).max().orElse(0));
  }

  /**
   * A trigger edit of a SKILL.md (the {@code triggers} mode): the last word of the description's
   * first quoted phrase replaced by "zebrafish" + {@code tag}, else the first word of 5+ letters
   * after its "use when" replaced by "zebrafishing" + {@code tag} (one token for one: the fields'
   * lengths stay; the tag keeps two edits' new triggers apart); empty when its description has
   * neither.
   */
  static Optional<String> triggerEdit(String text, String tag) {
    int from = text.indexOf("\ndescription:");
    if (from < 0) {
      return Optional.empty();
    }
    java.util.regex.Matcher end =
        java.util.regex.Pattern.compile("\n(---|[A-Za-z_-]+:)").matcher(text);
    int to = end.find(from + 1) ? end.start() : text.length();
    String d = text.substring(from, to);
    java.util.regex.Matcher q = java.util.regex.Pattern.compile("\"([^\"\n]+)\"").matcher(d);
    if (q.find()) {
      java.util.regex.Matcher w =
          java.util.regex.Pattern.compile("[A-Za-z]{3,}").matcher(q.group(1));
      int ws = -1;
      int we = -1;
      while (w.find()) {
        ws = w.start();
        we = w.end();
      }
      if (ws >= 0) {
        int at = from + q.start(1);
        return Optional.of(
            text.substring(0, at + ws) + "zebrafish" + tag + text.substring(at + we));
      }
    }
    java.util.regex.Matcher u =
        java.util.regex.Pattern.compile("(?i)use when\\b[^.]*?\\b([a-z]{5,})\\b").matcher(d);
    if (u.find()) {
      return Optional.of(
          text.substring(0, from + u.start(1))
              + "zebrafishing"
              + tag
              + text.substring(from + u.end(1)));
    }
    return Optional.empty();
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.isEmpty() ? 0 : s.get(s.size() / 2);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      long sum = 0;
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }

  private static long cpu() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void step(String what, long t, long c) {
    System.out.printf(
        Locale.ROOT,
        "%-45s %.3f s wall, %.3f s CPU%n",
        what,
        (System.nanoTime() - t) / 1e9,
        (cpu() - c) / 1e9);
  }
}
