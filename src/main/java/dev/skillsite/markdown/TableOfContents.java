package dev.skillsite.markdown;

import java.util.List;

/**
 * Chooses the headings a long document lists: the two highest levels it uses, below a single title
 * heading when the document starts with one.
 */
final class TableOfContents {
  /** A document with fewer headings gets no table of contents. */
  static final int MIN_HEADINGS = 4;

  private TableOfContents() {}

  /**
   * @param headings every heading, in document order, {@code depth} being its HTML level
   */
  static List<TocEntry> of(List<TocEntry> headings) {
    if (headings.size() < MIN_HEADINGS) {
      return List.of();
    }
    List<TocEntry> listed = headings;
    int top = topLevel(listed);
    if (listed.get(0).depth() == top
        && listed.stream().filter(h -> h.depth() == top).count() == 1) {
      listed = listed.subList(1, listed.size());
    }
    int from = topLevel(listed);
    return listed.stream()
        .filter(h -> h.depth() <= from + 1)
        .map(h -> new TocEntry(h.depth() - from + 1, h.id(), h.text()))
        .toList();
  }

  private static int topLevel(List<TocEntry> headings) {
    return headings.stream().mapToInt(TocEntry::depth).min().orElse(1);
  }
}
