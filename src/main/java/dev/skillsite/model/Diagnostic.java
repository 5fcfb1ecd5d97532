package dev.skillsite.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in the content, printed as compilers print them: {@code
 * plugins/x/skills/y/SKILL.md:3:1: error: missing frontmatter key 'description'}.
 *
 * @param code a stable, kebab-case rule id (for JSON output and suppression), e.g. {@code
 *     missing-description}
 */
public record Diagnostic(SourcePos pos, Severity severity, String code, String message) {
  /** Path, then line, then column, then message: the order diagnostics are printed in. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.pos().path())
          .thenComparingInt(d -> d.pos().line())
          .thenComparingInt(d -> d.pos().col())
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(SourcePos pos, String code, String message) {
    return new Diagnostic(pos, Severity.ERROR, code, message);
  }

  public static Diagnostic warning(SourcePos pos, String code, String message) {
    return new Diagnostic(pos, Severity.WARNING, code, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * {@code path:line:col: severity: message}, on one line: characters that could rewrite it are
   * escaped.
   */
  public String format() {
    return PrintableText.of(pos + ": " + severity.label() + ": " + message);
  }
}
