package dev.skillsite.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicSiteWriterTest {
  @TempDir Path tmp;

  @Test
  void commitReplacesTheOldSiteWhole() throws IOException {
    Path out = tmp.resolve("site");
    oldSite(out);
    try (AtomicSiteWriter w =
        AtomicSiteWriter.begin(OutputLocation.check(out, tmp.resolve("content")))) {
      write(w.staging().resolve("index.html"), "new");
      assertEquals(
          "old", Files.readString(out.resolve("old.html")), "old site untouched until commit");
      w.commit();
    }
    assertEquals(List.of(OutputLocation.MARKER, "index.html"), names(out));
    assertEquals(List.of("site"), names(tmp), "no staging or old folder left beside the output");
  }

  @Test
  void aFailedBuildLeavesTheOldSiteAndNoStaging() throws IOException {
    Path out = tmp.resolve("site");
    oldSite(out);
    assertThrows(
        IOException.class,
        () -> {
          try (AtomicSiteWriter w =
              AtomicSiteWriter.begin(OutputLocation.check(out, tmp.resolve("content")))) {
            write(w.staging().resolve("half.html"), "half");
            throw new IOException("disk full");
          }
        });
    assertEquals(List.of(OutputLocation.MARKER, "old.html"), names(out));
    assertEquals(List.of("site"), names(tmp));
  }

  @Test
  void aSwapKilledBetweenItsRenamesIsUndoneByTheNextBuild() throws IOException {
    Path out = tmp.resolve("site");
    write(tmp.resolve(".site.old-1234abcd/old.html"), "old");
    write(tmp.resolve(".site.staging-5678abcd/half.html"), "half");
    AtomicSiteWriter.recover(out);
    assertEquals("old", Files.readString(out.resolve("old.html")));
    assertEquals(List.of("site"), names(tmp));
  }

  @Test
  void leavesSiblingsThatAreNotItsOwnAlone() throws IOException {
    Path out = tmp.resolve("site");
    write(tmp.resolve(".site-notes/keep.txt"), "mine");
    write(tmp.resolve("site2/keep.txt"), "mine");
    try (AtomicSiteWriter w =
        AtomicSiteWriter.begin(OutputLocation.check(out, tmp.resolve("content")))) {
      w.commit();
    }
    assertTrue(Files.exists(tmp.resolve(".site-notes/keep.txt")));
    assertTrue(Files.exists(tmp.resolve("site2/keep.txt")));
  }

  @Test
  void refusesOutputFoldersThatOverlapTheContent() throws IOException {
    Path content = tmp.resolve("repo/content");
    Files.createDirectories(content);
    assertRefused(content, content, "overlaps the content folder");
    assertRefused(content.resolve("site"), content, "overlaps the content folder");
    // inside it: the message says where the site can go instead
    assertRefused(
        content.resolve("site"),
        content,
        "choose a folder beside it, e.g. --out " + tmp.resolve("repo/site"));
    assertRefused(tmp.resolve("repo"), content, "overlaps the content folder");
    assertRefused(tmp.resolve("repo"), content, "(it is replaced as a whole)");
    Path file = tmp.resolve("file.txt");
    write(file, "x");
    assertRefused(file, content, "exists and is not a folder");
    assertFalse(Files.isDirectory(file));
  }

  /**
   * A mistyped --out (a folder of documents) must not be replaced: only a site skillsite wrote, or
   * nothing.
   */
  @Test
  void refusesAFolderOfOtherFilesAndLeavesItAsItIs() throws IOException {
    Path docs = tmp.resolve("Documents");
    write(docs.resolve("thesis.txt"), "years of work");
    write(docs.resolve("notes/a.md"), "a");
    assertRefused(
        docs, tmp.resolve("content"), "holds files skillsite did not write (notes, thesis.txt)");
    assertEquals("years of work", Files.readString(docs.resolve("thesis.txt")));

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(empty, OutputLocation.check(empty, tmp.resolve("content")).out());
    // a site of ours, by its marker, even with files added by hand since
    Path site = tmp.resolve("site");
    try (AtomicSiteWriter w =
        AtomicSiteWriter.begin(OutputLocation.check(site, tmp.resolve("content")))) {
      w.commit();
    }
    assertEquals(OutputLocation.MARKER_TEXT, Files.readString(site.resolve(OutputLocation.MARKER)));
    write(site.resolve("CNAME"), "skills.example.org");
    assertEquals(site, OutputLocation.check(site, tmp.resolve("content")).out());
    // and one written before there was a marker: the catalog beside the routing index
    Path older = tmp.resolve("older");
    write(older.resolve("skills.json"), "[]");
    Files.createDirectories(older.resolve("search/lucene"));
    assertEquals(older, OutputLocation.check(older, tmp.resolve("content")).out());
  }

  @Test
  void refusesASymbolicLinkAsOutput() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("site"), target);
    assertRefused(link, tmp.resolve("content"), "is a symbolic link");
  }

  private static void assertRefused(Path out, Path content, String why) {
    OutputLocation.RefusedException e =
        assertThrows(
            OutputLocation.RefusedException.class, () -> OutputLocation.check(out, content));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  /** A site an earlier build wrote. */
  private static void oldSite(Path out) throws IOException {
    write(out.resolve(OutputLocation.MARKER), OutputLocation.MARKER_TEXT);
    write(out.resolve("old.html"), "old");
  }

  private static void write(Path p, String s) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
