package dev.skillsite.site.view;

/**
 * What the layout needs to know about one page.
 *
 * @param root prefix from this page to the site root ({@code ""}, {@code ../}, or the base URL on
 *     404.html)
 * @param canonical absolute URL from the base URL, {@code ""} without one
 * @param kind the template's name, also a CSS class on the body
 * @param code whether the page shows code to highlight
 * @param pager where the page sits in a list split into pages ({@link Pager#NONE} if it is not)
 */
public record PageView(
    String title,
    String description,
    String root,
    String canonical,
    String kind,
    boolean code,
    Pager pager) {
  /** A page that is not one of several. */
  public PageView(
      String title, String description, String root, String canonical, String kind, boolean code) {
    this(title, description, root, canonical, kind, code, Pager.NONE);
  }

  public PageView withPager(Pager p) {
    return new PageView(title, description, root, canonical, kind, code, p);
  }
}
