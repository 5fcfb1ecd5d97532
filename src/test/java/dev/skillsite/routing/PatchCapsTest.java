package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PatchCaps}: a routing patch prices its rankings and counts the related lists that may
 * change before it makes them, and refuses at once, naming the counts, when either is over its
 * bound; at the bound it patches. The state is left as it was by a refusal (the next patch of the
 * same edit is taken).
 */
class PatchCapsTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path cache;

  @Test
  void thePriceGrowsWithTheCollection() {
    assertEquals(PatchCaps.BASE_MS, PatchCaps.rankingMs(0), 1e-9);
    assertEquals(PatchCaps.BASE_MS + PatchCaps.PER_100K_MS, PatchCaps.rankingMs(100_000), 1e-9);
    assertTrue(PatchCaps.rankingMs(50_000) < PatchCaps.rankingMs(100_000));
    // at 100k skills the budget buys BUDGET_MS / (BASE_MS + PER_100K_MS) rankings, no more
    int k = (int) (PatchCaps.BUDGET_MS / PatchCaps.rankingMs(100_000));
    assertTrue(PatchCaps.refusal(k, 0, 100_000).isEmpty());
    String why = PatchCaps.refusal(k + 1, 0, 100_000).orElseThrow();
    assertTrue(why.startsWith((k + 1) + " trigger rankings to make"), why);
    assertTrue(why.contains("at 100000 skills"), why);
    // the related lists' bound comes first, with its count
    int most = PatchCaps.maxSimilar();
    assertEquals(
        (most + 1) + " skills' related lists may change, more than " + most,
        PatchCaps.refusal(k + 1, most + 1, 100_000).orElseThrow());
    assertEquals(PatchCaps.MAX_SIMILAR, 512);
    assertEquals(PatchCaps.PRICED_RELATED ? 4096 : 512, most);
  }

  @Test
  void relatedListsArePricedWithTheRankings() {
    assertEquals(PatchCaps.SIMILAR_MS, PatchCaps.similarMs(0), 1e-9);
    assertEquals(
        PatchCaps.SIMILAR_MS + PatchCaps.SIMILAR_PER_100K_MS, PatchCaps.similarMs(100_000), 1e-9);
    // a list costs less than a ranking at any size (a "more like this" over one skill's words)
    assertTrue(PatchCaps.similarMs(100_000) < PatchCaps.rankingMs(100_000));
    assertTrue(PatchCaps.similarMs(0) < PatchCaps.rankingMs(0));
    // 113x's trigger added to hook-development-8: 561 lists, over the count bound of 512, within
    // the budget when priced (≈ 0.8 s of the route step's 10 s)
    int lists = 561;
    double listed = lists * PatchCaps.similarMs(99_666);
    assertTrue(listed < PatchCaps.BUDGET_MS / 10, "priced " + listed);
    try (AutoCloseable priced =
        PatchCaps.limitedTo(
            new PatchCaps.Limits(PatchCaps.BUDGET_MS, PatchCaps.MAX_SIMILAR_PRICED, true))) {
      assertEquals(listed, PatchCaps.similarPrice(lists, 99_666), 1e-9);
      int k = (int) ((PatchCaps.BUDGET_MS - listed) / PatchCaps.rankingMs(99_666));
      assertTrue(PatchCaps.refusal(k, lists, 99_666).isEmpty());
      String why = PatchCaps.refusal(k + 1, lists, 99_666).orElseThrow();
      assertTrue(why.contains("with 561 related lists that may change"), why);
      // the decisions alone share the budget with the lists too
      int d = (int) ((PatchCaps.BUDGET_MS - listed) / PatchCaps.decideMs(99_666));
      assertTrue(PatchCaps.decisionsRefusal(d, lists, 99_666).isEmpty());
      assertTrue(PatchCaps.decisionsRefusal(d + 1, lists, 99_666).isPresent());
      assertEquals(
          "4097 skills' related lists may change, more than 4096",
          PatchCaps.refusal(0, 4097, 99_666).orElseThrow());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    // the count bound alone (the knob off): 561 refused, no price
    try (AutoCloseable counted =
        PatchCaps.limitedTo(
            new PatchCaps.Limits(PatchCaps.BUDGET_MS, PatchCaps.MAX_SIMILAR, false))) {
      assertEquals(0, PatchCaps.similarPrice(lists, 99_666), 1e-9);
      assertEquals(
          "561 skills' related lists may change, more than 512",
          PatchCaps.refusal(0, lists, 99_666).orElseThrow());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPatchOverItsBoundsIsRefusedBeforeItsRankingsNamingTheCount() throws Exception {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.copyOf(triggers), KEY);
    }
    // a body word replaced, and a phrase the skill now has (always ranked: its count is known
    // before the rankings), priced and made under the standard bounds, not committed: its counts
    Skill before = skills.get(1);
    List<RoutingPatch.Change> edit =
        List.of(new RoutingPatch.Change(before, SkillEdits.bodyWordReplaced(before)));
    List<String> added = List.of("chart the quarterly figures", "draw the org chart");
    PatchCaps.Work work;
    try (RoutingPatch.Patched p =
        assertInstanceOf(
            RoutingPatch.Patched.class,
            RoutingPatch.patch(cache, KEY, edit, added, List.of(), TOP))) {
      work = PatchCaps.last().orElseThrow();
      assertEquals(p.rankings().size() + p.rankingsBefore().size(), work.rankings());
      assertEquals(p.similarMayChange().size(), work.similar());
    }
    assertTrue(work.rankings() >= added.size() && work.similar() > 0, work.toString());
    // the rankings and the decisions from records before them, priced together
    double price =
        PatchCaps.price(work.rankings(), skills.size())
            + PatchCaps.decisionsPrice(work.decisions(), skills.size())
            + PatchCaps.similarPrice(work.similar(), skills.size());
    assertEquals(price, work.priceMs(), 1e-9);

    // refused over the budget, and the counts told before (build --timings prints them at once)
    List<PatchCaps.Work> told = new java.util.ArrayList<>();
    try (AutoCloseable limited =
            PatchCaps.limitedTo(new PatchCaps.Limits(price - 0.01, Integer.MAX_VALUE));
        PatchCaps.Telling telling = PatchCaps.telling(told::add)) {
      RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, edit, added, List.of(), TOP);
      String why = assertInstanceOf(RoutingPatch.CannotPatch.class, o).reason();
      assertTrue(why.startsWith(work.rankings() + " trigger rankings to make, priced"), why);
    }
    assertEquals(1, told.size());
    assertEquals(work.rankings(), told.get(0).rankings());
    assertEquals(0, told.get(0).rankingCpuNs(), "told before the rankings were made");
    assertTrue(
        told.get(0).priced().startsWith("route: " + work.rankings() + " trigger rankings to make"),
        told.get(0).priced());
    try (AutoCloseable limited =
        PatchCaps.limitedTo(new PatchCaps.Limits(Double.MAX_VALUE, work.similar() - 1))) {
      RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, edit, added, List.of(), TOP);
      assertEquals(
          work.similar() + " skills' related lists may change, more than " + (work.similar() - 1),
          assertInstanceOf(RoutingPatch.CannotPatch.class, o).reason());
    }
    // at the bounds it patches: the refusals left the state as it was
    try (AutoCloseable limited = PatchCaps.limitedTo(new PatchCaps.Limits(price, work.similar()));
        RoutingPatch.Patched p =
            assertInstanceOf(
                RoutingPatch.Patched.class,
                RoutingPatch.patch(cache, KEY, edit, added, List.of(), TOP))) {
      assertEquals(work.rankings(), PatchCaps.last().orElseThrow().rankings());
      assertTrue(PatchCaps.last().orElseThrow().rankingCpuNs() >= 0);
    }
  }

  @Test
  void theDecisionsFromRecordsArePricedAndRefusedBeforeTheyAreMade() throws Exception {
    assertEquals(PatchCaps.DECIDE_MS, PatchCaps.decideMs(0), 1e-9);
    assertEquals(
        PatchCaps.DECIDE_MS + PatchCaps.DECIDE_PER_100K_MS, PatchCaps.decideMs(100_000), 1e-9);
    // a decision costs a small part of a ranking at any size
    assertTrue(PatchCaps.decideMs(100_000) < PatchCaps.rankingMs(100_000) / 4);
    assertTrue(PatchCaps.decideMs(0) < PatchCaps.rankingMs(0) / 4);
    // at 100k skills the budget buys this many decisions, no more
    int d = (int) (PatchCaps.BUDGET_MS / PatchCaps.decideMs(100_000));
    assertTrue(PatchCaps.decisionsRefusal(d, 0, 100_000).isEmpty());
    String why = PatchCaps.decisionsRefusal(d + 1, 0, 100_000).orElseThrow();
    assertTrue(why.startsWith((d + 1) + " trigger rankings to decide from records"), why);
    // decisions and rankings share the budget
    int k = (int) (PatchCaps.BUDGET_MS / PatchCaps.rankingMs(100_000));
    assertTrue(PatchCaps.refusal(PatchCaps.work(k, 0, 0, 100_000)).isEmpty());
    assertTrue(
        PatchCaps.refusal(PatchCaps.work(k, d / 2, 0, 100_000))
            .orElseThrow()
            .contains("decided from"));

    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.copyOf(triggers), KEY);
    }
    // RouteStepBench's first description edit (seed 21): most asked phrases decided from records
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new java.util.Random(21));
    Skill before = skills.get(order.get(0));
    List<RoutingPatch.Change> edit =
        List.of(new RoutingPatch.Change(before, SkillEdits.descriptionFirstWord(before, "Write")));
    PatchCaps.Work work;
    try (RoutingPatch.Patched p =
        assertInstanceOf(
            RoutingPatch.Patched.class,
            RoutingPatch.patch(cache, KEY, edit, List.of(), List.of(), TOP))) {
      work = PatchCaps.last().orElseThrow();
      // every phrase proved unmoved was decided; the rest of the decided ones were ranked
      int unmoved = p.counts().get("unmoved");
      assertTrue(unmoved > 0 && work.decisions() >= unmoved, p.counts() + " " + work);
      assertTrue(work.decisions() <= unmoved + p.counts().get("asked"), p.counts() + " " + work);
      assertEquals(2 * p.counts().get("asked"), work.rankings(), p.counts() + " " + work);
    }
    assertTrue(work.decisions() > 10, work.toString());
    double decided = PatchCaps.decisionsPrice(work.decisions(), skills.size());
    // a budget under the decisions' price alone: refused before any decision is made, the count
    // named and told
    List<PatchCaps.Work> told = new java.util.ArrayList<>();
    try (AutoCloseable limited =
            PatchCaps.limitedTo(new PatchCaps.Limits(decided - 0.01, Integer.MAX_VALUE));
        PatchCaps.Telling telling = PatchCaps.telling(told::add)) {
      RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, edit, List.of(), List.of(), TOP);
      String reason = assertInstanceOf(RoutingPatch.CannotPatch.class, o).reason();
      assertTrue(
          reason.startsWith(work.decisions() + " trigger rankings to decide from records"), reason);
    }
    assertEquals(1, told.size());
    assertEquals(work.decisions(), told.get(0).decisions());
    assertEquals(0, told.get(0).rankings(), "refused before the decisions: no ranking counted");
    // over the budget with the rankings left: refused after the decisions, naming both
    try (AutoCloseable limited =
        PatchCaps.limitedTo(new PatchCaps.Limits(work.priceMs() - 0.01, Integer.MAX_VALUE))) {
      RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, edit, List.of(), List.of(), TOP);
      String reason = assertInstanceOf(RoutingPatch.CannotPatch.class, o).reason();
      assertTrue(reason.startsWith(work.rankings() + " trigger rankings to make"), reason);
      assertTrue(reason.contains("with " + work.decisions() + " decided from records"), reason);
    }
    // at the budget it patches: the refusals left the state as it was
    try (AutoCloseable limited =
            PatchCaps.limitedTo(new PatchCaps.Limits(work.priceMs(), Integer.MAX_VALUE));
        RoutingPatch.Patched p =
            assertInstanceOf(
                RoutingPatch.Patched.class,
                RoutingPatch.patch(cache, KEY, edit, List.of(), List.of(), TOP))) {
      assertEquals(work, PatchCaps.last().orElseThrow().withCpu(work.rankingCpuNs()));
    }
  }
}
