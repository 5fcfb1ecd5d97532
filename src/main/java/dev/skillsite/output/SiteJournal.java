package dev.skillsite.output;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The journal of a site published in place ({@link AtomicSiteWriter#commit(Set)}): which files of
 * the staging folder replace the published ones and which published files go. It is written whole
 * (to a temporary name, synced, then renamed) only once every staged file is complete and synced,
 * so a journal on disk always describes an update that can be finished: a build killed during the
 * renames leaves it, and the next build finishes it ({@link #recover}) before it starts. Every step
 * is idempotent (a rename whose staged file is gone was done; a deletion of a missing file is
 * done).
 *
 * <p>The journal is {@code .<out>.journal} beside the output folder, like the staging folder.
 */
final class SiteJournal {
  private static final int MAGIC = 0x736b6a6e; // "skjn"
  private static final int VERSION = 1;
  private static final int MAX_ENTRIES = 1 << 24;

  /**
   * An update: the staging folder's name (a sibling of the output folder), the published files to
   * delete, the staged files to rename over the published ones (site paths).
   */
  record Plan(String staging, List<String> deletions, List<String> renames) {
    Plan {
      deletions = List.copyOf(deletions);
      renames = List.copyOf(renames);
    }
  }

  /** Stops an update after a number of steps: a test's stand-in for a killed build. */
  static final class Killed extends IOException {
    Killed() {
      super("killed mid-update (test)");
    }
  }

  private SiteJournal() {}

  /** The journal of the output folder {@code out}. */
  static Path of(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".journal");
  }

  /** Writes {@code plan} as the journal of {@code out}: whole, synced, then renamed into place. */
  static void write(Path out, Plan plan) throws IOException {
    install(out, writeTemp(out, plan, true));
  }

  /**
   * Writes {@code plan} whole to the journal's temporary name (synced when {@code sync}; else the
   * caller makes it durable before {@link #install}) and returns that path.
   */
  static Path writeTemp(Path out, Plan plan, boolean sync) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeUTF(plan.staging());
    data.writeInt(plan.deletions().size());
    for (String p : plan.deletions()) {
      data.writeUTF(p);
    }
    data.writeInt(plan.renames().size());
    for (String p : plan.renames()) {
      data.writeUTF(p);
    }
    data.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    data.writeLong(crc.getValue());
    data.flush();
    Path journal = of(out);
    Path tmp = journal.resolveSibling(journal.getFileName() + "-tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (sync) {
        ch.force(true);
        FileSystemSync.observer().fsynced(List.of(tmp));
      }
    }
    return tmp;
  }

  /**
   * Renames the journal written by {@link #writeTemp} (and durable) into place, then syncs its
   * folder: from here the update is the next build's to finish.
   */
  static void install(Path out, Path tmp) throws IOException {
    Path journal = of(out);
    FileSystemSync.observer().renaming(tmp, journal);
    Files.move(tmp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(journal.getParent());
  }

  /** The journal of {@code out}, when there is a whole one. */
  static Optional<Plan> read(Path out) {
    Path journal = of(out);
    try {
      if (!Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(journal);
      if (bytes.length < Long.BYTES) {
        return Optional.empty();
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - Long.BYTES);
      if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, 8).getLong()) {
        return Optional.empty();
      }
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        return Optional.empty();
      }
      String staging = in.readUTF();
      List<String> deletions = new ArrayList<>();
      for (int n = count(in); n > 0; n--) {
        deletions.add(in.readUTF());
      }
      List<String> renames = new ArrayList<>();
      for (int n = count(in); n > 0; n--) {
        renames.add(in.readUTF());
      }
      return Optional.of(new Plan(staging, deletions, renames));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Carries out {@code plan} on {@code out}: the deletions (and the folders they leave empty), then
   * the renames; then removes the journal and the staging folder.
   *
   * @param killAfter steps after which to stop as if killed (tests); negative for none
   */
  static void apply(Path out, Plan plan, int killAfter) throws IOException {
    apply(out, plan, killAfter, false);
  }

  /**
   * {@link #apply(Path, Plan, int)}; the renamed-into folders made durable by one sync of the file
   * system when {@code fileSystem} ({@link FileSystemSync#folders}), else a sync each.
   */
  static void apply(Path out, Plan plan, int killAfter, boolean fileSystem) throws IOException {
    Path staging = out.resolveSibling(plan.staging());
    int steps = 0;
    Set<Path> emptied = new LinkedHashSet<>();
    for (String p : plan.deletions()) {
      Path file = inside(out, p);
      Files.deleteIfExists(file);
      emptied.add(file.getParent());
      if (++steps == killAfter) {
        throw new Killed();
      }
    }
    for (Path folder : emptied) {
      pruneEmpty(out, folder);
    }
    Set<Path> touched = new LinkedHashSet<>();
    for (String p : plan.renames()) {
      Path from = inside(staging, p);
      Path to = inside(out, p);
      if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(to.getParent());
        FileSystemSync.observer().renaming(from, to);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        touched.add(to.getParent());
      }
      if (++steps == killAfter) {
        throw new Killed();
      }
    }
    // every rename durable before the journal that replays them goes
    if (fileSystem) {
      FileSystemSync.folders(touched);
    } else {
      syncFolders(touched);
    }
    FileSystemSync.observer().deleting(of(out));
    Files.deleteIfExists(of(out));
    syncFolder(out.getParent());
    if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.delete(staging);
    }
  }

  /** Finishes the update a killed build left in {@code out}'s journal, if any. */
  static void recover(Path out) throws IOException {
    Optional<Plan> plan = read(out);
    if (plan.isPresent()) {
      apply(out, plan.get(), -1);
    }
    Path journal = of(out);
    Files.deleteIfExists(journal); // a damaged one: its update never started (written whole first)
    Files.deleteIfExists(journal.resolveSibling(journal.getFileName() + "-tmp"));
  }

  /** Syncs a staged file's bytes to disk before the journal names it. */
  static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Files' syncs made on a few threads at once ({@link #syncAll}): a sync waits on the disk, not
   * the CPU, and a journaling file system commits syncs that wait together in one journal commit,
   * so a patch's hundred files cost a few commits' wait instead of a hundred. Off for the figures'
   * paired "before" ({@code -Dskillsite.parallelsync=false}: one after another).
   */
  static final boolean PARALLEL_SYNC =
      !"false".equals(System.getProperty("skillsite.parallelsync"));

  /** Threads syncing at once: enough waits to share a journal commit, few enough to be cheap. */
  private static final int SYNC_THREADS = 8;

  private static final class Syncers {
    static final java.util.concurrent.ExecutorService POOL =
        java.util.concurrent.Executors.newFixedThreadPool(
            SYNC_THREADS,
            r -> {
              Thread t = new Thread(r, "skillsite-sync");
              t.setDaemon(true);
              return t;
            });
  }

  /** Syncs made by {@link #syncAll} and {@link #syncFolders} since the last {@link #counted}. */
  private static final java.util.concurrent.atomic.AtomicLong SYNCS =
      new java.util.concurrent.atomic.AtomicLong();

  /** The syncs made since the last call (files and folders), for {@code --timings}. */
  static long counted() {
    return SYNCS.getAndSet(0);
  }

  /**
   * Syncs every file of {@code files} to disk and returns once all are synced (on {@link
   * #SYNC_THREADS} threads at once, {@link #PARALLEL_SYNC}); when one fails, waits for the others
   * and throws its exception. The caller's guarantee is the same as syncing them one by one: every
   * file is durable when this returns, and nothing that depends on them is written before.
   */
  static void syncAll(java.util.Collection<Path> files) throws IOException {
    syncEach(files);
    FileSystemSync.observer().fsynced(List.copyOf(files));
  }

  private static void syncEach(java.util.Collection<Path> files) throws IOException {
    SYNCS.addAndGet(files.size());
    if (!PARALLEL_SYNC || files.size() < 2) {
      for (Path f : files) {
        sync(f);
      }
      return;
    }
    List<java.util.concurrent.Future<?>> waits = new ArrayList<>();
    for (Path f : files) {
      waits.add(
          Syncers.POOL.submit(
              () -> {
                sync(f);
                return null;
              }));
    }
    IOException failed = null;
    for (java.util.concurrent.Future<?> w : waits) {
      try {
        w.get();
      } catch (java.util.concurrent.ExecutionException e) {
        IOException io =
            e.getCause() instanceof IOException x
                ? x
                : new IOException("sync failed", e.getCause());
        if (failed == null) {
          failed = io;
        } else {
          failed.addSuppressed(io);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while syncing");
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** {@link #syncFolder} of each folder, at once as {@link #syncAll}; best effort as it is. */
  static void syncFolders(java.util.Collection<Path> folders) {
    SYNCS.addAndGet(folders.size());
    if (!PARALLEL_SYNC || folders.size() < 2) {
      folders.forEach(SiteJournal::syncFolder);
      return;
    }
    List<java.util.concurrent.Future<?>> waits = new ArrayList<>();
    for (Path f : folders) {
      waits.add(Syncers.POOL.submit(() -> syncFolder(f)));
    }
    for (java.util.concurrent.Future<?> w : waits) {
      try {
        w.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // best effort, as syncFolder: the renames are atomic whatever happens here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Best effort: a folder's entries to disk (not every platform can open a folder). */
  private static void syncFolder(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
      FileSystemSync.observer().folderSynced(folder);
    } catch (IOException | RuntimeException e) {
      // not supported here: the renames are still atomic, only their durability is the system's
    }
  }

  /** Deletes {@code folder} and its parents while they are empty, never {@code out} itself. */
  private static void pruneEmpty(Path out, Path folder) throws IOException {
    Path f = folder;
    while (f != null && f.startsWith(out) && !f.equals(out)) {
      try {
        Files.deleteIfExists(f);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      f = f.getParent();
    }
  }

  private static Path inside(Path root, String sitePath) throws IOException {
    Path p = root.resolve(sitePath).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IOException("journal path leaves the folder: " + sitePath);
    }
    return p;
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_ENTRIES) {
      throw new IOException("bad count " + n);
    }
    return n;
  }
}
