package dev.skillsite.perf;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Router;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lab program (not a test): the published routing index under a long series of patches. Writes a
 * corpus's index as a full build publishes it and the patch state, then patches one-word body edits
 * one after another (spread over the collection), each published into the folder as a patch build
 * would ({@link RoutingPatch.Patched#published}, files written and deleted, then commit). Prints
 * per patch the main thread's CPU of the whole patch and of its publishing part, the bytes and
 * files written and deleted; at checkpoints the folder's size and file count and what a reader
 * pays: {@code RoutingIndex.open} and routing the eval requests (CPU), beside the full build's
 * folder.
 *
 * <pre>
 * java -Xmx1500m -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.skillsite.perf.PublishedIndexBench ../shared/corpora/large /tmp/work 256
 * </pre>
 */
public final class PublishedIndexBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PublishedIndexBench() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path work = Files.createTempDirectory(Files.createDirectories(Path.of(args[1])), "pub");
    int patches = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Path published = work.resolve("site/search/lucene");
    Path cache = work.resolve("cache");
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(corpus));
    Set<String> triggers = new LinkedHashSet<>();
    skills.forEach(s -> triggers.addAll(s.triggers().phrases()));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      index.writeTo(published);
      RoutingPatch.write(cache, index, triggers, "bench");
    }
    List<String> queries = queries();
    System.out.printf("%d skills, %d eval requests%n", skills.size(), queries.size());
    reader(published, queries, 0);
    List<Long> all = new ArrayList<>();
    List<Long> pub = new ArrayList<>();
    Set<Integer> checkpoints = Set.of(1, 8, 16, 32, 64, 128, 255);
    for (int i = 1; i <= patches; i++) {
      int at = (int) ((long) skills.size() * (2 * i + 1) / (2L * patches + 2)) % skills.size();
      Skill before = skills.get(at);
      Skill after = SkillEdits.bodyWordReplaced(before);
      long c0 = THREADS.getCurrentThreadCpuTime();
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              "bench",
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              5);
      if (!(o instanceof RoutingPatch.Patched p)) {
        System.out.printf("patch %d: cannot patch: %s%n", i, o);
        continue;
      }
      long c1;
      long bytes = 0;
      RoutingPatch.Published files;
      try (p) {
        c1 = THREADS.getCurrentThreadCpuTime();
        files = p.published(published);
        for (var e : files.written().entrySet()) {
          Path to = published.resolve(e.getKey());
          Files.createDirectories(to.getParent());
          Files.write(to, e.getValue());
          bytes += e.getValue().length;
        }
        for (String d : files.deleted()) {
          Files.delete(published.resolve(d));
        }
        long c2 = THREADS.getCurrentThreadCpuTime();
        pub.add(c2 - c1);
        p.commit();
      }
      all.add(THREADS.getCurrentThreadCpuTime() - c0);
      skills.set(at, after);
      System.out.printf(
          "patch %3d: %6.1f ms cpu (publish %5.1f ms), %7d bytes in %2d files written, %2d deleted%n",
          i,
          all.get(all.size() - 1) / 1e6,
          pub.get(pub.size() - 1) / 1e6,
          bytes,
          files.written().size(),
          files.deleted().size());
      if (checkpoints.contains(i) || i == patches) {
        reader(published, queries, i);
      }
    }
    System.out.printf(
        "median patch %.1f ms cpu, publish %.1f ms (patches 2..%d)%n",
        median(all.subList(1, all.size())) / 1e6,
        median(pub.subList(1, pub.size())) / 1e6,
        all.size());
  }

  private static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    return s.isEmpty() ? 0 : s.get(s.size() / 2);
  }

  /** Folder size, open and route cost of the published folder after {@code patches} patches. */
  private static void reader(Path published, List<String> queries, int patches) throws IOException {
    long files;
    long size;
    try (Stream<Path> w = Files.walk(published)) {
      List<Path> fs = w.filter(Files::isRegularFile).toList();
      files = fs.size();
      long s = 0;
      for (Path f : fs) {
        s += Files.size(f);
      }
      size = s;
    }
    for (int round = 0; round < 3; round++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      try (RoutingIndex index = RoutingIndex.open(published)) {
        long c1 = THREADS.getCurrentThreadCpuTime();
        Router r = new Router(index);
        for (String q : queries) {
          r.route(q, 5);
        }
        long c2 = THREADS.getCurrentThreadCpuTime();
        if (round == 2) {
          System.out.printf(
              "  after %3d patches: %4d files, %9d bytes; open %6.1f ms cpu, route %d requests %6.1f ms"
                  + " cpu (%.2f ms each)%n",
              patches,
              files,
              size,
              (c1 - c0) / 1e6,
              queries.size(),
              (c2 - c1) / 1e6,
              (c2 - c1) / 1e6 / queries.size());
        }
      }
    }
  }

  private static List<String> queries() throws IOException {
    List<String> q = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../shared/eval/large.jsonl"))) {
      Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
      if (m.find()) {
        q.add(m.group(1).replace("\\\"", "\""));
      }
    }
    return q;
  }
}
