package dev.skillsite.site;

import dev.skillsite.check.RenderedDocuments;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The site's rendering of a catalog's documents, for {@code check}: rendered in memory as a build
 * renders them ({@link SiteGenerator#render}), their diagnostics kept, no page written.
 */
public final class RenderedDiagnostics implements RenderedDocuments {
  private final SiteGenerator generator;

  public RenderedDiagnostics(SiteGenerator generator) {
    this.generator = generator;
  }

  /** With the packaged templates (rendering documents uses none). */
  public static RenderedDiagnostics standard() {
    return new RenderedDiagnostics(new SiteGenerator(Optional.empty()));
  }

  @Override
  public List<Diagnostic> diagnostics(Catalog catalog, Path root) {
    return generator
        .render(catalog, Optional.of(root), () -> false, Optional.empty())
        .diagnostics();
  }
}
