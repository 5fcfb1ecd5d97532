package dev.skillsite.cli;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.LiveSite;
import dev.skillsite.build.Progress;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the in-process half of {@code bench/run}. Prints one JSON object with warm rebuild
 * seconds, one-file rebuild seconds (median of 5, after 3 warm-up builds) and route latency.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Measures warm rebuilds and route latency in one JVM; bench/run adds cold builds and peers.")
public final class BenchCommand implements Callable<Integer> {
  private static final int WARMUP = 3;
  private static final int RUNS = 5;

  @Spec CommandSpec spec;

  @Option(
      names = "--content",
      paramLabel = "DIR",
      required = true,
      description = "Skill collection.")
  Path content;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Scratch folder (replaced).")
  Path scratch;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path copy = scratch.resolve("content");
    copyTree(content, copy);
    // full builds render every document (no build cache); the cached rebuild below uses one
    BuildOptions options =
        new BuildOptions(copy, scratch.resolve("site"), Optional.empty(), true, false);
    BuildPipeline pipeline =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE, true);
    for (int i = 0; i < WARMUP; i++) {
      pipeline.run(options);
    }
    double[] warm = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      warm[i] = timed(() -> pipeline.run(options));
    }
    // a rebuild with nothing changed, using the build cache the previous one left in its output
    // folder
    BuildOptions cachedOptions =
        new BuildOptions(copy, scratch.resolve("site-cached"), Optional.empty(), true, true);
    pipeline.run(cachedOptions);
    double[] cached = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      cached[i] = timed(() -> pipeline.run(cachedOptions));
    }
    Catalog catalog = new ContentLoader().load(copy);
    Path edited = copy.resolve(catalog.skills().get(catalog.skills().size() / 2).source());
    // what serve --watch's background build does: a full build using the last build's documents
    // again
    double[] oneFile = new double[RUNS];
    LiveSite last = pipeline.run(options).live().orElseThrow();
    for (int i = 0; i < RUNS; i++) {
      Files.writeString(
          edited,
          "\nOne more line " + i + ".\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      LiveSite previous = last;
      long t = System.nanoTime();
      last = pipeline.run(options, () -> false, Optional.of(previous)).live().orElseThrow();
      oneFile[i] = (System.nanoTime() - t) / 1e9;
    }
    // serve --watch's quick path: the edited skill's pages in place, against the last full build
    LiveSite live = pipeline.run(options).live().orElseThrow();
    double[] refresh = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      Files.writeString(
          edited, "\nAn edit " + i + ".\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      long t = System.nanoTime();
      if (pipeline.refresh(live, Set.of(edited)).isEmpty()) {
        throw new IllegalStateException("the in-place refresh declined an edit of " + edited);
      }
      refresh[i] = (System.nanoTime() - t) / 1e6;
    }
    double[] route = routeMillis(catalog);
    out.printf(
        Locale.ROOT,
        "{\"skills\": %d, \"warm_rebuild_s\": %.3f, \"cached_rebuild_s\": %.3f, \"one_file_rebuild_s\": %.3f,"
            + " \"one_file_refresh_ms\": %.1f, \"route_p50_ms\": %.3f, \"route_p99_ms\": %.3f, \"route_queries\": %d}%n",
        catalog.skills().size(),
        median(warm),
        median(cached),
        median(oneFile),
        median(refresh),
        percentile(route, 50),
        percentile(route, 99),
        route.length);
    return 0;
  }

  /** Routes the opening words of every description, twice, timing the second round. */
  private static double[] routeMillis(Catalog catalog) {
    List<Skill> skills = catalog.skills();
    List<String> queries = skills.stream().map(s -> firstWords(s.description(), 8)).toList();
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      Router router = new Router(index);
      queries.forEach(q -> router.route(q, 5));
      double[] ms = new double[queries.size()];
      for (int i = 0; i < ms.length; i++) {
        long t = System.nanoTime();
        router.route(queries.get(i), 5);
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      return ms;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String firstWords(String s, int n) {
    String[] words = s.split("\\s+");
    return String.join(" ", Arrays.copyOf(words, Math.min(n, words.length)));
  }

  interface Run {
    void run() throws IOException;
  }

  private static double timed(Run r) throws IOException {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static double median(double[] xs) {
    return percentile(xs, 50);
  }

  private static double percentile(double[] xs, int p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
