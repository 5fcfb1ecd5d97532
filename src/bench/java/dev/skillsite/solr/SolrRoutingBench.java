package dev.skillsite.solr;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrSource;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SolrCluster;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Routing through an in-process SolrCloud (2 nodes, 2 shards × 2 replicas, as SolrRoutingTest)
 * beside a local route of the same collection: agreement on every ../shared/eval query, and queries
 * per second with p50 / p99 latency (one client thread, then two). The cluster, the client and the
 * local router share the machine. Run: {@code java -cp target/classes:target/test-classes:<test
 * deps> dev.skillsite.solr.SolrRoutingBench CORPUS…} (for example {@code ../shared/corpora/large}
 * and a {@code bench/replicate large 10} folder).
 */
final class SolrRoutingBench {
  /** Passes over the queries per measurement, the first a warm-up ({@code -Dpasses=N}). */
  private static final int PASSES = Integer.getInteger("passes", 3);

  public static void main(String[] args) throws Exception {
    // an embedded ZooKeeper or Solr that gives up calls System.exit: say who did
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    Thread.getAllStackTraces()
                        .forEach(
                            (t, st) -> {
                              if (Arrays.stream(st)
                                  .anyMatch(f -> f.getMethodName().equals("exit"))) {
                                System.err.println("exit called by " + t.getName());
                                Arrays.stream(st)
                                    .limit(25)
                                    .forEach(f -> System.err.println("  at " + f));
                              }
                            })));
    List<String> queries = SolrRoutingTest.queries();
    System.out.printf(
        Locale.ROOT,
        "%d cores (client, local router and cluster share them), load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (SolrCluster cluster = new SolrCluster(2)) {
      for (int c = 0; c < args.length; c++) {
        Path root = Path.of(args[c]).toRealPath();
        long t0 = System.nanoTime();
        double cpu0 = cpu();
        List<Skill> skills = CorpusSkills.load(root);
        System.out.printf(
            Locale.ROOT,
            "%s: %d skills loaded in %.1f s (%.1f s CPU), load average %.2f%n",
            root,
            skills.size(),
            (System.nanoTime() - t0) / 1e9,
            cpu() - cpu0,
            load());
        String name = "c" + c;
        t0 = System.nanoTime();
        cpu0 = cpu();
        cluster.createIndexed(name, 2, 2, skills);
        System.out.printf(
            Locale.ROOT,
            "  Solr collection (2 shards, indexed with 1 replica each, then a second added) in %.1f s"
                + " (%.1f s CPU of this JVM: cluster and client), load average %.2f%n",
            (System.nanoTime() - t0) / 1e9,
            cpu() - cpu0,
            load());
        t0 = System.nanoTime();
        cpu0 = cpu();
        try (RoutingIndex index = RoutingIndex.build(skills)) {
          System.out.printf(
              Locale.ROOT,
              "  local index built in %.1f s (%.1f s CPU)%n",
              (System.nanoTime() - t0) / 1e9,
              cpu() - cpu0);
          skills = null; // the routers need only the indexes from here on
          Router local = new Router(index);
          Router solr = new Router(new SolrSource(cluster.client(name)), Confidence.DEFAULT);
          SolrRoutingTest.Agreement a = SolrRoutingTest.Agreement.of(queries, local, solr);
          System.out.printf(
              Locale.ROOT,
              "  agreement over %d queries: top %.4f (%d), abstention %.4f (%d), matched %.4f,"
                  + " max confidence gap %.2e%n",
              a.queries(),
              a.share(a.top()),
              a.top(),
              a.share(a.abstention()),
              a.abstention(),
              a.share(a.matched()),
              a.maxConfidenceGap());
          a.differ().forEach(d -> System.out.println("    differs: " + d));
          report("local route", queries, q -> local.route(q, 3), 1);
          report("solr route ", queries, q -> solr.route(q, 3), 1);
          report("local route", queries, q -> local.route(q, 3), 2);
          report("solr route ", queries, q -> solr.route(q, 3), 2);
        }
        cluster.deleteCollection(name);
      }
    }
  }

  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * Every query {@link #PASSES} times (the first pass warms up and is not counted) on {@code
   * threads} threads.
   */
  private static void report(String what, List<String> queries, Consumer<String> route, int threads)
      throws Exception {
    queries.forEach(route);
    List<Long> nanos = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int p = 1; p < PASSES; p++) {
        for (String q : queries) {
          fs.add(
              pool.submit(
                  () -> {
                    long s = System.nanoTime();
                    route.accept(q);
                    return System.nanoTime() - s;
                  }));
        }
      }
      for (Future<Long> f : fs) {
        nanos.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double load = load();
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "  %s, %d thread%s: %.0f queries/s, p50 %.1f ms, p99 %.1f ms (%d queries, load average"
            + " %.2f)%n",
        what,
        threads,
        threads == 1 ? "" : "s",
        sorted.length / wall,
        pct(sorted, 0.50),
        pct(sorted, 0.99),
        sorted.length,
        load);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
