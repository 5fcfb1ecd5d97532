package dev.skillsite.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Before a new site replaces the published one: each new file that is byte for byte the published
 * file at the same path becomes a hard link to it, so unchanged files keep their modification time
 * (deploy tools and HTTP caches see them unchanged). Only regular files inside the published folder
 * are linked; where hard links are not possible the new file stays as it is.
 */
public final class UnchangedFiles {
  private UnchangedFiles() {}

  /**
   * Best effort: a file that cannot be compared or linked stays as written.
   *
   * @return how many files of {@code staging} now share the published file's inode
   */
  public static int link(Path staging, Path published) {
    Path root;
    List<Path> files;
    try {
      if (!Files.isDirectory(published, LinkOption.NOFOLLOW_LINKS)) {
        return 0;
      }
      root = published.toRealPath();
      try (Stream<Path> walk = Files.walk(staging)) {
        files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
      }
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
    int linked = 0;
    for (Path file : files) {
      Path old = root.resolve(staging.relativize(file).toString()).normalize();
      if (replaceWithLink(file, old, root)) {
        linked++;
      }
    }
    return linked;
  }

  /** What a new file holds, compared with a published one. */
  @FunctionalInterface
  public interface Content {
    boolean isIn(Path file) throws IOException;
  }

  /**
   * Creates {@code at}, which must not exist, as a hard link to {@code old} when that is a regular
   * file inside the published folder {@code root} (a real path) of {@code size} bytes holding
   * {@code same}. The bytes are compared on the very file linked, since the path may be replaced
   * meanwhile (serve's refresh). Otherwise returns false and leaves nothing at {@code at}.
   */
  public static boolean linkIfSame(Path at, Path old, Path root, long size, Content same) {
    try {
      BasicFileAttributes attrs =
          Files.readAttributes(old, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile() || attrs.size() != size || !old.toRealPath().startsWith(root)) {
        return false;
      }
      Files.createLink(at, old); // fails, touching nothing, if something is at that path
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // no such published file, or no hard links here
    }
    try {
      if (same.isIn(at)) {
        return true;
      }
    } catch (IOException e) {
      // not the same after all
    }
    try {
      Files.deleteIfExists(at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  /**
   * Replaces a file of the new site by a link to the published file at the same path when they are
   * the same.
   */
  private static boolean replaceWithLink(Path file, Path old, Path root) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".skillsite-link~");
    try {
      if (Files.isSameFile(file, old)
          || !linkIfSame(
              tmp, old, root, Files.size(file), linked -> Files.mismatch(linked, file) == -1)) {
        return false; // already linked as it was written, or not the same
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException | UncheckedIOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the staging folder goes as a whole if the build does not publish
      }
      return false;
    }
  }
}
