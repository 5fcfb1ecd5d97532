package dev.skillsite.build;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wraps another {@link Progress} and keeps the time the pipeline reports for each stage, for {@code
 * build --timings}. A stage's time is its own work: stages that run beside others (audit, the
 * Markdown half of render, export) overlap, so the times may add up to more than the build's.
 * Thread-safe.
 */
public final class StageTimer implements Progress {
  private final Progress inner;
  private final Set<String> order = new LinkedHashSet<>();
  private final Map<String, Long> nanos = new HashMap<>();
  private final Map<String, long[]> cpuAtStart = new HashMap<>();
  private final Map<String, Long> cpuNanos = new HashMap<>();

  public StageTimer(Progress inner) {
    this.inner = inner;
  }

  @Override
  public void stage(String stage, int step, int steps) {
    synchronized (nanos) {
      order.add(stage);
      cpuAtStart.put(stage, new long[] {System.nanoTime(), processCpu()});
    }
    inner.stage(stage, step, steps);
  }

  @Override
  public void finished(String stage, long took) {
    synchronized (nanos) {
      nanos.merge(stage, took, Long::sum);
      long[] at = cpuAtStart.get(stage);
      // the part that started with the stage, not one run ahead of it that ends meanwhile
      if (at != null && at[1] >= 0 && took <= System.nanoTime() - at[0] + 50_000_000L) {
        cpuAtStart.remove(stage);
        cpuNanos.merge(stage, processCpu() - at[1], Long::sum);
      }
    }
    inner.finished(stage, took);
  }

  @Override
  public void done() {
    inner.done();
  }

  /**
   * Milliseconds per stage, in the order the stages started (a part of a stage run ahead of its
   * turn does not move it).
   */
  public Map<String, Long> millis() {
    Map<String, Long> out = new LinkedHashMap<>();
    synchronized (nanos) {
      Set<String> all = new LinkedHashSet<>(order);
      all.addAll(new TreeSet<>(nanos.keySet()));
      for (String stage : all) {
        out.put(stage, Math.round(nanos.getOrDefault(stage, 0L) / 1e6));
      }
    }
    return out;
  }

  /**
   * One line of the process's CPU time (all threads, user + system) while each stage ran from its
   * start to its end, e.g. {@code cpu: load 1.2 s, index 0.4 s}: work run beside a stage (audit,
   * Markdown, export) counts in the stage it overlaps. Empty when the JVM cannot tell.
   */
  public String cpuSummary() {
    StringBuilder sb = new StringBuilder("cpu while each stage ran:");
    String sep = " ";
    synchronized (nanos) {
      if (cpuNanos.isEmpty()) {
        return "";
      }
      for (String stage : order) {
        Long n = cpuNanos.get(stage);
        if (n != null) {
          sb.append(sep).append(stage).append(String.format(Locale.ROOT, " %.2f s", n / 1e9));
          sep = ", ";
        }
      }
    }
    return sb.toString();
  }

  /** The process's CPU time in nanoseconds, or -1. */
  private static long processCpu() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** One line, e.g. {@code timings: load 812 ms, index 190 ms, … (JVM start to end 19.2 s)}. */
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
