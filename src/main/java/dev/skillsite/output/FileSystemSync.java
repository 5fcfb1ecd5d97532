package dev.skillsite.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A patch's files made durable by one sync of their file system ({@code syncfs(2)}, through
 * coreutils' {@code sync -f}: Java has no call for it) instead of an {@code fsync} a file: on a
 * journaling file system each fsync waits for a journal commit of its own, and a patch's few
 * hundred files (the site's staged pages, the routing state's prepared segments) wait for a few
 * hundred commits one after another; a syncfs writes back every dirty page of the file system and
 * commits the journal once.
 *
 * <p>The guarantee is the fsyncs': when {@link #files} returns, every file it was given is durable,
 * and the caller renames a commit point that names them only after. What differs:
 *
 * <ul>
 *   <li>a syncfs also writes back every other dirty page of the file system, other processes' too:
 *       when the machine's dirty total ({@code /proc/meminfo} Dirty + Writeback) is more than these
 *       files' bytes and {@link #BYTES_PER_FSYNC} a file, the fsyncs are made instead (a busy
 *       neighbour, or the whole build this process just wrote);
 *   <li>errors: syncfs reports a write-back error of the file system (Linux 5.8 and later). When
 *       {@code sync -f} fails, cannot start or is not there, the files are fsynced one by one as
 *       before, which reports any error of theirs (a write-back error stays unseen on the file for
 *       its next fsync): the publish fails only for an error of its own files, and never passes one
 *       silently.
 * </ul>
 *
 * <p>On with {@code -Dskillsite.syncfs=true} (Linux only); off, the default, fsyncs as before.
 */
public final class FileSystemSync {
  private static final boolean LINUX =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  /**
   * One syncfs for a patch's files, instead of an fsync a file (Linux only): on with {@code
   * -Dskillsite.syncfs=true}. Off by default: on a file system other processes write to, the syncfs
   * waits for their pages too, and session 15's pairs found it slower there (notes).
   */
  private static volatile boolean on =
      "true".equals(System.getProperty("skillsite.syncfs")) && LINUX;

  /** Whether a patch's files are synced by one syncfs ({@code -Dskillsite.syncfs=true}). */
  public static boolean on() {
    return on;
  }

  /**
   * The dirty bytes a file's fsync is worth: a syncfs is taken while the machine's dirty total is
   * at most the files' bytes and this much a file. An fsync here waits 0.7–2.3 ms (a journal
   * commit; 20 KB files, quiet to loaded, session 15's notes) and the disk writes ~144 MB/s, so one
   * fsync's wait writes 100–330 KB; 256 KB, chosen from that measure, not from the patch figures.
   */
  static final long BYTES_PER_FSYNC = Long.getLong("skillsite.syncfs.bytesPerFsync", 256L * 1024);

  private static volatile long bytesPerFsync = BYTES_PER_FSYNC;

  /**
   * Tests: the command run in place of {@code sync -f} and the dirty bytes a file's fsync is worth
   * ({@link #BYTES_PER_FSYNC}); {@code null} and a negative bound restore them.
   */
  public static void forTests(List<String> syncCommand, long dirtyPerFile) {
    forTests(syncCommand, dirtyPerFile, "true".equals(System.getProperty("skillsite.syncfs")));
  }

  /** Tests: as {@link #forTests(List, long)}, the syncfs path on or off ({@link #on()}). */
  public static void forTests(List<String> syncCommand, long dirtyPerFile, boolean syncfs) {
    on = syncfs && LINUX;
    command = syncCommand == null ? List.of("sync", "-f") : List.copyOf(syncCommand);
    bytesPerFsync = dirtyPerFile < 0 ? BYTES_PER_FSYNC : dirtyPerFile;
    unavailable = null;
  }

  /** The command that syncs the file systems of the paths appended to it. */
  private static volatile List<String> command = List.of("sync", "-f");

  /** Tests: told each sync made and each rename of a commit point, in order. */
  public interface Observer {
    /** Files fsynced one by one (returned: each durable). */
    default void fsynced(Collection<Path> files) {}

    /** Folders' entries fsynced. */
    default void folderSynced(Path folder) {}

    /** One sync of the whole file system holding {@code at}. */
    default void fileSystemSynced(Path at) {}

    /** A rename about to be made: the commit point {@code to}, or a file published by it. */
    default void renaming(Path from, Path to) {}

    /** A file about to be deleted (a journal once its update is done, a replaced commit). */
    default void deleting(Path file) {}
  }

  private static volatile Observer observer = new Observer() {};

  /** Tests: observes the syncs and renames; {@code null} for none. */
  public static void observe(Observer o) {
    observer = o == null ? new Observer() {} : o;
  }

  /** The observer ({@link #observe}); one that does nothing by default. */
  public static Observer observer() {
    return observer;
  }

  /**
   * Why the last {@link #files} did not sync the file system, since the last call; "" when it did.
   */
  private static volatile String lastNote = "";

  private static final java.util.concurrent.atomic.AtomicLong FILE_SYSTEM_SYNCS =
      new java.util.concurrent.atomic.AtomicLong();

  /** The syncfs calls made since the last call, for {@code --timings}. */
  static long fileSystemSyncs() {
    return FILE_SYSTEM_SYNCS.getAndSet(0);
  }

  /** Why a patch's files were fsynced rather than synced at once, since the last call; or "". */
  static String note() {
    String n = lastNote;
    lastNote = "";
    return n;
  }

  /** Set when {@code sync -f} cannot start: not tried again in this process. */
  private static volatile String unavailable;

  private FileSystemSync() {}

