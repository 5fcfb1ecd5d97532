package dev.skillsite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.function.Predicate;

/** For tests of the watching commands ({@code serve --watch}, {@code build --watch}). */
final class Watching {
  private Watching() {}

  interface Attempt<T> {
    T get() throws Exception;
  }

  /**
   * {@code attempt}'s first result that is {@code done}, tried every 50 ms for up to {@code
   * seconds}; an I/O failure (a server not up yet, a site being swapped) counts as not done.
   */
  static <T> T await(Attempt<T> attempt, Predicate<T> done, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    T last = null;
    while (System.nanoTime() < end) {
      try {
        last = attempt.get();
        if (done.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // not up yet, or being swapped
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out; last: " + last);
  }

  /** A writer into {@code target} that the command's threads print to while the test reads. */
  static PrintWriter printingTo(StringWriter target) {
    return new PrintWriter(
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) {
            synchronized (target) {
              target.write(buf, off, len);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        },
        true);
  }
}
