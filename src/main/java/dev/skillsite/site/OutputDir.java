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
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

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

  /** Folders known to exist in the staging tree (see {@link #folder}). */
  private final Set<Path> made = ConcurrentHashMap.newKeySet();

  OutputDir(Path dir) throws IOException {
    this(dir, Optional.empty());
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
   */
  OutputDir(Path dir, Optional<Path> previous) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    Files.createDirectories(this.dir);
    Optional<Path> real = Optional.empty();
    if (previous.isPresent() && Files.isDirectory(previous.get(), LinkOption.NOFOLLOW_LINKS)) {
      real = Optional.of(previous.get().toRealPath());
    }
    this.previous = real;
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
    return previous.isPresent()
        && UnchangedFiles.linkIfSame(
            target,
            previous.get().resolve(sitePath).normalize(),
            previous.get(),
            bytes.length,
            file -> sameBytes(file, bytes));
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
