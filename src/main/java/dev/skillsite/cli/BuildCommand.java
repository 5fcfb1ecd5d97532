package dev.skillsite.cli;

import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.ContentStamps;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.Progress;
import dev.skillsite.build.StageTimer;
import dev.skillsite.build.StampedBuild;
import dev.skillsite.build.TerminalProgress;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.serve.BuildStatus;
import dev.skillsite.serve.ContentWatcher;
import dev.skillsite.serve.Rebuilder;
import dev.skillsite.site.SiteGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code build}: content folder → static site. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds the static site of a skill collection.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no errors (warnings allowed)",
      "1:some skills had errors and were skipped (or warnings, with --strict)",
      "2:usage or I/O failure; the previous output is left untouched"
    })
public final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SiteOptions site;

  @Option(names = "--strict", description = "Count warnings as errors.")
  boolean strict;

  @Option(names = "--timings", description = "Print how long each build stage took.")
  boolean timings;

  @Option(
      names = "--verbose",
      description =
          "Print every warning; without it, more than "
              + DiagnosticSummary.FEW
              + " are summed up by kind.")
  boolean verbose;

  @Option(
      names = "--changed",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Files changed since the last build (as a watcher or git diff --name-only tells):"
              + " the build patches the published site in O(change) where it can prove the edit"
              + " confined, else builds as usual. Paths outside the content folder are ignored.")
  List<Path> changed;

  @Option(
      names = "--changed-from",
      paramLabel = "FILE",
      description = "Like --changed, the paths one per line in FILE ('-' for standard input).")
  String changedFrom;

  @Option(
      names = "--watch",
      description =
          "After the build, keep running: each save under --content (or --templates) is patched"
              + " in place where the patch can prove it confined, else built whole; a build with"
              + " errors leaves the last good site. A registry's resident builder (serve --watch"
              + " also serves the site). Stop it with Ctrl-C.")
  boolean watch;

  @Option(names = "--debounce", defaultValue = "100", paramLabel = "MS", hidden = true)
  long debounce = 100;

  private final CountDownLatch stop = new CountDownLatch(1);

  /** Ends a {@code --watch} run: for tests and embedding. */
  public void stop() {
    stop.countDown();
  }

  /** The changed paths --changed and --changed-from give; empty when neither is given. */
  private Optional<List<Path>> changedPaths() throws IOException {
    if (changed == null && changedFrom == null) {
      return Optional.empty();
    }
    List<Path> all = new ArrayList<>(changed == null ? List.of() : changed);
    if (changedFrom != null) {
      List<String> lines =
          changedFrom.equals("-")
              ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .lines()
                  .toList()
              : Files.readAllLines(Path.of(changedFrom), StandardCharsets.UTF_8);
      for (String line : lines) {
        if (!line.isBlank()) {
          all.add(Path.of(line.strip()));
        }
      }
    }
    return Optional.of(all);
  }

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Builds, reporting on {@code out} and {@code err}: {@link #call}, or {@link QuickBuild}'s. */
  int run(PrintWriter out, PrintWriter err) {
    OutputLock kept = null;
    try {
      Optional<List<Path>> paths = changedPaths();
      if (!watch && paths.isPresent()) { // a resident builder of the folder patches warm
        Optional<Integer> handed =
            Handoff.handOff(
                site.out, Handoff.settings(site, strict), paths.get(), timings, out, err);
        if (handed.isPresent()) {
          return handed.get();
        }
      }
      Progress bar =
          TerminalProgress.forEnvironment(System.err, System.getenv(), System.console() != null);
      StageTimer timer = new StageTimer(bar);
      OutputLock.Policy plain = site.writers("build", err);
      if (watch) { // the folder is this process's until it stops: no other build swaps it
        OutputLock.Policy policy = site.writers(OutputLock.BUILD_WATCH, err);
        kept =
            OutputLock.acquire(
                OutputLocation.check(site.out, site.content).out(),
                OutputLock.BUILD_WATCH,
                policy.patience(),
                policy.notice());
        plain = policy.holding(kept);
      }
      OutputLock.Policy writers = plain;
      Optional<Path> templates = site.templateDir();
      Supplier<BuildPipeline> pipeline =
          () ->
              new BuildPipeline(new SiteGenerator(templates), timings ? timer : bar)
                  .locking(writers);
      StampedBuild.Outcome built =
          StampedBuild.run(
              new PatchBuild(pipeline, templates, writers)
                  .strict(strict)
                  .announcing(
                      why -> {
                        if (timings) { // the reason now, not after minutes of whole build
                          err.println("patch: not taken (" + why + "); building whole");
                          err.flush();
                        }
                      })
                  .tellingCounts(
                      counts -> {
                        if (timings) { // before the route step's work, however long it takes
                          err.println("patch: " + counts);
                          err.flush();
                        }
                      }),
              site.buildOptions(true),
              strict,
              paths);
      BuildResult result = built.result();
      Optional<ContentStamps.Comparison> detected = built.detected();
      for (String line : DiagnosticSummary.lines(result.diagnostics(), verbose)) {
        err.println(line);
      }
      if (timings) {
        err.println(timer.summary(ManagementFactory.getRuntimeMXBean().getUptime()));
        if (!timer.cpuSummary().isEmpty()) {
          err.println(timer.cpuSummary());
        }
        err.println(
            "documents: "
                + result.documents().total()
                + ", "
                + result.documents().reused()
                + " of them used again from the build cache"
                + (result.answersReused()
                    ? "; routing index and its answers too"
                    : result.indexReused() ? "; routing index too" : "")
                + (result.searchReused() ? "; search export too" : ""));
        err.println(
            "trigger rankings: "
                + result.rankings().carried()
                + " carried over from the last build's index, "
                + result.rankings().asked()
                + " asked; similar skills of "
                + result.rankings().similarCarried()
                + " skills carried over ("
                + result.rankings().why()
                + ")");
        detected.ifPresent(d -> err.println(d.describe()));
        BuildResult.Patch patch = result.patch();
        if (patch.taken()) {
          err.println(
              "patch: "
                  + BuildResult.count(patch.skills(), "changed skill")
                  + ", "
                  + BuildResult.count(patch.files(), "file")
                  + " replaced in place; "
                  + patch.steps());
        } else if (!patch.reason().isEmpty()) {
          err.println("patch: not taken, built whole (" + patch.reason() + ")");
        }
        BuildResult.Output o = result.output();
        err.println(
            "pages: "
                + o.notRendered()
                + " kept as the last build made them, without rendering; published "
                + (o.inPlace()
                    ? "in place (" + o.replaced() + " files replaced, " + o.deleted() + " deleted)"
                    : "by swapping the output folder"));
      }
      err.flush();
      out.println("built " + site.out + ": " + result.summary());
      if (result.published()) {
        AuditSummaryLine.of(site.out).ifPresent(out::println);
      }
      if (watch) {
        watch(out, err, templates, writers, result);
        return 0;
      }
      return result.exitCode(strict);
    } catch (IOException e) {
      err.println("skillsite: " + IoErrors.describe(e));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      if (kept != null) {
        try {
          kept.close();
        } catch (IOException e) {
          err.println("skillsite: " + IoErrors.describe(e));
        }
      }
    }
  }

  /**
   * {@code --watch}: each burst of saves handed to a {@link Rebuilder} (the patch first, else a
   * whole build), as {@code serve --watch} does without its server and its quick refresh of open
   * pages; until {@link #stop} or the process ends.
   */
  private void watch(
      PrintWriter out,
      PrintWriter err,
      Optional<Path> templates,
      OutputLock.Policy writers,
      BuildResult built)
      throws IOException, InterruptedException {
    Supplier<BuildPipeline> pipelines =
        () -> new BuildPipeline(new SiteGenerator(templates), Progress.NONE).locking(writers);
    PatchBuild patches = new PatchBuild(pipelines, templates, writers).strict(strict);
    BuildPipeline first = pipelines.get();
    List<Path> watched = new ArrayList<>(List.of(site.content));
    templates.ifPresent(watched::add);
    AtomicReference<Optional<Handoff.Resident>> resident = new AtomicReference<>(Optional.empty());
    try (Rebuilder r =
            new Rebuilder(
                pipelines,
                site.buildOptions(false),
                first,
                built,
                Handoff.rebinding(ServeCommand.listener(out, err, new BuildStatus()), resident),
                Optional.of(patches));
        ContentWatcher watcher = ContentWatcher.start(watched, debounce, r::changed)) {
      resident.set(Handoff.Resident.start(site, strict, r, err));
      out.println("watching " + site.content + " (Ctrl-C stops)");
      out.flush();
      stop.await();
    } finally {
      if (resident.get().isPresent()) {
        resident.get().get().close();
      }
    }
  }
}
