package dev.skillsite.cli;

import java.nio.file.Path;

/** Where the content folder sits in the repository, for annotations that point at files. */
final class CheckPaths {
  private CheckPaths() {}

  /**
   * The content folder as a prefix relative to the working directory, when it lies under it; else
   * "".
   */
  static String prefix(Path content) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = content.toAbsolutePath().normalize();
    if (!abs.startsWith(cwd) || abs.equals(cwd)) {
      return "";
    }
    return cwd.relativize(abs).toString().replace('\\', '/') + "/";
  }
}
