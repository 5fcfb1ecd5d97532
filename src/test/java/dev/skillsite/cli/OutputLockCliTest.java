package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.OutputLock;
import dev.skillsite.testing.ForkedCli;
import dev.skillsite.testing.TestSkills;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's lock between processes: builds in JVMs of their own, as two CI jobs on one
 * runner.
 */
@Tag("process")
class OutputLockCliTest {
  @TempDir Path tmp;
  private Path content;
  private Path out;

  @BeforeEach
  void collection() throws IOException {
    content = tmp.resolve("content");
    for (int i = 0; i < 12; i++) {
      TestSkills.write(
          content,
          "skill-" + i,
          "Use when the user asks to \"do task " + i + "\".",
          "Body " + i + ".");
    }
    out = tmp.resolve("site");
  }

  @Test
  void aBuildIntoAFolderAnotherProcessWritesIsRefusedWithTheOwnerNamed() throws Exception {
    try (OutputLock held = OutputLock.acquire(out, "build", Duration.ZERO, s -> {})) {
      ForkedCli.Run r = build("--lock-wait", "0");
      assertEquals(2, r.exitCode(), r.output());
      assertTrue(
          r.output()
              .contains(
                  "skillsite: output folder "
                      + out
                      + " is being written by skillsite build (pid "
                      + ProcessHandle.current().pid()
                      + ", since "),
          r.output());
      assertFalse(Files.exists(out), "nothing written");
    }
  }

  @Test
  void aSecondBuildWaitsForTheFirstThenBuilds() throws Exception {
    OutputLock held = OutputLock.acquire(out, "build", Duration.ZERO, s -> {});
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.skillsite.cli.Main"));
    command.addAll(buildArgs());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("skillsite: waiting for ")) {
          assertTrue(
              line.startsWith(
                  "skillsite: waiting for skillsite build (pid "
                      + ProcessHandle.current().pid()
                      + ", since "),
              line);
          assertTrue(line.endsWith(" to finish writing " + out), line);
          assertFalse(Files.exists(out), "nothing written while it waits");
          held.close();
        }
      }
    } finally {
      held.close();
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output.toString());
    assertTrue(output.toString().contains("skillsite: waiting for "), output.toString());
    assertTrue(Files.isRegularFile(out.resolve("skills/skill-11/index.html")));
  }

  @Test
  void twoBuildsInTwoProcessesAtOnceLeaveAWholeSite() throws Exception {
    for (int round = 0; round < 3; round++) {
      CompletableFuture<ForkedCli.Run> a = CompletableFuture.supplyAsync(this::buildUnchecked);
      CompletableFuture<ForkedCli.Run> b = CompletableFuture.supplyAsync(this::buildUnchecked);
      for (ForkedCli.Run r : List.of(a.join(), b.join())) {
        assertEquals(0, r.exitCode(), "round " + round + ": " + r.output());
      }
      for (int i = 0; i < 12; i++) {
        assertTrue(
            Files.isRegularFile(out.resolve("skills/skill-" + i + "/index.html")),
            "round " + round);
      }
      try (Stream<Path> beside = Files.list(tmp)) {
        assertEquals(
            List.of("content", "site", "templates"),
            beside.map(p -> p.getFileName().toString()).sorted().toList(),
            "no staging, old or lock file left");
      }
    }
  }

  private ForkedCli.Run buildUnchecked() {
    try {
      return build();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private List<String> buildArgs() throws IOException {
    return new ArrayList<>(
        List.of(
            "build",
            "--content",
            content.toString(),
            "--out",
            out.toString(),
            "--templates",
            Files.createDirectories(tmp.resolve("templates")).toString()));
  }

  private ForkedCli.Run build(String... more) throws IOException, InterruptedException {
    List<String> args = buildArgs();
    args.addAll(List.of(more));
    return ForkedCli.run(
        List.of("-XX:TieredStopAtLevel=1"),
        Map.of("LC_ALL", "C.UTF-8"),
        args.toArray(String[]::new));
  }
}
