package dev.skillsite.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A budget of CPU time for the audit of one file, on the thread that audits it (checked while
 * patterns read the text). CPU time, not wall time: on a busy machine a file gets the same work
 * done before it stops.
 */
final class Deadline {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final long at;
  private final boolean cpu;

  private Deadline(long at, boolean cpu) {
    this.at = at;
    this.cpu = cpu;
  }

  static Deadline in(long millis) {
    boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    return new Deadline(now(cpu) + millis * 1_000_000L, cpu);
  }

  private static long now(boolean cpu) {
    return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  boolean passed() {
    return now(cpu) - at > 0;
  }

  /**
   * {@code text} as a character sequence that throws {@link Expired} once this deadline has passed.
   */
  CharSequence guard(String text) {
    return new Guarded(text, 0, text.length(), this);
  }

  /** Thrown when a file took longer than its time budget. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Expired() {
      super("time budget exceeded", null, false, false);
    }
  }

  private static final class Guarded implements CharSequence {
    private final String text;
    private final int from;
    private final int to;
    private final Deadline deadline;
    private int reads;

    Guarded(String text, int from, int to, Deadline deadline) {
      this.text = text;
      this.from = from;
      this.to = to;
      this.deadline = deadline;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFFF) == 0 && deadline.passed()) {
        throw new Expired();
      }
      return text.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Guarded(text, from + start, from + end, deadline);
    }

    @Override
    public String toString() {
      return text.substring(from, to);
    }
  }
}
