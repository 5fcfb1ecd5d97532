package dev.skillsite.cli;

import static dev.skillsite.cli.Watching.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code build --changed} handed to the resident builder ({@code build --watch}) of the same output
 * folder over its socket: built by the resident, the result printed by the client, the site what a
 * clean build makes; without a live resident (a socket left behind) or with other settings, the
 * client builds as before.
 */
class HandoffTest {
  @TempDir Path tmp;
  private final StringWriter residentOut = new StringWriter();
  private final ExecutorService threads = Executors.newSingleThreadExecutor();
  private BuildCommand resident;
  private Future<Integer> running;

  @AfterEach
  void stop() throws Exception {
    if (resident != null) {
      resident.stop();
      assertEquals(0, running.get());
      assertFalse(
          Files.exists(Handoff.socketOf(site()), LinkOption.NOFOLLOW_LINKS),
          "a stopped resident leaves no socket");
    }
    threads.shutdownNow();
  }

  @Test
  void aHandedEditIsPatchedByTheResidentAndTheSiteIsAsACleanBuildMakesIt() throws Exception {
    startResident();
    Path socket = Handoff.socketOf(site());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
    Path alpha = writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
    Client c = client("--changed", alpha.toString(), "--timings");
    assertEquals(0, c.code(), c.toString());
    assertTrue(c.err().contains("handoff: built by the resident builder"), c.toString());
    assertTrue(c.err().contains("patch: 1 changed skill"), c.toString());
    assertTrue(c.out().contains("built " + site().toRealPath() + ": 2 skills"), c.toString());
    // the result came after the page was published
    assertTrue(
        Files.readString(site().resolve("skills/alpha/index.html")).contains("steep oolong"));
    assertSiteIsACleanBuilds();
  }

  @Test
  void aRefusedPatchIsBuiltWholeByTheResidentAndTheSocketOutlivesTheSwap() throws Exception {
    startResident();
    Path gamma = writeSkill("gamma", "Use when the user asks to \"roast cocoa nibs\".");
    Client c = client("--changed", gamma.toString(), "--timings");
    assertEquals(0, c.code(), c.toString());
    assertTrue(c.err().contains("patch: not taken, built whole ("), c.toString());
    assertTrue(c.err().contains("handoff: built by the resident builder"), c.toString());
    assertTrue(c.out().contains(": 3 skills"), c.toString());
    assertTrue(Files.exists(site().resolve("skills/gamma/index.html")));
    // the whole build swapped the folder in, cache and all: the resident listens there again
    await(
        () -> Files.exists(Handoff.socketOf(site()), LinkOption.NOFOLLOW_LINKS),
        Boolean::booleanValue,
        30);
    Path beta = writeSkill("beta", "Use when the user asks to \"grind espresso fine\".");
    Client again = client("--changed", beta.toString());
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.err().contains("handoff: built by the resident builder"), again.toString());
    assertSiteIsACleanBuilds();
  }

  @Test
  void otherSettingsAreDeclinedAndTheClientMeetsTheLockAsBefore() throws Exception {
    startResident();
    Path alpha = writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
    Client c = client("--changed", alpha.toString(), "--max-skills", "7", "--timings");
    assertEquals(2, c.code(), c.toString());
    assertTrue(c.err().contains("handoff: the resident builder declined"), c.toString());
    assertTrue(c.err().contains("rebuilds it on every save"), c.toString());
  }

  @Test
  void aSocketLeftByADeadResidentIsIgnoredAndTheClientPatchesItself() throws Exception {
    writeTwoSkills();
    assertEquals(0, build(site()));
    Path socket = Handoff.socketOf(site());
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket)); // bound, then closed: the file stays
    }
    assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    Path alpha = writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
    long start = System.nanoTime();
    Client c = client("--changed", alpha.toString(), "--timings");
    assertEquals(0, c.code(), c.toString());
    assertFalse(c.err().contains("handoff:"), c.toString());
    assertTrue(c.err().contains("patch: 1 changed skill"), c.toString());
    assertTrue(System.nanoTime() - start < 60_000_000_000L);
    assertSiteIsACleanBuilds();
  }

  @Test
  void aServingResidentTakesTheHandToo() throws Exception {
    writeTwoSkills();
    ServeCommand serve = new ServeCommand();
    CommandLine cl = new CommandLine(serve);
    StringWriter served = new StringWriter();
    cl.setOut(Watching.printingTo(served));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    String templates = templates();
    Future<Integer> serving =
        threads.submit(
            () ->
                cl.execute(
                    "--content",
                    content().toString(),
                    "--out",
                    site().toString(),
                    "--port",
                    "0",
                    "--watch",
                    "--templates",
                    templates));
    try {
      await(served::toString, s -> s.contains("serving "), 90);
      Path alpha = writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
      Client c = client("--changed", alpha.toString());
      assertEquals(0, c.code(), c.toString());
      assertTrue(c.err().contains("handoff: built by the resident builder"), c.toString());
      assertTrue(
          Files.readString(site().resolve("skills/alpha/index.html")).contains("steep oolong"));
    } finally {
      serve.stop();
    }
    assertEquals(0, serving.get());
    assertFalse(Files.exists(Handoff.socketOf(site()), LinkOption.NOFOLLOW_LINKS));
  }

  private record Client(int code, String out, String err) {}

  /** {@code build} with the content, site and templates of this test and {@code more}. */
  private Client client(String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--content",
                content().toString(),
                "--out",
                site().toString(),
                "--templates",
                templates()));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BuildCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args.toArray(String[]::new));
    return new Client(code, out.toString(), err.toString());
  }

  private void startResident() throws Exception {
    writeTwoSkills();
    resident = new BuildCommand();
    CommandLine cl = new CommandLine(resident);
    cl.setOut(Watching.printingTo(residentOut));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    String templates = templates();
    running =
        threads.submit(
            () ->
                cl.execute(
                    "--content",
                    content().toString(),
                    "--out",
                    site().toString(),
                    "--templates",
                    templates,
                    "--watch"));
    await(residentOut::toString, s -> s.contains("watching " + content()), 90);
  }

  private int build(Path out) throws IOException {
    CommandLine cl = new CommandLine(new BuildCommand());
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    return cl.execute(
        "--content", content().toString(), "--out", out.toString(), "--templates", templates());
  }

  /** The site equals a clean build of the same content into a new folder. */
  private void assertSiteIsACleanBuilds() throws IOException {
    Path clean = tmp.resolve("clean-" + System.nanoTime());
    assertEquals(0, build(clean));
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(site())));
  }

  private void writeTwoSkills() throws IOException {
    writeSkill("alpha", "Use when the user asks to \"brew green tea\".");
    writeSkill("beta", "Use when the user asks to \"grind coffee beans\".");
  }

  private Path content() {
    return tmp.resolve("content");
  }

  private Path site() {
    return tmp.resolve("site");
  }

  private Path writeSkill(String name, String description) throws IOException {
    return TestSkills.write(content(), name, description, "Body of " + name + ".");
  }

  private String templates() throws IOException {
    return Files.createDirectories(tmp.resolve("templates")).toString();
  }
}
