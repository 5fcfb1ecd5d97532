package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.Progress;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.view.AuditBadge;
import dev.skillsite.site.view.SkillCard;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ListPatch#added} and {@link ListPatch#removed}: a made-up collection of 800 skills in four
 * collections (the home page, the collections and the skills A–Z in pages; {@code skills.json} and
 * {@code catalog.js} in parts of 150–300 skills, {@code -Dskillsite.jsonPart=300}) built clean
 * without a skill X; X added by the patch, the staged files laid over the site: every list page of
 * cards and every {@code skills.json} / {@code catalog.js} file is the clean build's with X, byte
 * for byte, and the patched state records the list pages as that build's state does; then X removed
 * from the clean build with X: every such file the clean build's without it. X in the middle of a
 * page, first on a page, last on the last page; a new collection refused; and an edit after an add
 * (a later skill's place in the catalog moved by the add, read from the state's edits), as its
 * clean build. Other parts' files (the trigger index, llms, the sitemap, X's own pages) are not
 * this patch's: not compared.
 */
class MemberPatchSpecTest {
  private static final String[] WORDS = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu"
  };

  private static final int SKILLS = 800;

  /** The files a member patch makes: the lists of cards and the catalog data files. */
  private static final Pattern MINE =
      Pattern.compile(
          "(index\\.html|page_\\d+\\.html|collections/[^/]+/(index|page_\\d+)\\.html"
              + "|skills/(index|page_\\d+)\\.html|skills\\.json|skills-json/.*"
              + "|assets/catalog\\.js|assets/catalog/.*)");

  @TempDir static Path tmp;

  private static Path base;
  private static Path site0;

  @BeforeAll
  static void buildBase() throws IOException {
    System.setProperty("skillsite.jsonPart", "300");
    base = tmp.resolve("base").resolve("content");
    for (int i = 0; i < SKILLS; i++) {
      String collection = i % 10 < 4 ? "apps" : i % 10 < 7 ? "data" : i % 10 < 9 ? "ops" : "web";
      String word = WORDS[(i * 7) % WORDS.length];
      write(base, collection, String.format("%s-%03d", word, i), word, i);
    }
    site0 = tmp.resolve("site0");
    build(base, site0);
  }

  @AfterAll
  static void knobOff() {
    System.clearProperty("skillsite.jsonPart");
  }

  private static void write(Path content, String collection, String name, String word, int i)
      throws IOException {
    Path md = content.resolve("skills/" + collection + "/" + name + "/SKILL.md");
    Files.createDirectories(md.getParent());
    Files.writeString(
        md,
        String.format(
            "---\nname: %s\ndescription: Synthetic skill %d for %s work in %s. It covers the %s"
                + " review, the %s rollout and the %s audit. Use when the user asks to \"%s task %d\" or \"plan %s %d\".\n---\n"
                + "# %s\n\nA body.\n",
            name,
            i,
            word,
            collection,
            group(i, 3, 0),
            group(i, 3, 5),
            group(i, 4, 11),
            word,
            i,
            word,
            i,
            name));
  }

  /**
   * A made-up word shared by the skills {@code i} of each run of {@code size} (so that most skills
   * have related skills: the home page draws no graph past 250 of them).
   */
  private static String group(int i, int size, int salt) {
    int g = i / size + salt * 1000;
    return WORDS[g % WORDS.length] + WORDS[(g / WORDS.length) % WORDS.length] + "x";
  }

  /** The cards of page {@code n} of the list at {@code first} in the base build, in order. */
  private static List<SkillCard> cards(String first, int n) {
    try (ListState s = ListState.open(site0).orElseThrow()) {
      List<SkillCard> c =
          new ArrayList<>(ListState.cards(s.page(Paging.path(first, n)).orElseThrow().typed()));
      c.sort(ListPages.CARD_ORDER);
      return c;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int pages(String first) throws IOException {
    try (ListState s = ListState.open(site0).orElseThrow()) {
      return s.page(first).orElseThrow().page().pager().count();
    }
  }

  /** Whether {@code name}'s id is a natural cut of a list or data part (a page may end at it). */
  private static boolean cut(String name) {
    return (Paging.hash(name) & Paging.CARD_CUT_MASK) == 0
        || (Paging.hash(name) & Paging.CUT_MASK) == 0
        || DataParts.cut(name);
  }

  /** The first of {@code name} + "a", "b", … whose id is no cut. */
  private static String noCut(String name) {
    for (char c = 'a'; c <= 'z'; c++) {
      if (!cut(name + c)) {
        return name + c;
      }
    }
    throw new IllegalStateException(name);
  }

  @Test
  void theFixtureIsPaged() throws IOException {
    assertTrue(pages(SiteLayout.INDEX) > 5, "home pages");
    assertTrue(pages(SiteLayout.SKILLS) > 1, "skills A–Z pages");
    assertTrue(pages(SiteLayout.collection("apps")) > 2, "a collection's pages");
    assertTrue(Files.isRegularFile(site0.resolve("skills-json/page-0002.json")), "skills.json");
    try (ListState s = ListState.open(site0).orElseThrow()) {
      System.out.printf(
          "home %d pages, A–Z %d, apps %d; skills.json parts start at %s%n",
          pages(SiteLayout.INDEX),
          pages(SiteLayout.SKILLS),
          pages(SiteLayout.collection("apps")),
          s.totals().json().starts());
    }
  }

  @Test
  void aSkillInTheMiddleOfAPage() throws IOException {
    List<SkillCard> page = cards(SiteLayout.INDEX, 3);
    // between two cards of home page 3
    roundTrip("middle", "apps", noCut(page.get(page.size() / 2).name() + "-"), "patch", true);
  }

  @Test
  void aSkillFirstOnAPage() throws IOException {
    for (int n = 3; n < pages(SiteLayout.INDEX); n++) {
      String f = cards(SiteLayout.INDEX, n).get(0).name();
      char last = f.charAt(f.length() - 1);
      if (last > '0' && last <= '9') {
        // just before page n's first card, after page n-1's last: page n-1 ends at a cut
        String x = noCut(f.substring(0, f.length() - 1) + (char) (last - 1) + "-");
        roundTrip("first on home page " + n, "data", x, "patch", false);
        return;
      }
    }
    throw new IllegalStateException("no page to put a first card on");
  }

  /**
   * Last on the last home page: that page's range changes, and every page's pager names the last
   * page (and the first): refused past {@link ListPatch#PAGERS} pages.
   */
  @Test
  void aSkillLastOnTheLastPageIsRefused() throws IOException {
    roundTrip("last", "web", noCut("zzz-last-"), "refused: pagers name it", false);
  }

  @Test
  void aSkillInANewCollectionIsRefused() throws IOException {
    roundTrip(
        "a new collection", "newcomers", noCut("kilo-new-"), "refused: new collection", false);
  }

  /**
   * X added to (a copy of) the base site, compared with the clean build with X; then X removed from
   * (a copy of) that clean build, compared with the base; with {@code edit}, a skill after X edited
   * on the patched site (its entry found through the state's edits) and compared with its clean
   * build.
   */
  private void roundTrip(String what, String collection, String name, String expect, boolean edit)
      throws IOException {
    Path content = tmp.resolve(name).resolve("content"); // the site's title is its folder's
    Trees.copy(base, content);
    write(content, collection, name, "xenon", 9999);
    Path clean = tmp.resolve("clean-" + name);
    build(content, clean);
    Catalog catalog = new ContentLoader().load(content);
    Skill x =
        catalog.skills().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    Map<String, JsonObject> after = entries(clean);
    Map<String, JsonObject> before = entries(site0);
    Map<SkillId, List<SkillId>> related = relatedChanged(before, after, x.id());
    JsonObject mine = after.get(x.id().value());
    ListPatch.Addition add =
        new ListPatch.Addition(
            x,
            catalog.collections().stream()
                .filter(c -> c.id().equals(x.collectionId()))
                .findFirst()
                .orElseThrow(),
            ids(mine.getAsJsonArray("related")),
            Optional.ofNullable(mine.get("audit")),
            badge(clean, x.id()));
    // added
    Path site = tmp.resolve("site-" + name);
    Trees.copy(site0, site);
    Path staging = tmp.resolve("staging-add-" + name);
    Files.createDirectories(staging);
    ListPatch.Outcome out =
        new ListPatch(Optional.empty()).added(site, catalog.config(), add, related, staging);
    System.out.printf("%s (%s, related %s): %s%n", what, x.id(), related.keySet(), out);
    if (expect.startsWith("refused: ")) {
      ListPatch.Refused r = assertInstanceOf(ListPatch.Refused.class, out, what);
      assertTrue(r.reason().contains(expect.substring("refused: ".length())), r.reason());
      assertEquals(List.of(), files(staging), what + ": nothing staged");
      return;
    }
    layOver(out, staging, site, what + ", added");
    assertSameLists(clean, site, what + ", added");
    assertSameState(clean, site, x.id(), what + ", added");
    if (edit) {
      editAfter(content, site, x, what);
    }
    // removed, from the clean build with X
    Path back = tmp.resolve("back-" + name);
    Trees.copy(clean, back);
    Path staging2 = tmp.resolve("staging-remove-" + name);
    Files.createDirectories(staging2);
    ListPatch.Outcome removed =
        new ListPatch(Optional.empty())
            .removed(
                back, catalog.config(), x.id(), relatedChanged(after, before, x.id()), staging2);
    System.out.printf("%s removed: %s%n", what, removed);
    layOver(removed, staging2, back, what + ", removed");
    assertSameLists(site0, back, what + ", removed");
    try (ListState patched = ListState.open(back).orElseThrow()) {
      assertTrue(patched.skill(x.id()).isEmpty(), what + ": the removed skill has no record");
    }
    assertSameState(site0, back, null, what + ", removed");
  }

  /**
   * The last skill by id (the last part of {@code skills.json}, its place moved by X) edited on the
   * patched site: as its clean build.
   */
  private void editAfter(Path content, Path site, Skill x, String what) throws IOException {
    Catalog catalog = new ContentLoader().load(content);
    Skill y = catalog.skills().get(catalog.skills().size() - 1);
    assertTrue(y.id().compareTo(x.id()) > 0, what + ": an edit after X");
    Path md = content.resolve(y.source());
    String text = Files.readString(md);
    Files.writeString(md, text.replaceFirst("---\n", "---\nlicense: MIT\n"));
    Catalog edited = new ContentLoader().load(content);
    Skill now = edited.skills().get(edited.skills().size() - 1);
    Path staging = tmp.resolve("staging-edit-" + x.id());
    Files.createDirectories(staging);
    ListPatch.Outcome out =
        new ListPatch(Optional.empty())
            .stage(site, edited.config(), Map.of(now.id(), now), Map.of(), staging);
    layOver(out, staging, site, what + ", edited after");
    Path clean = tmp.resolve("clean-edit-" + x.id());
    build(content, clean);
    assertSameLists(clean, site, what + ", edited after");
    assertSameState(clean, site, now.id(), what + ", edited after");
    // the next steps start from the content with X as it was
    Files.writeString(md, text);
  }

  private static void layOver(ListPatch.Outcome out, Path staging, Path site, String at)
      throws IOException {
    ListPatch.Staged staged =
        assertInstanceOf(
            ListPatch.Staged.class,
            out,
            () -> at + ": " + (out instanceof ListPatch.Refused r ? r.reason() : ""));
    assertEquals(files(staging), staged.paths(), at + ": the staged paths are the files");
    for (String p : staged.paths()) {
      Path to = site.resolve(p);
      Files.createDirectories(to.getParent());
      Files.copy(staging.resolve(p), to, StandardCopyOption.REPLACE_EXISTING);
    }
    System.out.printf("%s: staged %s%n", at, staged.paths());
  }

  /** Every list page of cards and catalog data file of {@code site} is {@code clean}'s. */
  private static void assertSameLists(Path clean, Path site, String at) throws IOException {
    TreeSet<String> all = new TreeSet<>(files(clean));
    all.addAll(files(site));
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (String p : all) {
      if (MINE.matcher(p).matches()) {
        compared++;
        if (!same(clean.resolve(p), site.resolve(p))) {
          differ.add(p);
        }
      }
    }
    assertEquals(List.of(), differ, at + ": list pages and catalog files as the clean build's");
    assertTrue(compared > 20, at + ": " + compared + " files compared");
  }

  /**
   * The patched state records every list page as the clean build's does, and the skill {@code id}
   * (when given) as it does but for its place by name (llms.txt's part: an add leaves the later
   * skills' places by name as they were, for that part to move).
   */
  private static void assertSameState(Path clean, Path site, SkillId id, String at)
      throws IOException {
    try (ListState fresh = ListState.open(clean).orElseThrow();
        ListState patched = ListState.open(site).orElseThrow()) {
      for (String p : files(clean)) {
        // (the trigger index's rows are another part's: not compared)
        if (p.endsWith(".html") && !p.startsWith("triggers/") && fresh.samePage(fresh, p)) {
          assertTrue(fresh.samePage(patched, p), at + ": the state's record of " + p);
        }
      }
      assertEquals(fresh.totals().skills(), patched.totals().skills(), at + ": the count");
      assertEquals(fresh.totals().json(), patched.totals().json(), at + ": skills.json's parts");
      if (id != null) {
        ListState.SkillRecord a = fresh.skill(id).orElseThrow();
        ListState.SkillRecord b = patched.skill(id).orElseThrow();
        assertEquals(a, byName(b, a.byName()), at + ": the state's record of " + id);
      }
      // every skill's place in the catalog, as the clean build's
      for (var e : entries(clean).keySet()) {
        SkillId s = new SkillId(e);
        assertEquals(
            fresh.skill(s).orElseThrow().order(),
            patched.skill(s).orElseThrow().order(),
            at + ": the place of " + s);
        assertEquals(
            fresh.skill(s).orElseThrow().shownOn(),
            patched.skill(s).orElseThrow().shownOn(),
            at + ": whose pages show " + s);
      }
    }
  }

  private static ListState.SkillRecord byName(ListState.SkillRecord r, int byName) {
    return new ListState.SkillRecord(
        r.name(),
        r.collection(),
        r.triggers(),
        r.pages(),
        r.order(),
        byName, // llms.txt's place: moved by an add, patched by discovery.LlmsTxtPatch's part
        r.shownOn(),
        r.phrases(),
        r.keywords(),
        r.clauses());
  }

  /** Related lists that differ between {@code from} and {@code to}, but {@code x}'s own. */
  private static Map<SkillId, List<SkillId>> relatedChanged(
      Map<String, JsonObject> from, Map<String, JsonObject> to, SkillId x) {
    Map<SkillId, List<SkillId>> out = new TreeMap<>();
    for (var e : to.entrySet()) {
      JsonObject was = from.get(e.getKey());
      if (!e.getKey().equals(x.value())
          && was != null
          && !was.get("related").equals(e.getValue().get("related"))) {
        out.put(new SkillId(e.getKey()), ids(e.getValue().getAsJsonArray("related")));
      }
    }
    return out;
  }

  private static List<SkillId> ids(JsonArray a) {
    List<SkillId> out = new ArrayList<>();
    a.forEach(e -> out.add(new SkillId(e.getAsString())));
    return out;
  }

  /** Every entry of a site's {@code skills.json} (all its parts), by id. */
  private static Map<String, JsonObject> entries(Path site) throws IOException {
    Map<String, JsonObject> out = new TreeMap<>();
    JsonElement top = JsonParser.parseString(Files.readString(site.resolve("skills.json")));
    List<JsonArray> arrays = new ArrayList<>();
    if (top.isJsonArray()) {
      arrays.add(top.getAsJsonArray());
    } else {
      for (JsonElement p : top.getAsJsonObject().getAsJsonArray("pages")) {
        arrays.add(
            JsonParser.parseString(Files.readString(site.resolve(p.getAsString())))
                .getAsJsonArray());
      }
    }
    for (JsonArray a : arrays) {
      a.forEach(e -> out.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject()));
    }
    return out;
  }

  /** The audit badge of {@code id}'s card on the home page of the clean build. */
  private static AuditBadge badge(Path clean, SkillId id) throws IOException {
    try (ListState s = ListState.open(clean).orElseThrow()) {
      String page = s.skill(id).orElseThrow().pages().get(0);
      return ListState.cards(s.page(page).orElseThrow().typed()).stream()
          .filter(c -> c.id().equals(id.value()))
          .findFirst()
          .orElseThrow()
          .audit();
    }
  }

  private static void build(Path content, Path site) throws IOException {
    var r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), Optional.empty());
    assertTrue(r.published());
  }

  private static boolean same(Path a, Path b) throws IOException {
    return Files.isRegularFile(a)
        && Files.isRegularFile(b)
        && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private static List<String> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
