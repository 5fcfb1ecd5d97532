package dev.skillsite.build;

import dev.skillsite.content.ContentLoader;
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
 * @param maxSkills most skills the build publishes ({@code --max-skills}); skills past it in path
 *     order are an error each
 */
public record BuildOptions(
    Path content,
    Path out,
    Optional<String> baseUrl,
    boolean publishWithErrors,
    boolean cache,
    int maxSkills) {
  public BuildOptions {
    if (maxSkills < 1) {
      throw new IllegalArgumentException("maxSkills must be at least 1, not " + maxSkills);
    }
  }

  /** With the default limit of skills. */
  public BuildOptions(
      Path content, Path out, Optional<String> baseUrl, boolean publishWithErrors, boolean cache) {
    this(content, out, baseUrl, publishWithErrors, cache, ContentLoader.DEFAULT_MAX_SKILLS);
  }

  /** With the build cache. */
  public BuildOptions(Path content, Path out, Optional<String> baseUrl, boolean publishWithErrors) {
    this(content, out, baseUrl, publishWithErrors, true);
  }
}
