package dev.skillsite.markdown;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Set;

/**
 * A document as HTML.
 *
 * @param toc the table of contents, empty for short documents
 * @param mentions the other skills it links to by mention, in order of first mention
 * @param diagnostics problems with its links and images, in document order
 */
public record RenderedDocument(
    SanitizedHtml html, List<TocEntry> toc, Set<SkillId> mentions, List<Diagnostic> diagnostics) {
  public RenderedDocument {
    toc = List.copyOf(toc);
    mentions = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(mentions));
    diagnostics = List.copyOf(diagnostics);
  }

  /** The same document with its markup in {@code file} instead of memory. */
  public RenderedDocument spillTo(HtmlSpill file) {
    return new RenderedDocument(html.spillTo(file), toc, mentions, diagnostics);
  }
}
