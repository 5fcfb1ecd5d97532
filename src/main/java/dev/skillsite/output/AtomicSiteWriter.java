package dev.skillsite.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a site beside its output folder and swaps it in at the end, so that readers and a killed
 * build only ever see the old site or the new one, whole.
 *
 * <p>The new site is written into {@code .<out>.staging-<id>} in the output folder's parent. {@link
 * #commit()} renames the old folder to {@code .<out>.old-<id>}, renames the staging folder to the
 * output name (two atomic renames on one file system), then deletes the old copy. A build killed
 * between the two renames leaves the old site in {@code .<out>.old-<id>}; the next build puts it
 * back before it starts. Nothing else is touched: only the output folder and these two siblings,
 * which carry its name.
 *
 * <p>Callers hold the output folder's {@link OutputLock} from {@link #begin} to {@link #close}: the
 * clean-up {@code begin} does would otherwise delete the staging folder of another build that is
 * still running.
 */
public final class AtomicSiteWriter implements AutoCloseable {
  private final Path out;
  private final Path staging;
  private final Path old;
  private boolean committed;

  private AtomicSiteWriter(Path out, String id) {
    this.out = out;
    String name = out.getFileName().toString();
    this.staging = out.resolveSibling("." + name + ".staging-" + id);
    this.old = out.resolveSibling("." + name + ".old-" + id);
  }

