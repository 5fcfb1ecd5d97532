package dev.skillsite.build;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wraps another {@link Progress} and records how long each stage took (wall time, from its start to
 * the next stage's start or the end of the build), for {@code build --timings}.
 */
public final class StageTimer implements Progress {
  private final Progress inner;
  private final LongSupplier clock;
  private final long start;
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private String current;
  private long since;

  public StageTimer(Progress inner) {
    this(inner, System::nanoTime);
  }

  StageTimer(Progress inner, LongSupplier clock) {
    this.inner = inner;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.since = start;
  }

  @Override
  public void stage(String stage, int step, int steps) {
    close();
    current = stage;
    inner.stage(stage, step, steps);
  }

  @Override
  public void done() {
    close();
    current = null;
    inner.done();
  }

  private void close() {
    long now = clock.getAsLong();
    if (current != null) {
      nanos.merge(current, now - since, Long::sum);
    }
    since = now;
  }

  /** Milliseconds per stage, in the order the stages ran. */
  public Map<String, Long> millis() {
    Map<String, Long> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, Math.round(v / 1e6)));
    return out;
  }

  /** One line, e.g. {@code timings: load 812 ms, triggers 190 ms, … (JVM start to end 19.2 s)}. */
  public String summary(long jvmUptimeMillis) {
    StringBuilder sb = new StringBuilder("timings:");
    String sep = " ";
    for (var e : millis().entrySet()) {
      sb.append(sep).append(e.getKey()).append(' ').append(e.getValue()).append(" ms");
      sep = ", ";
    }
    sb.append(String.format(Locale.ROOT, " (JVM start to end %.1f s)", jvmUptimeMillis / 1000.0));
    return sb.toString();
  }
}
