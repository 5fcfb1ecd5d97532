package dev.skillsite.site;

import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.UnchangedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The folder a site is written into. Every file is new (two writes to one path are a bug and fail),
 * and no path may leave the folder. Thread-safe.
 *
 * <p>Given the previous site (the published folder this one will replace), a file whose bytes are
 * the same as the previous site's file at the same path is not written again: it becomes a hard
 * link to that file, so it keeps its modification time (deploy tools and HTTP caches see it
 * unchanged) and costs no write. Only a regular file inside the previous folder is linked; when
 * linking is not possible the file is written.
 */
final class OutputDir implements SiteFiles {
  private final Path dir;
  private final Optional<Path> previous;
  private final Set<String> written = new ConcurrentSkipListSet<>();

  /**
   * Whether the site is published by updating the previous folder in place ({@code
   * AtomicSiteWriter#commit(Set)}): a file the same as the previous one is then not linked but
   * listed in {@link #kept}.
   */
  private final boolean inPlace;

  /** Paths whose previous file is the new one (in-place publishing only). */
  private final Set<String> kept = ConcurrentHashMap.newKeySet();

  private final LongAdder notRendered = new LongAdder();

  /** What the last build made from keys ({@link #keyed}); empty without the build cache. */
  private final PageStamps earlier;

  /** What this build makes from keys, for the next build; empty without the build cache. */
  private final Optional<PageStamps> now;

  /** Folders known to exist in the staging tree (see {@link #folder}). */
  private final Set<Path> made = ConcurrentHashMap.newKeySet();

  OutputDir(Path dir) throws IOException {
    this(dir, Optional.empty());
  }

  OutputDir(Path dir, Optional<Path> previous) throws IOException {
    this(dir, previous, false, Optional.empty());
  }

