package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A write error (a full disk, a read-only file system) exits with 2 and leaves the old site whole.
 * The output sits on a small tmpfs mounted for the test; where mounting is not allowed the test is
 * skipped.
 */
@Tag("process")
class OutputFailureTest {
  /** Room for one demo site (about 1.4 MB in blocks) but not for two. */
  private static final int DISK_KB = 2000;

  @TempDir Path tmp;
  private Path mount;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    mount = Files.createDirectories(tmp.resolve("fs"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=" + DISK_KB + "k", "tmpfs", mount.toString()) == 0,
        "needs permission to mount a tmpfs");
  }

  @AfterEach
  void unmount() throws Exception {
    // no collection first: a closed state file (cache.RecordTable) is unmapped at once, so a file
    // system still busy after the build is a file or mapping the build left open
    Path maps = Path.of("/proc/self/maps");
    List<String> mapped =
        Files.isReadable(maps)
            ? Files.readAllLines(maps).stream().filter(l -> l.contains(mount.toString())).toList()
            : List.of();
    if (!mapped.isEmpty()) {
      run("umount", "-l", mount.toString());
      throw new AssertionError("the build left files of its output mapped: " + mapped);
    }
    if (run("umount", mount.toString()) != 0) {
      run("umount", "-l", mount.toString());
      throw new AssertionError("the output's file system is still busy after the build");
    }
  }

  @Test
  void aFullDiskExitsWithTwoAndKeepsTheOldSite() throws IOException {
    Path content = demoCopy();
    Path out = mount.resolve("site");
    assertEquals(0, build(content, out), err.toString());
    SortedMap<String, String> old = SiteFingerprint.of(out);
    // a rebuild links unchanged files to the old site's (no space), so leave too little for the
    // changed ones
    long free = Files.getFileStore(mount).getUsableSpace();
    Files.write(mount.resolve("filler"), new byte[(int) Math.max(0, free - 16 * 1024)]);

    Files.writeString(
        content.resolve("plugins/elixir/skills/otp-thinking/SKILL.md"),
        "\nmore\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(2, build(content, out), "the changed files do not fit beside the old site");
    assertTrue(err.toString().contains("skillsite: "), err.toString());
    assertEquals(List.of(), SiteFingerprint.differences(old, SiteFingerprint.of(out)));
    assertEquals(List.of("filler", "site"), names(mount), "the staging folder is cleaned up");
  }

  @Test
  void aReadOnlyOutputParentExitsWithTwoAndKeepsTheOldSite() throws Exception {
    Path content = demoCopy();
    Path out = mount.resolve("site");
    assertEquals(0, build(content, out), err.toString());
    SortedMap<String, String> old = SiteFingerprint.of(out);
    assertEquals(0, run("mount", "-o", "remount,ro", mount.toString()));

    assertEquals(2, build(content, out));
    assertTrue(
        err.toString().contains("Read-only file system") || err.toString().contains("read-only"),
        err.toString());
    assertEquals(List.of(), SiteFingerprint.differences(old, SiteFingerprint.of(out)));
  }

  private int build(Path content, Path out) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute("build", "--content", content.toString(), "--out", out.toString());
  }

  /** Our demo collection, copied so that the test can edit it. */
  private Path demoCopy() throws IOException {
    Path from = Path.of("content");
    Path to = tmp.resolve("content");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static int run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
