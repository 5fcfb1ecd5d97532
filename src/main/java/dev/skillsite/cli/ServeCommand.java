package dev.skillsite.cli;

import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.Progress;
import dev.skillsite.build.TerminalProgress;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.serve.BuildStatus;
import dev.skillsite.serve.ContentWatcher;
import dev.skillsite.serve.Rebuilder;
import dev.skillsite.serve.SiteServer;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * {@code serve}: build, then serve the site locally; with {@code --watch}, rebuild on every save.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Builds the site, then serves it on 127.0.0.1; --watch rebuilds on every save and reloads "
            + "open pages.")
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SiteOptions site;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the site to the network).")
  String bind;

  @Option(
      names = "--watch",
      description = "Rebuild when content or templates change; open pages reload.")
  boolean watch;

  @Option(names = "--debounce", defaultValue = "100", paramLabel = "MS", hidden = true)
  long debounce;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BuildStatus status = new BuildStatus();
    Progress progress =
        TerminalProgress.forEnvironment(System.err, System.getenv(), System.console() != null);
    try (OutputLock.Hold kept = keep(err)) {
      Optional<Path> templates = site.templateDir();
      OutputLock.Policy writers =
          kept instanceof Kept k
              ? site.writers(OutputLock.WATCH, err).holding(k.lock())
              : site.writers("serve", err);
      BuildPipeline pipeline =
          new BuildPipeline(new SiteGenerator(templates), progress, true).locking(writers);
      BuildResult first = pipeline.run(site.buildOptions(true));
      report(first, out, err, status);
      List<Path> watched = new ArrayList<>(List.of(site.content));
      templates.ifPresent(watched::add);
      // templates may change too: each full rebuild compiles them again (cheap next to rendering)
      Supplier<BuildPipeline> pipelines =
          () -> new BuildPipeline(new SiteGenerator(templates), progress, true).locking(writers);
      // a burst the patch can prove confined is patched in place; else refreshed and built whole
      AtomicReference<Optional<Handoff.Resident>> resident =
          new AtomicReference<>(Optional.empty());
      Rebuilder rebuilder =
          new Rebuilder(
              pipelines,
              site.buildOptions(false),
              pipeline,
              first,
              Handoff.rebinding(listener(out, err, status), resident),
              Optional.of(new PatchBuild(pipelines, templates, writers)));
      try (Rebuilder r = rebuilder;
          SiteServer server = SiteServer.start(bind, port, site.out, status, watch);
          AutoCloseable watcher =
              watch ? ContentWatcher.start(watched, debounce, r::changed) : () -> {}) {
        if (watch) { // build --changed into this folder is handed here
          resident.set(Handoff.Resident.start(site, false, r, err));
        }
        out.println(
            "serving "
                + site.out
                + " at http://"
                + bind
                + ":"
                + server.port()
                + "/"
                + (watch ? " (watching " + site.content + ")" : ""));
        out.flush();
        stop.await();
      } finally {
        if (resident.get().isPresent()) {
          resident.get().get().close();
        }
      }
      return 0;
    } catch (BindException e) {
      err.println(
          "skillsite serve: cannot listen on "
              + bind
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another with --port, or 0 for any free port");
      return 2;
    } catch (IOException e) {
      err.println("skillsite: " + IoErrors.describe(e));
      return 2;
    } catch (Exception e) {
      err.println("skillsite: " + e.getMessage());
      return 2;
    }
  }

  /**
   * A watching server's lock of its output folder, held from before the first build until it stops.
   */
  private record Kept(OutputLock lock) implements OutputLock.Hold {
    @Override
    public void close() throws IOException {
      lock.close();
    }
  }

  /**
   * With {@code --watch}, takes the output folder for as long as the server runs: its quick
   * refreshes write pages in place, and no other build may swap the folder under them.
   */
  private OutputLock.Hold keep(PrintWriter err) throws IOException {
    if (!watch) {
      return () -> {};
    }
    OutputLock.Policy policy = site.writers(OutputLock.WATCH, err);
    Path out = OutputLocation.check(site.out, site.content).out();
    return new Kept(OutputLock.acquire(out, OutputLock.WATCH, policy.patience(), policy.notice()));
  }

  /** Ends {@link #call()}: for tests and embedding. */
  public void stop() {
    stop.countDown();
  }

  /** What a watching command prints of each rebuild ({@code build --watch} prints the same). */
  static Rebuilder.Listener listener(PrintWriter out, PrintWriter err, BuildStatus status) {
    return new Rebuilder.Listener() {
      @Override
      public void refreshed(BuildResult r) {
        for (Diagnostic d : r.diagnostics()) {
          err.println(d.format());
        }
        err.flush();
        status.published();
        out.printf(
            Locale.ROOT,
            "updated %s in %.0f ms; rebuilding the rest%n",
            BuildResult.count(r.pages(), "page"),
            r.seconds() * 1000);
        out.flush();
      }

      @Override
      public void built(BuildResult r) {
        report(r, out, err, status);
      }

      @Override
      public void patched(BuildResult r) {
        for (Diagnostic d : r.diagnostics()) {
          err.println(d.format());
        }
        err.flush();
        status.published();
        out.printf(
            Locale.ROOT,
            "patched %s in place (%s) in %.0f ms%n",
            BuildResult.count(r.patch().skills(), "changed skill"),
            BuildResult.count(r.patch().files(), "file"),
            r.seconds() * 1000);
        out.flush();
      }

      @Override
      public void refused(String why) {
        out.println("not patched (" + why + "): building the whole site");
        out.flush();
      }

      @Override
      public void failed(Exception e) {
        String line =
            "skillsite: rebuild failed: "
                + (e instanceof IOException io ? IoErrors.describe(io) : e);
        err.println(line);
        err.flush();
        status.failed(List.of(line));
      }
    };
  }

  private static void report(BuildResult r, PrintWriter out, PrintWriter err, BuildStatus status) {
    for (Diagnostic d : r.diagnostics()) {
      err.println(d.format());
    }
    err.flush();
    if (r.published()) {
      status.published();
      out.println("built: " + r.summary());
    } else {
      status.failed(
          r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
      out.println("not published, serving the last good site: " + r.summary());
    }
    out.flush();
  }
}