  /**
   * Recovers from an interrupted earlier build, then creates a staging folder holding only the
   * marker.
   */
  public static AtomicSiteWriter begin(OutputLocation location) throws IOException {
    Path out = location.out();
    Files.createDirectories(out.getParent());
    recover(out);
    AtomicSiteWriter w = new AtomicSiteWriter(out, UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectory(w.staging);
    Files.writeString(
        w.staging.resolve(OutputLocation.MARKER),
        OutputLocation.MARKER_TEXT,
        StandardCharsets.UTF_8);
    return w;
  }

  /** The folder to write the new site into. */
  public Path staging() {
    return staging;
  }

  /** Swaps the staged site in. */
  public void commit() throws IOException {
    boolean hadOld = Files.exists(out);
    if (hadOld) {
      Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    if (hadOld) {
      FileTrees.delete(old);
    }
  }

  /**
   * The files and folders synced to disk by publishing since the last call (a patch's count for
   * {@code --timings}).
   */
  public static long syncs() {
    return SiteJournal.counted();
  }

  /**
   * How publishing synced since the last call, for {@code --timings}: e.g. {@code 2 syncfs + 7
   * syncs}, or {@code 268 syncs}; with why the file system was not synced at once when it was not.
   */
  public static String syncNote() {
    long fs = FileSystemSync.fileSystemSyncs();
    long each = SiteJournal.counted();
    String why = FileSystemSync.note();
    return (fs > 0 ? fs + " syncfs + " : "") + each + " syncs" + (why.isEmpty() ? "" : ", " + why);
  }

  /** How a site was published by {@link #commit(Set)}. */
  public record Published(boolean inPlace, int replaced, int deleted) {}

  /**
   * Publishes the staged site, in which the files at {@code kept} are not staged because the
   * published ones are the new ones. When the update is small (at most an eighth of the site's
   * files replaced or deleted), it is made in place through a journal ({@link SiteJournal}): the
   * staged files that differ from the published ones are synced, the journal written, then each is
   * renamed over its published file and the published files the new site does not have are deleted.
   * Every file is at every moment wholly old or wholly new (a rename is atomic), and an update a
   * build was killed in is finished by the next build before anything else. Otherwise (a large
   * update, no published site, a published path in the way) the kept files are linked into the
   * staging folder and it is swapped in whole, as {@link #commit()} does.
   */
  public Published commit(Set<String> kept) throws IOException {
    return commit(kept, -1);
  }

  /** {@link #commit(Set)}, stopping as if killed after {@code killAfter} steps of an update. */
  Published commit(Set<String> kept, int killAfter) throws IOException {
    Optional<SiteJournal.Plan> plan = plan(kept);
    if (plan.isPresent()) {
      List<Path> toSync = new ArrayList<>();
      for (String p : plan.get().renames()) {
        toSync.add(staging.resolve(p));
      }
      SiteJournal.syncAll(toSync);
      boolean journaled;
      try {
        SiteJournal.write(out, plan.get());
        journaled = true;
      } catch (IOException e) {
        Files.deleteIfExists(SiteJournal.of(out)); // nothing was changed yet: swap instead
        journaled = false;
      }
      if (journaled) {
        committed = true; // from here the journal, not close(), owns the staging folder
        SiteJournal.apply(out, plan.get(), killAfter);
        return new Published(true, plan.get().renames().size(), plan.get().deletions().size());
      }
    }
    Path root = kept.isEmpty() ? out : out.toRealPath();
    for (String p : kept) {
      if (!out.resolve(p).toRealPath().startsWith(root)) {
        throw new IOException("a published file changed during the build: " + out.resolve(p));
      }
      Path at = staging.resolve(p);
      if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        continue; // staged after all (a file of static/ that replaces a generated one)
      }
      Files.createDirectories(at.getParent());
      try {
        Files.createLink(at, out.resolve(p));
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(out.resolve(p), at, LinkOption.NOFOLLOW_LINKS);
      }
    }
    UnchangedFiles.link(staging, out);
    commit();
    return new Published(false, 0, 0);
  }

  /**
   * Publishes a patch: exactly the files staged at {@code staged} (site paths; every other
   * published file stays as it is, unread) are renamed over the published ones through the journal,
   * as {@link #commit(Set)} does for a small update, so each file is at every moment wholly old or
   * wholly new and an update a build was killed in is finished by the next build. Nothing is
   * walked: the cost is that of the staged files.
   *
   * <p>The steps, and what a crash (or a power cut) at each leaves:
   *
   * <ol>
   *   <li>every staged file synced, on a few threads at once ({@link SiteJournal#syncAll}: the
   *       waits overlap; it returns only when all are durable). A crash here: the published site is
   *       untouched; the next build deletes the staging folder.
   *   <li>the journal written whole, synced, renamed into place, its folder synced. A crash before
   *       the rename: as above (a partial journal is a temporary file the next build deletes).
   *       After it: the journal names only durable staged files, and the next build finishes the
   *       update from it before anything else.
   *   <li>the deletions and renames, then every folder a rename wrote into synced (at once, as the
   *       files), then the journal deleted and its folder synced. A crash before the journal is
   *       gone: the next build replays the journal (each step idempotent), so a rename the disk had
   *       not yet kept is made again; after: every rename is durable.
   * </ol>
   *
   * @param killAfter steps after which to stop as if killed (tests); negative for none
   * @throws IOException when there is no published site or a published folder (or file) is in the
   *     way of a staged file; nothing was changed then
   */
  public Published patch(List<String> staged, int killAfter) throws IOException {
    return patch(staged, List.of(), killAfter);
  }

  /**
   * As {@link #patch(List, int)}, also deleting the published files at {@code deleted} (site paths;
   * those that are not there are left out) in the same journal: first the deletions, then the
   * renames, each finished by the next build when this one is killed.
   *
   * @throws IOException also when a path is both staged and deleted, or a deleted path is a folder
   */
  public Published patch(List<String> staged, List<String> deleted, int killAfter)
      throws IOException {
    return patch(staged, deleted, killAfter, null);
  }

  /**
   * As {@link #patch(List, List, int)}, with one sync of the file system ({@link FileSystemSync},
   * when {@link FileSystemSync#on()}) in place of an fsync a staged file, covering also the files
   * whose syncs {@code state} put off (the routing state's prepared commits, whose commit points
   * are renamed after this returns). The steps and what a crash at each leaves:
   *
   * <ol>
   *   <li>the journal written whole to its temporary name, unsynced; then every staged file, every
   *       file of {@code state} and that temporary journal made durable at once ({@link
   *       FileSystemSync#files}: one syncfs, else an fsync each); the files of {@code state} are no
   *       longer waiting. A crash here: the published site is untouched; the next build deletes the
   *       staging folder and the temporary journal.
   *   <li>the journal renamed into place, its folder synced: it names only durable files. As {@link
   *       #patch(List, List, int)} from here.
   *   <li>the deletions and renames, then the renamed-into folders made durable at once (one
   *       syncfs, else a sync each), then the journal deleted and its folder synced. A crash before
   *       the journal is gone: the next build replays it.
   * </ol>
   *
   * <p>{@code null} or off (the default; on with {@code -Dskillsite.syncfs=true}): {@link
   * #patch(List, List, int)}'s path, every staged file fsynced.
   */
  public Published patch(
      List<String> staged, List<String> deleted, int killAfter, FileSystemSync.Deferred state)
      throws IOException {
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("no published site to patch: " + out);
    }
    List<String> renames = new ArrayList<>(staged);
    Collections.sort(renames);
    List<String> deletions = new ArrayList<>();
    for (String p : new java.util.TreeSet<>(deleted)) {
      if (renames.contains(p)) {
        throw new IOException("a file is both staged and deleted: " + p);
      }
      Path at = out.resolve(p).normalize();
      if (!at.startsWith(out)) {
        throw new IOException("not in the published site: " + p);
      }
      if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("a published folder cannot be deleted by a patch: " + p);
      }
      if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        deletions.add(p);
      }
    }
    for (String p : renames) {
      if (Files.isDirectory(out.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("a published folder is in the way of " + p);
      }
      for (Path a = Path.of(p).getParent(); a != null; a = a.getParent()) {
        Path at = out.resolve(a.toString());
        if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("a published file is in the way of " + p);
        }
      }
    }
    List<Path> toSync = new ArrayList<>();
    for (String p : renames) {
      toSync.add(staging.resolve(p));
    }
    SiteJournal.Plan plan =
        new SiteJournal.Plan(staging.getFileName().toString(), deletions, renames);
    boolean fileSystem = state != null && FileSystemSync.on();
    if (fileSystem) {
      Path journal = SiteJournal.writeTemp(out, plan, false);
      List<Path> deferred = state.pending();
      toSync.addAll(deferred);
      toSync.add(journal);
      try {
        FileSystemSync.files(toSync); // all durable before the journal (and the state) names them
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(journal);
        throw e;
      }
      state.synced(deferred);
      SiteJournal.install(out, journal);
    } else {
      SiteJournal.syncAll(toSync); // every staged file durable before the journal names it
      SiteJournal.write(out, plan);
    }
    committed = true; // from here the journal, not close(), owns the staging folder
    SiteJournal.apply(out, plan, killAfter, fileSystem);
    return new Published(true, renames.size(), deletions.size());
  }

  /**
   * The in-place update that publishes the staged site, when it is small and nothing is in the way:
   * the staged files that are not the published file at their path (renamed over it), and the
   * published entries that are neither staged nor kept (deleted).
   */
  private Optional<SiteJournal.Plan> plan(Set<String> kept) throws IOException {
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Tree now = Tree.of(staging);
    Tree was = Tree.of(out);
    if (!now.other.isEmpty() || !was.regular.containsAll(kept)) {
      return Optional.empty(); // a link or special file staged, or a kept file is not there
    }
    List<String> renames = new ArrayList<>();
    for (String p : now.regular) {
      if (!was.regular.contains(p) || !same(staging.resolve(p), out.resolve(p))) {
        renames.add(p);
      }
    }
    List<String> deletions = new ArrayList<>();
    for (String p : was.regular) {
      if (!kept.contains(p) && !now.regular.contains(p)) {
        deletions.add(p);
      }
    }
    deletions.addAll(was.other); // a link or special file put there by hand: not the new site's
    int files = now.regular.size() + kept.size();
    // at least 128: a build rewrites some 60 files of state beside the pages an edit changes (the
    // routing state's and the published search index's segments), and a small site's swap saves
    // nothing
    if (renames.size() + deletions.size() > Math.max(128, files / 8)) {
      return Optional.empty();
    }
    for (String p : renames) {
      if (was.folders.contains(p)) {
        return Optional.empty(); // a published folder where a file goes
      }
      for (Path a = Path.of(p).getParent(); a != null; a = a.getParent()) {
        String ancestor = a.toString().replace('\\', '/');
        if (was.regular.contains(ancestor) || was.other.contains(ancestor)) {
          return Optional.empty(); // a published file (or link) where a folder goes
        }
      }
    }
    Collections.sort(renames);
    Collections.sort(deletions);
    return Optional.of(new SiteJournal.Plan(staging.getFileName().toString(), deletions, renames));
  }

  /** Whether two regular files hold the same bytes (or are the same file). */
  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b)
          || (Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1);
    } catch (IOException e) {
      return false;
    }
  }

  /** The entries of a folder by site path, not following links: files, others, folders. */
  private record Tree(Set<String> regular, Set<String> other, Set<String> folders) {
    static Tree of(Path root) throws IOException {
      Tree t = new Tree(new HashSet<>(), new HashSet<>(), new HashSet<>());
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root)) {
                t.folders.add(name(dir));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              (attrs.isRegularFile() ? t.regular : t.other).add(name(file));
              return FileVisitResult.CONTINUE;
            }

            private String name(Path p) {
              return root.relativize(p).toString().replace('\\', '/');
            }
          });
      return t;
    }
  }

  /** Deletes the staging folder unless the site was committed. */
  @Override
  public void close() throws IOException {
    if (!committed && Files.exists(staging)) {
      FileTrees.delete(staging);
    }
  }

  /**
   * Puts back a site left aside by a killed swap and removes stale staging folders of this output.
   */
  static void recover(Path out) throws IOException {
    SiteJournal.recover(out); // an update in place a build was killed in: finished first
    String name = out.getFileName().toString();
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(out.getParent(), "." + name + ".*")) {
      for (Path p : siblings) {
        String n = p.getFileName().toString();
        if (n.startsWith("." + name + ".old-") && !Files.exists(out)) {
          Files.move(p, out, StandardCopyOption.ATOMIC_MOVE);
        } else if (n.startsWith("." + name + ".old-") || n.startsWith("." + name + ".staging-")) {
          FileTrees.delete(p);
        }
      }
    }
  }
}
