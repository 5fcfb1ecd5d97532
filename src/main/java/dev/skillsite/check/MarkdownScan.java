package dev.skillsite.check;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The links and the inline text of a Markdown document, with where each sits: what the reference
 * rules need, read from the commonmark syntax tree. Thread-safe; caches each document, so use one
 * per check.
 */
final class MarkdownScan {
  /** A link's destination as written, and where it is. */
  record LinkAt(String destination, SourcePos pos) {}

  /** A run of prose or an inline code span (never inside a link), and where it starts. */
  record TextAt(String text, SourcePos pos, boolean code) {}

  /** What one document holds. */
  record Scanned(List<LinkAt> links, List<TextAt> texts) {}

  private final Parser parser =
      dev.skillsite.markdown.LinearInlines.addTo(Parser.builder())
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .maxOpenBlockParsers(128)
          .build();

  private final java.util.Map<String, Scanned> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The links and texts of {@code doc}, read once per path: one instance serves one check. */
  Scanned scan(SourceDocument doc) {
    return cache.computeIfAbsent(doc.path(), p -> read(doc));
  }

  private Scanned read(SourceDocument doc) {
    Node root = parser.parse(doc.markdown());
    List<LinkAt> links = new ArrayList<>();
    List<TextAt> texts = new ArrayList<>();
    root.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            links.add(new LinkAt(link.getDestination().strip(), pos(link, doc)));
          }

          @Override
          public void visit(Text text) {
            texts.add(new TextAt(text.getLiteral(), pos(text, doc), false));
          }

          @Override
          public void visit(Code code) {
            texts.add(new TextAt(code.getLiteral(), pos(code, doc), true));
          }
        });
    return new Scanned(links, texts);
  }

  private static SourcePos pos(Node node, SourceDocument doc) {
    List<SourceSpan> spans = node.getSourceSpans();
    if (spans.isEmpty()) {
      return new SourcePos(doc.path(), doc.firstLine(), 1);
    }
    SourceSpan span = spans.get(0);
    return new SourcePos(
        doc.path(), doc.firstLine() + span.getLineIndex(), span.getColumnIndex() + 1);
  }

  /**
   * A relative link's file part resolved against {@code dir}; empty for URLs, anchors and escapes.
   */
  static Optional<String> resolve(String dir, String destination) {
    if (destination.isEmpty()
        || destination.startsWith("#")
        || destination.startsWith("/")
        || destination.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return Optional.empty();
    }
    return ContentPaths.resolve(dir, ContentPaths.decode(destination.replaceFirst("[#?].*$", "")));
  }
}
