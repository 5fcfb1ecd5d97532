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
import dev.skillsite.site.view.HealthPage;
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

  /**
   * The audit page's views, split like the health report ({@link Paging#splitByFill}): page 1 keeps
   * {@code audit/index.html} with the counts and findings by rule; the skills worst first (danger,
   * then warnings) follow at most {@link Paging#ROWS} and {@link Paging#BUDGET} estimated bytes a
   * page, on {@code audit/page_2.html} …, each page ending at its first natural cut once half full:
   * a row whose skill id's stable hash ({@link Paging#hash}) says so. A row is a skill, and its id
   * never changes with an edit, so a skill added, removed or re-audited changes the page its row
   * leaves or enters and, rarely, the next; the pages after it start where they did (a count split
   * shifted every later page). The counts are on page 1 only and the rows are numbered on their
   * page alone, so nothing else on a later page depends on the rows before it. {@code shown} are
   * the skills the site has pages for. None when the build has no audit.
   */
  List<ListPages.Paged<AuditPage>> pages(Set<SkillId> shown) {
    if (audit.isEmpty()) {
      return List.of();
    }
    AuditReport a = audit.get();
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
    List<SkillAudit> order = a.worstFirst();
    List<AuditPage.SkillRow> worst = rows(order, shown);
    long hidden = a.skills().stream().filter(s -> !shown.contains(s.id())).count();
    List<List<AuditPage.SkillRow>> pages = split(order, worst);
    // the counts on page 1 only: a later page shows nothing that every other page's rows move
    long[] counts = {
      a.skills().size(),
      a.dangerousSkills(),
      a.count(AuditSeverity.DANGER),
      a.count(AuditSeverity.WARNING),
      a.count(AuditSeverity.INFO),
      hidden
    };
    List<HealthPage.Section> sections =
        List.of(
            section(pages, DANGER_SECTION, r -> r.danger() > 0),
            section(pages, "Skills with warnings only", r -> r.danger() == 0));
    return ListPages.paged(
        SiteLayout.AUDIT,
        pages,
        AuditViews::title,
        (n, page) ->
            new AuditPage(
                n == 1 ? counts[0] : 0,
                n == 1 ? counts[1] : 0,
                n == 1 ? counts[2] : 0,
                n == 1 ? counts[3] : 0,
                n == 1 ? counts[4] : 0,
                n == 1 ? counts[5] : 0,
                n == 1 ? rules : List.of(),
                page,
                n == 1,
                n == 1 ? sections : List.of()));
  }

  /**
   * The rows of the skills {@code order} (worst first), one a skill; {@code shown} are the skills
   * the site has pages for (the others' rows link nowhere).
   */
  static List<AuditPage.SkillRow> rows(List<SkillAudit> order, Set<SkillId> shown) {
    List<AuditPage.SkillRow> worst =
        order.stream()
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
                      ruleIds,
                      "");
                })
            .collect(Collectors.toCollection(ArrayList::new));
    for (int i = 0; i < worst.size(); i++) {
      AuditPage.SkillRow r = worst.get(i);
      if (r.danger() == 0) {
        worst.set(
            i,
            new AuditPage.SkillRow(
                r.name(), r.href(), r.badge(), r.danger(), r.warning(), r.rules(), WARNINGS));
        break;
      }
    }
    return worst;
  }

  private static final String DANGER_SECTION = "Skills with a danger finding";

  /** The id of the first skill with warnings only. */
  private static final String WARNINGS = "ss-audit-warnings";

  /** Rows of skills worst first on one page of the audit. */
  private static final Paging PAGES = new Paging(Paging.ROWS);

  /**
   * The rows of the skills {@code order} (worst first), one a skill, cut into pages where their
   * skills' ids say ({@link #pages}).
   */
  static List<List<AuditPage.SkillRow>> split(
      List<SkillAudit> order, List<AuditPage.SkillRow> rows) {
    java.util.IdentityHashMap<AuditPage.SkillRow, Long> hashes = new java.util.IdentityHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      hashes.put(rows.get(i), Paging.hash(order.get(i).id().value()));
    }
    return PAGES.splitByFill(rows, AuditViews::weight, hashes::get);
  }

  /** Markup a row of the skills worst first adds (the list item, link, badge). */
  static final int ROW_MARKUP = 260;

  static int weight(AuditPage.SkillRow r) {
    return Paging.weight(r.name())
        + Paging.weight(r.href()) * 2
        + Paging.weight(r.badge().label()) * 2
        + Paging.weight(r.rules())
        + ROW_MARKUP;
  }

  /** What a page of the audit holds, for its link's title: its severities. */
  private static String title(List<AuditPage.SkillRow> page) {
    boolean danger = page.stream().anyMatch(r -> r.danger() > 0);
    boolean warning = page.stream().anyMatch(r -> r.danger() == 0);
    return danger && warning ? "danger, warnings" : danger ? "danger" : warning ? "warnings" : "";
  }

  /** The pages that hold the rows {@code which} picks, and a link to the first of them. */
  private static HealthPage.Section section(
      List<List<AuditPage.SkillRow>> pages,
      String label,
      java.util.function.Predicate<AuditPage.SkillRow> which) {
    int from = 0;
    int to = 0;
    int count = 0;
    for (int n = 1; n <= pages.size(); n++) {
      long here = pages.get(n - 1).stream().filter(which).count();
      if (here > 0) {
        from = from == 0 ? n : from;
        to = n;
        count += (int) here;
      }
    }
    if (from == 0) {
      return new HealthPage.Section(label, 0, "", "");
    }
    String file = Paging.path(SiteLayout.AUDIT, from);
    return new HealthPage.Section(
        label,
        count,
        from == to ? "page " + from : "pages " + from + "–" + to,
        (pages.size() == 1 ? "" : file.substring(file.lastIndexOf('/') + 1))
            + "#"
            + (label.equals(DANGER_SECTION) ? "ss-audit-worst" : WARNINGS));
  }
}
