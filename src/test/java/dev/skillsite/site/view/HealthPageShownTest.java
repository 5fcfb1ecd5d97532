package dev.skillsite.site.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.skillsite.check.RoutingHealthView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A health page's shown form ({@link HealthPage#shown}) holds what its template reads: page 1 its
 * summary and counts, a later page its entries and whether each section is empty everywhere.
 */
class HealthPageShownTest {
  private static final List<RoutingHealthView.Lost> LOST =
      List.of(
          new RoutingHealthView.Lost("alpha", "../skills/alpha/", "its only trigger goes to beta"));

  private static HealthPage page(boolean first, int unreachableCount, int probes) {
    return new HealthPage(
        first,
        probes,
        null,
        new RoutingHealthView.Listing(100, 8000, List.of()),
        List.of(),
        LOST,
        List.of(),
        List.of(),
        3,
        unreachableCount,
        0,
        2,
        List.of(
            new HealthPage.Section(
                "Unreachable skills", unreachableCount, "pages 2–3", "page_2.html#ss-unreachable")),
        List.of(false, true, false, false));
  }

  @Test
  void aLaterPageIsAlikeWhenOnlyTheReportsCountsMove() {
    assertEquals(page(false, 7169, 40).shown(), page(false, 7168, 41).shown());
  }

  @Test
  void aLaterPageDiffersWhenASectionBecomesEmptyEverywhere() {
    assertNotEquals(page(false, 1, 40).shown(), page(false, 0, 40).shown());
  }

  @Test
  void pageOneShowsTheCountsAndTheSummary() {
    assertNotEquals(page(true, 7169, 40).shown(), page(true, 7168, 40).shown());
    assertNotEquals(page(true, 7169, 40).shown(), page(true, 7169, 41).shown());
  }

  @Test
  void aLaterPageDiffersWhenItsEntriesDo() {
    HealthPage a = page(false, 7169, 40);
    HealthPage b =
        new HealthPage(
            false,
            40,
            null,
            a.listing(),
            a.pairs(),
            List.of(),
            a.nameOnly(),
            a.lint(),
            3,
            7169,
            0,
            2,
            a.sections(),
            a.continued());
    assertNotEquals(a.shown(), b.shown());
  }
}
