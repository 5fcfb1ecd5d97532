package dev.skillsite.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  @TempDir Path tmp;

  @Test
  void theLockFileSaysWhoWritesTheFolderAndGoesWhenDone() throws IOException {
    Path out = tmp.resolve("site");
    Path file = tmp.resolve(".site.lock");
    try (OutputLock lock = OutputLock.acquire(out, "build", Duration.ZERO, s -> {})) {
      Owner owner = Owner.read(file).orElseThrow();
      assertEquals(ProcessHandle.current().pid(), owner.pid());
      assertEquals("build", owner.command());
      assertEquals(
          ProcessHandle.current().info().startInstant().orElseThrow(), owner.processStart());
      assertTrue(owner.alive());
      assertTrue(lock.covers(out));
    }
    assertFalse(Files.exists(file), "released: the lock file is gone");
  }

  @Test
  void aSecondWriterIsRefusedWithTheOwnerNamedWhenItMayNotWait() throws IOException {
    Path out = tmp.resolve("site");
    try (OutputLock first = OutputLock.acquire(out, "build", Duration.ZERO, s -> {})) {
      OutputLock.HeldException e =
          assertThrows(
              OutputLock.HeldException.class,
              () -> OutputLock.acquire(out, "build", Duration.ZERO, s -> {}));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "output folder "
                      + out
                      + " is being written by skillsite build (pid "
                      + ProcessHandle.current().pid()
                      + ", since "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "; try again when it is done, or build into another folder with --out"
                      + " (lock: "
                      + tmp.resolve(".site.lock")
                      + ")"),
          e.getMessage());
    }
  }

  @Test
  void aSecondWriterWaitsForTheFirstAndSaysSoOnce() throws Exception {
    Path out = tmp.resolve("site");
    List<String> notices = new CopyOnWriteArrayList<>();
    OutputLock first = OutputLock.acquire(out, "build", Duration.ZERO, s -> {});
    CompletableFuture<OutputLock> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return OutputLock.acquire(out, "build", Duration.ofSeconds(60), notices::add);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    for (int i = 0; i < 600 && notices.isEmpty(); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(200);
    assertFalse(second.isDone(), "waits while the first holds the folder");
    first.close();
    second.get(30, TimeUnit.SECONDS).close();
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("waiting for skillsite build (pid "), notices.get(0));
  }

  @Test
  void aWatchingServerIsNotWaitedFor() throws IOException {
    Path out = tmp.resolve("site");
    try (OutputLock server = OutputLock.acquire(out, OutputLock.WATCH, Duration.ZERO, s -> {})) {
      long start = System.nanoTime();
      OutputLock.HeldException e =
          assertThrows(
              OutputLock.HeldException.class,
              () -> OutputLock.acquire(out, "build", Duration.ofMinutes(5), s -> {}));
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "refused at once");
      assertTrue(
          e.getMessage().contains(" is kept by skillsite serve --watch (pid "), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "which rebuilds it on every save; stop it, or build into another folder"
                      + " with --out"),
          e.getMessage());
    }
  }

  @Test
  void aLockLeftByADeadOrReusedPidIsTakenOver() throws IOException {
    Path out = tmp.resolve("site");
    Path file = tmp.resolve(".site.lock");
    // a killed build's file: its pid ended
    Files.writeString(
        file,
        new Owner(deadPid(), Instant.parse("2026-01-01T00:00:00Z"), "build", Instant.now()).text());
    assertFalse(Owner.read(file).orElseThrow().alive());
    try (OutputLock lock = OutputLock.acquire(out, "build", Duration.ZERO, s -> {})) {
      assertEquals(ProcessHandle.current().pid(), Owner.read(file).orElseThrow().pid());
    }
    // a live pid that started at another time: the pid was reused by another process
    ProcessHandle init = ProcessHandle.current().parent().orElseThrow();
    Files.writeString(
        file,
        new Owner(init.pid(), Instant.parse("2001-01-01T00:00:00Z"), "build", Instant.now())
            .text());
    assertFalse(Owner.read(file).orElseThrow().alive());
    try (OutputLock lock = OutputLock.acquire(out, "build", Duration.ZERO, s -> {})) {
      assertEquals(ProcessHandle.current().pid(), Owner.read(file).orElseThrow().pid());
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aLockFileThatIsALinkIsNotFollowed() throws IOException {
    Path target = Files.writeString(tmp.resolve("precious.txt"), "keep me");
    Files.createSymbolicLink(tmp.resolve(".site.lock"), target);
    assertThrows(
        IOException.class,
        () -> OutputLock.acquire(tmp.resolve("site"), "build", Duration.ZERO, s -> {}));
    assertEquals("keep me", Files.readString(target));
  }

  /** A pid no process has now. */
  private static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return p.pid();
  }
}
