package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.FileSystemSync;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of a patch's syncs and renames, as a power cut would judge it: a model of what the disk
 * holds durably ({@link Disk}) is told every sync and every rename of the publish ({@link
 * FileSystemSync#observe}) and checks that no commit point — the site's journal, a file it
 * publishes, a routing part's {@code segments_N}, the state file naming the parts' generations — is
 * renamed before the files it names are durable, and that no journal or replaced commit is deleted
 * before the renames that replace it are durable. Run on a real routing patch (a body edit inside
 * the routing window: the site's files, the export, all five parts of the routing state) with one
 * sync of the file system ({@link FileSystemSync#on()}), by its fallbacks ({@code sync -f} failing,
 * missing, the dirty bound), and by the default path, an fsync a file.
 */
class PublishSyncOrderTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");
  private static final long NO_BOUND = Long.MAX_VALUE / 1024;

  @TempDir Path tmp;

  @AfterEach
  void restore() {
    FileSystemSync.observe(null);
    FileSystemSync.forTests(null, -1);
  }

  @Test
  void oneSyncOfTheFileSystemMakesEveryFileDurableBeforeItsCommitPoint() throws IOException {
    FileSystemSync.forTests(null, NO_BOUND, true);
    Disk disk = patchObserved("one sync");
    assertTrue(disk.fileSystemSyncs >= 2, "the files' sync and the renames': " + disk);
    assertEquals(1, disk.fsyncedFiles, "no file fsynced one by one but the state file: " + disk);
  }

  /** The default path (off): every file fsynced, in an order the model accepts as well. */
  @Test
  void anFsyncEachMakesEveryFileDurableBeforeItsCommitPoint() throws IOException {
    FileSystemSync.forTests(null, NO_BOUND, false);
    Disk disk = patchObserved("an fsync each");
    assertEquals(0, disk.fileSystemSyncs, disk.toString());
    assertTrue(disk.fsyncedFiles > 20, disk.toString());
  }

  @Test
  void aSyncThatFailsFallsBackToAnFsyncEachInTheSameOrder() throws IOException {
    FileSystemSync.forTests(List.of("false"), NO_BOUND, true); // answers 1, as an error would
    Disk disk = patchObserved("sync -f fails");
    assertEquals(0, disk.fileSystemSyncs, disk.toString());
    assertTrue(disk.fsyncedFiles > 20, "the staged files and the state's: " + disk);
  }

  @Test
  void aMissingSyncCommandFallsBackToAnFsyncEach() throws IOException {
    FileSystemSync.forTests(List.of(tmp.resolve("no-such-sync").toString(), "-f"), NO_BOUND, true);
    Disk disk = patchObserved("no sync command");
    assertEquals(0, disk.fileSystemSyncs, disk.toString());
    assertTrue(disk.fsyncedFiles > 20, disk.toString());
  }

  @Test
  void moreDirtyBytesThanTheBoundFallBackToAnFsyncEach() throws IOException {
    FileSystemSync.forTests(null, 0, true); // the bound: the patch's own bytes
    // 64 MB of "a neighbour's" dirty pages, written just before the patch (write-back starts
    // after 30 s, or past the machine's background threshold, far above)
    Disk disk =
        patchObserved("dirty bound", () -> Files.write(tmp.resolve("ballast"), new byte[64 << 20]));
    assertTrue(disk.fsyncedFiles > 20, disk.toString());
  }

  /** The model catches a rename of a file not yet durable, and a journal deleted too soon. */
  @Test
  void theModelFailsARenameBeforeTheSync() throws IOException {
    Disk disk = new Disk(tmp);
    Path a = Files.writeString(tmp.resolve("a.tmp"), "a");
    disk.renaming(a, tmp.resolve("a"));
    assertEquals(1, disk.violations.size(), disk.violations.toString());
    disk.fsynced(List.of(a));
    disk.renaming(a, tmp.resolve("a"));
    assertEquals(1, disk.violations.size(), "synced first: " + disk.violations);
    disk.deleting(tmp.resolve(".site.journal"));
    assertEquals(2, disk.violations.size(), "the renames not yet durable: " + disk.violations);
    disk.folderSynced(tmp);
    disk.deleting(tmp.resolve(".site.journal"));
    assertEquals(2, disk.violations.size(), disk.violations.toString());
  }

  /** A whole build, then a routing patch observed by a {@link Disk}; its violations none. */
  private Disk patchObserved(String what) throws IOException {
    return patchObserved(what, () -> {});
  }

  private interface Step {
    void run() throws IOException;
  }

  private Disk patchObserved(String what, Step beforePatch) throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Path skill = content.resolve("skills/webapp-testing/SKILL.md");
    Files.writeString(skill, "\nA line for the sync's order.\n", StandardOpenOption.APPEND);
    beforePatch.run();
    Disk disk = new Disk(tmp);
    FileSystemSync.observe(disk);
    BuildResult r = run(content, out, Optional.of(List.of(skill)));
    FileSystemSync.observe(null);
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(disk.renames > 10, what + ": the site's and the state's renames seen: " + disk);
    assertTrue(disk.luceneCommits >= 5, what + ": every part's commit seen: " + disk);
    assertTrue(disk.stateFiles == 1, what + ": the state file seen: " + disk);
    assertEquals(List.of(), disk.violations, what);
    return disk;
  }

  private static BuildResult run(Path content, Path site, Optional<List<Path>> changed)
      throws IOException {
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), changed);
    assertTrue(r.published());
    return r;
  }

  /**
   * What a power cut would leave, pessimistically: a file's bytes are durable only once a sync
   * covered them after they were last written (an fsync of it, or a sync of the file system); a
   * rename, only once its folder was synced (or the file system) after it.
   */
  static final class Disk implements FileSystemSync.Observer {
    private final Path root;
    private final Set<String> durable = new HashSet<>();
    private final Set<Path> renamedNotDurable = new LinkedHashSet<>();
    final List<String> violations = new ArrayList<>();
    int fileSystemSyncs;
    int fsyncedFiles;
    int renames;
    int luceneCommits;
    int stateFiles;

    Disk(Path root) {
      this.root = root;
    }

    @Override
    public synchronized void fsynced(Collection<Path> files) {
      for (Path f : files) {
        if (Files.isDirectory(f)) {
          folderSynced(f);
        } else {
          fsyncedFiles++;
          durable.add(version(f));
        }
      }
    }

    @Override
    public synchronized void folderSynced(Path folder) {
      renamedNotDurable.removeIf(p -> folder.equals(p.getParent()));
    }

    @Override
    public synchronized void fileSystemSynced(Path at) {
      fileSystemSyncs++;
      try (Stream<Path> all = Files.walk(root)) {
        all.filter(Files::isRegularFile).forEach(f -> durable.add(version(f)));
      } catch (IOException e) {
        violations.add("walk: " + e);
      }
      renamedNotDurable.clear();
    }

    @Override
    public synchronized void renaming(Path from, Path to) {
      renames++;
      String name = to.getFileName().toString();
      need(from, "renamed to " + to);
      if (name.endsWith(".journal")) {
        try (Stream<Path> siblings = Files.list(to.getParent())) {
          for (Path staging :
              siblings.filter(p -> p.getFileName().toString().contains(".staging-")).toList()) {
            try (Stream<Path> staged = Files.walk(staging)) {
              staged
                  .filter(Files::isRegularFile)
                  .filter(f -> !f.getFileName().toString().equals(OutputLocation.MARKER))
                  .forEach(f -> need(f, "staged, named by " + to)); // the marker is not published
            }
          }
        } catch (IOException e) {
          violations.add("staging: " + e);
        }
      } else if (from.getFileName().toString().startsWith("pending_segments_")) {
        luceneCommits++;
        long gen = SegmentInfos.generationFromSegmentsFileName(name);
        try (Directory d = FSDirectory.open(to.getParent());
            ChecksumIndexInput in =
                d.openChecksumInput(from.getFileName().toString(), IOContext.READONCE)) {
          for (String f : SegmentInfos.readCommit(d, in, gen).files(false)) {
            need(to.getParent().resolve(f), "named by " + to);
          }
        } catch (IOException | RuntimeException e) {
          violations.add("commit " + from + ": " + e);
        }
      } else if (name.equals("state.properties")) {
        stateFiles++;
        renamedNotDurable.stream()
            .filter(p -> p.getFileName().toString().startsWith("segments_"))
            .forEach(p -> violations.add("state file renamed before the commit " + p));
      }
      renamedNotDurable.add(to);
    }

    @Override
    public synchronized void deleting(Path file) {
      Path folder = file.getParent();
      String name = file.getFileName().toString();
      if (name.endsWith(".journal")) {
        // the journal replays the renames: it goes once they are durable
        renamedNotDurable.stream()
            .filter(p -> !p.getFileName().toString().endsWith(".journal"))
            .forEach(p -> violations.add("journal deleted before the rename to " + p));
      } else if (renamedNotDurable.stream().anyMatch(p -> folder.equals(p.getParent()))) {
        violations.add(file + " deleted before the commit that replaced it was durable");
      }
    }

    private void need(Path f, String why) {
      if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !durable.contains(version(f))) {
        violations.add(f + " not durable, " + why);
      }
    }

    /** The file's identity and bytes' version: its inode, size and modification time. */
    private static String version(Path f) {
      try {
        BasicFileAttributes a =
            Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toInstant();
      } catch (IOException e) {
        return "gone:" + f;
      }
    }

    @Override
    public synchronized String toString() {
      return fileSystemSyncs
          + " syncfs, "
          + fsyncedFiles
          + " files fsynced, "
          + renames
          + " renames, "
          + luceneCommits
          + " commits, "
          + violations.size()
          + " violations";
    }
  }
}
