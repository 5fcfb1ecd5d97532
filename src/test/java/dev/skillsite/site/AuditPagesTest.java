package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.audit.AuditCategory;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSeverity;
import dev.skillsite.audit.Finding;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import dev.skillsite.site.view.AuditPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit's pages ({@code audit/index.html}, {@code audit/page_n.html}) cut where their rows'
 * skills' ids say, on made-up audits (seeded): every skill with a danger or warning finding once,
 * worst first; each page within its bounds and ending at its first natural cut once half full; a
 * skill added, removed or re-audited changes few pages, where a count split changed every page
 * after it.
 */
class AuditPagesTest {
  private static final String[] RULES = {"raw-ip-url", "pipe-to-shell", "hidden-html", "secrets"};

  @Test
  void everySkillWithAFindingOnceWorstFirstEachPageEndingWhereItsLastIdSays() {
    Random random = new Random(27);
    List<SkillAudit> audits = audits(random, 6_000);
    AuditReport report = new AuditReport(audits);
    List<ListPages.Paged<AuditPage>> paged = views(report);
    List<SkillAudit> worst = report.worstFirst();
    assertTrue(paged.size() > 5, "pages: " + paged.size());
    List<String> listed =
        paged.stream()
            .flatMap(p -> p.view().worst().stream())
            .map(AuditPage.SkillRow::name)
            .toList();
    assertEquals(worst.stream().map(SkillAudit::name).toList(), listed, "each once, worst first");
    Paging paging = new Paging(Paging.ROWS);
    int at = 0;
    for (int n = 0; n < paged.size(); n++) {
      List<AuditPage.SkillRow> rows = paged.get(n).view().worst();
      assertEquals(n == 0, paged.get(n).view().first());
      long bytes = 0;
      long fill = 0;
      boolean cut = false;
      for (int i = 0; i < rows.size(); i++) {
        int w = AuditViews.weight(rows.get(i));
        if (i > 0) {
          assertFalse(
              paging.endsByFill(i, bytes, fill, cut, w), "page " + (n + 1) + " ends at row " + i);
        }
        bytes += w;
        long f = paging.fill(w);
        fill += f;
        cut = Paging.cut(Paging.hash(worst.get(at + i).id().value()), f);
      }
      assertTrue(rows.size() <= Paging.ROWS && bytes <= Paging.BUDGET, "page " + (n + 1));
      at += rows.size();
      if (n + 1 < paged.size()) {
        int next = AuditViews.weight(paged.get(n + 1).view().worst().get(0));
        assertTrue(paging.endsByFill(rows.size(), bytes, fill, cut, next), "page " + (n + 1));
        assertTrue(2 * fill >= Paging.FULL || bytes + next > Paging.BUDGET, "half full");
      }
    }
  }

  /**
   * 12,000 made-up skills, 7,000-odd with a danger or warning finding: 400 skills added or removed
   * at random change at most their page and the next in ≥ 95% (the number of pages moves in ≤ 5%);
   * 200 re-audited (their row leaves one place and enters another) at most four pages in ≥ 95%.
   */
  @Test
  void aSkillAddedRemovedOrReauditedChangesItsPageAndRarelyTheNext() {
    Random random = new Random(33);
    List<SkillAudit> audits = audits(random, 12_000);
    Paging greedy = new Paging(Paging.ROWS);
    for (String kind : List.of("add/remove", "re-audit")) {
      int edits = kind.equals("re-audit") ? 200 : 400;
      SplitEdits.Result r =
          SplitEdits.run(
              audits,
              edits,
              (now, e) -> {
                if (kind.equals("re-audit")) {
                  int i = random.nextInt(now.size());
                  SkillAudit s = now.get(i);
                  now.set(i, new SkillAudit(s.id(), s.name(), findings(random, s.id().value())));
                } else if (e % 2 == 0) {
                  now.add(audit(random, "added-" + e));
                } else {
                  now.remove(random.nextInt(now.size()));
                }
              },
              a -> {
                List<SkillAudit> order = new AuditReport(a).worstFirst();
                return AuditViews.split(order, AuditViews.rows(order, ids(a)));
              },
              a ->
                  greedy.split(
                      AuditViews.rows(new AuditReport(a).worstFirst(), ids(a)),
                      AuditViews::weight));
      int bound = kind.equals("re-audit") ? 4 : 2;
      int kept = r.edits() - r.countMoved();
      System.out.printf(
          "audit pages, %s: %d pages (greedy %d), count moved %d of %d, mean %.2f pages changed,"
              + " ≤ %d in %d of %d, worst %d; greedy mean %.1f, its count moved %d%n",
          kind,
          r.pages(),
          r.greedyPages(),
          r.countMoved(),
          r.edits(),
          r.mean(),
          bound,
          r.atMost(bound),
          kept,
          r.most(),
          r.greedyMean(),
          r.greedyMoved());
      assertTrue(r.countMoved() <= r.edits() / 20, "count moved " + r.countMoved());
      assertTrue(
          r.atMost(bound) >= 0.95 * r.edits(), kind + ": ≤ " + bound + " " + r.atMost(bound));
      assertTrue(r.greedyMean() > 3 * r.mean(), "a count split changes more pages");
    }
  }

