package dev.skillsite.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A published site, updated in place: each file is written beside its target and moved over it, so
 * a reader never sees half a page, and a file whose bytes are unchanged is left alone. No path may
 * leave the folder, by name or through a symbolic link.
 */
final class LiveDir implements SiteFiles {
  private final Path dir;

  LiveDir(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public void write(String sitePath, String text) {
    replace(sitePath, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(String sitePath, byte[] bytes) {
    replace(sitePath, bytes);
  }

  @Override
  public void copy(String sitePath, Path source) {
    try {
      replace(sitePath, Files.readAllBytes(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Refuses a folder that leads out of the site through a symbolic link (checked on its nearest
   * existing ancestor, before anything is created below it).
   */
  private void insideForReal(Path folder) throws IOException {
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !existing.toRealPath().startsWith(dir.toRealPath())) {
      throw new IOException(
          "not writing through a symbolic link that leaves the output folder: " + folder);
    }
  }

  private void replace(String sitePath, byte[] bytes) {
    Path target = dir.resolve(sitePath).normalize();
    if (!target.startsWith(dir) || target.equals(dir)) {
      throw new IllegalArgumentException("path leaves the output folder: " + sitePath);
    }
    try {
      insideForReal(target.getParent());
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          && Arrays.equals(Files.readAllBytes(target), bytes)) {
        return;
      }
      Files.createDirectories(target.getParent());
      insideForReal(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".skillsite-", ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
