package dev.skillsite.build;

/** Told when a build moves from one stage to the next, and how long each took. */
public interface Progress {
  Progress NONE = (stage, step, steps) -> {};

  /**
   * @param stage the stage starting, e.g. {@code render}
   * @param step its number, from 1
   * @param steps how many stages there are
   */
  void stage(String stage, int step, int steps);

  /**
   * A stage (or one half of it) is over after {@code nanos} of its own time. Stages that run beside
   * others report from their own thread.
   */
  default void finished(String stage, long nanos) {}

  /** The build finished or failed: clear whatever was drawn. */
  default void done() {}
}
