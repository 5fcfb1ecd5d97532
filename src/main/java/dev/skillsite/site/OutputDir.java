package dev.skillsite.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The folder a site is written into. Every file is new (two writes to one path are a bug and fail), and no
 * path may leave the folder. Thread-safe.
 */
final class OutputDir implements SiteFiles {
  private final Path dir;
  private final Set<String> written = new ConcurrentSkipListSet<>();

  OutputDir(Path dir) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    Files.createDirectories(this.dir);
    try (var entries = Files.list(this.dir)) {
      if (entries.findAny().isPresent()) {
        throw new IOException("output folder is not empty: " + dir);
      }
    }
  }

  @Override
  public void write(String sitePath, String text) {
    write(sitePath, text.getBytes(StandardCharsets.UTF_8));
  }

  void write(String sitePath, byte[] bytes) {
    Path target = target(sitePath);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void copy(String sitePath, Path source) {
    Path target = target(sitePath);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
