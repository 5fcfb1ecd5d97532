package dev.skillsite.check;

import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.audit.Finding;
import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The audit's findings in {@code check} (the same as {@code audit} and the site show, after the
 * baseline): a danger finding is an error, a warning a warning, info is left out. Codes are {@code
 * audit-<rule>}.
 */
final class AuditFindingsRule implements Rule {
  private final Auditor auditor;

  AuditFindingsRule(Auditor auditor) {
    this.auditor = auditor;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    AuditSettings settings = AuditSettings.read(context.root());
    if (!settings.enabled()) {
      return List.of();
    }
    try {
      return auditor
          .audit(
              context.catalog(), context.root(), Optional.of(settings.baselineFile(context.root())))
          .findings()
          .stream()
          .flatMap(f -> diagnostic(f).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<Diagnostic> diagnostic(Finding f) {
    String message =
        "audit: " + f.message() + (f.excerpt().isEmpty() ? "" : " (found: " + f.excerpt() + ")");
    return switch (f.severity()) {
      case DANGER -> Optional.of(Diagnostic.error(f.pos(), "audit-" + f.rule(), message));
      case WARNING -> Optional.of(Diagnostic.warning(f.pos(), "audit-" + f.rule(), message));
      case INFO -> Optional.empty();
    };
  }
}
