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
 * Before a new site replaces the published one: each new file that is byte for byte the published file at the
 * same path becomes a hard link to it, so unchanged files keep their modification time (deploy tools and HTTP
 * caches see them unchanged). Only regular files inside the published folder are linked; where hard links are
 * not possible the new file stays as it is.
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
      if (candidate(file, old, root) && replaceWithLink(file, old)) {
        linked++;
      }
    }
    return linked;
  }

  private static boolean candidate(Path file, Path old, Path root) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(old, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attrs.isRegularFile() && attrs.size() == Files.size(file) && !Files.isSameFile(file, old)
          && old.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false; // no such file in the published site
    }
  }

  /** Links to the published file, compares the very file linked (the path may be replaced meanwhile), swaps. */
  private static boolean replaceWithLink(Path file, Path old) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".skillsite-link~");
    try {
      Files.createLink(tmp, old); // fails, touching nothing, if a file of that name exists
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
    try {
      if (Files.mismatch(tmp, file) == -1) {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
      }
    } catch (IOException e) {
      // fall through: the new file stays
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // the staging folder goes as a whole if the build does not publish
    }
    return false;
  }
}
