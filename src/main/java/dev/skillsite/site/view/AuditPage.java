package dev.skillsite.site.view;

import java.util.List;

/**
 * The collection's audit page: counts, findings by rule, skills worst first.
 *
 * @param hidden how many skills with danger findings the site leaves out ({@code audit.hide:
 *     danger})
 */
public record AuditPage(
    long skills,
    long dangerSkills,
    long danger,
    long warning,
    long info,
    long hidden,
    List<RuleRow> rules,
    List<SkillRow> worst) {
  public AuditPage {
    rules = List.copyOf(rules);
    worst = List.copyOf(worst);
  }

  /** One rule's counts. */
  public record RuleRow(
      String rule, String title, String category, long danger, long warning, long info) {}

  /** One skill with findings; {@code href} empty when its page is hidden. */
  public record SkillRow(
      String name, String href, AuditBadge badge, long danger, long warning, String rules) {}
}
