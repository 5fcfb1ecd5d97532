package dev.skillsite.build;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What to build and where.
 *
 * @param baseUrl overrides the base URL of {@code skillsite.yaml}
 * @param publishWithErrors swap the new site in even when some skills had errors (they are left out), as
 *     {@code build} does; {@code serve --watch} keeps the last good site instead
 */
public record BuildOptions(Path content, Path out, Optional<String> baseUrl, boolean publishWithErrors) {}
