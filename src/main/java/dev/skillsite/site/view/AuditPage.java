package dev.skillsite.site.view;

import java.util.List;

/**
 * One page of the collection's audit ({@code audit/index.html}, {@code audit/page_2.html} …): the
 * counts and findings by rule on page 1 only, and this page's share of the skills worst first (each
 * skill with a danger or warning finding is on exactly one page, numbered on its page alone).
 *
 * @param skills the counts ({@code skills} … {@code hidden}, the findings by rule and the sections)
 *     are page 1's alone: 0 and empty on the others
 * @param hidden how many skills with danger findings the site leaves out ({@code audit.hide:
 *     danger})
 * @param first whether this is page 1, the one with the counts by rule
 * @param sections where the skills with a danger finding and those with warnings only are, for page
 *     1's summary when the list is split
 */
public record AuditPage(
    long skills,
    long dangerSkills,
    long danger,
    long warning,
    long info,
    long hidden,
    List<RuleRow> rules,
    List<SkillRow> worst,
    boolean first,
    List<HealthPage.Section> sections) {
  public AuditPage {
    rules = List.copyOf(rules);
    worst = List.copyOf(worst);
    sections = List.copyOf(sections);
  }

  /** One rule's counts. */
  public record RuleRow(
      String rule, String title, String category, long danger, long warning, long info) {}

  /**
   * One skill with findings; {@code href} empty when its page is hidden; {@code anchor} the id of
   * the first skill with warnings only ({@code ""} on the others).
   */
  public record SkillRow(
      String name,
      String href,
      AuditBadge badge,
      long danger,
      long warning,
      String rules,
      String anchor) {}
}
