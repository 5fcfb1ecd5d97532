package dev.skillsite.serve;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.LiveSite;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.StampedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What {@code serve --watch} does with each burst of saved files: first the patch ({@link
 * PatchBuild#patchOnly}: the site made right in place, in O(change), where the edit can be proved
 * confined — then nothing else runs); else show an edited skill's own pages at once ({@link
 * BuildPipeline#refresh}, milliseconds), then run a full build in the background that brings the
 * lists, the search index and the other skills' pages up to date and is swapped in whole. A newer
 * burst cancels a full build still running, between its stages; the paths of bursts no build has
 * covered yet are handed to the next patch too. Patches and full builds run one at a time, on one
 * daemon thread; while a full build runs, a burst is refreshed at once, as without patches.
 */
public final class Rebuilder implements AutoCloseable {
  /** Where results go: printed, and told to open pages. */
  public interface Listener {
    /** An in-place refresh of a few skills' pages was published. */
    void refreshed(BuildResult result);

    /** A full build finished (published or not). */
    void built(BuildResult result);

    /** A patch of the changed files was published in place: no full build follows. */
    default void patched(BuildResult result) {
      built(result);
    }

    /** A patch was refused ({@code why}): a full build follows. */
    default void refused(String why) {}

    /** Idle work after a patch (the health delta folded: {@link PatchBuild#foldIdle}) was done. */
    default void idle(String note) {}

    /** A full build could not run. */
    void failed(Exception e);
  }

  private record Live(BuildPipeline pipeline, LiveSite site) {}

  private final Supplier<BuildPipeline> pipelines;
  private final BuildOptions options;
  private final Listener listener;
  private final ExecutorService full =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "skillsite-rebuild");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong generation = new AtomicLong();
  private volatile Optional<Live> live = Optional.empty();
  private final Optional<PatchBuild> patches;
  private final Set<Path> pending = new LinkedHashSet<>(); // guarded by itself
  private final List<Waiter> waiters = new ArrayList<>(); // guarded by pending

  /** A caller of {@link #handed}: its paths, and what it waits on. */
  private record Waiter(Set<Path> paths, CompletableFuture<BuildResult> done) {}

  private volatile boolean building;

  /**
   * @param pipelines a new pipeline for each full build (templates are compiled again: they may
   *     have changed)
   * @param first the build the server started with, and its pipeline
   */
  public Rebuilder(
      Supplier<BuildPipeline> pipelines,
      BuildOptions options,
      BuildPipeline firstPipeline,
      BuildResult first,
      Listener listener) {
    this(pipelines, options, firstPipeline, first, listener, Optional.empty());
  }

  /**
   * @param patches tried first with each burst's paths (and those of earlier bursts no build
   *     covered)
   */
  public Rebuilder(
      Supplier<BuildPipeline> pipelines,
      BuildOptions options,
      BuildPipeline firstPipeline,
      BuildResult first,
      Listener listener,
      Optional<PatchBuild> patches) {
    patches.ifPresent(PatchBuild::foldingInIdle); // this builder folds in idle time (idleFold)
    this.patches = patches;
    this.pipelines = pipelines;
    this.options = options;
    this.listener = listener;
    first.live().ifPresent(site -> live = Optional.of(new Live(firstPipeline, site)));
  }

  /**
   * Handles a burst of changed paths; returns once the quick refresh (if any) is published, or at
   * once when a patch is tried first.
   */
  public void changed(Set<Path> paths) {
    long gen = generation.incrementAndGet();
    synchronized (pending) {
      pending.addAll(paths);
    }
    if (patches.isEmpty() || building) {
      refresh(paths);
      full.submit(() -> fullBuild(gen));
    } else {
      full.submit(
          () -> {
            if (generation.get() == gen && !patch()) {
              refresh(paths);
              fullBuild(gen);
            } else {
              idleFold(gen);
            }
          });
    }
  }

  /**
   * {@link #changed} for a caller that waits ({@code build --changed} handed to a resident
   * builder): the future completes with the result of the first patch or full build after which
   * none of {@code paths} is pending (published, or not for a build with errors), or fails with
   * what stopped a full build, or when this rebuilder is closed first.
   */
  public CompletableFuture<BuildResult> handed(Set<Path> paths) {
    CompletableFuture<BuildResult> done = new CompletableFuture<>();
    synchronized (pending) { // pending before waiting: a build ending now does not settle it
      pending.addAll(paths);
      waiters.add(new Waiter(Set.copyOf(paths), done));
    }
    changed(paths);
    return done;
  }

  /** Completes the waiters none of whose paths is pending any more with {@code r}. */
  private void settle(BuildResult r) {
    List<Waiter> ready = new ArrayList<>();
    synchronized (pending) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.paths().stream().noneMatch(pending::contains)) {
          ready.add(w);
          it.remove();
        }
      }
    }
    ready.forEach(w -> w.done().complete(r));
  }

  /** Fails every waiter with {@code e}. */
  private void fail(Exception e) {
    List<Waiter> all;
    synchronized (pending) {
      all = List.copyOf(waiters);
      waiters.clear();
    }
    all.forEach(w -> w.done().completeExceptionally(e));
  }

  /** Whether the pending paths were patched in place (published, the listener told). */
  private boolean patch() {
    List<Path> all;
    synchronized (pending) {
      all = List.copyOf(pending);
    }
    try {
      Optional<BuildResult> r =
          StampedBuild.patchOnly(patches.get(), options, all, listener::refused);
      if (r.isPresent()) {
        synchronized (pending) {
          pending.removeAll(all);
        }
        listener.patched(r.get());
        settle(r.get());
        return true;
      }
    } catch (IOException | RuntimeException e) {
      // the full build shows what is wrong
    }
    return false;
  }

  /**
   * The health delta folded after a published patch while no newer burst came ({@link
   * PatchBuild#foldIdle}): on this builder's one thread, so never beside a patch; a burst that
   * arrives meanwhile cancels it (nothing published) or waits for its publish to end.
   */
  private void idleFold(long gen) {
    if (generation.get() != gen) {
      return;
    }
    synchronized (pending) {
      if (!pending.isEmpty()) {
        return; // a save no build covered yet
      }
    }
    try {
      patches
          .get()
          .foldIdle(
              options, () -> generation.get() != gen || Thread.currentThread().isInterrupted())
          .ifPresent(listener::idle);
    } catch (IOException | RuntimeException e) {
      // the chain stays as the patch left it: the next patch folds past the hard bound
    }
  }

  private void refresh(Set<Path> paths) {
    Optional<Live> current = live;
    if (current.isPresent()) {
      try {
        current
            .get()
            .pipeline()
            .refresh(current.get().site(), paths)
            .ifPresent(listener::refreshed);
      } catch (IOException | RuntimeException e) {
        // the full build below shows what is wrong
      }
    }
  }

  private void fullBuild(long gen) {
    if (generation.get() != gen) {
      return; // a newer burst queued its own build
    }
    BuildPipeline pipeline = pipelines.get();
    List<Path> covered;
    synchronized (pending) {
      covered = List.copyOf(pending); // the build reads them all
    }
    building = true;
    try {
      // the last published build's documents are used again where their source and links did not
      // change
      BuildResult r = pipeline.run(options, () -> generation.get() != gen, live.map(Live::site));
      r.live().ifPresent(site -> live = Optional.of(new Live(pipeline, site)));
      synchronized (pending) {
        pending.removeAll(covered);
      }
      listener.built(r);
      settle(r);
    } catch (CancellationException e) {
      // a newer burst of changes follows
    } catch (IOException | RuntimeException e) {
      listener.failed(e);
      fail(e);
    } finally {
      building = false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    full.shutdownNow();
    full.awaitTermination(1, TimeUnit.MINUTES);
    fail(new IOException("the resident builder stopped before building the handed paths"));
  }
}
