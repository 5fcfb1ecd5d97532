package dev.skillsite.build;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the stages of one build: gives up between stages once the build is cancelled, tells {@link
 * Progress} when each starts and how long it took (its own time, on whichever thread it ran; a
 * stage run in two halves is reported twice and summed).
 */
final class StageClock {
  /** A stage's work. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException;
  }

  private final Progress progress;
  private final BooleanSupplier cancelled;

  StageClock(Progress progress, BooleanSupplier cancelled) {
    this.progress = progress;
    this.cancelled = cancelled;
  }

  /** Runs {@code work} as (part of) {@code stage} on this thread. */
  <T> T run(Stage stage, Work<T> work) throws IOException {
    start(stage);
    long t0 = System.nanoTime();
    try {
      return work.run();
    } finally {
      progress.finished(stage.label(), System.nanoTime() - t0);
    }
  }

  /** Starts {@code work} as {@code stage} on {@code executor}, beside the next stages. */
  <T> CompletableFuture<T> beside(Stage stage, Supplier<T> work, Executor executor) {
    start(stage);
    return ahead(stage, work, executor);
  }

  /**
   * Starts {@code work}, a part of {@code stage}, on {@code executor} ahead of the stage's turn
   * (when the stage is announced by its other part): only its time is reported.
   */
  <T> CompletableFuture<T> ahead(Stage stage, Supplier<T> work, Executor executor) {
    return CompletableFuture.supplyAsync(
        () -> {
          long t0 = System.nanoTime();
          try {
            return work.get();
          } finally {
            progress.finished(stage.label(), System.nanoTime() - t0);
          }
        },
        executor);
  }

  private void start(Stage stage) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("build cancelled by a newer change");
    }
    progress.stage(stage.label(), stage.ordinal() + 1, Stage.values().length);
  }
}
