package dev.skillsite.markdown;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.commonmark.node.Node;

/**
 * A parsed Markdown document and its headings. Rendering rewrites the tree, so a parsed document is
 * rendered once, by one thread.
 */
public final class ParsedDocument {
  private final SourceDocument source;
  private final Node root;
  private final List<TocEntry> headings;
  private final Set<String> anchors;

  ParsedDocument(SourceDocument source, Node root, List<TocEntry> headings) {
    this.source = source;
    this.root = root;
    this.headings = List.copyOf(headings);
    this.anchors =
        java.util.Collections.unmodifiableSet(
            new TreeSet<>(headings.stream().map(TocEntry::id).toList()));
  }

  public SourceDocument source() {
    return source;
  }

  Node root() {
    return root;
  }

  /** Every heading in document order ({@code depth} = its HTML level). */
  public List<TocEntry> headings() {
    return headings;
  }

  /** The ids of its headings. */
  public Set<String> anchors() {
    return anchors;
  }
}
