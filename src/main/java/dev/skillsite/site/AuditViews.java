package dev.skillsite.site;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditRule;
import dev.skillsite.audit.AuditSeverity;
import dev.skillsite.audit.Finding;
import dev.skillsite.audit.RuleTable;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.AuditBadge;
import dev.skillsite.site.view.AuditFindingView;
import dev.skillsite.site.view.AuditPage;
import dev.skillsite.site.view.SkillAuditView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit as the site shows it: badges on cards and pages, a skill page's findings, the audit
 * page.
 */
final class AuditViews {
  private final Optional<AuditReport> audit;
  private final RuleTable table;

  AuditViews(Optional<AuditReport> audit) {
    this.audit = audit;
    this.table = RuleTable.standard();
  }

  /**
   * The badge of a skill, linking to its page's findings ({@code skillHref} is the skill page's
   * URL).
   */
  AuditBadge badge(SkillId id, String skillHref) {
    return audit
        .flatMap(a -> a.of(id))
        .map(s -> badge(s, skillHref + "#ss-audit"))
        .orElse(AuditBadge.NONE);
  }

  private static AuditBadge badge(SkillAudit s, String href) {
    return new AuditBadge(s.level(), s.badge(), href);
  }

  /** A skill page's audit section; {@code page} is the skill page's site path. */
  SkillAuditView skill(SkillId id, String page) {
    if (audit.isEmpty()) {
      return SkillAuditView.NONE;
    }
    Optional<SkillAudit> s = audit.get().of(id);
    if (s.isEmpty()) {
      return SkillAuditView.NONE;
    }
    List<AuditFindingView> findings =
        s.get().findings().stream()
            .sorted(
                java.util.Comparator.comparing((Finding f) -> -f.severity().ordinal())
                    .thenComparing(Finding.ORDER))
            .map(
                f ->
                    new AuditFindingView(
                        f.pos().toString(),
                        f.severity().label(),
                        f.rule(),
                        f.category().title(),
                        f.excerpt(),
                        f.message()))
            .toList();
    return new SkillAuditView(
        true, badge(s.get(), "#ss-audit"), findings, Urls.relative(page, SiteLayout.AUDIT));
  }

  /** The audit page's view; {@code shown} are the skills the site has pages for. */
  Optional<AuditPage> page(Set<SkillId> shown) {
    return audit.map(
        a -> {
          List<AuditPage.RuleRow> rules = new ArrayList<>();
          for (Map.Entry<String, long[]> e : a.byRule().entrySet()) {
            Optional<AuditRule> r = table.rule(e.getKey());
            rules.add(
                new AuditPage.RuleRow(
                    e.getKey(),
                    r.map(AuditRule::title).orElse(e.getKey()),
                    r.map(x -> x.category().title()).orElse(""),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[2]));
          }
          List<AuditPage.SkillRow> worst =
              a.worstFirst().stream()
                  .map(
                      s -> {
                        String href =
                            shown.contains(s.id())
                                ? Urls.relative(SiteLayout.AUDIT, SiteLayout.skill(s.id()))
                                : "";
                        String ruleIds =
                            s.findings().stream()
                                .filter(f -> f.severity() != AuditSeverity.INFO)
                                .map(Finding::rule)
                                .distinct()
                                .collect(Collectors.joining(", "));
                        return new AuditPage.SkillRow(
                            s.name(),
                            href,
                            badge(s, href.isEmpty() ? "" : href + "#ss-audit"),
                            s.dangers(),
                            s.warnings(),
                            ruleIds);
                      })
                  .toList();
          long hidden = a.skills().stream().filter(s -> !shown.contains(s.id())).count();
          return new AuditPage(
              a.skills().size(),
              a.dangerousSkills(),
              a.count(AuditSeverity.DANGER),
              a.count(AuditSeverity.WARNING),
              a.count(AuditSeverity.INFO),
              hidden,
              rules,
              worst);
        });
  }
}
