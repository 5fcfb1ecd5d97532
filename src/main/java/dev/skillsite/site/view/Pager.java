package dev.skillsite.site.view;

import java.util.List;

/**
 * Where a page sits in a list split into pages: its number, how many there are, the links to the
 * previous and next page ({@code ""} at either end) and the page links to show (the first, the last
 * and the ones around this page, with gaps between).
 */
public record Pager(int number, int count, String prev, String next, List<PageLink> links) {
  /** A list that fits on one page. */
  public static final Pager NONE = new Pager(1, 1, "", "", List.of());

  public Pager {
    links = List.copyOf(links);
  }

  /** Whether the list has more than one page. */
  public boolean paged() {
    return count > 1;
  }

  /**
   * One entry of the page links: a page ({@code href} relative to the current page, {@code title}
   * what it holds, e.g. "ansible-lint – azure-deploy") or, with {@code gap}, an ellipsis.
   */
  public record PageLink(int number, String href, String title, boolean current, boolean gap) {}
}
