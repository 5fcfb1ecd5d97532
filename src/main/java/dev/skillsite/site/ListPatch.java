package dev.skillsite.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.IndexPage;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import dev.skillsite.site.view.SkillCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * For a patch build: the list pages and data files that show the cards or catalog entries of
 * changed skills, made again from the last build's {@link ListState} and the changed skills read
 * again, with the templates and code a full build uses, into a staging folder. Patched: what keeps
 * every list's order and paging (a description or body edit that changes a card's summary; an entry
 * of {@code skills.json} or {@code catalog.js}; a trigger phrase or keyword reworded, added or
 * removed, its trigger index pages made again by {@link TriggerIndexPatch} and the home page's
 * count of triggers on its page 1); refused, with the reason, what moves a skill (renamed, another
 * collection), or moves a page boundary (a card's estimated bytes cross a page's budget). Only
 * files whose bytes change are staged. Reads: a few records of the state, the pages' views it
 * names, and the published data file pages holding the entries (each at most {@link
 * CatalogJsonWriter#PAGE} skills) — nothing that grows with the collection.
 *
 * <p>Not covered here: {@code llms.txt} ({@code discovery.LlmsTxtPatch}), the other skills' pages
 * showing a changed summary in their related cards ({@link ListState.SkillRecord#shownOn}), the
 * discovery index's description, the search export.
 */
public final class ListPatch {
  private static final java.util.Comparator<SkillId> BY_ID =
      java.util.Comparator.comparing(SkillId::value);

  /** The pages a list patch renders: those {@link ListState} records. */
  static final java.util.Set<PageKind> RENDERED =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              PageKind.INDEX, PageKind.COLLECTION, PageKind.SKILLS, PageKind.TRIGGERS));

  private final Optional<Path> userTemplates;
  private PageRenderer renderer;
  private final Gson pretty = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private final Gson compact = new Gson();

  /** With the templates of a site built with {@code userTemplates}. */
  public ListPatch(Optional<Path> userTemplates) {
    this.userTemplates = userTemplates;
  }

  /** Each loaded page record's view as the templates got it, decoded once ({@link #typed}). */
  private final Map<ListState.PageRecord, Object> typed = new java.util.IdentityHashMap<>();

  /**
   * {@code p}'s view ({@link ListState.PageRecord#typed}), decoded at its first use: a changed
   * page's view is read to patch its cards and again to compare the patched one with it. Nothing
   * changes a decoded view in place ({@link ListState#replace} makes new ones).
   */
  private Object typed(ListState.PageRecord p) {
    return typed.computeIfAbsent(p, ListState.PageRecord::typed);
  }

  /**
   * The renderer of {@link #RENDERED}, made at the first page rendered: a patch compiles the four
   * list templates, not every page's (the skill, health, audit … templates: tens of milliseconds of
   * a cold patch), and none when no list page changes. The templates are in the cache key: a patch
   * runs with those the last build compiled.
   */
  private PageRenderer renderer() {
    if (renderer == null) {
      renderer = new PageRenderer(userTemplates, RENDERED);
    }
    return renderer;
  }

  /** What {@link #stage} did. */
  public sealed interface Outcome {}

  /**
   * The site paths written into the staging folder, sorted; the pages added and deleted (the
   * trigger index split again into more or fewer pages: the sitemap's URLs and the site's page
   * count change with them, and the deleted pages are removed when published).
   */
  public record Staged(List<String> paths, List<String> added, List<String> deleted)
      implements Outcome {
    public Staged(List<String> paths) {
      this(paths, List.of(), List.of());
    }
  }

  /** Nothing staged: why the lists cannot be patched. */
  public record Refused(String reason) implements Outcome {}

  /**
   * Stages into {@code staging} the list pages and data files of the site {@code site} (published,
   * with its {@link ListState}) that change when the skills of {@code changed} are as given (each
   * read again, same id), and the {@code skills.json} entries whose related skills are {@code
   * related} (ids) now. Every other input of the entries is as the last build had it: the audit (a
   * patch that changes a skill's findings is refused before), the related lists not given.
   */
  public Outcome stage(
      Path site,
      SiteConfig config,
      Map<SkillId, Skill> changed,
      Map<SkillId, List<SkillId>> related,
      Path staging)
      throws IOException {
    Optional<ListState> opened = ListState.open(site);
    if (opened.isEmpty()) {
      return new Refused("the last build left no list state");
    }
    try (ListState state = opened.get()) {
      return stage(state, site, config, changed, related, staging);
    }
  }

  private Outcome stage(
      ListState state,
      Path site,
      SiteConfig config,
      Map<SkillId, Skill> changed,
      Map<SkillId, List<SkillId>> related,
      Path staging)
      throws IOException {
    Map<SkillId, ListState.SkillRecord> records = new TreeMap<>(BY_ID);
    TreeSet<SkillId> ids = new TreeSet<>(BY_ID);
    ids.addAll(changed.keySet());
    ids.addAll(related.keySet());
    for (SkillId id : ids) {
      Optional<ListState.SkillRecord> r = state.skill(id);
      if (r.isEmpty()) {
        return new Refused(
            id + " is not in the last build's lists (a new or renamed skill: every list changes)");
      }
      records.put(id, r.get());
    }
    // what moves a skill in a list, or changes another entry, is refused
    Map<String, SkillCard> cards = new LinkedHashMap<>();
    Map<String, ListState.PageRecord> loaded = new TreeMap<>();
    Map<String, ListState.PageRecord> triggerPages = new TreeMap<>();
    Map<Integer, ListState.TriggerFacts> triggerFacts = new TreeMap<>();
    Map<SkillId, ListState.SkillRecord> shown = new TreeMap<>(BY_ID);
    int triggerCount = 0; // how the home page's count of triggers moves
    int triggerIndexPages = state.triggerPages(); // the trigger index's page count now
    List<String> pagesAdded = new ArrayList<>();
    List<String> pagesDeleted = new ArrayList<>();
    for (Skill now : changed.values()) {
      ListState.SkillRecord r = records.get(now.id());
      if (!r.name().equals(now.name())) {
        return new Refused(now.id() + " renamed: its place in every list changes");
      }
      if (!r.collection().equals(now.collectionId())) {
        return new Refused(now.id() + " moved to another collection");
      }
      if (!r.triggers().equals(ListState.triggers(now))) {
        if (r.phrases() == null || r.keywords() == null) {
          return new Refused(now.id() + "'s triggers changed and the last build kept no rows");
        }
        if (changed.size() > 1) {
          return new Refused("the triggers of more than one skill changed");
        }
        TriggerIndexPatch.Result t = TriggerIndexPatch.patch(state, loaded, now, r);
        if (t.refused().isPresent()) {
          return new Refused(now.id() + "'s triggers changed: " + t.refused().get());
        }
        triggerPages.putAll(t.pages());
        triggerFacts.putAll(t.facts());
        triggerIndexPages = t.count();
        pagesAdded.addAll(t.added());
        pagesDeleted.addAll(t.deleted());
        shown.put(now.id(), r.triggered(now));
        triggerCount +=
            ListPages.triggerCount(now) - (r.phrases().size() + r.keywords().size() + r.clauses());
      }
    }
    // a small collection's home page draws the related skills (RelationGraph): not patched
    Optional<Object> home =
        related.isEmpty()
            ? Optional.empty()
            : state.page(SiteLayout.INDEX).map(ListState.PageRecord::typed);
    if (home.isPresent()
        && home.get() instanceof dev.skillsite.site.view.IndexPage h
        && !h.graph().rows().isEmpty()) {
      return new Refused("related skills changed and the home page draws them as a graph");
    }
    // the list pages: each page's cards replaced, paging checked, rendered again
    Map<String, Object> views = new TreeMap<>();
    for (Skill now : changed.values()) {
      for (String path : records.get(now.id()).pages()) {
        ListState.PageRecord p = load(state, loaded, path);
        Object view = views.computeIfAbsent(path, k -> typed(p));
        Map<String, SkillCard> swap = new LinkedHashMap<>();
        for (SkillCard c : ListState.cards(view)) {
          if (c.id().equals(now.id().value())) {
            swap.put(
                c.id(),
                new SkillCard(
                    c.id(),
                    c.href(),
                    c.name(),
                    SkillSummary.of(now, config.summaries()),
                    ListPages.cardPhrases(now.triggers().phrases()),
                    c.audit()));
          }
        }
        if (swap.isEmpty()) {
          return new Refused(path + " does not show " + now.id() + " as recorded");
        }
        views.put(path, ListState.replace(view, swap));
      }
    }
    if (triggerCount != 0) {
      // the home page's count of triggers, on its page 1 only
      ListState.PageRecord p = load(state, loaded, SiteLayout.INDEX);
      IndexPage h = (IndexPage) views.computeIfAbsent(SiteLayout.INDEX, k -> typed(p));
      views.put(SiteLayout.INDEX, h.withTriggerCount(h.triggerCount() + triggerCount));
    }
    for (var e : views.entrySet()) {
      Optional<String> moved = paging(state, loaded, views, e.getKey());
      if (moved.isPresent()) {
        return new Refused(moved.get());
      }
    }
    List<String> staged = new ArrayList<>();
    Map<String, ListState.PageRecord> rerendered = new TreeMap<>();
    Optional<SiteView> siteView =
        views.isEmpty() && triggerPages.isEmpty() ? Optional.empty() : Optional.of(state.site());
    for (var e : triggerPages.entrySet()) {
      ListState.PageRecord p = loaded.get(e.getKey()); // none: a page added
      if (e.getValue().equals(p)) {
        continue;
      }
      ListState.PageRecord r = e.getValue();
      write(
          staging,
          e.getKey(),
          renderer().render(PageKind.TRIGGERS, siteView.orElseThrow(), r.page(), r.typed()));
      staged.add(e.getKey());
      rerendered.put(e.getKey(), r);
    }
    for (var e : views.entrySet()) {
      ListState.PageRecord p = loaded.get(e.getKey());
      Object before = typed(p);
      if (before.equals(e.getValue())) {
        continue;
      }
      PageKind kind = PageKind.valueOf(p.kind());
      String html = renderer().render(kind, siteView.orElseThrow(), p.page(), e.getValue());
      write(staging, e.getKey(), html);
      staged.add(e.getKey());
      rerendered.put(e.getKey(), p.with(e.getValue()));
    }

    // skills.json and catalog.js: the entries replaced in the published pages
    // each entry's part from the state's record of the split (parts cut by id, DataParts)
    DataParts parts = state.totals().json();
    Map<String, List<SkillId>> jsonFiles = new TreeMap<>();
    Map<String, List<SkillId>> jsFiles = new TreeMap<>();
    Map<String, Integer> partOf = new HashMap<>();
    for (var e : records.entrySet()) {
      int k = parts.part(e.getValue().order());
      String json = CatalogJsonWriter.skillsJsonPath(k + 1, parts.count());
      jsonFiles.computeIfAbsent(json, x -> new ArrayList<>()).add(e.getKey());
      partOf.put(json, k);
      if (changed.containsKey(e.getKey())) {
        jsFiles
            .computeIfAbsent(
                CatalogJsonWriter.catalogJsPath(k + 1, parts.count()), x -> new ArrayList<>())
            .add(e.getKey());
      }
    }
    // a page of either is megabytes at scale (6 MB at 8,830 skills): kept as UTF-8 bytes, only the
    // entries decoded (a byte of a multi-byte character is never an ASCII quote, brace or bracket)
    Map<SkillId, List<String>> relatedBefore = new TreeMap<>(BY_ID);
    for (var e : jsonFiles.entrySet()) {
      byte[] bytes = readBytes(site, e.getKey());
      int length = bytes.length;
      boolean differs = false;
      for (SkillId id : e.getValue()) {
        Optional<byte[]> next =
            replaceSkillsJson(bytes, id, changed.get(id), related.get(id), relatedBefore);
        if (next.isEmpty()) {
          return new Refused(e.getKey() + " has no entry of " + id + " where the state says");
        }
        differs |= next.get() != bytes;
        bytes = next.get();
      }
      if (differs) {
        // the split weighs skills.json's bytes: a part whose length changes keeps its place only
        // where no part ended at the budget beside it, and within the budget (its length is its
        // entries' weights, CatalogJsonWriter.weight)
        int k = partOf.get(e.getKey());
        if (bytes.length != length && !parts.bytesMayChange(k)) {
          return new Refused(e.getKey() + " ended at the data files' byte budget");
        }
        if (bytes.length > Paging.MAX_DATA_BYTES) {
          return new Refused(e.getKey() + " would pass the data files' byte budget");
        }
        write(staging, e.getKey(), bytes);
        staged.add(e.getKey());
      }
    }
    for (var e : jsFiles.entrySet()) {
      byte[] bytes = readBytes(site, e.getKey());
      boolean differs = false;
      for (SkillId id : e.getValue()) {
        String start = "{\"id\":" + compact.toJson(id.value()) + ",";
        Optional<int[]> at = locate(bytes, utf8(start), "[,");
        if (at.isEmpty()) {
          return new Refused(e.getKey() + " has no entry of " + id + " where the state says");
        }
        String entry = compact.toJson(CatalogJsonWriter.catalogEntry(changed.get(id)));
        byte[] next = splice(bytes, at.get(), utf8(entry));
        differs |= next != bytes;
        bytes = next;
      }
      if (differs) {
        write(staging, e.getKey(), bytes);
        staged.add(e.getKey());
      }
    }
    // whose pages show whose related card: the skills' records changed accordingly
    for (var e : related.entrySet()) {
      String y = e.getKey().value();
      List<String> before = relatedBefore.getOrDefault(e.getKey(), List.of());
      List<String> after = e.getValue().stream().map(SkillId::value).toList();
      for (String x : new TreeSet<>(before)) {
        if (!after.contains(x) && !x.equals(y)) {
          Optional<ListState.SkillRecord> r = shownRecord(state, shown, new SkillId(x));
          if (r.isEmpty()) {
            return new Refused(x + " is not in the last build's lists");
          }
          List<String> on = new ArrayList<>(r.get().shownOn());
          on.remove(y);
          shown.put(new SkillId(x), r.get().shownOn(on));
        }
      }
      for (String x : new TreeSet<>(after)) {
        if (!before.contains(x) && !x.equals(y)) {
          Optional<ListState.SkillRecord> r = shownRecord(state, shown, new SkillId(x));
          if (r.isEmpty()) {
            return new Refused(x + " is not in the last build's lists");
          }
          // in catalog order, as the whole build lists them
          List<String> on = new ArrayList<>(r.get().shownOn());
          int order = records.get(e.getKey()).order();
          int at = 0;
          while (at < on.size()
              && state.skill(new SkillId(on.get(at))).map(ListState.SkillRecord::order).orElse(0)
                  < order) {
            at++;
          }
          on.add(at, y);
          shown.put(new SkillId(x), r.get().shownOn(on));
        }
      }
    }
    if (!rerendered.isEmpty()
        || !shown.isEmpty()
        || !triggerFacts.isEmpty()
        || triggerIndexPages != state.triggerPages()) {
      staged.addAll(state.writeDelta(staging, rerendered, shown, triggerFacts, triggerIndexPages));
    }
    staged.sort(null);
    return new Staged(List.copyOf(staged), List.copyOf(pagesAdded), List.copyOf(pagesDeleted));
  }

  private static Optional<ListState.SkillRecord> shownRecord(
      ListState state, Map<SkillId, ListState.SkillRecord> shown, SkillId id) {
    return shown.containsKey(id) ? Optional.of(shown.get(id)) : state.skill(id);
  }

  /** The record of the list page at {@code path}, read once into {@code loaded}. */
  static ListState.PageRecord load(
      ListState state, Map<String, ListState.PageRecord> loaded, String path) {
    return loaded.computeIfAbsent(
        path,
        k ->
            state
                .page(k)
                .orElseThrow(() -> new IllegalStateException("list state without page " + k)));
  }

  /**
   * Whether the page at {@code path} with its new cards still splits where it did: its cards fit
   * its budget, it still ends before the next page's first card, and, when its first card changed,
   * the page before it still ends before it ({@link Paging#split}'s rule).
   */
  private static Optional<String> paging(
      ListState state,
      Map<String, ListState.PageRecord> loaded,
      Map<String, Object> views,
      String path) {
    ListState.PageRecord p = loaded.get(path);
    PageKind kind = PageKind.valueOf(p.kind());
    List<SkillCard> cards = ListState.cards(views.get(path));
    long bytes = cards.stream().mapToLong(c -> ListState.weight(kind, c)).sum();
    if (cards.size() > 1 && bytes > Paging.BUDGET) {
      return Optional.of(path + " no longer holds its cards: the list's pages change");
    }
    if (!ends(kind, cards, bytes, p.nextWeight())) {
      return Optional.of(path + " now holds the next page's first card: the list's pages change");
    }
    PageView page = p.page();
    int n = page.pager().number();
    if (n > 1 && !cards.isEmpty()) {
      String first = firstPage(path, n);
      String before = Paging.path(first, n - 1);
      ListState.PageRecord prev = load(state, loaded, before);
      List<SkillCard> prevCards =
          ListState.cards(views.containsKey(before) ? views.get(before) : prev.typed());
      long prevBytes = prevCards.stream().mapToLong(c -> ListState.weight(kind, c)).sum();
      if (!ends(kind, prevCards, prevBytes, ListState.weight(kind, cards.get(0)))) {
        return Optional.of(
            before + " now holds " + path + "'s first card: the list's pages change");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a page of {@code cards} of {@code bytes} ends before a card of {@code next} bytes
   * (none: {@code -1}, the last page): {@link Paging#ends}, its last card in the order the list was
   * split in ({@link ListPages#CARD_ORDER}: an A–Z page shows its "#" group last) a natural cut or
   * not. A card patched keeps its id and name, so its place and whether it is a cut; its bytes may
   * move a page's end.
   */
  private static boolean ends(PageKind kind, List<SkillCard> cards, long bytes, int next) {
    return next < 0
        || (!cards.isEmpty()
            && ListState.paging(kind)
                .ends(
                    cards.size(),
                    bytes,
                    ListState.cut(kind, Collections.max(cards, ListPages.CARD_ORDER)),
                    next));
  }

  /** The first page of the list whose page {@code n} is at {@code path}. */
  private static String firstPage(String path, int n) {
    String suffix = "page_" + n + ".html";
    String folder = path.substring(0, path.length() - suffix.length());
    return folder + "index.html";
  }

  /**
   * {@code text} (a page of {@code skills.json}) with the entry of {@code id} made again: from
   * {@code now} when it changed, its related skills from {@code related} when given, else those it
   * has, and its audit as it is.
   */
  private Optional<byte[]> replaceSkillsJson(
      byte[] text, SkillId id, Skill now, List<SkillId> related, Map<SkillId, List<String>> was) {
    String start = "{\n    \"id\": " + pretty.toJson(id.value()) + ",\n";
    Optional<int[]> at = locate(text, utf8(start), "\n");
    if (at.isEmpty()
        || at.get()[0] < 2
        || text[at.get()[0] - 2] != ' '
        || text[at.get()[0] - 1] != ' ') {
      return Optional.empty();
    }
    JsonObject old =
        JsonParser.parseString(
                new String(text, at.get()[0], at.get()[1] - at.get()[0], StandardCharsets.UTF_8))
            .getAsJsonObject();
    was.put(id, strings(old.getAsJsonArray("related")));
    JsonObject entry;
    List<String> ids =
        related != null
            ? related.stream().map(SkillId::value).toList()
            : strings(old.getAsJsonArray("related"));
    if (now != null) {
      entry = CatalogJsonWriter.skillEntry(now, ids, Optional.ofNullable(old.get("audit")));
    } else {
      entry = old.deepCopy();
      JsonArray a = new JsonArray();
      ids.forEach(a::add);
      entry.add("related", a);
    }
    // an entry of the array as the writer prints it: indented one level
    JsonArray one = new JsonArray();
    one.add(entry);
    String printed = pretty.toJson(one);
    String inner = printed.substring("[\n  ".length(), printed.length() - "\n]".length());
    return Optional.of(splice(text, at.get(), utf8(inner)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code text} with {@code [at[0], at[1])} replaced by {@code by}; {@code text} itself (the same
   * array) when those bytes are {@code by} already.
   */
  static byte[] splice(byte[] text, int[] at, byte[] by) {
    if (Arrays.equals(text, at[0], at[1], by, 0, by.length)) {
      return text;
    }
    byte[] out = new byte[text.length - (at[1] - at[0]) + by.length];
    System.arraycopy(text, 0, out, 0, at[0]);
    System.arraycopy(by, 0, out, at[0], by.length);
    System.arraycopy(text, at[1], out, at[0] + by.length, text.length - at[1]);
    return out;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(e -> out.add(e.getAsString()));
    }
    return out;
  }

  /**
   * Where the JSON object starting with {@code start} (after one of {@code before}, spaces between)
   * starts and ends in the UTF-8 {@code text}: {@code [start, end)} in bytes; strings are skipped,
   * so braces in them do not count. {@code start} and {@code before} are ASCII; a page is never
   * decoded whole.
   */
  static Optional<int[]> locate(byte[] text, byte[] start, String before) {
    int from = 0;
    while (true) {
      int i = indexOf(text, start, from);
      if (i < 0) {
        return Optional.empty();
      }
      int j = i - 1;
      while (j >= 0 && text[j] == ' ') {
        j--;
      }
      if (j >= 0 && before.indexOf(text[j]) >= 0) {
        int depth = 0;
        boolean string = false;
        for (int k = i; k < text.length; k++) {
          byte c = text[k];
          if (string) {
            if (c == '\\') {
              k++;
            } else if (c == '"') {
              string = false;
            }
          } else if (c == '"') {
            string = true;
          } else if (c == '{' || c == '[') {
            depth++;
          } else if (c == '}' || c == ']') {
            depth--;
            if (depth == 0) {
              return Optional.of(new int[] {i, k + 1});
            }
          }
        }
        return Optional.empty();
      }
      from = i + 1;
    }
  }

  /** The first index of {@code what} in {@code text} at or after {@code from}, else -1. */
  private static int indexOf(byte[] text, byte[] what, int from) {
    if (what.length == 0) {
      return from <= text.length ? from : -1;
    }
    byte first = what[0];
    int last = text.length - what.length;
    for (int i = from; i <= last; i++) {
      if (text[i] == first && Arrays.equals(text, i + 1, i + what.length, what, 1, what.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] readBytes(Path site, String path) throws IOException {
    return Files.readAllBytes(site.resolve(path));
  }

  private static void write(Path staging, String path, byte[] bytes) throws IOException {
    Path to = staging.resolve(path);
    Files.createDirectories(to.getParent());
    Files.write(to, bytes);
  }

  private static void write(Path staging, String path, String text) throws IOException {
    Path to = staging.resolve(path);
    Files.createDirectories(to.getParent());
    Files.writeString(to, text, StandardCharsets.UTF_8);
  }
}
