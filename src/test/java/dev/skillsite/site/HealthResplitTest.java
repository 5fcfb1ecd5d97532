package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry of the routing health report that grows or shrinks may move the end of its page (when it
 * makes or unmakes the natural cut that ends it, {@link Paging#splitByFill}): a patch splits the
 * pages after it again ({@code HealthState.Resplit}) until a page ends where one did. On a
 * synthetic report of 1,500 unreachable skills whose reasons are of random length (so the pages end
 * by bytes, each with its own slack), a sequence of unreachable entries rewritten longer and
 * shorter, each patched on the site the last patch left (its delta, the moved entries' records):
 * every patched health page is byte for byte the page a clean build of the same report writes, and
 * every refusal is a change of the page count.
 */
class HealthResplitTest {
  private static final int SKILLS = 1500;
  @TempDir Path tmp;

  private final Map<SkillId, String> reasons = new TreeMap<>();
  private final Map<SkillId, String> findings = new HashMap<>();
  private Catalog catalog;

  /**
   * {@code SKILLS} skills, one phrase each, every one unreachable with a reason of 200–1,600
   * characters drawn from a generator seeded with {@code seed}, which it returns for the test's
   * edits.
   */
  private Random catalogOfReasons(long seed) {
    return catalogOfReasons(seed, new CatalogFixture());
  }

  private Random catalogOfReasons(long seed, CatalogFixture start) {
    CatalogFixture f = start;
    for (int i = 0; i < SKILLS; i++) {
      f =
          f.skill(String.format("skill-%04d", i))
              .description("Use when the user asks to \"do task " + i + "\".")
              .phrases("do task " + i)
              .add();
    }
    catalog = f.catalog();
    Random random = new Random(seed);
    for (Skill s : catalog.skills()) {
      reasons.put(s.id(), reason(random, 200 + random.nextInt(1400)));
      findings.put(s.id(), "no trigger of it routes to it first");
    }
    return random;
  }

  @Test
  void entriesThatGrowOrShrinkSplitThePagesAfterThemAgain() throws IOException {
    Random random = catalogOfReasons(27);
    Path site = tmp.resolve("site");
    build(site);
    int pages = pages(site).size();
    assertTrue(pages >= 5, "a report of several pages: " + pages);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    int patched = 0;
    int resplit = 0;
    List<String> refused = new ArrayList<>();
    for (int k = 0; k < 24; k++) {
      SkillId id = ids.get(random.nextInt(ids.size()));
      // the even edits grow an entry, the odd ones shrink one (by up to 1,400 bytes)
      String now =
          k % 2 == 0
              ? reasons.get(id) + " " + reason(random, 100 + random.nextInt(1300))
              : reason(random, 20 + random.nextInt(100));
      reasons.put(id, now);
      findings.put(id, "no trigger of it routes to it first (edit " + k + ")");
      HealthState.Result r;
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        r =
            state.patch(
                List.of(),
                List.of(),
                Map.of(),
                0,
                List.of(),
                List.of(
                    new HealthState.Reach(
                        id, Optional.of(lost(id)), Optional.of(findings.get(id)))),
                x -> Optional.empty(),
                Map.of(),
                Optional.empty(),
                x -> Optional.of(List.of(section(x, findings.get(x)))));
      }
      Path clean = tmp.resolve("clean-" + k);
      build(clean);
      if (r.patched().isEmpty()) {
        // only a change of the page count refuses: the site is built again
        assertTrue(
            r.cannot().contains("more pages") || r.cannot().contains("fewer pages"),
            "edit " + k + " refused: " + r.cannot());
        assertTrue(pages(clean).size() != pages(site).size(), "edit " + k + ": " + r.cannot());
        refused.add(r.cannot());
        site = clean;
        continue;
      }
      for (var e : r.patched().get().files().entrySet()) {
        Path to = site.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.write(to, e.getValue());
      }
      for (String gone : r.patched().get().deleted()) {
        Files.delete(site.resolve(gone));
      }
      Map<String, String> want = pages(clean);
      Map<String, String> got = pages(site);
      assertEquals(want.keySet(), got.keySet(), "edit " + k + ": the health pages");
      for (String p : want.keySet()) {
        assertEquals(want.get(p), got.get(p), "edit " + k + ": " + p);
      }
      assertEquals(
          List.of(section(id, findings.get(id))),
          r.patched().get().sections().get(id),
          "edit " + k + ": the skill's section");
      patched++;
      long written =
          r.patched().get().files().keySet().stream().filter(p -> p.startsWith("health/")).count();
      resplit += written > 1 ? 1 : 0;
      System.out.printf("edit %d: %d health pages written%n", k, written);
    }
    System.out.printf("patched %d of 24 (refused: %s)%n", patched, refused);
    assertTrue(patched >= 20, "most edits keep the page count: " + refused);
    // pages end where their entries say: an entry that grows or shrinks seldom moves a page's end
    assertTrue(resplit >= 2, "some edits move entries to another page: " + resplit);
    assertTrue(resplit <= patched / 4, "most edits write their own page only: " + resplit);
  }

  /**
   * An edit that adds or removes a page of the report (searched for among random rewrites of an
   * entry, by the page count of a whole build's split: {@link HealthPages#of}) is patched, not
   * refused: the report split again whole, every page whose bytes change written (each pager shows
   * the count), the pages past the new count listed as deleted and those past the old one as added.
   * On a site with a base URL (canonical URLs), a chain of such edits (count up, count down, each
   * followed by an edit that keeps the count) patched on the site the last patch left: each time
   * the health pages are byte for byte a clean build's, and the records the next patch finds
   * entries by ({@code u:}, each page's {@code uk:}) are the clean build's.
   */
  @Test
  void anEditThatAddsOrRemovesAPageIsPatchedAndThePagesGoneDeleted() throws IOException {
    Random random =
        catalogOfReasons(
            31,
            new CatalogFixture()
                .config(SiteConfig.defaults("Fixture skills").withBaseUrl("https://x.test/s/")));
    Path site = tmp.resolve("site");
    build(site);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    List<SkillId> grown = new ArrayList<>();
    int ups = 0;
    int downs = 0;
    int same = 0;
    for (int k = 0; k < 8; k++) {
      // even edits move the count (up, then down), odd ones keep it
      int want = k % 2 == 1 ? 0 : (k / 2) % 2 == 0 ? 1 : -1;
      int before = HealthPages.of(view()).size();
      SkillId id = null;
      String now = null;
      // of the last 60 entries (the report's last pages, where a moved end reaches the count):
      // one grown by up to 120,000 characters (it fills its page: a cut after it) or shrunk; an
      // entry grown before shrunk first when the count should go down
      List<SkillId> grownFirst = want < 0 ? new ArrayList<>(grown) : List.of();
      for (int tries = 0; id == null && tries < 400; tries++) {
        SkillId c =
            tries < grownFirst.size()
                ? grownFirst.get(tries)
                : ids.get(ids.size() - 1 - random.nextInt(60));
        boolean grow = tries >= grownFirst.size() && want >= 0 && random.nextBoolean();
        String r =
            grow
                ? reasons.get(c) + " " + reason(random, 100 + random.nextInt(120000))
                : reason(random, 20 + random.nextInt(100));
        String was = reasons.put(c, r);
        int after = HealthPages.of(view()).size();
        reasons.put(c, was);
        if (Integer.signum(after - before) == want) {
          id = c;
          now = r;
        }
      }
      assertTrue(id != null, "edit " + k + ": an edit that moves the count by " + want);
      if (now.length() > reasons.get(id).length()) {
        grown.add(id);
      } else {
        grown.remove(id);
      }
      reasons.put(id, now);
      findings.put(id, "no trigger of it routes to it first (edit " + k + ")");
      HealthState.Result r;
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        r = patchReach(state, id);
      }
      assertTrue(r.patched().isPresent(), "edit " + k + " refused: " + r.cannot());
      Path clean = tmp.resolve("clean-" + k);
      build(clean);
      Map<String, String> was = pages(site);
      Map<String, String> wantPages = pages(clean);
      HealthState.Patched p = r.patched().get();
      java.util.Set<String> gone = new java.util.TreeSet<>(was.keySet());
      gone.removeAll(wantPages.keySet());
      java.util.Set<String> come = new java.util.TreeSet<>(wantPages.keySet());
      come.removeAll(was.keySet());
      assertEquals(
          gone.stream().map(x -> "health/" + x).toList(), p.deleted(), "edit " + k + ": deleted");
      assertEquals(
          come.stream().map(x -> "health/" + x).toList(), p.added(), "edit " + k + ": added");
      assertEquals(want > 0 ? 1 : 0, come.size(), "edit " + k + ": a page added");
      assertEquals(want < 0 ? 1 : 0, gone.size(), "edit " + k + ": a page deleted");
      for (var e : p.files().entrySet()) {
        write(site, e.getKey(), e.getValue());
      }
      p.deleted().forEach(x -> delete(site.resolve(x)));
      Map<String, String> got = pages(site);
      assertEquals(wantPages.keySet(), got.keySet(), "edit " + k + ": the health pages");
      for (String x : wantPages.keySet()) {
        assertEquals(wantPages.get(x), got.get(x), "edit " + k + ": " + x);
      }
      long written = p.files().keySet().stream().filter(x -> x.startsWith("health/")).count();
      if (want != 0) {
        // every page shows the count: each is written
        assertEquals(wantPages.size(), written, "edit " + k + ": pages written");
        if (want > 0) {
          ups++;
        } else {
          downs++;
        }
      } else {
        same++;
      }
      // the records a next patch finds entries and pages by are a clean build's
      try (HealthState patched = HealthState.open(site).orElseThrow();
          HealthState fresh = HealthState.open(clean).orElseThrow()) {
        for (SkillId x : ids) {
          String key = "u:" + HealthState.healthHref(x);
          assertEquals(
              fresh.record(key).map(String::new),
              patched.record(key).map(String::new),
              "edit " + k + ": " + key);
        }
        for (String x : wantPages.keySet()) {
          String key = "uk:health/" + x;
          assertEquals(
              fresh.record(key).map(String::new).orElse(""),
              patched.record(key).map(String::new).orElse(""),
              "edit " + k + ": " + key);
        }
        for (String x : gone) {
          assertEquals(
              "", patched.record("p:health/" + x).map(String::new).orElse(""), "edit " + k);
        }
      }
      System.out.printf(
          "edit %d: count %d → %d, %d health pages written%n",
          k, was.size(), wantPages.size(), written);
    }
    assertEquals(List.of(2, 2, 4), List.of(ups, downs, same));
  }

  /**
   * With {@code -Dskillsite.healthRepage=always} (a measurement aid: the price of a page count that
   * moves) every patch splits the whole report again and writes every page: the pages are still a
   * clean build's, byte for byte, and a patch after it (without the switch) patches as usual.
   */
  @Test
  void aPatchThatSplitsTheWholeReportAgainWritesAWholeBuildsPages() throws IOException {
    Random random = catalogOfReasons(29);
    Path site = tmp.resolve("site");
    build(site);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    for (int k = 0; k < 4; k++) {
      SkillId id = ids.get(random.nextInt(ids.size()));
      reasons.put(id, reason(random, 20 + random.nextInt(1400)));
      findings.put(id, "no trigger of it routes to it first (edit " + k + ")");
      HealthState.Result r;
      String was = System.getProperty("skillsite.healthRepage");
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        if (k % 2 == 0) {
          System.setProperty("skillsite.healthRepage", "always");
        }
        r = patchReach(state, id);
      } finally {
        if (was == null) {
          System.clearProperty("skillsite.healthRepage");
        } else {
          System.setProperty("skillsite.healthRepage", was);
        }
      }
      assertTrue(r.patched().isPresent(), "edit " + k + " refused: " + r.cannot());
      Path clean = tmp.resolve("clean-" + k);
      build(clean);
      Map<String, String> want = pages(clean);
      for (var e : r.patched().get().files().entrySet()) {
        write(site, e.getKey(), e.getValue());
      }
      r.patched().get().deleted().forEach(x -> delete(site.resolve(x)));
      assertEquals(want, pages(site), "edit " + k);
      long written =
          r.patched().get().files().keySet().stream().filter(x -> x.startsWith("health/")).count();
      if (k % 2 == 0) {
        assertEquals(want.size(), written, "edit " + k + ": every page written");
      } else {
        assertTrue(written < want.size() / 2, "edit " + k + ": its own pages: " + written);
      }
    }
  }

  /** The report as {@link #reasons} has it (no collision pairs: every skill unreachable). */
  private RoutingHealthView view() {
    return new RoutingHealthView(
        List.of(),
        catalog.skills().stream()
            .filter(s -> !reached.contains(s.id()))
            .map(s -> lost(s.id()))
            .toList(),
        List.of(),
        1500,
        new RoutingHealthView.Listing(100, 15000, List.of()),
        List.of());
  }

  @Test
  void skillsGoneUnreachableAreInsertedInIdOrderOnTheirPage() throws IOException {
    // 40 of the 1,500 reachable at first; each edit makes one unreachable: its entry goes on the
    // page whose first unreachable skill is the last before it (a binary search over the pages'
    // uk: records), the pages after it split again
    Random random = catalogOfReasons(27);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    List<SkillId> order = new ArrayList<>(ids);
    java.util.Collections.shuffle(order, random);
    reached.addAll(order.subList(0, 40));
    Path site = tmp.resolve("site");
    build(site);
    assertTrue(pages(site).size() >= 5, "a report of several pages");
    int patched = 0;
    java.util.Set<String> onPages = new java.util.TreeSet<>();
    List<String> refused = new ArrayList<>();
    for (int k = 0; k < 24; k++) {
      SkillId id = order.get(k);
      reached.remove(id);
      String where = "skills/" + catalog.skill(id).orElseThrow().name() + "/SKILL.md:2:1";
      HealthState.Result r;
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        assertTrue(!state.unreachable(id), "edit " + k + ": listed before");
        r =
            state.patch(
                List.of(),
                List.of(),
                Map.of(),
                0,
                List.of(),
                List.of(HealthState.Reach.lost(id, lost(id), findings.get(id), where)),
                x -> Optional.empty(),
                Map.of(),
                Optional.empty(),
                x ->
                    Optional.of(
                        List.of(
                            x.equals(id)
                                ? new RoutingHealthView.SkillHealth(List.of(), List.of())
                                : section(x, findings.get(x)))));
      }
      Path clean = tmp.resolve("clean-" + k);
      build(clean);
      if (r.patched().isEmpty()) {
        assertTrue(
            r.cannot().contains("more pages") || r.cannot().contains("fewer pages"),
            "edit " + k + " refused: " + r.cannot());
        assertTrue(pages(clean).size() != pages(site).size(), "edit " + k + ": " + r.cannot());
        refused.add(r.cannot());
        site = clean;
        continue;
      }
      for (var e : r.patched().get().files().entrySet()) {
        Path to = site.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.write(to, e.getValue());
      }
      for (String gone : r.patched().get().deleted()) {
        Files.delete(site.resolve(gone));
      }
      Map<String, String> want = pages(clean);
      Map<String, String> got = pages(site);
      assertEquals(want.keySet(), got.keySet(), "edit " + k + ": the health pages");
      for (String p : want.keySet()) {
        assertEquals(want.get(p), got.get(p), "edit " + k + ": " + p);
      }
      assertEquals(
          List.of(section(id, findings.get(id))),
          r.patched().get().sections().get(id),
          "edit " + k + ": the skill's section");
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        assertTrue(state.unreachable(id), "edit " + k + ": listed after");
      }
      r.patched().get().files().keySet().stream()
          .filter(p -> p.startsWith("health/page_"))
          .forEach(onPages::add);
      patched++;
    }
    System.out.printf(
        "inserted %d of 24, pages after the first written %s (refused: %s)%n",
        patched, onPages, refused);
    assertTrue(patched >= 20, "most insertions keep the page count: " + refused);
    assertTrue(onPages.size() >= 3, "entries inserted on several pages: " + onPages);
  }

  /**
   * The page records a patch keeps decoded between patches ({@code HealthState.RESIDENT}, by their
   * bytes; the records it writes kept as it encoded them) patch as records decoded afresh do: the
   * edits of the first test, each patched on a site with the resident records and on a copy of it
   * with {@code -Dskillsite.healthMemo=false}, write the same files byte for byte (the health
   * pages, the delta) and the same sections, patch after patch; the resident run decodes fewer
   * records.
   */
  @Test
  void residentPageRecordsPatchAsRecordsDecodedAgainDo() throws IOException {
    int[] kept = new int[1];
    int[] decoded = new int[2];
    int patched;
    try (HealthState.FoldLater resident = HealthState.foldingLater()) { // a resident's patches
      patched = residentPairs(kept, decoded);
    }
    System.out.printf(
        "patched %d of 24; page records decoded %d (kept %d) vs %d%n",
        patched, decoded[0], kept[0], decoded[1]);
    assertTrue(patched >= 20, "most edits patched: " + patched);
    assertTrue(kept[0] > 0 && decoded[0] < decoded[1], decoded[0] + " vs " + decoded[1]);
  }

  private int residentPairs(int[] kept, int[] decoded) throws IOException {
    return patchInPairs(
        28,
        "skillsite.healthMemo",
        "memo",
        24,
        (state, run) -> {
          decoded[run] += state.counts.decoded;
          kept[0] += run == 0 ? state.counts.kept : 0;
        },
        (k, on, off, siteOn, siteOff) -> {
          Map<String, byte[]> a = on.files();
          Map<String, byte[]> b = off.files();
          assertEquals(b.keySet(), a.keySet(), "edit " + k + ": the files written");
          for (String path : a.keySet()) {
            assertTrue(Arrays.equals(b.get(path), a.get(path)), "edit " + k + ": " + path);
          }
          for (Path s : List.of(siteOn, siteOff)) {
            a.forEach((path, bytes) -> write(s, path, bytes));
          }
        });
  }

  /**
   * Page records decoded straight into their views and encoded from them ({@code HealthState.lean})
   * patch as records decoded through a JSON tree do ({@code -Dskillsite.healthLean=false}): the
   * edits of the first test, each patched on a site with the knob on and on a copy with it off,
   * write the same files byte for byte (pages, delta) and the same sections; and every page record
   * either site holds (the state's table and the delta) decodes to the same record both ways and
   * encodes back to its own bytes.
   */
  @Test
  void leanPageRecordsPatchAsRecordsThroughTheTreeDo() throws IOException {
    int[] pages = new int[1];
    int patched =
        patchInPairs(
            31,
            "skillsite.healthLean",
            "lean",
            24,
            (state, run) -> {},
            (k, on, off, siteOn, siteOff) -> {
              assertSameFiles(k, on, off);
              for (Path s : List.of(siteOn, siteOff)) {
                on.files().forEach((path, bytes) -> write(s, path, bytes));
              }
              if (k % 6 == 0) {
                pages[0] += roundTrips(siteOn);
              }
            });
    assertTrue(patched >= 20, "most edits patched: " + patched);
    assertTrue(pages[0] > 20, "page records round-tripped: " + pages[0]);
  }

  /**
   * A patch outside a resident builder that drops each health page once rendered and keeps no
   * record for a next patch ({@code HealthState.coldDrop}) writes what one keeping them does
   * ({@code -Dskillsite.coldDrop=false}), edit after edit; it keeps nothing, the other keeps.
   */
  @Test
  void aColdPatchDroppingItsPagesWritesWhatOneKeepingThemDoes() throws IOException {
    int[] kept = new int[2];
    int patched =
        patchInPairs(
            32,
            "skillsite.coldDrop",
            "drop",
            24,
            (state, run) -> kept[run] += state.counts.kept,
            (k, on, off, siteOn, siteOff) -> {
              assertSameFiles(k, on, off);
              for (Path s : List.of(siteOn, siteOff)) {
                on.files().forEach((path, bytes) -> write(s, path, bytes));
              }
            });
    assertTrue(patched >= 20, "most edits patched: " + patched);
    assertEquals(0, kept[0], "a cold patch keeps no record for a next one");
    assertTrue(kept[1] > 0, "kept with the knob off: " + kept[1]);
  }

  /**
   * The delta folded one record at a time ({@code HealthDelta.foldStream}) writes what the fold
   * reading every record into a map wrote ({@code -Dskillsite.foldStream=false}): 40 edits in a
   * row, each patched on a site with the knob on and on a copy with it off, write the same files
   * byte for byte (the health pages, the segments, the folded tables, the chain file), patch after
   * patch; the chain appends and folds.
   */
  @Test
  void aDeltaFoldedARecordAtATimeIsTheDeltaFoldedWhole() throws IOException {
    int[] folds = new int[1];
    int patched =
        patchInPairs(
            33,
            "skillsite.foldStream",
            "stream",
            40,
            (state, run) -> {},
            (k, on, off, siteOn, siteOff) -> {
              assertSameFiles(k, on, off);
              folds[0] += on.files().containsKey(HealthDelta.FOLDED) ? 1 : 0;
              for (Path s : List.of(siteOn, siteOff)) {
                on.files().forEach((path, bytes) -> write(s, path, bytes));
              }
            });
    assertTrue(patched >= 30, "most edits patched: " + patched);
    assertTrue(folds[0] >= 2 && folds[0] < patched, "folds: " + folds[0] + " of " + patched);
  }

  private static void assertSameFiles(int k, HealthState.Patched on, HealthState.Patched off) {
    assertEquals(off.files().keySet(), on.files().keySet(), "edit " + k + ": the files written");
    for (String path : on.files().keySet()) {
      assertTrue(
          Arrays.equals(off.files().get(path), on.files().get(path)), "edit " + k + ": " + path);
    }
  }

  /** Every page record of {@code site} decodes alike both ways and encodes to its own bytes. */
  private static int roundTrips(Path site) {
    Map<String, byte[]> all = new TreeMap<>();
    try (dev.skillsite.cache.RecordTable t =
        dev.skillsite.cache.RecordTable.open(site.resolve(HealthState.PAGES)).orElseThrow()) {
      for (int n = 1; ; n++) {
        String k = "p:" + Paging.path(SiteLayout.HEALTH, n);
        Optional<byte[]> b = t.get(k);
        if (b.isEmpty()) {
          break;
        }
        all.put(k, b.get());
      }
      all.putAll(HealthState.deltaRecords(site));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int n = 0;
    String was = System.getProperty("skillsite.healthLean");
    try {
      for (var e : all.entrySet()) {
        if (!e.getKey().startsWith("p:")) {
          continue;
        }
        System.setProperty("skillsite.healthLean", "false");
        HealthState.Loaded tree = HealthState.decodePage(e.getValue());
        byte[] treeBytes = HealthState.encodePage(tree.page(), tree.view());
        System.setProperty("skillsite.healthLean", "true");
        HealthState.Loaded lean = HealthState.decodePage(e.getValue());
        assertEquals(tree.page(), lean.page(), e.getKey());
        assertEquals(tree.view(), lean.view(), e.getKey());
        assertEquals(tree.cut(), lean.cut(), e.getKey());
        byte[] leanBytes = HealthState.encodePage(lean.page(), lean.view());
        assertTrue(Arrays.equals(treeBytes, leanBytes), e.getKey() + ": encoded alike");
        assertEquals(
            HealthState.Loaded.of(lean.page(), lean.view()).view(), lean.view(), e.getKey());
        n++;
      }
    } finally {
      if (was == null) {
        System.clearProperty("skillsite.healthLean");
      } else {
        System.setProperty("skillsite.healthLean", was);
      }
    }
    return n;
  }

  /**
   * The delta kept as a chain of segments ({@link HealthDelta}: a patch writes the records it
   * changed and the chain file; the chain folded into the table when its bytes pass the table's)
   * patches as the delta written whole does ({@code -Dskillsite.healthChain=false}): 40 edits in a
   * row, each patched on a site with the chain and on a copy with the knob off, write the same
   * health pages byte for byte and the same sections, and both deltas read the same records, patch
   * after patch; every eighth patched site's health pages are a clean build's; the chain appends
   * and folds, and writes fewer bytes.
   */
  @Test
  void aChainOfDeltaSegmentsPatchesAsTheDeltaWrittenWholeDoes() throws IOException {
    int[] appended = new int[1];
    int[] folded = new int[1];
    int[] longest = new int[1];
    long[] written = new long[2];
    int patched =
        patchInPairs(
            29,
            "skillsite.healthChain",
            "chain",
            40,
            (state, run) -> {},
            (k, on, off, site, whole) -> {
              Map<String, byte[]> a = on.files();
              Map<String, byte[]> b = off.files();
              assertEquals(
                  pagesOf(b).keySet(), pagesOf(a).keySet(), "edit " + k + ": the pages written");
              for (String path : pagesOf(a).keySet()) {
                assertTrue(Arrays.equals(b.get(path), a.get(path)), "edit " + k + ": " + path);
              }
              assertTrue(b.containsKey(HealthDelta.FOLDED) && b.size() == pagesOf(b).size() + 1);
              written[1] += deltaBytes(b);
              written[0] += deltaBytes(a);
              List<?> links = HealthDelta.parse(a.get(HealthDelta.CHAIN)).orElseThrow().links();
              if (a.containsKey(HealthDelta.FOLDED)) {
                folded[0]++;
                assertEquals(List.of(), links, "emptied");
              } else {
                appended[0]++;
                longest[0] = Math.max(longest[0], links.size());
              }
              a.forEach((path, bytes) -> write(site, path, bytes));
              b.forEach((path, bytes) -> write(whole, path, bytes));
              assertEquals(Optional.empty(), HealthState.damaged(site), "edit " + k);
              assertEquals(records(whole), records(site), "edit " + k + ": the delta's records");
              if (k % 8 == 7) {
                Path clean = tmp.resolve("clean-" + k);
                build(clean);
                assertEquals(pages(clean), pages(site), "edit " + k + ": a clean build's pages");
              }
            });
    System.out.printf(
        "patched %d of 40: appended %d (chain up to %d), folded %d; delta bytes written %d vs %d%n",
        patched, appended[0], longest[0], folded[0], written[0], written[1]);
    assertTrue(patched >= 32, "most edits patched: " + patched);
    assertTrue(
        appended[0] >= 10 && longest[0] >= 3 && folded[0] >= 2, appended[0] + " " + folded[0]);
    assertTrue(written[0] < written[1], written[0] + " vs " + written[1]);
  }

  /** What a pair test checks of one edit both sites patched, and writes into both. */
  private interface PatchedPair {
    void check(int k, HealthState.Patched on, HealthState.Patched off, Path siteOn, Path siteOff)
        throws IOException;
  }

  /**
   * The edits of the pair tests: {@code edits} unreachable entries of the catalog seeded with
   * {@code seed} rewritten in turn (even edits longer, odd ones shorter), each patched on a site
   * with {@code knob} on and on a copy of it with the knob off; both must refuse alike (a refused
   * edit builds both sites again), {@code opened} sees each state (run 0 on, 1 off), {@code pair}
   * checks what both patched and writes it. The knob's value before is put back.
   *
   * @return the edits patched
   */
  private int patchInPairs(
      long seed,
      String knob,
      String name,
      int edits,
      java.util.function.ObjIntConsumer<HealthState> opened,
      PatchedPair pair)
      throws IOException {
    Random random = catalogOfReasons(seed);
    Path on = tmp.resolve(name);
    build(on);
    Path off = tmp.resolve(name + "-off");
    copy(on, off);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    int patched = 0;
    String was = System.getProperty(knob);
    try {
      for (int k = 0; k < edits; k++) {
        SkillId id = ids.get(random.nextInt(ids.size()));
        String now =
            k % 2 == 0
                ? reasons.get(id) + " " + reason(random, 100 + random.nextInt(1300))
                : reason(random, 20 + random.nextInt(100));
        reasons.put(id, now);
        findings.put(id, "no trigger of it routes to it first (edit " + k + ")");
        HealthState.Result[] r = new HealthState.Result[2];
        for (int run = 0; run < 2; run++) {
          System.setProperty(knob, run == 0 ? "true" : "false");
          try (HealthState state = HealthState.open(run == 0 ? on : off).orElseThrow()) {
            r[run] = patchReach(state, id);
            opened.accept(state, run);
          }
        }
        assertEquals(r[1].cannot(), r[0].cannot(), "edit " + k + ": the refusal");
        if (r[0].patched().isEmpty()) {
          on = tmp.resolve(name + "-" + k);
          build(on);
          off = tmp.resolve(name + "-off-" + k);
          copy(on, off);
          continue;
        }
        HealthState.Patched a = r[0].patched().get();
        HealthState.Patched b = r[1].patched().get();
        assertEquals(b.sections(), a.sections(), "edit " + k + ": the sections");
        pair.check(k, a, b, on, off);
        patched++;
      }
    } finally {
      if (was == null) {
        System.clearProperty(knob);
      } else {
        System.setProperty(knob, was);
      }
    }
    return patched;
  }

  /**
   * A chain the state cannot trust is refused, never read: the last segment torn (cut short), gone
   * or with a byte changed (its CRC), or the chain file cut short; each found by a process that did
   * not check that copy before, so the patch is refused and the site built whole.
   */
  @Test
  void aTornOrMissingDeltaSegmentIsRefused() throws IOException {
    Random random = catalogOfReasons(30);
    Path site = tmp.resolve("site");
    build(site);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    List<HealthDelta.Link> chain = List.of();
    for (int k = 0; k < 40 && chain.size() < 2; k++) {
      SkillId id = ids.get(random.nextInt(ids.size()));
      reasons.put(id, reason(random, 20 + random.nextInt(100))); // shrinks: the page count stays
      findings.put(id, "no trigger of it routes to it first (edit " + k + ")");
      HealthState.Result r;
      try (HealthState state = HealthState.open(site).orElseThrow()) {
        r = patchReach(state, id);
      }
      if (r.patched().isEmpty()) {
        continue;
      }
      for (var e : r.patched().get().files().entrySet()) {
        write(site, e.getKey(), e.getValue());
      }
      chain =
          HealthDelta.parse(Files.readAllBytes(site.resolve(HealthDelta.CHAIN)))
              .orElseThrow()
              .links();
    }
    assertTrue(chain.size() >= 2, "a chain of segments: " + chain);
    String last = HealthDelta.segment(chain.get(chain.size() - 1).n());
    String first = HealthDelta.segment(chain.get(0).n());
    assertEquals(Optional.empty(), HealthState.damaged(site));
    Map<String, java.util.function.Consumer<Path>> damage = new java.util.LinkedHashMap<>();
    damage.put("the last segment torn", s -> cut(s.resolve(last), 9));
    damage.put("the last segment gone", s -> delete(s.resolve(last)));
    damage.put(
        "a byte of the first segment changed",
        s -> {
          Path p = s.resolve(first);
          byte[] b = read(p);
          b[b.length / 3] ^= 1;
          write(s, s.relativize(p).toString(), b);
        });
    damage.put("the chain file torn", s -> cut(s.resolve(HealthDelta.CHAIN), 3));
    damage.put("the folded table torn", s -> cut(s.resolve(HealthDelta.FOLDED), 9));
    int n = 0;
    for (var d : damage.entrySet()) {
      Path copy = tmp.resolve("damaged-" + n++);
      copy(site, copy);
      d.getValue().accept(copy);
      Optional<String> why = HealthState.damaged(copy);
      assertTrue(why.isPresent(), d.getKey() + ": refused");
      assertTrue(why.get().contains("health delta"), d.getKey() + ": " + why.get());
      assertTrue(HealthState.open(copy).isEmpty(), d.getKey() + ": no state to patch from");
    }
  }

  private static Map<String, byte[]> pagesOf(Map<String, byte[]> files) {
    Map<String, byte[]> out = new TreeMap<>(files);
    out.keySet().removeIf(p -> p.startsWith(dev.skillsite.cache.BuildCache.FOLDER));
    return out;
  }

  private static long deltaBytes(Map<String, byte[]> files) {
    return files.entrySet().stream()
        .filter(e -> e.getKey().startsWith(dev.skillsite.cache.BuildCache.FOLDER))
        .mapToLong(e -> e.getValue().length)
        .sum();
  }

  /** The delta's records, read through its chain (key → the bytes as text, for equality). */
  private static Map<String, String> records(Path site) {
    HealthDelta.Opened o = HealthDelta.open(site);
    try (HealthDelta d = o.delta().orElseThrow(() -> new AssertionError(o.why()))) {
      Map<String, String> out = new TreeMap<>();
      d.all().forEach((k, v) -> out.put(k, java.util.HexFormat.of().formatHex(v)));
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code bytes} at {@code path} of {@code site} as a patch publishes: a new file renamed.
   */
  private static void write(Path site, String path, byte[] bytes) {
    try {
      Path to = site.resolve(path);
      Files.createDirectories(to.getParent());
      Path t = Files.createTempFile(to.getParent(), ".w", ".tmp");
      Files.write(t, bytes);
      Files.move(t, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void cut(Path p, int bytes) {
    byte[] b = read(p);
    try {
      Files.write(p, java.util.Arrays.copyOf(b, b.length - bytes));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HealthState.Result patchReach(HealthState state, SkillId id) throws IOException {
    return state.patch(
        List.of(),
        List.of(),
        Map.of(),
        0,
        List.of(),
        List.of(new HealthState.Reach(id, Optional.of(lost(id)), Optional.of(findings.get(id)))),
        x -> Optional.empty(),
        Map.of(),
        Optional.empty(),
        x -> Optional.of(List.of(section(x, findings.get(x)))));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  /** Skills the report does not list (a trigger reaches them). */
  private final java.util.Set<SkillId> reached = new java.util.HashSet<>();

  private static String reason(Random random, int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.append(
              List.of("lost", "to", "another", "skill's", "phrase", "&", "<words>")
                  .get(random.nextInt(7)))
          .append(' ');
    }
    return b.toString().strip();
  }

  private RoutingHealthView.Lost lost(SkillId id) {
    return new RoutingHealthView.Lost(
        catalog.skill(id).orElseThrow().name(), HealthState.healthHref(id), reasons.get(id));
  }

  private RoutingHealthView.SkillHealth section(SkillId id, String message) {
    String name = catalog.skill(id).orElseThrow().name();
    return new RoutingHealthView.SkillHealth(
        List.of(),
        List.of(
            new RoutingHealthView.Finding(
                name,
                "index.html",
                "skills/" + name + "/SKILL.md:2:1",
                "warning",
                "unreachable-skill",
                message)));
  }

  /** A cached build of the report as {@link #reasons} has it. */
  private void build(Path site) throws IOException {
    RoutingHealthView view = view();
    HealthViews health =
        new HealthViews() {
          @Override
          public RoutingHealthView page(Function<SkillId, String> h) {
            return view;
          }

          @Override
          public RoutingHealthView.SkillHealth skill(SkillId id, Function<SkillId, String> h) {
            return reached.contains(id)
                ? new RoutingHealthView.SkillHealth(List.of(), List.of())
                : section(id, findings.get(id));
          }
        };
    SiteGenerator g = new SiteGenerator(Optional.empty());
    SiteInput input = new SiteInput(catalog, Map.of(), Optional.empty(), Optional.of(health));
    g.generate(
        input,
        g.render(catalog, Optional.empty(), () -> false, Optional.empty()),
        site,
        false,
        Optional.empty(),
        true);
  }

  /** The health pages of a site: path → text. */
  private static Map<String, String> pages(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.list(site.resolve("health"))) {
      for (Path p : all.toList()) {
        out.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return out;
  }
}
