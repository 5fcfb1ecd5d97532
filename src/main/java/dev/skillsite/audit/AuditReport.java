package dev.skillsite.audit;

import dev.skillsite.model.SkillId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit of a whole collection: one {@link SkillAudit} per skill, in catalog order.
 *
 * @param byId the same audits by skill id (the first of an id), for {@link #of}: every page and
 *     catalog entry asks for its skill's, and a scan of the list each time is quadratic (55% of a
 *     10x rebuild's CPU)
 */
public record AuditReport(List<SkillAudit> skills, Map<SkillId, SkillAudit> byId) {
  public AuditReport {
    skills = List.copyOf(skills);
    byId = Map.copyOf(byId);
  }

  public AuditReport(List<SkillAudit> skills) {
    this(skills, index(skills));
  }

  private static Map<SkillId, SkillAudit> index(List<SkillAudit> skills) {
    Map<SkillId, SkillAudit> out = new HashMap<>();
    for (SkillAudit s : skills) {
      out.putIfAbsent(s.id(), s);
    }
    return out;
  }

  public Optional<SkillAudit> of(SkillId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every finding, sorted by {@link Finding#ORDER}. */
  public List<Finding> findings() {
    return skills.stream().flatMap(s -> s.findings().stream()).sorted(Finding.ORDER).toList();
  }

  public long count(AuditSeverity severity) {
    return skills.stream().mapToLong(s -> s.count(severity)).sum();
  }

  /** Skills with at least one danger finding. */
  public long dangerousSkills() {
    return skills.stream().filter(s -> s.dangers() > 0).count();
  }

  /** Rule id to counts by severity (danger, warning, info), most dangerous rules first. */
  public Map<String, long[]> byRule() {
    Map<String, long[]> counts = new TreeMap<>();
    for (Finding f : findings()) {
      long[] c = counts.computeIfAbsent(f.rule(), k -> new long[3]);
      c[2 - f.severity().ordinal()]++;
    }
    Map<String, long[]> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                .thenComparingLong(e -> -e.getValue()[1])
                .thenComparingLong(e -> -e.getValue()[2])
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** Skills with findings above info, worst first. */
  public List<SkillAudit> worstFirst() {
    return skills.stream()
        .filter(s -> s.dangers() + s.warnings() > 0)
        .sorted(SkillAudit.WORST_FIRST)
        .toList();
  }

  /** 1 with a danger finding (or a warning, when strict), else 0. */
  public int exitCode(boolean strict) {
    return count(AuditSeverity.DANGER) > 0 || strict && count(AuditSeverity.WARNING) > 0 ? 1 : 0;
  }
}
