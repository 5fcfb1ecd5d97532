package dev.skillsite.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a finding matters to a reader deciding whether to install a skill. Ordered from least to
 * most.
 */
public enum AuditSeverity {
  /** Worth knowing; nothing to fix. */
  INFO,
  /** Risky or unusual: a reviewer should look. */
  WARNING,
  /** What malware does: do not install without reading it. */
  DANGER;

  /** The word shown and printed: {@code info}, {@code warning} or {@code danger}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One step down (info stays info). */
  public AuditSeverity lower() {
    return this == DANGER ? WARNING : INFO;
  }

  public boolean atLeast(AuditSeverity other) {
    return compareTo(other) >= 0;
  }

  public static Optional<AuditSeverity> parse(String label) {
    for (AuditSeverity s : values()) {
      if (s.label().equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
