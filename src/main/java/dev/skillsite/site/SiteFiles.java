package dev.skillsite.site;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where pages and copied content files go: a new site's folder, or a published one updated in
 * place.
 */
interface SiteFiles {
  void write(String sitePath, String text);

  void write(String sitePath, byte[] bytes);

  void copy(String sitePath, Path source);

  /**
   * Writes the bytes {@code make} makes, which depend only on {@code key} when there is one: a
   * folder that remembers keys may keep the file it has instead of making it again.
   */
  default void keyed(String sitePath, Optional<byte[]> key, Supplier<byte[]> make) {
    write(sitePath, make.get());
  }
}
