package dev.skillsite.build;

/** Told when a build moves from one stage to the next. */
public interface Progress {
  Progress NONE = (stage, step, steps) -> {};

  /**
   * @param stage the stage starting, e.g. {@code render}
   * @param step its number, from 1
   * @param steps how many stages there are
   */
  void stage(String stage, int step, int steps);

  /** The build finished or failed: clear whatever was drawn. */
  default void done() {}
}
