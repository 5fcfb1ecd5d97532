package dev.skillsite.site.view;

import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.markdown.SanitizedHtml;
import dev.skillsite.markdown.TocEntry;
import java.util.List;

/**
 * A rendered Markdown document for a template: {@code content.html} came out of the sanitizer and
 * is the only value our templates print with {@code raw}.
 */
public record HtmlBlock(SanitizedHtml content, List<TocEntry> toc) {
  public HtmlBlock {
    toc = List.copyOf(toc);
  }

  public static HtmlBlock of(RenderedDocument doc) {
    return new HtmlBlock(doc.html(), doc.toc());
  }
}
