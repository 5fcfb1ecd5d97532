package dev.skillsite.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One writer per output folder: a lock file beside it, {@code .<out>.lock}, held by the build (or
 * the watching server) that writes the folder, and deleted when it is done.
 *
 * <p>The lock is the operating system's lock on that file ({@link FileChannel#tryLock}), so a
 * killed owner holds nothing and its left-over file is taken over at once; the file says who holds
 * it ({@link Owner}: pid, the process's start time, the command) for the message a second writer
 * prints. Within one JVM the same file lock keeps two builds apart too. On a file system without
 * locks, the file alone decides: it is stale when its pid is dead or belongs to a process started
 * at another time (the pid was reused).
 *
 * <p>A second writer waits, up to a bound, for a build to finish; a watching server ({@code serve
 * --watch}) keeps the folder until it is stopped, so waiting for it is pointless and the writer is
 * refused at once.
 */
public final class OutputLock implements AutoCloseable {
  /** The command that keeps an output folder until it is stopped. */
  public static final String WATCH = "serve --watch";

  /** The other one: a watching builder that serves nothing. */
  public static final String BUILD_WATCH = "build --watch";

  private static final long POLL_MILLIS = 50;

  /** Thrown when another writer holds the output folder; the CLI maps it to exit code 2. */
  public static final class HeldException extends IOException {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /** Held until closed: a lock taken, or nothing when the caller already held it. */
  public interface Hold extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /**
   * How a build takes the lock of its output folder.
   *
   * @param command what the lock file says the owner is doing ({@code build}, {@code serve})
   * @param patience how long to wait for another build to finish
   * @param notice told once when the build starts to wait, with a sentence naming the owner
   * @param held a lock the caller already holds (a watching server's): its folder is not locked
   *     again
   */
  public record Policy(
      String command, Duration patience, Consumer<String> notice, Optional<OutputLock> held) {
    /** How long a build waits by default: long enough for another build of a large collection. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

    /** A build that waits {@link #DEFAULT_WAIT} silently. */
    public static Policy build() {
      return new Policy("build", DEFAULT_WAIT, s -> {}, Optional.empty());
    }

    public Policy holding(OutputLock lock) {
      return new Policy(command, patience, notice, Optional.of(lock));
    }

    /** Takes the lock of {@code out} unless it is held already. */
    public Hold take(Path out) throws IOException {
      if (held.isPresent() && held.get().covers(out)) {
        return () -> {};
      }
      return acquire(out, command, patience, notice)::close;
    }
  }

  /**
   * The lock files this JVM holds. A process-wide table on purpose, as the operating system's locks
   * are per process: two builds of one JVM must not both open the file (see {@link #tryOnce}).
   */
  private static final Map<Path, OutputLock> HELD = new HashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final Optional<FileLock> lock;
  private final Owner owner;

  private OutputLock(Path file, FileChannel channel, Optional<FileLock> lock, Owner owner) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.owner = owner;
  }

  /**
   * The lock file of the output folder {@code out} (absolute, normalised): {@code .<name>.lock}
   * beside it.
   */
  static Path fileOf(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code out} for {@code command}, waiting up to {@code wait} while another
   * build holds it.
   *
   * @param notice told once, with a sentence naming the owner, when this call starts to wait
   * @throws HeldException when the folder is still held after {@code wait}, or held by a watching
   *     server
   */
  public static OutputLock acquire(Path out, String command, Duration wait, Consumer<String> notice)
      throws IOException {
    Path o = out.toAbsolutePath().normalize();
    Files.createDirectories(o.getParent());
    Path file =
        o.getParent().toRealPath().resolve(fileOf(o).getFileName()); // one key per folder for HELD
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (true) {
      Optional<OutputLock> got = tryOnce(file, command);
      if (got.isPresent()) {
        return got.get();
      }
      Optional<Owner> owner = ownerOf(file);
      String who = owner.map(Owner::describe).orElse("another skillsite process");
      if (owner
          .map(w -> w.command().equals(WATCH) || w.command().equals(BUILD_WATCH))
          .orElse(false)) {
        throw new HeldException(
            "output folder "
                + out
                + " is kept by "
                + who
                + ", which rebuilds it on every save; stop it, or build into another folder with --out");
      }
      if (System.nanoTime() >= deadline) {
        throw new HeldException(
            "output folder "
                + out
                + " is being written by "
                + who
                + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
                + "; try again when it is done, or build into another"
                + " folder with --out (lock: "
                + file
                + ")");
      }
      if (!told) {
        notice.accept("waiting for " + who + " to finish writing " + out);
        told = true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HeldException(
            "interrupted while waiting for " + who + " to finish writing " + out);
      }
    }
  }

  /** Takes the lock if nobody holds it. */
  private static Optional<OutputLock> tryOnce(Path file, String command) throws IOException {
    // POSIX drops every lock a process holds on a file when it closes any descriptor of that file:
    // within this
    // JVM, a held lock file is never opened again (its owner is known from HELD instead)
    synchronized (HELD) {
      while (true) {
        if (HELD.containsKey(file)) {
          return Optional.empty();
        }
        Optional<Object> before = identity(file);
        if (before.isEmpty()) { // no lock file: create one, then lock whatever the path names
          try {
            Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                .close();
          } catch (FileAlreadyExistsException e) {
            // another writer's, just made
          }
          continue;
        }
        FileChannel ch;
        try {
          ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // released and deleted meanwhile
        }
        Optional<FileLock> lock;
        try {
          FileLock l = ch.tryLock();
          if (l == null) {
            ch.close();
            return Optional.empty();
          }
          lock = Optional.of(l);
        } catch (IOException e) { // no locks on this file system: the file's owner decides
          if (Owner.read(file).map(Owner::alive).orElse(false)) {
            ch.close();
            return Optional.empty();
          }
          lock = Optional.empty();
        }
        // an owner deletes the file before it releases it: a lock taken on a file that is no longer
        // the one at
        // the path counts for nothing (the channel keeps its file, so its identity cannot have been
        // reused)
        if (!identity(file).equals(before)) {
          if (lock.isPresent()) {
            lock.get().release();
          }
          ch.close();
          continue;
        }
        Owner owner = Owner.current(command);
        try {
          ch.truncate(0);
          ch.write(ByteBuffer.wrap(owner.text().getBytes(StandardCharsets.UTF_8)), 0);
          ch.force(false);
        } catch (IOException e) {
          ch.close();
          throw e;
        }
        OutputLock held = new OutputLock(file, ch, lock, owner);
        HELD.put(file, held);
        return Optional.of(held);
      }
    }
  }

  /**
   * The file system's identity of the file at {@code file} (device and inode), read without opening
   * it.
   */
  private static Optional<Object> identity(Path file) throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink() || !a.isRegularFile()) {
        throw new FileSystemException(file.toString(), null, "lock file is not a regular file");
      }
      return Optional.of(a.fileKey() == null ? "" : a.fileKey());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Who holds {@code file}: this JVM's own record, else what the file says. */
  private static Optional<Owner> ownerOf(Path file) {
    synchronized (HELD) {
      OutputLock mine = HELD.get(file);
      if (mine != null) {
        return Optional.of(mine.owner);
      }
      return Owner.read(file);
    }
  }

  /** Whether this lock is the one of {@code out}. */
  public boolean covers(Path out) {
    Path o = out.toAbsolutePath().normalize();
    try {
      return o.getParent().toRealPath().resolve(fileOf(o).getFileName()).equals(file);
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes the lock file, then releases the lock (see {@link #tryOnce} for the order). */
  @Override
  public void close() throws IOException {
    synchronized (HELD) {
      if (!HELD.remove(file, this)) {
        return; // closed before
      }
      try {
        Files.deleteIfExists(file);
      } finally {
        try {
          if (lock.isPresent() && lock.get().isValid()) {
            lock.get().release();
          }
        } finally {
          channel.close();
        }
      }
    }
  }
}
