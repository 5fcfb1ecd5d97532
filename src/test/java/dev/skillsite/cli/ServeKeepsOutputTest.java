package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.ForkedCli;
import dev.skillsite.testing.TestSkills;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve --watch} keeps its output folder: a build into it is refused at once, in this JVM or
 * another.
 */
class ServeKeepsOutputTest {
  @TempDir Path tmp;

  @Test
  void aBuildIntoTheFolderAWatchingServerKeepsIsRefusedAtOnce() throws Exception {
    Path content = tmp.resolve("content");
    TestSkills.write(
        content, "alpha", "Use when the user asks to \"brew green tea\".", "Body of alpha.");
    Path out = tmp.resolve("site");
    String templates = Files.createDirectories(tmp.resolve("templates")).toString();
    StringWriter serveOut = new StringWriter();
    ServeCommand serve = new ServeCommand();
    CommandLine cl = new CommandLine(serve);
    cl.setOut(new PrintWriter(serveOut, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Integer> running =
        thread.submit(
            () ->
                cl.execute(
                    "--content",
                    content.toString(),
                    "--out",
                    out.toString(),
                    "--port",
                    "0",
                    "--watch",
                    "--templates",
                    templates));
    try {
      for (int i = 0; i < 1800 && !serveOut.toString().contains(" at http://"); i++) {
        Thread.sleep(50);
      }
      assertTrue(serveOut.toString().contains(" at http://"), serveOut.toString());
      String refusal =
          "skillsite: output folder "
              + out
              + " is kept by skillsite serve --watch (pid "
              + ProcessHandle.current().pid()
              + ", since ";

      StringWriter err = new StringWriter();
      CommandLine build = new CommandLine(new BuildCommand());
      build.setOut(new PrintWriter(new StringWriter(), true));
      build.setErr(new PrintWriter(err, true));
      long start = System.nanoTime();
      assertEquals(
          2,
          build.execute(
              "--content", content.toString(), "--out", out.toString(), "--templates", templates));
      assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused without waiting the 300 s");
      assertTrue(err.toString().startsWith(refusal), err.toString());
      assertTrue(
          err.toString()
              .contains(
                  "which rebuilds it on every save; stop it, or build into another folder"
                      + " with --out"),
          err.toString());

      ForkedCli.Run other =
          ForkedCli.run(
              List.of("-XX:TieredStopAtLevel=1"),
              Map.of("LC_ALL", "C.UTF-8"),
              "build",
              "--content",
              content.toString(),
              "--out",
              out.toString(),
              "--templates",
              templates);
      assertEquals(2, other.exitCode(), other.output());
      assertTrue(other.output().contains(refusal), other.output());
    } finally {
      serve.stop();
      assertEquals(0, running.get());
      thread.shutdown();
    }
    assertTrue(
        !Files.exists(tmp.resolve(".site.lock")),
        "the server let go of the folder when it stopped");
  }
}
