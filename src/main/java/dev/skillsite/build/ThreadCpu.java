package dev.skillsite.build;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU of every thread of this process, read from Linux's {@code /proc/self/task/<tid>/} ({@code
 * schedstat}: nanoseconds on a CPU; {@code comm}: the name), so that a patch can say where the
 * process's CPU went beside the steps it times on its own thread: the JIT's compiler threads, the
 * collector (the serial collector runs in the VM thread), the threads a patch starts (the state's
 * commits prepared behind, the site's syncs, parallel streams), and threads that ended in between
 * (the process's total less the living threads'). Empty snapshots where there is no such tree (not
 * Linux): every figure 0.
 */
public final class ThreadCpu {
  private final Map<Long, Thread> threads;
  private final long process;
  private final long self;

  private record Thread(String name, long nanos) {}

  private ThreadCpu(Map<Long, Thread> threads, long process, long self) {
    this.threads = threads;
    this.process = process;
    this.self = self;
  }

  /** Every living thread's CPU now, the process's total and the calling thread's id. */
  public static ThreadCpu take() {
    return take(Path.of("/proc/self"));
  }

  static ThreadCpu take(Path proc) {
    Map<Long, Thread> threads = new HashMap<>();
    long self = -1;
    try {
      Path me = Files.readSymbolicLink(proc.resolveSibling("thread-self"));
      self = Long.parseLong(me.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      // no /proc/thread-self: the calling thread is counted among the others
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          String run = Files.readString(task.resolve("schedstat"));
          long nanos = Long.parseLong(run.substring(0, run.indexOf(' ')));
          String name = Files.readString(task.resolve("comm")).strip();
          threads.put(Long.parseLong(task.getFileName().toString()), new Thread(name, nanos));
        } catch (IOException | RuntimeException ended) {
          // the thread ended while this read the others
        }
      }
    } catch (IOException | RuntimeException e) {
      return new ThreadCpu(Map.of(), processCpu(), self);
    }
    return new ThreadCpu(threads, processCpu(), self);
  }

  private static long processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /**
   * The group a thread's CPU is counted in: {@code JIT} (compiler threads), {@code GC} (the VM
   * thread, where the serial collector runs, and the other collectors' threads), else its name
   * without a trailing number ({@code skillsite-prepare}, {@code ForkJoinPool.commonPool-worker}).
   */
  static String group(String name) {
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "JIT";
    }
    if (name.equals("VM Thread")
        || name.startsWith("GC Thread")
        || name.startsWith("G1 ")
        || name.startsWith("VM Periodic")) {
      return "GC";
    }
    String g = name.replaceAll("[-#]?\\d+$", "").strip();
    if (g.startsWith("ForkJoinPool")) {
      return "pool";
    }
    return g.isEmpty() ? "other" : g;
  }

  /** CPU ms since {@code before}, by group ({@link #group}); this thread as {@code this}. */
  public Map<String, Long> since(ThreadCpu before) {
    Map<String, Long> ms = new TreeMap<>();
    long living = 0;
    for (var e : threads.entrySet()) {
      Thread was = before.threads.get(e.getKey());
      long d =
          e.getValue().nanos()
              - (was != null && was.name().equals(e.getValue().name()) ? was.nanos() : 0);
      living += d;
      String g = e.getKey() == self && self >= 0 ? "this" : group(e.getValue().name());
      ms.merge(g, d, Long::sum);
    }
    // threads that ended since (a compiler thread the JVM stopped, a pool's worker) and the
    // tick-rounding of the process's total: never below 0
    long ended = Math.max(0, process - before.process - living);
    ms.replaceAll((k, v) -> v / 1_000_000);
    ms.put("ended", ended / 1_000_000);
    ms.put("process", (process - before.process) / 1_000_000);
    return ms;
  }

  /**
   * {@code since(before)} as the patch's {@code --timings} note shows it: the process's CPU, this
   * thread's, then the rest by group, largest first (groups under 1 ms left out).
   */
  public String note(ThreadCpu before) {
    Map<String, Long> ms = since(before);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "process CPU ms %d: this thread %d, outside it",
                ms.getOrDefault("process", 0L),
                ms.getOrDefault("this", 0L)));
    ms.entrySet().stream()
        .filter(e -> !e.getKey().equals("process") && !e.getKey().equals("this"))
        .filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
    return b.toString();
  }
}
