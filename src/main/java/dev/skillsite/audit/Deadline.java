package dev.skillsite.audit;

/** A point in time after which the audit of one file stops (checked while patterns read the text). */
final class Deadline {
  private final long at;

  private Deadline(long at) {
    this.at = at;
  }

  static Deadline in(long millis) {
    return new Deadline(System.nanoTime() + millis * 1_000_000L);
  }

  boolean passed() {
    return System.nanoTime() - at > 0;
  }

  /** {@code text} as a character sequence that throws {@link Expired} once this deadline has passed. */
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
      if ((++reads & 0xFFF) == 0 && deadline.passed()) {
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
