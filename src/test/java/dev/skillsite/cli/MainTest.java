package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /**
   * -Dskillsite.threadcpu's line: each thread's user+system ticks from its stat, summed by name
   * without its number (a name may hold spaces and parentheses), and the process total less the
   * living threads' as the ended ones'.
   */
  @Test
  void threadCpuSumsEachThreadsTicksByName(@TempDir Path proc) throws Exception {
    String rest = " S 1 1 1 0 -1 4194560 100 0 0 0 %d %d 0 0 20 0 1 0 5 0 0\n";
    Files.writeString(proc.resolve("stat"), "7 (java)" + String.format(rest, 300, 50));
    Object[][] threads = {
      {"7", "java", 100, 20}, {"8", "java", 50, 5}, {"9", "C1 CompilerThre", 40, 10},
      {"10", "GC Thread#0", 3, 1}, {"11", "GC Thread#1", 2, 0}, {"12", "odd (name) 2", 1, 1}
    };
    for (Object[] t : threads) {
      Path task = Files.createDirectories(proc.resolve("task/" + t[0]));
      Files.writeString(
          task.resolve("stat"), t[0] + " (" + t[1] + ")" + String.format(rest, t[2], t[3]));
    }
    assertEquals(
        "threadcpu ms: C1 CompilerThre x1=500, GC Thread x2=60, java x2=1750, odd (name) x1=20,"
            + " ended=1170, total=3500",
        Main.threadCpu(proc, 100));
    assertTrue(
        Main.threadCpu(proc.resolve("none"), 100).startsWith("threadcpu: unavailable"),
        "no proc tree");
  }

  @Test
  void runningOutOfHeapOnAWorkerThreadSaysHowToGiveTheJvmMore() {
    StringWriter text = new StringWriter();
    // a build stage's worker runs out of heap: it reaches the handler wrapped
    int code =
        Main.failure(
            new CompletionException(new OutOfMemoryError("Java heap space")),
            new PrintWriter(text));
    assertEquals(2, code);
    String message = text.toString();
    assertTrue(message.startsWith("skillsite: out of memory (Java heap space)"), message);
    assertTrue(message.contains("SKILLSITE_JAVA_OPTS=-Xmx"), message);
    assertFalse(message.contains("\tat "), "no stack trace: " + message);
  }

  @Test
  void anOutOfMemoryErrorWithoutMessageReadsCleanly() {
    StringWriter text = new StringWriter();
    assertEquals(2, Main.failure(new OutOfMemoryError(), new PrintWriter(text)));
    String message = text.toString();
    assertTrue(
        message.startsWith("skillsite: out of memory; the previous output is untouched."), message);
  }

  @Test
  void otherFailuresPrintTheirMessage() {
    StringWriter text = new StringWriter();
    int code =
        Main.failure(
            new UncheckedIOException("disk full", new java.io.IOException("disk full")),
            new PrintWriter(text));
    assertEquals(2, code);
    assertEquals("skillsite: disk full" + System.lineSeparator(), text.toString());
  }
}
