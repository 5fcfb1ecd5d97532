package dev.skillsite.markdown;

/**
 * HTML that came out of the {@link HtmlSanitizer}: the only content HTML templates may print unescaped.
 * There is no public way to make one from an arbitrary string.
 */
public final class SanitizedHtml {
  private final String html;

  SanitizedHtml(String html) {
    this.html = html;
  }

  /** The markup, safe to insert into a page as is. */
  public String html() {
    return html;
  }

  @Override
  public String toString() {
    return html;
  }
}