  @Test
  void rowsAreNumberedOnTheirPageAndCountsLeftToPageOne() {
    // the view carries no place in the whole list: the template numbers each page's rows from 1
    assertFalse(
        Arrays.stream(AuditPage.class.getRecordComponents())
            .anyMatch(c -> c.getName().equals("start")),
        "a rank that depends on every row before it");
    List<ListPages.Paged<AuditPage>> paged = views(new AuditReport(audits(new Random(5), 4_000)));
    assertTrue(paged.size() > 1);
    assertTrue(paged.get(0).view().first());
    assertFalse(paged.get(0).view().rules().isEmpty(), "findings by rule on page 1");
    AuditPage one = paged.get(0).view();
    assertEquals(4_000, one.skills());
    assertTrue(one.danger() > 0 && one.warning() > 0 && one.dangerSkills() > 0);
    assertEquals(2, one.sections().size());
    for (var p : paged.subList(1, paged.size())) {
      AuditPage v = p.view();
      assertFalse(v.first(), p.path());
      assertTrue(v.rules().isEmpty() && v.sections().isEmpty(), p.path());
      assertEquals(
          List.of(0L, 0L, 0L, 0L, 0L, 0L),
          List.of(v.skills(), v.dangerSkills(), v.danger(), v.warning(), v.info(), v.hidden()),
          p.path());
    }
  }

  private static List<ListPages.Paged<AuditPage>> views(AuditReport report) {
    Set<SkillId> shown = report.skills().stream().map(SkillAudit::id).collect(Collectors.toSet());
    return new AuditViews(Optional.of(report)).pages(shown);
  }

  private static Set<SkillId> ids(List<SkillAudit> audits) {
    return audits.stream().map(SkillAudit::id).collect(Collectors.toSet());
  }

  private static List<SkillAudit> audits(Random random, int count) {
    List<SkillAudit> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(audit(random, "skill-" + i));
    }
    return out;
  }

  private static SkillAudit audit(Random random, String id) {
    String name = id + "-" + "x".repeat(random.nextInt(30));
    return new SkillAudit(new SkillId(id), name, findings(random, id));
  }

  /** None to four findings: one in eight a danger, then warnings, the rest info. */
  private static List<Finding> findings(Random random, String id) {
    List<Finding> out = new ArrayList<>();
    int n = random.nextInt(5);
    for (int f = 0; f < n; f++) {
      int roll = random.nextInt(8);
      AuditSeverity severity =
          roll == 0 ? AuditSeverity.DANGER : roll < 4 ? AuditSeverity.WARNING : AuditSeverity.INFO;
      out.add(
          new Finding(
              RULES[random.nextInt(RULES.length)],
              severity,
              AuditCategory.DATA_EXFILTRATION,
              new SourcePos(id + "/SKILL.md", f + 1, 1),
              "http://45.61.12.7/",
              "A URL on a raw IP."));
    }
    return out;
  }
}
