package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.search.CollectionStatistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingPatch} takes a skill added or removed when every grid holds. On {@code large} in id
 * order: "large without X" (an odd count, 881 or so, built whole) then X added by a patch, and the
 * reverse (large, X removed). {@code Bm25.documentCount} rounds up to even between 512 and 1,023,
 * so from an odd count an add holds the count grid and from an even one a removal does; X is the
 * skill nearest the middle whose lengths keep every scored field's average on its grid (the verdict
 * is printed). After each patch: every trigger and eval request ranked and routed as a fresh build
 * of the skills now; every trigger the patch returns ranked as the fresh build now and before;
 * every trigger it does not return ranked the same by both fresh builds; every skill's similar list
 * that differs between the two fresh builds named by {@code similarMayChange}; every full-build
 * record's keys naming the same skill in the patched view (or none: removed). Then a body edit of a
 * skill after X patched on top (records read through the renumbered view), and a grid crossing
 * refused.
 */
@Tag("corpus")
class RoutingPatchAddTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path cache;

  @Test
  void aSkillAddedWhileTheGridsHoldIsPatchedAsAFreshBuild() throws IOException {
    Corpus c = new Corpus();
    List<Skill> base = new ArrayList<>(c.large);
    base.remove(c.x);
    assertEquals(1, base.size() % 2, "an odd base: the add holds the count grid");
    List<String> baseTriggers = triggers(base);
    try (RoutingIndex fresh = RoutingIndex.build(base)) {
      RoutingPatch.write(cache, fresh, baseTriggers, KEY);
    }
    // a removal from an odd count crosses the count grid: refused, the state left as it was
    Skill w = base.get(3);
    RoutingPatch.Outcome crossing =
        RoutingPatch.patch(
            cache, KEY, List.of(RoutingPatch.Change.removed(w)), List.of(), own(w, base), TOP);
    assertInstanceOf(RoutingPatch.CannotPatch.class, crossing, crossing.toString());
    assertTrue(
        ((RoutingPatch.CannotPatch) crossing).reason().contains("number of skills"),
        crossing.toString());
    // a skill the state holds cannot be added; one it does not hold cannot be removed
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(
            cache, KEY, List.of(RoutingPatch.Change.added(w)), List.of(), List.of(), TOP));
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(
            cache, KEY, List.of(RoutingPatch.Change.removed(c.x)), List.of(), List.of(), TOP));
    // X added: its phrases no other skill has are added triggers
    List<Skill> now = c.large;
    Set<String> added = new TreeSet<>(triggers(now));
    added.removeAll(baseTriggers);
    check(c, base, now, RoutingPatch.Change.added(c.x), added, Set.of(), base, baseTriggers);
    // a body edit of a skill after X on the state with X added: its ords and records renumbered
    int after = now.indexOf(c.x) + 3;
    Skill b = now.get(after);
    Skill edited = SkillEdits.bodyWordReplaced(b);
    List<Skill> next = new ArrayList<>(now);
    next.set(after, edited);
    check(c, now, next, new RoutingPatch.Change(b, edited), Set.of(), Set.of(), base, baseTriggers);
  }

  @Test
  void aSkillRemovedWhileTheGridsHoldIsPatchedAsAFreshBuild() throws IOException {
    Corpus c = new Corpus();
    List<Skill> all = c.large;
    assertEquals(0, all.size() % 2, "an even count: the removal holds the count grid");
    List<String> allTriggers = triggers(all);
    try (RoutingIndex fresh = RoutingIndex.build(all)) {
      RoutingPatch.write(cache, fresh, allTriggers, KEY);
    }
    List<Skill> now = new ArrayList<>(all);
    now.remove(c.x);
    check(c, all, now, RoutingPatch.Change.removed(c.x), Set.of(), own(c.x, all), all, allTriggers);
    // then a skill after it edited, and X added back: the state answers as large again
    int after = all.indexOf(c.x) + 2; // in now: the third skill after X
    Skill b = now.get(after);
    Skill edited = SkillEdits.bodyWordReplaced(b);
    List<Skill> next = new ArrayList<>(now);
    next.set(after, edited);
    check(c, now, next, new RoutingPatch.Change(b, edited), Set.of(), Set.of(), all, allTriggers);
    List<Skill> back = new ArrayList<>(next);
    back.add(c.x);
    back.sort((p, q) -> p.id().compareTo(q.id()));
    Set<String> added = new TreeSet<>(triggers(back));
    added.removeAll(triggers(next));
    check(c, next, back, RoutingPatch.Change.added(c.x), added, Set.of(), all, allTriggers);
  }

  /** {@code large} in id order (an even count) and X, the skill a grid-holding add can use. */
  private static final class Corpus {
    final List<Skill> large;
    final Skill x;
    final List<String> queries;

    Corpus() throws IOException {
      List<Skill> all = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/large")));
      all.sort((p, q) -> p.id().compareTo(q.id()));
      if (all.size() % 2 == 1) {
        all.remove(all.size() - 1); // an even count: without X it is odd
      }
      this.large = List.copyOf(all);
      this.x = gridHolding(all);
      Set<String> q = new LinkedHashSet<>(triggers(all));
      for (String line : Files.readAllLines(Path.of("../shared/eval/large.jsonl"))) {
        Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        if (m.find()) {
          q.add(m.group(1).replace("\\\"", "\""));
        }
      }
      for (Skill s : List.of(x)) {
        q.add("/" + s.name());
        q.add("use the " + s.name() + " skill for this");
      }
      this.queries = List.copyOf(q);
    }

    /**
     * The skill nearest the middle whose removal keeps every scored field's document count and
     * average length on their grids ({@link RoutingPatch#statisticsDiffer}'s rule, from the
     * collection's statistics less its own lengths).
     */
    private static Skill gridHolding(List<Skill> all) throws IOException {
      try (RoutingIndex fresh = RoutingIndex.build(all)) {
        var searcher = fresh.searcher();
        Set<String> fields = new TreeSet<>(IndexDelta.indexedFields(searcher.getIndexReader()));
        Map<String, CollectionStatistics> stats = new TreeMap<>();
        for (String f : fields) {
          if (RoutingPatch.scored(f)) {
            CollectionStatistics s = searcher.collectionStatistics(f);
            if (s != null) {
              stats.put(f, s);
            }
          }
        }
        int mid = all.size() / 2;
        for (int d = 0; d < all.size(); d++) {
          int i = mid + (d % 2 == 0 ? d / 2 : -(d / 2 + 1));
          Skill s = all.get(i);
          RoutingPatch.Inverted inv = RoutingPatch.Inverted.of(SkillDocument.of(s));
          boolean holds = true;
          for (var e : stats.entrySet()) {
            Map<String, Integer> held = inv.freqs().getOrDefault(e.getKey(), Map.of());
            long len = held.values().stream().mapToLong(Integer::longValue).sum();
            long dc = e.getValue().docCount() - (held.isEmpty() ? 0 : 1);
            long sum = e.getValue().sumTotalTermFreq() - len;
            holds &=
                Bm25.documentCount(dc) == Bm25.documentCount(e.getValue().docCount())
                    && Float.floatToIntBits(Bm25.averageLength(sum, dc))
                        == Float.floatToIntBits(
                            Bm25.averageLength(
                                e.getValue().sumTotalTermFreq(), e.getValue().docCount()));
          }
          if (holds) {
            System.out.println("X = " + s.id().value() + " (" + i + " of " + all.size() + ")");
            return s;
          }
        }
      }
      throw new AssertionError("no skill of large keeps every grid");
    }
  }

  /** Every trigger phrase and keyword of the skills. */
  private static List<String> triggers(List<Skill> skills) {
    Set<String> t = new LinkedHashSet<>();
    for (Skill s : skills) {
      t.addAll(s.triggers().phrases());
      t.addAll(s.triggers().keywords());
    }
    return List.copyOf(t);
  }

  /** {@code s}'s phrases that no skill of {@code others} holds. */
  private static Set<String> own(Skill s, List<Skill> others) {
    Set<String> out = new TreeSet<>(triggers(List.of(s)));
    List<Skill> rest = new ArrayList<>(others);
    rest.remove(s);
    out.removeAll(triggers(rest));
    return out;
  }

  /**
   * Patches {@code change} onto the state (whose skills are {@code was}, written by a full build of
   * {@code fullBuild} with {@code fullBuildTriggers}), checks it against fresh builds of {@code
   * was} and {@code now}, and commits it.
   */
  private void check(
      Corpus c,
      List<Skill> was,
      List<Skill> now,
      RoutingPatch.Change change,
      Set<String> added,
      Set<String> removed,
      List<Skill> fullBuild,
      List<String> fullBuildTriggers)
      throws IOException {
    String what =
        (change.before() == null ? "added " : change.after() == null ? "removed " : "edited ")
            + change.id().value();
    RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, List.of(change), added, removed, TOP);
    assertInstanceOf(RoutingPatch.Patched.class, o, what + ": " + o);
    try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
        RoutingIndex old = RoutingIndex.build(was);
        RoutingIndex fresh = RoutingIndex.build(now)) {
      assertEquals(now.size(), p.size(), what + ": size");
      for (int ord = 0; ord < now.size(); ord++) {
        assertEquals(ord, p.ordOf(now.get(ord).id().value()), what + ": ord of " + ord);
      }
      Router patched = p.router();
      Router want = new Router(fresh);
      Router before = new Router(old);
      for (String q : c.queries) {
        assertEquals(want.rank(q, TOP), patched.rank(q, TOP), what + ": rank: " + q);
        assertEquals(want.route(q, TOP), patched.route(q, TOP), what + ": route: " + q);
      }
      int carried = 0;
      for (String q : triggers(now)) {
        if (p.rankings().containsKey(q)) {
          assertEquals(want.rank(q, TOP), p.rankings().get(q), what + ": returned: " + q);
          if (!added.contains(q)) {
            assertEquals(before.rank(q, TOP), p.rankingsBefore().get(q), what + ": before: " + q);
          }
        } else {
          assertFalse(added.contains(q), what + ": an added phrase is ranked: " + q);
          carried++;
          assertEquals(before.rank(q, TOP), want.rank(q, TOP), what + ": carried: " + q);
        }
      }
      // every list that differs between the two fresh builds is asked; every other one is equal
      SimilarSkills similarWas = old.similarSkills();
      SimilarSkills similarNow = fresh.similarSkills();
      Set<String> wasIds = new TreeSet<>();
      was.forEach(s -> wasIds.add(s.id().value()));
      int differ = 0;
      for (Skill k : now) {
        String id = k.id().value();
        boolean same =
            wasIds.contains(id)
                && DriftBoundTest.shown(similarWas.similar(k.id(), 9))
                    .equals(DriftBoundTest.shown(similarNow.similar(k.id(), 9)));
        if (!same) {
          differ++;
          assertTrue(p.similarMayChange().contains(id), what + ": similar: " + id);
        }
      }
      Set<String> nowIds = new TreeSet<>();
      now.forEach(s -> nowIds.add(s.id().value()));
      assertTrue(nowIds.containsAll(p.similarMayChange()), what + ": only live skills asked");
      // the similar lists the patch makes for those it names: the fresh build's
      SimilarSkills similarPatched = p.similarSkills();
      for (String id : p.similarMayChange()) {
        var sid = now.get(p.ordOf(id)).id();
        assertEquals(
            DriftBoundTest.shown(similarNow.similar(sid, 9)),
            DriftBoundTest.shown(similarPatched.similar(sid, 9)),
            what + ": patched similar: " + id);
      }
      // the full build's records name skills by key: each names the same skill in the patched
      // view, or none once removed
      PatchedIndex view = p.index();
      try (RoutingIndex full = RoutingIndex.build(fullBuild)) {
        int named = 0;
        Synonyms synonyms = new Synonyms();
        for (String q : fullBuildTriggers) {
          RoutingPatch.Recorded r = RoutingPatch.Recorded.of(full, synonyms, q);
          for (int key : r.ords()) {
            OptionalInt ord = view.ordOfKey(key);
            String id = full.skill(key).id().value();
            OptionalInt live = view.ordOf(id); // a skill removed and added again: another key
            boolean sameKey = live.isPresent() && view.keyOf(live.getAsInt()) == key;
            assertEquals(sameKey, ord.isPresent(), what + ": key " + key + " of " + id);
            if (sameKey) {
              assertEquals(id, view.skill(ord.getAsInt()).id().value(), what + ": key " + key);
              named++;
            } else {
              assertTrue(
                  !nowIds.contains(id) || change.before() == null,
                  what + ": only a removed skill's key names no one: " + key);
            }
          }
        }
        System.out.println(
            what
                + ": "
                + c.queries.size()
                + " queries as a fresh build; "
                + p.rankings().size()
                + " rankings returned, "
                + carried
                + " carried; similarMayChange "
                + p.similarMayChange().size()
                + " ⊇ "
                + differ
                + " lists that differ; "
                + named
                + " record entries renamed by key; counts "
                + p.counts()
                + "; similar parts "
                + p.similarMayChangeParts());
      }
      p.commit();
    }
  }
}
