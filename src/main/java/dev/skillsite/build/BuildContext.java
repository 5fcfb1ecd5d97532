package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.markdown.HtmlSpill;
import dev.skillsite.output.OutputLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * What every stage of one build may read: what to build and where, the build cache of the output
 * folder, the site a watching server published last, whether to stop, and the pool that work run
 * beside the stages uses. Closed at the end of the build: work still running beside it is then for
 * a build that is over, and stops.
 */
final class BuildContext implements AutoCloseable {
  private final BuildOptions options;
  private final OutputLocation location;
  private final Optional<LiveSite> previous;
  private final BuildCache cache;
  private final BooleanSupplier cancelled;
  private final AtomicBoolean over = new AtomicBoolean();
  private final HtmlSpill spill;

  /**
   * Where Markdown is rendered and the audit runs beside the stages: a pool of the build's own, as
   * wide as the machine. Run from a plain thread, parallel streams shared the common pool (one
   * worker on two cores) with the stages', and the waiting thread spun looking for work to help
   * with (5–9 % of the samples).
   */
  private final ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

  BuildContext(
      BuildOptions options,
      OutputLocation location,
      Optional<LiveSite> previous,
      BooleanSupplier cancelled)
      throws IOException {
    this.spill = HtmlSpill.create();
    this.options = options;
    this.location = location;
    this.previous = previous;
    this.cancelled = cancelled;
    this.cache = BuildCache.of(location.out(), options.cache());
  }

  BuildOptions options() {
    return options;
  }

  Path content() {
    return options.content();
  }

  OutputLocation location() {
    return location;
  }

  /** The output folder: the published site this build replaces. */
  Path published() {
    return location.out();
  }

  Optional<LiveSite> previous() {
    return previous;
  }

  BuildCache cache() {
    return cache;
  }

  BooleanSupplier cancelled() {
    return cancelled;
  }

  /** Whether work beside the stages should give up: the build is over, or cancelled. */
  boolean stopped() {
    return over.get() || cancelled.getAsBoolean();
  }

  ForkJoinPool pool() {
    return pool;
  }

  /**
   * Where rendered markup waits for its page (a temporary file, deleted when the build is over).
   */
  HtmlSpill spill() {
    return spill;
  }

  @Override
  public void close() throws IOException {
    over.set(true);
    pool.shutdown(); // running work stops at its next check of stopped(); no new work starts
    // work still running may read the spill file: it fails and stops; its result is not wanted
    spill.close();
  }

  /**
   * The result of work run beside the stages, or what went wrong, as it would have been thrown
   * here.
   */
  static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
