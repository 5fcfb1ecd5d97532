package dev.skillsite.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
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

  /**
   * A small update is made in place: the output folder and its unchanged files stay the same files,
   * changed ones are replaced, files the new site lacks are deleted (and folders emptied).
   */
  @Test
  void aSmallUpdateIsMadeInPlaceAndLeavesTheRestAlone() throws IOException {
    Path out = tmp.resolve("site");
    publishedSite(out);
    Object folder = key(out);
    Object unchanged = key(out.resolve("a.html"));
    AtomicSiteWriter.Published how;
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
      stageUpdate(w);
      assertEquals("b", Files.readString(out.resolve("b.html")), "nothing published before");
      how = w.commit(Set.of("a.html", "dir/d.html"));
    }
    assertEquals(new AtomicSiteWriter.Published(true, 2, 2), how);
    assertUpdated(out);
    assertEquals(folder, key(out), "the output folder itself stays");
    assertEquals(unchanged, key(out.resolve("a.html")), "an unchanged file is not touched");
    assertEquals(List.of("site"), names(tmp), "no staging folder or journal left");
  }

  /**
   * A build killed among the renames of an update in place leaves a journal; the next build
   * finishes the update before it starts, and every file was wholly old or new throughout.
   */
  @Test
  void anUpdateKilledMidwayIsFinishedByTheNextBuild() throws IOException {
    for (int steps = 1; steps <= 3; steps++) {
      Path out = tmp.resolve("site" + steps);
      publishedSite(out);
      try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
        stageUpdate(w);
        int at = steps;
        assertThrows(SiteJournal.Killed.class, () -> w.commit(Set.of("a.html", "dir/d.html"), at));
      }
      assertTrue(Files.exists(SiteJournal.of(out)), "the journal stays for the next build");
      for (String f : List.of("a.html", "b.html")) {
        String text = Files.readString(out.resolve(f));
        assertTrue(List.of("a", "b", "new b").contains(text), f + " is whole: " + text);
      }
      try (AtomicSiteWriter next = AtomicSiteWriter.begin(location(out))) {
        assertUpdated(out);
        assertFalse(Files.exists(SiteJournal.of(out)));
      }
      assertUpdated(out);
    }
    assertEquals(List.of("site1", "site2", "site3"), names(tmp));
  }

  /** A damaged journal (it is written whole before any change, so never half) changes nothing. */
  @Test
  void aDamagedJournalIsDroppedAndTheSiteLeftAsItIs() throws IOException {
    Path out = tmp.resolve("site");
    publishedSite(out);
    write(SiteJournal.of(out), "not a journal");
    write(tmp.resolve(".site.staging-1234abcd/b.html"), "half");
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
      assertEquals("b", Files.readString(out.resolve("b.html")));
    }
    assertEquals(List.of("site"), names(tmp));
  }

  /** A large update swaps the whole folder, the kept files linked into it. */
  @Test
  void aLargeUpdateSwapsTheFolderWithTheKeptFilesIn() throws IOException {
    Path out = tmp.resolve("site");
    publishedSite(out);
    Object unchanged = key(out.resolve("a.html"));
    AtomicSiteWriter.Published how;
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
      stageUpdate(w);
      for (int i = 0; i < 140; i++) {
        write(w.staging().resolve("many/" + i + ".html"), "p" + i);
      }
      how = w.commit(Set.of("a.html", "dir/d.html"));
    }
    assertFalse(how.inPlace());
    assertUpdated(out);
    assertEquals(unchanged, key(out.resolve("a.html")), "kept as a link to the same file");
    assertEquals(List.of("site"), names(tmp));
  }

  @Test
  void aPatchDeletesAndRenamesInOneJournal() throws IOException {
    Path out = tmp.resolve("site");
    publishedSite(out);
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
      write(w.staging().resolve("b.html"), "new b");
      assertThrows(
          IOException.class,
          () -> w.patch(List.of("b.html"), List.of("b.html"), -1),
          "staged and deleted");
      assertThrows(IOException.class, () -> w.patch(List.of("b.html"), List.of("dir"), -1));
      assertEquals("b", Files.readString(out.resolve("b.html")), "refused before any change");
    }
    for (int kill = 1; kill <= 3; kill++) {
      Path site = tmp.resolve("site-" + kill);
      publishedSite(site);
      try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(site))) {
        write(w.staging().resolve("b.html"), "new b");
        int k = kill;
        AtomicSiteWriter.Published how =
            k == 3
                ? w.patch(List.of("b.html"), List.of("c.html", "gone/e.html", "missing.html"), -1)
                : null;
        if (k < 3) {
          assertThrows(
              IOException.class,
              () -> w.patch(List.of("b.html"), List.of("c.html", "gone/e.html"), k));
        } else {
          assertEquals(1, how.replaced());
          assertEquals(2, how.deleted(), "a path not published is left out");
        }
      }
      try (AtomicSiteWriter next = AtomicSiteWriter.begin(location(site))) {
        // finishes a killed patch
      }
      assertEquals("new b", Files.readString(site.resolve("b.html")), "kill " + kill);
      assertEquals("a", Files.readString(site.resolve("a.html")));
      assertFalse(Files.exists(site.resolve("c.html")), "kill " + kill);
      assertFalse(Files.exists(site.resolve("gone")), "kill " + kill);
    }
  }

  /**
   * A patch of many files in many folders, synced on several threads at once ({@link
   * SiteJournal#syncAll}): every file published, each file and folder synced once; and when one
   * staged file cannot be synced (gone), the patch fails before the journal: the published site is
   * as it was, no journal is left, whatever the other syncs did.
   */
  @Test
  void aPatchSyncsItsFilesAtOnceAndNoJournalWhenOneFails() throws IOException {
    Path out = tmp.resolve("site");
    publishedSite(out);
    List<String> staged = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      staged.add("f" + (i % 5) + "/p" + i + ".html");
    }
    staged.add("b.html");
    AtomicSiteWriter.syncs();
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(out))) {
      for (String p : staged) {
        write(w.staging().resolve(p), "new " + p);
      }
      AtomicSiteWriter.syncs(); // the marker and the recovery before: not the patch's
      assertEquals(41, w.patch(staged, -1).replaced());
    }
    // 41 files, then the journal's folder once for the journal written and once for it gone (not
    // counted: SiteJournal.write and apply sync it apart), and the 6 folders renamed into
    assertEquals(41 + 6, AtomicSiteWriter.syncs(), "each staged file and folder synced once");
    for (String p : staged) {
      assertEquals("new " + p, Files.readString(out.resolve(p)), p);
    }
    assertEquals("a", Files.readString(out.resolve("a.html")));

    Path site = tmp.resolve("site-failing");
    publishedSite(site);
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(location(site))) {
      for (String p : staged) {
        write(w.staging().resolve(p), "new " + p);
      }
      Files.delete(w.staging().resolve("f3/p13.html")); // a staged file that cannot be synced
      assertThrows(IOException.class, () -> w.patch(staged, -1));
      assertFalse(Files.exists(SiteJournal.of(site)), "no journal: nothing to finish");
    }
    assertEquals("b", Files.readString(site.resolve("b.html")), "the published site as it was");
    assertFalse(Files.exists(site.resolve("f0")));
  }

  private OutputLocation location(Path out) throws IOException {
    return OutputLocation.check(out, tmp.resolve("content"));
  }

  /** A published site: a (to keep), b (to change), c and gone/e (to delete), dir/d (to keep). */
  private static void publishedSite(Path out) throws IOException {
    oldSite(out);
    Files.delete(out.resolve("old.html"));
    write(out.resolve("a.html"), "a");
    write(out.resolve("b.html"), "b");
    write(out.resolve("c.html"), "c");
    write(out.resolve("gone/e.html"), "e");
    write(out.resolve("dir/d.html"), "d");
  }

  /** Stages the new b and a new file; a and dir/d are kept. */
  private static void stageUpdate(AtomicSiteWriter w) throws IOException {
    write(w.staging().resolve("b.html"), "new b");
    write(w.staging().resolve("new/f.html"), "f");
  }

  private static void assertUpdated(Path out) throws IOException {
    assertEquals("a", Files.readString(out.resolve("a.html")));
    assertEquals("new b", Files.readString(out.resolve("b.html")));
    assertEquals("d", Files.readString(out.resolve("dir/d.html")));
    assertEquals("f", Files.readString(out.resolve("new/f.html")));
    assertFalse(Files.exists(out.resolve("c.html")));
    assertFalse(Files.exists(out.resolve("gone")), "a folder the deletions emptied goes too");
  }

  private static Object key(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
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
