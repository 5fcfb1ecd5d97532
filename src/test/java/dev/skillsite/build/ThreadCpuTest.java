package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ThreadCpu} on a fake {@code /proc} tree: each thread's nanoseconds since the first
 * snapshot, grouped (compiler threads as JIT, the VM thread as GC, numbered names summed, the
 * calling thread as {@code this}); a thread new since then counts from 0, one that ended is gone.
 */
class ThreadCpuTest {
  @TempDir Path tmp;

  @Test
  void threadsAreGroupedAndCountedSinceTheFirstSnapshot() throws IOException {
    Path proc = tmp.resolve("self");
    thread(proc, 100, "java", 5_000_000);
    thread(proc, 101, "C2 CompilerThre", 40_000_000);
    thread(proc, 102, "C1 CompilerThre", 3_000_000);
    thread(proc, 103, "VM Thread", 1_000_000);
    thread(proc, 104, "skillsite-sync-1", 0);
    thread(proc, 105, "gone", 9_000_000);
    Files.createSymbolicLink(tmp.resolve("thread-self"), Path.of("100/task/100"));
    ThreadCpu before = ThreadCpu.take(proc);
    thread(proc, 100, "java", 25_000_000); // +20 ms on the calling thread
    thread(proc, 101, "C2 CompilerThre", 90_000_000); // +50
    thread(proc, 102, "C1 CompilerThre", 13_000_000); // +10
    thread(proc, 103, "VM Thread", 8_000_000); // +7
    thread(proc, 104, "skillsite-sync-1", 2_000_000); // +2
    thread(proc, 106, "skillsite-sync-2", 3_000_000); // new: +3
    thread(proc, 107, "ForkJoinPool.commonPool-worker-3", 4_000_000); // new: +4
    delete(proc.resolve("task/105"));
    Map<String, Long> ms = ThreadCpu.take(proc).since(before);
    assertEquals(20L, ms.get("this"));
    assertEquals(60L, ms.get("JIT"));
    assertEquals(7L, ms.get("GC"));
    assertEquals(5L, ms.get("skillsite-sync"));
    assertEquals(4L, ms.get("pool"));
    assertTrue(!ms.containsKey("gone"), "an ended thread is not listed: " + ms);
    assertEquals("JIT", ThreadCpu.group("C1 CompilerThre"));
    assertEquals("GC", ThreadCpu.group("G1 Young RemSet"));
    assertEquals("skillsite-prepare", ThreadCpu.group("skillsite-prepare"));
  }

  private static void thread(Path proc, long tid, String name, long nanos) throws IOException {
    Path t = proc.resolve("task/" + tid);
    Files.createDirectories(t);
    Files.writeString(t.resolve("schedstat"), nanos + " 12345 7\n");
    Files.writeString(t.resolve("comm"), name + "\n");
  }

  private static void delete(Path dir) throws IOException {
    try (var all = Files.list(dir)) {
      for (Path p : all.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }
}
