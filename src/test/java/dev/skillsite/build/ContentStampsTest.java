package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content tree's stamps: after each kind of change the comparison names exactly the files that
 * changed (edited, added, deleted, replaced), none for an untouched tree, and sees an edit that
 * keeps both size and modification time when the stamp was racy (taken within 2 s of the edit).
 */
class ContentStampsTest {
  @TempDir Path tmp;
  private Path content;
  private Path site;
  private final FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

  @BeforeEach
  void tree() throws IOException {
    content = tmp.resolve("content");
    site = tmp.resolve("site");
    write("skills/a/SKILL.md", "---\nname: a\n---\nA.");
    write("skills/a/scripts/run.sh", "echo a");
    write("skills/b/SKILL.md", "---\nname: b\n---\nB.");
    write("skills/b/references/guide.md", "Guide.");
    write("skills/b/.hidden", "h");
    write(".git/HEAD", "ref: refs/heads/main");
    write("skillsite.yaml", "title: t");
    olden();
  }

  /** Everything an hour old: no stamp is racy. */
  private void olden() throws IOException {
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.sorted((x, y) -> y.compareTo(x)).toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
  }

  private Path write(String rel, String text) throws IOException {
    Path p = content.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private void stamp() throws IOException {
    ContentStamps.take(content).write(site);
  }

  private Set<String> changed() throws IOException {
    ContentStamps.Comparison c = ContentStamps.compare(site, content);
    assertTrue(c.changed().isPresent(), c.why());
    Set<String> rel = new TreeSet<>();
    Path root = content.toRealPath();
    for (Path p : c.changed().get()) {
      rel.add(root.relativize(p).toString().replace('\\', '/'));
    }
    c.now().orElseThrow().write(site); // as a patched build records them
    return rel;
  }

  @Test
  void anUntouchedTreeHasNoChangedFile() throws IOException {
    stamp();
    assertEquals(Set.of(), changed());
    assertEquals(Set.of(), changed());
    assertEquals(12, ContentStamps.take(content).entries()); // .git left out
  }

  @Test
  void editedAddedDeletedAndReplacedFilesAreNamed() throws IOException {
    stamp();
    write("skills/a/scripts/run.sh", "echo a; echo again");
    assertEquals(Set.of("skills/a/scripts/run.sh"), changed());

    write("skills/a/assets/logo.svg", "<svg/>");
    write("skills/a/notes.txt", "n");
    assertEquals(Set.of("skills/a/assets/logo.svg", "skills/a/notes.txt"), changed());

    Files.delete(content.resolve("skills/b/references/guide.md"));
    Files.delete(content.resolve("skills/b/references"));
    assertEquals(Set.of("skills/b/references/guide.md"), changed());

    write("skills/b/.hidden", "H");
    write(".git/index", "ignored");
    assertEquals(Set.of("skills/b/.hidden"), changed());
    assertEquals(Set.of(), changed());
  }

  @Test
  void aFileReplacedByACopyKeepingItsTimeAndSizeIsChanged() throws IOException {
    stamp();
    Path f = content.resolve("skills/a/scripts/run.sh");
    Path copy = tmp.resolve("run.sh");
    Files.writeString(copy, "echo b"); // same size
    Files.setLastModifiedTime(copy, hourAgo);
    Files.move(copy, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(f.getParent(), hourAgo); // even the folder's time set back
    assertEquals(Set.of("skills/a/scripts/run.sh"), changed()); // another file key
  }

  @Test
  void aRacyEditKeepingSizeAndTimeIsSeen() throws IOException {
    Path f = write("skills/a/scripts/run.sh", "echo 1");
    FileTime now = Files.getLastModifiedTime(f);
    stamp(); // within 2 s of the write: racy, so the content's digest is recorded
    Files.writeString(f, "echo 2"); // the same size, in place (the same file key)
    Files.setLastModifiedTime(f, now); // and the same time, as an edit in the same clock tick
    assertEquals(Set.of("skills/a/scripts/run.sh"), changed());
    assertEquals(Set.of(), changed());
  }

  @Test
  void aFolderWhoseTimeIsRacyIsListedAgain() throws IOException {
    Path dir = content.resolve("skills/a/scripts");
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
    stamp();
    FileTime was = Files.getLastModifiedTime(dir);
    write("skills/a/scripts/new.sh", "echo new");
    Files.setLastModifiedTime(dir, was); // a file added in the same clock tick
    assertEquals(Set.of("skills/a/scripts/new.sh"), changed());
  }

  @Test
  void aFileBecomingAFolderIsDeletedAndItsFilesAdded() throws IOException {
    stamp();
    Files.delete(content.resolve("skillsite.yaml"));
    write("skillsite.yaml/x.txt", "x");
    assertEquals(Set.of("skillsite.yaml", "skillsite.yaml/x.txt"), changed());
  }

  @Test
  void missingOrForeignStampsSayWhy() throws IOException {
    assertEquals(
        "no content stamps from the last build", ContentStamps.compare(site, content).why());
    stamp();
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    assertTrue(ContentStamps.compare(site, other).why().contains("another content folder"));
    Path file = site.resolve(ContentStamps.PATH);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 3));
    assertTrue(ContentStamps.compare(site, content).why().contains("damaged"));
  }

  @Test
  void manyChangesStopTheComparison() throws IOException {
    stamp();
    for (int i = 0; i <= ContentStamps.MAX_CHANGED; i++) {
      write("skills/a/many/" + i + ".txt", "x");
    }
    ContentStamps.Comparison c = ContentStamps.compare(site, content);
    assertTrue(c.changed().isEmpty());
    assertEquals("more than 1000 content files changed", c.why());
  }
}
