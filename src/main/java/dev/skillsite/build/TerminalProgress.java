package dev.skillsite.build;

import java.io.PrintStream;
import java.util.Map;

/** A one-line progress bar redrawn in place on a terminal; silent when not a TTY or under CI. */
public final class TerminalProgress implements Progress {
  private static final int WIDTH = 24;
  private final PrintStream err;
  private int drawn;

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  /**
   * A bar on {@code err} when a console is attached and {@code CI} is unset, else {@link
   * Progress#NONE}.
   */
  public static Progress forEnvironment(PrintStream err, Map<String, String> env, boolean console) {
    return console && !env.containsKey("CI") ? new TerminalProgress(err) : NONE;
  }

  @Override
  public void stage(String stage, int step, int steps) {
    int filled = WIDTH * (step - 1) / steps;
    String line =
        "["
            + "#".repeat(filled)
            + "-".repeat(WIDTH - filled)
            + "] "
            + step
            + "/"
            + steps
            + " "
            + stage;
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  @Override
  public void done() {
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }
}
