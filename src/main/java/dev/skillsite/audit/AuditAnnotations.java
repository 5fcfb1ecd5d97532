package dev.skillsite.audit;

/**
 * Findings as GitHub Actions workflow commands ({@code ::error
 * file=…,line=…,col=…,title=…::message}): danger is {@code error}, warning {@code warning}, info
 * {@code notice}; values escaped as the runner expects.
 */
public final class AuditAnnotations {
  private final String pathPrefix;

  /**
   * @param pathPrefix prepended to each path so annotations point into the repository (e.g. {@code
   *     content/})
   */
  public AuditAnnotations(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  public String format(Finding f) {
    String level =
        switch (f.severity()) {
          case DANGER -> "error";
          case WARNING -> "warning";
          case INFO -> "notice";
        };
    return "::"
        + level
        + " file="
        + property(pathPrefix + f.pos().path())
        + ",line="
        + f.pos().line()
        + ",col="
        + f.pos().col()
        + ",title="
        + property("audit " + f.rule())
        + "::"
        + data(f.message() + (f.excerpt().isEmpty() ? "" : " Found: " + f.excerpt()));
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
