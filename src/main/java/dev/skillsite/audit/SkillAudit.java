package dev.skillsite.audit;

import dev.skillsite.model.SkillId;
import java.util.List;

/**
 * The audit of one skill.
 *
 * @param findings sorted by {@link Finding#ORDER}
 */
public record SkillAudit(SkillId id, String name, List<Finding> findings) {
  public SkillAudit {
    findings = findings.stream().sorted(Finding.ORDER).toList();
  }

  public long count(AuditSeverity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  public long dangers() {
    return count(AuditSeverity.DANGER);
  }

  public long warnings() {
    return count(AuditSeverity.WARNING);
  }

  /** The worst severity found, {@code none} without findings above info. */
  public String level() {
    return dangers() > 0 ? "danger" : warnings() > 0 ? "warning" : "clean";
  }

  /** What the badge says: {@code no findings}, {@code 2 warnings}, {@code danger}. */
  public String badge() {
    if (dangers() > 0) {
      return dangers() == 1 ? "danger" : "danger (" + dangers() + ")";
    }
    long w = warnings();
    return w == 0 ? "no findings" : w == 1 ? "1 warning" : w + " warnings";
  }

  /** Worst first: more dangers, then more warnings, then name. */
  static final java.util.Comparator<SkillAudit> WORST_FIRST =
      java.util.Comparator.comparingLong((SkillAudit a) -> -a.dangers())
          .thenComparingLong(a -> -a.warnings())
          .thenComparing(a -> a.id().value());
}
