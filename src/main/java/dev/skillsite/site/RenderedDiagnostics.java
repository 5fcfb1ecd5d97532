package dev.skillsite.site;

import dev.skillsite.check.RenderedDocuments;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The site's rendering of a catalog's documents, for {@code check}: rendered in memory as a build
 * renders them ({@link SiteGenerator#render}), their diagnostics kept, no page written; and what a
 * build would say of the files of {@code static/}.
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
    List<Diagnostic> found =
        new ArrayList<>(
            generator
                .render(catalog, Optional.of(root), () -> false, Optional.empty())
                .diagnostics());
    try {
      found.addAll(new PublishedAsIs(root).check()); // static/, as a build would publish it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