  /**
   * Makes every file of {@code files} durable: one sync of each file system holding them ({@link
   * #on()}, the dirty total within bounds, {@code sync -f} there and answering 0), else an fsync
   * each ({@link SiteJournal#syncAll}). Throws when a file is not there (before any sync) or when
   * its fsync fails.
   */
  static void files(Collection<Path> files) throws IOException {
    if (files.isEmpty()) {
      return;
    }
    if (!on) {
      fsyncEach(files);
      return;
    }
    Map<Object, Path> byDevice = new LinkedHashMap<>();
    long bytes = 0;
    for (Path f : files) {
      Map<String, Object> a = Files.readAttributes(f, "unix:dev,size"); // throws when gone
      byDevice.putIfAbsent(a.get("dev"), f);
      bytes += ((Number) a.get("size")).longValue();
    }
    String why = fileSystems(byDevice.values(), bytes + bytesPerFsync * files.size());
    if (why.isEmpty()) {
      return;
    }
    lastNote = why;
    fsyncEach(files);
  }

  /**
   * Makes the entries of every folder of {@code folders} durable: one sync of their file systems as
   * {@link #files}, else an fsync each, best effort as {@link SiteJournal#syncFolders}.
   */
  static void folders(Collection<Path> folders) {
    if (folders.isEmpty()) {
      return;
    }
    if (on) {
      Map<Object, Path> byDevice = new LinkedHashMap<>();
      try {
        for (Path f : folders) {
          byDevice.putIfAbsent(Files.getAttribute(f, "unix:dev"), f);
        }
        String why = fileSystems(byDevice.values(), bytesPerFsync * folders.size());
        if (why.isEmpty()) {
          return;
        }
        lastNote = why;
      } catch (IOException | RuntimeException e) {
        lastNote = "a folder's file system: " + e.getMessage();
      }
    }
    SiteJournal.syncFolders(folders); // observed there
  }

  private static void fsyncEach(Collection<Path> files) throws IOException {
    SiteJournal.syncAll(files); // observed there
  }

  /**
   * One {@code sync -f} of the file systems holding {@code paths} (one path each); "" when it
   * answered 0, else why not (then nothing is known durable). Not tried when the dirty total is
   * over {@code bound} bytes.
   */
  private static String fileSystems(Collection<Path> paths, long bound) {
    if (unavailable != null) {
      return unavailable;
    }
    long dirty = dirtyBytes();
    if (dirty > bound) {
      return "dirty " + dirty / 1024 + " KB > " + bound / 1024 + " KB: fsynced";
    }
    List<String> cmd = new ArrayList<>(command);
    cmd.set(0, resolved(cmd.get(0)));
    paths.forEach(p -> cmd.add(p.toString()));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException | RuntimeException e) {
      unavailable = "`" + String.join(" ", command) + "` cannot start: fsynced";
      return unavailable;
    }
    try {
      p.getOutputStream().close();
      byte[] said = p.getInputStream().readAllBytes();
      int rc = p.waitFor();
      if (rc != 0) {
        return "`"
            + String.join(" ", command)
            + "` answered "
            + rc
            + ": "
            + new String(said, StandardCharsets.UTF_8).strip().replaceAll("[()\\[\\]\\s]+", " ")
            + ": fsynced";
      }
    } catch (IOException e) {
      p.destroy();
      return "`" + String.join(" ", command) + "`: " + e.getMessage() + ": fsynced";
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      return "interrupted while syncing: fsynced";
    }
    FILE_SYSTEM_SYNCS.incrementAndGet();
    paths.forEach(observer::fileSystemSynced);
    return "";
  }

  /** {@code name} found on the PATH once (not looked up in each folder at each call), or as is. */
  private static String resolved(String name) {
    if (name.contains("/")) {
      return name;
    }
    return RESOLVED.computeIfAbsent(
        name,
        n -> {
          for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path at = Path.of(dir.isEmpty() ? "." : dir, n);
            if (Files.isRegularFile(at) && Files.isExecutable(at)) {
              return at.toString();
            }
          }
          return n;
        });
  }

  private static final Map<String, String> RESOLVED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The machine's dirty and in-writeback bytes ({@code /proc/meminfo}); 0 when unknown. */
  static long dirtyBytes() {
    try {
      long kb = 0;
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
          kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return kb * 1024;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The syncs a writer put off ({@link #on()}): the files it would have fsynced before a commit
   * point, to be made durable by the caller's one sync ({@link AtomicSiteWriter#patch(List, List,
   * int, Deferred)}) — or by {@link #syncNow} before the writer renames a commit point that names
   * them, whichever comes first. A commit point is never renamed over files not yet durable.
   */
  public static final class Deferred {
    private final Set<Path> pending = new LinkedHashSet<>();
    private final boolean active = on;

    /** Whether syncs are put off into this ({@link #on()} when it was made). */
    public boolean active() {
      return active;
    }

    /** Puts off the fsync of {@code file}. */
    public synchronized void add(Path file) {
      pending.add(file);
    }

    /** {@code file} is being deleted (a dropped commit's): nothing to sync. */
    public synchronized void forget(Path file) {
      pending.remove(file);
    }

    /** Whether no file is waiting for its sync. */
    public synchronized boolean isEmpty() {
      return pending.isEmpty();
    }

    /**
     * Makes every file still waiting durable (an fsync each, at once), before a rename of a commit
     * point; once done they are no longer waiting.
     */
    public synchronized void syncNow() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      List<Path> now = List.copyOf(pending);
      fsyncEach(now);
      pending.removeAll(now);
    }

    synchronized List<Path> pending() {
      return List.copyOf(pending);
    }

    synchronized void synced(Collection<Path> files) {
      pending.removeAll(files);
    }
  }
}
