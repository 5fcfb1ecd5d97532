package dev.skillsite.audit;

import dev.skillsite.model.SourcePos;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing a skill would make an agent do that a reader should know about.
 *
 * @param rule the id of the rule that found it, e.g. {@code pipe-to-shell}
 * @param severity the rule's severity, adjusted for where and how the text was found
 * @param category the rule's category
 * @param pos file (relative to the content root), line and column (from 1)
 * @param excerpt the offending text, one line, clipped, with invisible and control characters
 *     written as {@code \\u{…}}; plain text, to be escaped by whoever shows it
 * @param message one sentence on why it matters, then what a safe version looks like
 */
public record Finding(
    String rule,
    AuditSeverity severity,
    AuditCategory category,
    SourcePos pos,
    String excerpt,
    String message) {
  /** Path, line, column, then rule: the order findings are printed in. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.pos().path())
          .thenComparingInt(f -> f.pos().line())
          .thenComparingInt(f -> f.pos().col())
          .thenComparing(Finding::rule);

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(excerpt, "excerpt");
    Objects.requireNonNull(message, "message");
  }

  /** {@code path:line:col: danger: [rule] message: `excerpt`}. */
  public String format() {
    return pos
        + ": "
        + severity.label()
        + ": ["
        + rule
        + "] "
        + message
        + (excerpt.isEmpty() ? "" : " (found: " + excerpt + ")");
  }

  Finding withSeverity(AuditSeverity s) {
    return new Finding(rule, s, category, pos, excerpt, message);
  }
}