  /**
   * Fails unless {@code dir} is absent or empty (but for the marker {@link OutputLocation#MARKER}).
   */
  static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.anyMatch(p -> !p.getFileName().toString().equals(OutputLocation.MARKER))) {
          throw new IOException("output folder is not empty: " + dir);
        }
      }
    }
  }

  /**
   * @param previous the published site this one replaces, whose unchanged files are linked, not
   *     rewritten
   * @param inPlace whether unchanged files are listed ({@link #kept}) instead of linked: the site
   *     is published by updating {@code previous} in place
   * @param stamps the identity of this build's code and templates, when it keeps a record of the
   *     files it makes from keys ({@link PageStamps}) and uses the last build's
   */
  OutputDir(Path dir, Optional<Path> previous, boolean inPlace, Optional<String> stamps)
      throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    Files.createDirectories(this.dir);
    Optional<Path> real = Optional.empty();
    if (previous.isPresent() && Files.isDirectory(previous.get(), LinkOption.NOFOLLOW_LINKS)) {
      real = Optional.of(previous.get().toRealPath());
    }
    this.previous = real;
    this.inPlace = inPlace && real.isPresent();
    this.now = stamps.map(PageStamps::empty);
    this.earlier =
        stamps.isPresent() && real.isPresent()
            ? PageStamps.read(real.get(), stamps.get())
            : PageStamps.empty("");
  }

  /** The paths whose previous file is kept as it is (in-place publishing), in no order. */
  Set<String> kept() {
    return Set.copyOf(kept);
  }

  /** What this build made from keys, for the next build; empty without the build cache. */
  Optional<PageStamps> stamps() {
    return now;
  }

  /** How many files {@link #keyed} kept without making them. */
  long notRendered() {
    return notRendered.sum();
  }

  /**
   * Writes the file {@code make} makes, whose bytes depend only on {@code key} (see {@link
   * PageStamps}): when the last build made the previous file at this path from the same key and it
   * still has the stamp it had then, it is kept (linked, or listed) without making it again.
   * Without a key, or without the build cache, the file is made and written as {@link #write} does.
   */
  @Override
  public void keyed(String sitePath, Optional<byte[]> key, Supplier<byte[]> make) {
    Path target = target(sitePath);
    try {
      folder(target.getParent());
      if (key.isPresent() && now.isPresent() && previous.isPresent()) {
        Path old = previous.get().resolve(sitePath).normalize();
        if (old.startsWith(previous.get())
            && earlier.unchanged(sitePath, key.get(), old)
            && keep(sitePath, target, old)) {
          now.get().put(sitePath, key.get(), old);
          notRendered.increment();
          return;
        }
      }
      byte[] bytes = make.get();
      boolean same = linked(sitePath, target, bytes);
      if (!same) {
        Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      if (key.isPresent() && now.isPresent()) {
        Path file = same && inPlace ? previous.get().resolve(sitePath).normalize() : target;
        now.get().put(sitePath, key.get(), file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the previous file {@code old} as the new one at {@code sitePath}, without reading it. */
  private boolean keep(String sitePath, Path target, Path old) {
    if (inPlace) {
      kept.add(sitePath);
      return true;
    }
    try {
      if (!old.toRealPath().startsWith(previous.get())) {
        return false;
      }
      Files.createLink(target, old);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  @Override
  public void write(String sitePath, String text) {
    write(sitePath, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(String sitePath, byte[] bytes) {
    Path target = target(sitePath);
    try {
      folder(target.getParent());
      if (linked(sitePath, target, bytes)) {
        return;
      }
      Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a file of the site by streaming it (a large file not worth holding in memory; never
   * linked).
   */
  void stream(String sitePath, StreamWriter writer) {
    Path target = target(sitePath);
    try {
      folder(target.getParent());
      try (OutputStream os =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        writer.write(os);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file's bytes to a stream. */
  interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  @Override
  public void copy(String sitePath, Path source) {
    Path target = target(sitePath);
    try {
      folder(target.getParent());
      if (Files.size(source) <= MAX_COMPARED
          && linked(sitePath, target, Files.readAllBytes(source))) {
        return;
      }
      Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes a folder of the staging tree once: pages are written from several threads, many into the
   * same folders, and a {@code mkdir} that fails because the folder exists still costs a system
   * call and a lock.
   */
  private void folder(Path folder) throws IOException {
    if (!made.contains(folder)) {
      Files.createDirectories(folder);
      made.add(folder);
    }
  }

  /** Larger copied files are copied without comparing them first. */
  private static final long MAX_COMPARED = 8L << 20;

  /**
   * Links {@code target} to the previous site's file at {@code sitePath} when it holds exactly
   * {@code bytes}.
   */
  private boolean linked(String sitePath, Path target, byte[] bytes) {
    if (inPlace) {
      return sameAsPrevious(sitePath, bytes);
    }
    return previous.isPresent()
        && UnchangedFiles.linkIfSame(
            target,
            previous.get().resolve(sitePath).normalize(),
            previous.get(),
            bytes.length,
            file -> sameBytes(file, bytes));
  }

  /**
   * In-place publishing: whether the previous file at {@code sitePath} (a regular file inside the
   * previous folder) holds exactly {@code bytes}; then it is listed as kept.
   */
  private boolean sameAsPrevious(String sitePath, byte[] bytes) {
    Path old = previous.get().resolve(sitePath).normalize();
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(old, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!old.startsWith(previous.get())
          || !attrs.isRegularFile()
          || attrs.size() != bytes.length
          || !sameBytes(old, bytes)) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    kept.add(sitePath);
    return true;
  }

  private static boolean sameBytes(Path file, byte[] bytes) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(in.readNBytes(bytes.length + 1), bytes);
    }
  }

  private Path target(String sitePath) {
    Path target = dir.resolve(sitePath).normalize();
    if (!target.startsWith(dir) || target.equals(dir)) {
      throw new IllegalArgumentException("path leaves the output folder: " + sitePath);
    }
    if (!written.add(sitePath)) {
      throw new IllegalStateException("written twice: " + sitePath);
    }
    return target;
  }
}
