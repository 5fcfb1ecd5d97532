package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import java.util.List;

/**
 * What {@code build} reports beyond loading: every document is rendered in memory as the site
 * renders it, and its diagnostics are taken as they are, so {@code check} and {@code build} never
 * disagree about broken relative links and anchors, missing or unpublishable files and images, and
 * links that leave the skill folder. No site is written.
 */
final class RenderRule implements Rule {
  private final RenderedDocuments documents;

  RenderRule(RenderedDocuments documents) {
    this.documents = documents;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    return documents.diagnostics(context.catalog(), context.root());
  }
}
