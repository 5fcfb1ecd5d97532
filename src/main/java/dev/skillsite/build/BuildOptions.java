package dev.skillsite.build;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to build and where.
 *
 * @param baseUrl overrides the base URL of {@code skillsite.yaml}
 * @param publishWithErrors swap the new site in even when some skills had errors (they are left
 *     out), as {@code build} does; {@code serve --watch} keeps the last good site instead
 * @param cache use the build cache the last build left in the output folder, and leave one in the
 *     new site: documents whose source and links did not change are not rendered again, and the
 *     routing index is read back when no skill changed (the site is the same either way)
 */
public record BuildOptions(
    Path content, Path out, Optional<String> baseUrl, boolean publishWithErrors, boolean cache) {
  /** With the build cache. */
  public BuildOptions(Path content, Path out, Optional<String> baseUrl, boolean publishWithErrors) {
    this(content, out, baseUrl, publishWithErrors, true);
  }
}
