package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.PrintableText;

/**
 * Findings as GitHub Actions workflow commands: {@code ::error
 * file=…,line=…,col=…,title=…::message}. Values are escaped as the runner expects: {@code %}, CR
 * and LF in the message; also {@code :} and {@code ,} in properties.
 */
public final class GithubAnnotations {
  private final String pathPrefix;

  /**
   * @param pathPrefix prepended to each path, so annotations point into the repository (e.g. {@code
   *     content/})
   */
  public GithubAnnotations(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  public String format(Diagnostic d) {
    return "::"
        + (d.isError() ? "error" : "warning")
        + " file="
        + property(PrintableText.of(pathPrefix + d.pos().path()))
        + ",line="
        + d.pos().line()
        + ",col="
        + d.pos().col()
        + ",title="
        + property(d.code())
        + "::"
        + data(PrintableText.of(d.message()));
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
