package dev.skillsite.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A published site, updated in place: each file is written beside its target and moved over it, so a reader
 * never sees half a page, and a file whose bytes are unchanged is left alone. No path may leave the folder.
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
  public void copy(String sitePath, Path source) {
    try {
      replace(sitePath, Files.readAllBytes(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void replace(String sitePath, byte[] bytes) {
    Path target = dir.resolve(sitePath).normalize();
    if (!target.startsWith(dir) || target.equals(dir)) {
      throw new IllegalArgumentException("path leaves the output folder: " + sitePath);
    }
    try {
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
        return;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".skillsite-", ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
