package dev.skillsite.site.view;

import java.util.List;

/**
 * The audit section of a skill page.
 *
 * @param present whether the site was built with an audit (else the section is not shown)
 * @param auditHref the collection's audit page, relative to the skill page
 */
public record SkillAuditView(
    boolean present, AuditBadge badge, List<AuditFindingView> findings, String auditHref) {
  public static final SkillAuditView NONE =
      new SkillAuditView(false, AuditBadge.NONE, List.of(), "");

  public SkillAuditView {
    findings = List.copyOf(findings);
  }
}
