package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fixture folder cannot hold or a single build cannot show about {@code static/}: symbolic
 * links out of the content, special files, sizes, rebuilds (a CNAME stays, a file put into the
 * output by hand is named), the build cache and {@code serve --watch}'s refresh.
 */
class StaticFilesTest {
  @TempDir Path tmp;

  @Test
  void aRebuildKeepsTheCnameAndAChangedFileIsPublishedWithTheBuildCache() throws IOException {
    Path content = content();
    write(content, "static/CNAME", "docs.example.com\n");
    write(content, "static/img/logo.png", "one");
    assertEquals(List.of(), warnings(build(content)));
    BuildResult again = build(content);
    assertTrue(again.indexReused(), "the second build used the build cache");
    assertEquals("docs.example.com\n", read("CNAME"));
    write(content, "static/img/logo.png", "two");
    build(content);
    assertEquals("two", read("img/logo.png"), "a changed file is published, cache or not");
    Files.delete(content.resolve("static/img/logo.png"));
    build(content);
    assertFalse(Files.exists(out().resolve("img/logo.png")), "a deleted file is gone");
    assertEquals("docs.example.com\n", read("CNAME"));
  }

  @Test
  void aFilePutIntoTheOutputByHandIsNamedBeforeTheRebuildRemovesIt() throws IOException {
    Path content = content();
    build(content);
    Files.writeString(out().resolve("CNAME"), "docs.example.com\n");
    BuildResult result = build(content);
    assertEquals(
        List.of(
            out().resolve("CNAME")
                + ":1:1: warning: CNAME is in the output folder but no build made it; the new site"
                + " replaces the folder without it (hint: files that must be published as they are"
                + " go in the content's static/ folder)"),
        warnings(result));
    assertFalse(Files.exists(out().resolve("CNAME")));
  }

  @Test
  void symbolicLinksAreNeverFollowed() throws IOException {
    Path content = content();
    Path secret = tmp.resolve("secret.txt");
    Files.writeString(secret, "secret");
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/key.txt"), "secret");
    write(content, "static/inside.txt", "fine");
    Files.createSymbolicLink(content.resolve("static/escape.txt"), secret);
    Files.createSymbolicLink(content.resolve("static/sibling.txt"), Path.of("inside.txt"));
    Files.createSymbolicLink(content.resolve("static/dir"), tmp.resolve("outside"));
    BuildResult result = build(content);
    assertTrue(result.published());
    assertEquals(
        List.of(
            "static/dir:1:1: warning: dir is a symbolic link; links are not followed, so it is not"
                + " published",
            "static/escape.txt:1:1: warning: escape.txt is a symbolic link; links are not followed,"
                + " so it is not published",
            "static/sibling.txt:1:1: warning: sibling.txt is a symbolic link; links are not"
                + " followed, so it is not published"),
        warnings(result));
    assertEquals("fine", read("inside.txt"));
    for (String p : List.of("escape.txt", "sibling.txt", "dir", "dir/key.txt")) {
      assertFalse(Files.exists(out().resolve(p), LinkOption.NOFOLLOW_LINKS), p);
    }
  }

  @Test
  void aStaticFolderThatIsALinkIsNotFollowed() throws IOException {
    Path content = content();
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(tmp.resolve("elsewhere/CNAME"), "docs.example.com\n");
    Files.createSymbolicLink(content.resolve("static"), tmp.resolve("elsewhere"));
    BuildResult result = build(content);
    assertEquals(
        List.of(
            "static:1:1: warning: static is a symbolic link; links are not followed, so nothing in"
                + " it is published"),
        warnings(result));
    assertFalse(Files.exists(out().resolve("CNAME")));
  }

  @Test
  void specialFilesAreNamedAndNeverOpened() throws IOException, InterruptedException {
    Path content = content();
    Files.createDirectories(content.resolve("static"));
    HostileCollectionTest.mkfifo(content.resolve("static/feed.txt"));
    BuildResult result = build(content); // a FIFO opened for reading would block here for ever
    assertEquals(
        List.of(
            "static/feed.txt:1:1: warning: feed.txt is a special file (FIFO, socket or device), not"
                + " a regular file; it is not published"),
        warnings(result));
  }

  @Test
  void aFileOverTheSizeLimitIsNamedAndTheRestPublished() throws IOException {
    Path content = content();
    Path big = content.resolve("static/big.csv");
    Files.createDirectories(big.getParent());
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(20L * 1024 * 1024 + 1); // sparse: costs no disk
    }
    write(content, "static/small.csv", "a,b\n");
    BuildResult result = build(content);
    assertEquals(
        List.of(
            "static/big.csv:1:1: warning: file of 20971521 bytes is over the 20971520 bytes one"
                + " published file may have; not published"),
        warnings(result));
    assertFalse(Files.exists(out().resolve("big.csv")));
    assertEquals("a,b\n", read("small.csv"));
  }

  @Test
  void anExecutableBitIsNotPublished() throws IOException {
    Path content = content();
    write(content, "static/tools/run.sh", "echo hi\n");
    Files.setPosixFilePermissions(
        content.resolve("static/tools/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    build(content);
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out().resolve("tools/run.sh"));
    assertFalse(perms.contains(PosixFilePermission.OWNER_EXECUTE), perms.toString());
  }

  @Test
  void aChangeInStaticNeedsAFullBuildInServeWatch() throws IOException {
    Path content = content();
    write(content, "static/CNAME", "docs.example.com\n");
    BuildPipeline pipeline =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE, true);
    BuildResult first = pipeline.run(new BuildOptions(content, out(), Optional.empty(), true));
    write(content, "static/CNAME", "skills.example.com\n");
    assertTrue(
        pipeline
            .refresh(first.live().orElseThrow(), Set.of(content.resolve("static/CNAME")))
            .isEmpty(),
        "no skill owns the file: the quick refresh hands over to a full build");
    pipeline.run(new BuildOptions(content, out(), Optional.empty(), true));
    assertEquals("skills.example.com\n", read("CNAME"));
  }

  @Test
  void checkNamesTheSameFiles() throws IOException {
    Path content = content();
    write(content, "static/evil.php", "<?php");
    write(content, "static/skills.json", "{}");
    write(content, "static/CNAME", "docs.example.com\n");
    var report =
        new dev.skillsite.check.Checker(
                dev.skillsite.check.RouterProbe.factory(),
                dev.skillsite.site.RenderedDiagnostics.standard())
            .check(content, dev.skillsite.check.CheckOptions.DEFAULTS);
    List<String> found =
        report.findings().stream()
            .filter(d -> d.pos().path().startsWith("static/"))
            .map(Diagnostic::format)
            .toList();
    assertEquals(
        List.of(
            "static/evil.php:1:1: warning: .php is a type a web server runs; such a file is never"
                + " published",
            "static/skills.json:1:1: warning: the site generates skills.json; the generated file is"
                + " kept and this one is not published"),
        found);
  }

  private Path content() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.write(content, "good", "Use when checking static files beside a skill.", "Body.");
    return content;
  }

  private static void write(Path content, String rel, String text) throws IOException {
    HostileCollectionTest.write(content, rel, text);
  }

  private BuildResult build(Path content) throws IOException {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, out(), Optional.empty(), true));
  }

  private Path out() {
    return tmp.resolve("site");
  }

  private String read(String rel) throws IOException {
    return Files.readString(out().resolve(rel), StandardCharsets.UTF_8);
  }

  private static List<String> warnings(BuildResult result) {
    return result.diagnostics().stream()
        .filter(d -> !d.isError())
        .sorted(Diagnostic.ORDER)
        .map(Diagnostic::format)
        .toList();
  }
}
