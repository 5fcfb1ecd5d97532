package dev.skillsite.markdown;

import java.util.List;

/** Chooses the headings a long document lists at its top: the two highest levels it uses. */
final class TableOfContents {
  /** A document with fewer headings gets no table of contents. */
  static final int MIN_HEADINGS = 4;

  private TableOfContents() {}

  /** @param headings every heading, in document order, {@code depth} being its HTML level */
  static List<TocEntry> of(List<TocEntry> headings) {
    if (headings.size() < MIN_HEADINGS) {
      return List.of();
    }
    int top = headings.stream().mapToInt(TocEntry::depth).min().orElse(1);
    return headings.stream()
        .filter(h -> h.depth() <= top + 1)
        .map(h -> new TocEntry(h.depth() - top + 1, h.id(), h.text()))
        .toList();
  }
}
