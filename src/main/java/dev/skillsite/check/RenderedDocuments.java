package dev.skillsite.check;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a catalog's documents as the site does and says what that found: the site's renderer,
 * given to the {@link Checker} by its caller (the site depends on {@code check}, not the other way
 * round).
 */
@FunctionalInterface
public interface RenderedDocuments {
  /** The diagnostics of rendering every document of {@code catalog}, read from {@code root}. */
  List<Diagnostic> diagnostics(Catalog catalog, Path root);
}
