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

  /**
   * A skill added, as the lists take it: the skill, its collection (in the last build already), its
   * related skills (its {@code skills.json} entry's, ids of the site), its audit there, and its
   * cards' audit badge (level and label; the link is made per page).
   */
  public record Addition(
      Skill skill,
      dev.skillsite.model.Collection collection,
      List<SkillId> related,
      Optional<com.google.gson.JsonElement> audit,
      dev.skillsite.site.view.AuditBadge badge) {}

  /**
   * Stages the list pages and data files that change when {@code add} is added to the site {@code
   * site} (published, with its {@link ListState}), and the {@code skills.json} entries whose
   * related skills are {@code related} now (those that list the new skill, or no longer list
   * another): its card in one page of the home page's, its collection's and the skills A–Z's lists,
   * where its id's place says; the counts on their page 1 (and the home page's count of triggers
   * and of its collection's skills); the neighbours' pagers when its page's range changes; its
   * entry in its part of {@code skills.json} and {@code assets/catalog.js}; the state's records
   * (the skill's, the pages', the totals, the skills added since the full build). Refused, with the
   * reason, what moves a page's or part's end, a letter's first page, a new collection, or the home
   * page's choice of collections.
   */
  public Outcome added(
      Path site, SiteConfig config, Addition add, Map<SkillId, List<SkillId>> related, Path staging)
      throws IOException {
    Optional<ListState> opened = ListState.open(site);
    if (opened.isEmpty()) {
      return new Refused("the last build left no list state");
    }
    try (ListState state = opened.get()) {
      return member(state, site, config, Optional.of(add), add.skill().id(), related, staging);
    }
  }

  /** As {@link #added}, for the skill {@code id} removed (its card and entries taken out). */
  public Outcome removed(
      Path site, SiteConfig config, SkillId id, Map<SkillId, List<SkillId>> related, Path staging)
      throws IOException {
    Optional<ListState> opened = ListState.open(site);
    if (opened.isEmpty()) {
      return new Refused("the last build left no list state");
    }
    try (ListState state = opened.get()) {
      return member(state, site, config, Optional.empty(), id, related, staging);
    }
  }

  /** A list's pages as a member patch changes them: their views and page views by path. */
  private static final class Lists {
    final Map<String, ListState.PageRecord> records = new TreeMap<>();
    final Map<String, Object> views = new TreeMap<>();
    final Map<String, PageView> pageViews = new TreeMap<>();
    final Map<String, Integer> nextWeights = new TreeMap<>();
    private final ListState state;
    private final ListPatch patch;

    Lists(ListState state, ListPatch patch) {
      this.state = state;
      this.patch = patch;
    }

    ListState.PageRecord record(String path) {
      return load(state, records, path);
    }

    Optional<ListState.PageRecord> maybe(String path) {
      if (records.containsKey(path)) {
        return Optional.of(records.get(path));
      }
      Optional<ListState.PageRecord> r = state.page(path);
      r.ifPresent(x -> records.put(path, x));
      return r;
    }

    Object view(String path) {
      return views.containsKey(path) ? views.get(path) : patch.typed(record(path));
    }

    PageView page(String path) {
      return pageViews.containsKey(path) ? pageViews.get(path) : record(path).page();
    }

    int nextWeight(String path) {
      return nextWeights.containsKey(path) ? nextWeights.get(path) : record(path).nextWeight();
    }

    /** Cards of the page at {@code path} in the order its list was split in. */
    List<SkillCard> cards(String path) {
      List<SkillCard> c = new ArrayList<>(ListState.cards(view(path)));
      c.sort(ListPages.CARD_ORDER);
      return c;
    }
  }

  private Outcome member(
      ListState state,
      Path site,
      SiteConfig config,
      Optional<Addition> add,
      SkillId id,
      Map<SkillId, List<SkillId>> related,
      Path staging)
      throws IOException {
    boolean adding = add.isPresent();
    Optional<ListState.SkillRecord> was = state.skill(id);
    if (adding && was.isPresent()) {
      return new Refused(id + " is in the last build's lists already");
    }
    if (!adding && was.isEmpty()) {
      return new Refused(id + " is not in the last build's lists");
    }
    if (related.containsKey(id)) {
      return new Refused("the related skills of " + id + " are given as another skill's");
    }
    for (SkillId y : related.keySet()) {
      if (state.skill(y).isEmpty()) {
        return new Refused(y + " is not in the last build's lists");
      }
    }
    int sign = adding ? 1 : -1;
    String name = adding ? add.get().skill().name() : was.get().name();
    String collection = adding ? add.get().skill().collectionId() : was.get().collection();
    Lists lists = new Lists(state, this);
    // page 1 of the home page: its counts, its collections, no graph of related skills
    ListState.PageRecord homeRecord = lists.record(SiteLayout.INDEX);
    IndexPage home = (IndexPage) lists.view(SiteLayout.INDEX);
    if (!home.graph().rows().isEmpty()) {
      return new Refused("the home page draws the related skills as a graph: it changes");
    }
    String firstOfCollection = SiteLayout.collection(collection);
    Optional<ListState.PageRecord> collectionPage = lists.maybe(firstOfCollection);
    if (collectionPage.isEmpty()) {
      return new Refused(collection + " is a new collection: the collections' lists change");
    }
    dev.skillsite.site.view.CollectionPage c1 =
        (dev.skillsite.site.view.CollectionPage) lists.view(firstOfCollection);
    int size = c1.total() + sign;
    if (size == 0) {
      return new Refused(collection + " would have no skills: a collection removed");
    }
    boolean counted = c1.description().isEmpty(); // its links say how many skills it has
    String href = Urls.relative(SiteLayout.INDEX, firstOfCollection);
    boolean onHome = home.collections().stream().anyMatch(l -> l.href().equals(href));
    if (home.collectionCount() > ListPages.HOME_COLLECTIONS) {
      if (counted) {
        return new Refused(
            "the collections A–Z page shows " + collection + "'s count of skills: not recorded");
      }
      if (adding && !onHome) {
        return new Refused(collection + " may now be among the home page's largest collections");
      }
      if (!adding && onHome) {
        return new Refused(collection + " may no longer be among the home page's largest");
      }
    }
    List<dev.skillsite.site.view.LinkView> links = home.collections();
    if (counted && onHome) {
      links =
          links.stream()
              .map(
                  l ->
                      l.href().equals(href)
                          ? new dev.skillsite.site.view.LinkView(
                              l.href(), l.label(), ListPages.skillCount(size))
                          : l)
              .toList();
    }
    int triggers =
        adding
            ? ListPages.triggerCount(add.get().skill())
            : was.get().phrases() == null || was.get().keywords() == null
                ? -1
                : was.get().phrases().size() + was.get().keywords().size() + was.get().clauses();
    if (triggers < 0) {
      return new Refused(id + "'s triggers: the last build kept no rows");
    }
    lists.views.put(
        SiteLayout.INDEX,
        new IndexPage(
            links,
            home.skills(),
            home.triggerCount() + sign * triggers,
            home.graph(),
            home.total() + sign,
            home.collectionCount(),
            home.allCollections()));
    lists.views.put(
        firstOfCollection,
        new dev.skillsite.site.view.CollectionPage(
            c1.id(),
            c1.name(),
            c1.description(),
            c1.category(),
            c1.keywords(),
            c1.homepage(),
            c1.path(),
            c1.skills(),
            size));
    dev.skillsite.site.view.SkillsPage s1 =
        (dev.skillsite.site.view.SkillsPage) lists.view(SiteLayout.SKILLS);
    lists.views.put(
        SiteLayout.SKILLS,
        new dev.skillsite.site.view.SkillsPage(s1.groups(), s1.count() + sign, s1.letters()));
    // the card in each list
    List<String> onPages = new ArrayList<>();
    List<String> firsts = List.of(SiteLayout.INDEX, firstOfCollection, SiteLayout.SKILLS);
    List<PageKind> kinds = List.of(PageKind.INDEX, PageKind.COLLECTION, PageKind.SKILLS);
    for (int i = 0; i < firsts.size(); i++) {
      String first = firsts.get(i);
      PageKind kind = kinds.get(i);
      Optional<String> refused =
          adding
              ? insert(lists, kind, first, card(add.get(), first, config), onPages)
              : remove(lists, kind, first, id, was.get().pages(), onPages);
      if (refused.isPresent()) {
        return new Refused(refused.get());
      }
    }
    // skills.json and catalog.js: the entry in its part, the related skills' entries spliced
    ListState.Totals totals = state.totals();
    DataParts parts = totals.json();
    int place = state.order(id);
    int k = parts.part(place);
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, byte[]> published = new TreeMap<>();
    String json = CatalogJsonWriter.skillsJsonPath(k + 1, parts.count());
    String js = CatalogJsonWriter.catalogJsPath(k + 1, parts.count());
    for (String f : List.of(json, js)) {
      byte[] b = readBytes(site, f);
      files.put(f, b);
      published.put(f, b);
    }
    List<String> removedRelated = List.of();
    if (adding) {
      Skill x = add.get().skill();
      JsonObject entry =
          CatalogJsonWriter.skillEntry(
              x, add.get().related().stream().map(SkillId::value).toList(), add.get().audit());
      Optional<byte[]> next = insertEntry(files.get(json), x.id(), printed(entry), true);
      Optional<byte[]> nextJs =
          insertEntry(
              files.get(js), x.id(), compact.toJson(CatalogJsonWriter.catalogEntry(x)), false);
      if (next.isEmpty() || nextJs.isEmpty()) {
        return new Refused(json + " or " + js + " is not as the state says");
      }
      files.put(json, next.get());
      files.put(js, nextJs.get());
    } else {
      String start = "{\n    \"id\": " + pretty.toJson(id.value()) + ",\n";
      Optional<int[]> at = locate(files.get(json), utf8(start), "\n");
      if (at.isEmpty()) {
        return new Refused(json + " has no entry of " + id + " where the state says");
      }
      byte[] b = files.get(json);
      removedRelated =
          strings(
              JsonParser.parseString(
                      new String(b, at.get()[0], at.get()[1] - at.get()[0], StandardCharsets.UTF_8))
                  .getAsJsonObject()
                  .getAsJsonArray("related"));
      Optional<byte[]> next = removeEntry(b, at.get(), ",\n  ");
      Optional<int[]> atJs =
          locate(files.get(js), utf8("{\"id\":" + compact.toJson(id.value()) + ","), "[,");
      if (next.isEmpty() || atJs.isEmpty()) {
        return new Refused(json + " or " + js + " is not as the state says");
      }
      Optional<byte[]> nextJs = removeEntry(files.get(js), atJs.get(), ",");
      if (nextJs.isEmpty()) {
        return new Refused(js + " would hold no skill: its parts change");
      }
      files.put(json, next.get());
      files.put(js, nextJs.get());
    }
    // the part still ends where it did, and holds no cut it did not
    Optional<String> moved = partHolds(parts, totals.skills(), k, files.get(json), json);
    if (moved.isPresent()) {
      return new Refused(moved.get());
    }
    // the related skills' entries (other parts: by their place before the change)
    Map<SkillId, List<String>> relatedBefore = new TreeMap<>(BY_ID);
    for (var e : related.entrySet()) {
      ListState.SkillRecord r = state.skill(e.getKey()).orElseThrow();
      int kk = parts.part(r.order());
      String f = CatalogJsonWriter.skillsJsonPath(kk + 1, parts.count());
      if (!files.containsKey(f)) {
        byte[] b = readBytes(site, f);
        files.put(f, b);
        published.put(f, b);
      }
      int length = files.get(f).length;
      Optional<byte[]> next =
          replaceSkillsJson(files.get(f), e.getKey(), null, e.getValue(), relatedBefore);
      if (next.isEmpty()) {
        return new Refused(f + " has no entry of " + e.getKey() + " where the state says");
      }
      if (next.get().length != length && !parts.bytesMayChange(kk)) {
        return new Refused(f + " ended at the data files' byte budget");
      }
      files.put(f, next.get());
    }
    List<String> staged = new ArrayList<>();
    for (var e : files.entrySet()) {
      if (e.getValue().length > Paging.MAX_DATA_BYTES) {
        return new Refused(e.getKey() + " would pass the data files' byte budget");
      }
      if (!Arrays.equals(e.getValue(), published.get(e.getKey()))) {
        write(staging, e.getKey(), e.getValue());
        staged.add(e.getKey());
      }
    }
    // the list pages rendered again where they changed
    Map<String, ListState.PageRecord> rerendered = new TreeMap<>();
    Optional<SiteView> siteView = Optional.empty();
    TreeSet<String> paths = new TreeSet<>(lists.views.keySet());
    paths.addAll(lists.pageViews.keySet());
    paths.addAll(lists.nextWeights.keySet());
    for (String path : paths) {
      ListState.PageRecord p = lists.record(path);
      Object view = lists.view(path);
      PageView page = lists.page(path);
      ListState.PageRecord now =
          new ListState.PageRecord(p.kind(), page, view, lists.nextWeight(path));
      if (now.equals(p)) {
        continue;
      }
      rerendered.put(path, now);
      if (view.equals(typed(p)) && page.equals(p.page())) {
        continue; // its paging fact alone
      }
      if (siteView.isEmpty()) {
        siteView = Optional.of(state.site());
      }
      write(
          staging, path, renderer().render(PageKind.valueOf(p.kind()), siteView.get(), page, view));
      staged.add(path);
    }
    // whose pages show whose related card
    Map<SkillId, ListState.SkillRecord> shown = new TreeMap<>(BY_ID);
    List<String> shownOnX = new ArrayList<>();
    for (var e : related.entrySet()) {
      String y = e.getKey().value();
      List<String> before = relatedBefore.getOrDefault(e.getKey(), List.of());
      List<String> after = e.getValue().stream().map(SkillId::value).toList();
      for (String x : new TreeSet<>(before)) {
        if (!after.contains(x) && !x.equals(y) && !x.equals(id.value())) {
          Optional<String> r = showing(state, shown, new SkillId(x), y, false);
          if (r.isPresent()) {
            return new Refused(r.get());
          }
        }
      }
      for (String x : new TreeSet<>(after)) {
        if (!before.contains(x) && !x.equals(y)) {
          if (x.equals(id.value())) {
            if (!adding) {
              return new Refused(y + "'s related skills name " + id + ", removed");
            }
            shownOnX.add(y);
            continue;
          }
          Optional<String> r = showing(state, shown, new SkillId(x), y, true);
          if (r.isPresent()) {
            return new Refused(r.get());
          }
        }
      }
    }
    List<String> own =
        adding ? add.get().related().stream().map(SkillId::value).toList() : removedRelated;
    for (String x : new TreeSet<>(own)) {
      if (!x.equals(id.value())) {
        Optional<String> r = showing(state, shown, new SkillId(x), id.value(), adding);
        if (r.isPresent()) {
          return new Refused(r.get());
        }
      }
    }
    if (adding) {
      Skill x = add.get().skill();
      shownOnX.sort(null); // catalog order: by id
      shown.put(
          id,
          new ListState.SkillRecord(
              x.name(),
              x.collectionId(),
              ListState.triggers(x),
              List.copyOf(onPages),
              place,
              -1, // its place by name: llms.txt's part (discovery.LlmsTxtPatch) records it
              List.copyOf(shownOnX),
              List.copyOf(x.triggers().phrases()),
              List.copyOf(x.triggers().keywords()),
              x.triggers().clauses().size()));
    }
    List<Integer> starts = new ArrayList<>(parts.starts());
    for (int j = k + 1; j < starts.size(); j++) {
      starts.set(j, starts.get(j) + sign);
    }
    ListState.Totals after =
        new ListState.Totals(
            totals.skills() + sign, new DataParts(starts, parts.full()), totals.llms());
    staged.addAll(
        state.writeDelta(
            staging,
            rerendered,
            shown,
            Map.of(),
            state.triggerPages(),
            Optional.of(new ListState.Membership(id, adding, after))));
    staged.sort(null);
    return new Staged(List.copyOf(staged));
  }

  /** Skill {@code x}'s record with {@code y} added to (or taken from) those showing its card. */
  private static Optional<String> showing(
      ListState state,
      Map<SkillId, ListState.SkillRecord> shown,
      SkillId x,
      String y,
      boolean add) {
    Optional<ListState.SkillRecord> r = shownRecord(state, shown, x);
    if (r.isEmpty()) {
      return Optional.of(x + " is not in the last build's lists");
    }
    List<String> on = new ArrayList<>(r.get().shownOn());
    if (add) {
      int at = Collections.binarySearch(on, y); // in catalog order: by id
      if (at < 0) {
        on.add(-at - 1, y);
      }
    } else {
      on.remove(y);
    }
    shown.put(x, r.get().shownOn(on));
    return Optional.empty();
  }

  /** The card of {@code add} on the pages of the list whose page 1 is {@code first}. */
  private static SkillCard card(Addition add, String first, SiteConfig config) {
    Skill s = add.skill();
    String href = Urls.relative(first, SiteLayout.skill(s.id()));
    dev.skillsite.site.view.AuditBadge b = add.badge();
    return new SkillCard(
        s.id().value(),
        href,
        s.name(),
        SkillSummary.of(s, config.summaries()),
        ListPages.cardPhrases(s.triggers().phrases()),
        b.level().isEmpty() && b.label().isEmpty()
            ? dev.skillsite.site.view.AuditBadge.NONE
            : new dev.skillsite.site.view.AuditBadge(b.level(), b.label(), href + "#ss-audit"));
  }

  /** The page number of the list page at {@code path}. */
  private static int number(Lists lists, String path) {
    return lists.page(path).pager().number();
  }

  private Optional<String> insert(
      Lists lists, PageKind kind, String first, SkillCard x, List<String> onPages) {
    int count = lists.page(first).pager().count();
    // the last page whose first card is before x (binary search: each page read once)
    int lo = 1;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      List<SkillCard> c = lists.cards(Paging.path(first, mid));
      if (!c.isEmpty() && ListPages.CARD_ORDER.compare(c.get(0), x) < 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int n = lo;
    List<SkillCard> cards = lists.cards(Paging.path(first, n));
    if (n < count
        && !cards.isEmpty()
        && ListPages.CARD_ORDER.compare(cards.get(cards.size() - 1), x) < 0
        && ends(kind, cards, bytes(kind, cards), ListState.weight(kind, x))) {
      n++; // between two pages, and the first ends before it: the next page's first card
      cards = lists.cards(Paging.path(first, n));
    }
    List<SkillCard> now = new ArrayList<>(cards);
    int at = Collections.binarySearch(now, x, ListPages.CARD_ORDER);
    if (at >= 0) {
      return Optional.of(Paging.path(first, n) + " shows " + x.id() + " already");
    }
    now.add(-at - 1, x);
    String path = Paging.path(first, n);
    onPages.add(path);
    return repage(lists, kind, first, n, count, cards, now, x);
  }

  private Optional<String> remove(
      Lists lists,
      PageKind kind,
      String first,
      SkillId id,
      List<String> pages,
      List<String> onPages) {
    String folder = first.substring(0, first.lastIndexOf('/') + 1);
    Optional<String> path =
        pages.stream()
            .filter(
                p ->
                    p.equals(first)
                        || (p.startsWith(folder)
                            && p.substring(folder.length()).matches("page_\\d+\\.html")))
            .findFirst();
    if (path.isEmpty()) {
      return Optional.of(id + " is on no page of " + first + " as recorded");
    }
    int n = number(lists, path.get());
    int count = lists.page(first).pager().count();
    List<SkillCard> cards = lists.cards(path.get());
    List<SkillCard> now = new ArrayList<>(cards);
    if (!now.removeIf(c -> c.id().equals(id.value()))) {
      return Optional.of(path.get() + " does not show " + id + " as recorded");
    }
    if (now.isEmpty()) {
      return Optional.of(path.get() + " would show no card: the list's pages change");
    }
    SkillCard x = cards.stream().filter(c -> c.id().equals(id.value())).findFirst().orElseThrow();
    onPages.add(path.get());
    return repage(lists, kind, first, n, count, cards, now, x);
  }

  private static long bytes(PageKind kind, List<SkillCard> cards) {
    return cards.stream().mapToLong(c -> ListState.weight(kind, c)).sum();
  }

  /**
   * Page {@code n} of {@code count} of the list at {@code first} showing {@code now} (in split
   * order) instead of {@code cards}, the card {@code x} added or removed: refused when the whole
   * build would split the list elsewhere; else its view, the paging fact of the page before it and
   * the pagers naming its range made again.
   */
  private Optional<String> repage(
      Lists lists,
      PageKind kind,
      String first,
      int n,
      int count,
      List<SkillCard> cards,
      List<SkillCard> now,
      SkillCard x) {
    String path = Paging.path(first, n);
    Paging paging = ListState.paging(kind);
    long bytes = bytes(kind, now);
    if (paging.split(now, c -> ListState.weight(kind, c), c -> ListState.cut(kind, c)).size() > 1) {
      return Optional.of(path + " would end before its last card: the list's pages change");
    }
    if (!ends(kind, now, bytes, lists.nextWeight(path))) {
      return Optional.of(path + " would hold the next page's first card: the list's pages change");
    }
    boolean firstMoved = !now.get(0).equals(cards.get(0));
    if (n > 1 && firstMoved) {
      String before = Paging.path(first, n - 1);
      List<SkillCard> prev = lists.cards(before);
      if (!ends(kind, prev, bytes(kind, prev), ListState.weight(kind, now.get(0)))) {
        return Optional.of(
            before + " would hold " + path + "'s first card: the list's pages change");
      }
      lists.nextWeights.put(before, ListState.weight(kind, now.get(0)));
    }
    // the view
    Object view = lists.view(path);
    if (view instanceof IndexPage p) {
      lists.views.put(
          path,
          new IndexPage(
              p.collections(),
              now,
              p.triggerCount(),
              p.graph(),
              p.total(),
              p.collectionCount(),
              p.allCollections()));
    } else if (view instanceof dev.skillsite.site.view.CollectionPage p) {
      lists.views.put(
          path,
          new dev.skillsite.site.view.CollectionPage(
              p.id(),
              p.name(),
              p.description(),
              p.category(),
              p.keywords(),
              p.homepage(),
              p.path(),
              now,
              p.total()));
    } else if (view instanceof dev.skillsite.site.view.SkillsPage p) {
      List<dev.skillsite.site.view.LetterGroup<SkillCard>> groups =
          ListPages.groups(now, SkillCard::name);
      List<dev.skillsite.site.view.LetterLink> letters = p.letters();
      if (count == 1) {
        letters = ListPages.letters(first, List.of(now), SkillCard::name);
      } else {
        String letter = ListPages.groups(List.of(x), SkillCard::name).get(0).letter();
        Optional<dev.skillsite.site.view.LetterLink> link =
            p.letters().stream().filter(l -> l.letter().equals(letter)).findFirst();
        if (link.isEmpty()) {
          return Optional.of("a letter new to the skills A–Z: every page links it");
        }
        String file = link.get().href().substring(0, link.get().href().indexOf('#'));
        int on = file.equals("index.html") ? 1 : Integer.parseInt(file.replaceAll("\\D", ""));
        boolean stays = groups.stream().anyMatch(g -> g.letter().equals(letter));
        if (on > n || (on == n && !stays)) {
          return Optional.of(
              "the first page of the skills A–Z's letter "
                  + letter
                  + " moves: every page links it");
        }
      }
      lists.views.put(path, new dev.skillsite.site.view.SkillsPage(groups, p.count(), letters));
    }
    // the pagers that name this page's range
    String was = ListPages.range(cards);
    String title = ListPages.range(now);
    if (count > 1 && !was.equals(title)) {
      List<Integer> naming = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        if (n == 1 || n == count || Math.abs(i - n) <= 2) {
          naming.add(i);
        }
      }
      if (naming.size() > PAGERS) {
        return Optional.of(
            path + "'s range changes and " + naming.size() + " pages' pagers name it: too many");
      }
      for (int i : naming) {
        String p = Paging.path(first, i);
        PageView page = lists.page(p);
        List<dev.skillsite.site.view.Pager.PageLink> links = new ArrayList<>();
        for (var l : page.pager().links()) {
          links.add(
              l.number() == n && !l.gap()
                  ? new dev.skillsite.site.view.Pager.PageLink(
                      l.number(), l.href(), title, l.current(), l.gap())
                  : l);
        }
        var pager = page.pager();
        lists.pageViews.put(
            p,
            page.withPager(
                new dev.skillsite.site.view.Pager(
                    pager.number(), pager.count(), pager.prev(), pager.next(), links)));
      }
    }
    return Optional.empty();
  }

  /**
   * Pages whose pagers a card added or removed may make again when its page's range changes: the
   * page and two either side; a first or last page is named by every page of its list (refused past
   * this many).
   */
  static final int PAGERS = 8;

  /** An entry as the pretty array of {@code skills.json} prints it: indented one level. */
  private String printed(JsonObject entry) {
    JsonArray one = new JsonArray();
    one.add(entry);
    String p = pretty.toJson(one);
    return p.substring("[\n  ".length(), p.length() - "\n]".length());
  }

  /**
   * {@code text} (a part of {@code skills.json}, {@code pretty}, or of {@code catalog.js}) with
   * {@code entry} inserted in id order; empty when the part is not as written.
   */
  private static Optional<byte[]> insertEntry(
      byte[] text, SkillId id, String entry, boolean pretty) {
    byte[] marker = utf8(pretty ? "\n  {\n    \"id\": \"" : "{\"id\":\"");
    String separator = pretty ? ",\n  " : ",";
    int from = 0;
    int lastEnd = -1;
    while (true) {
      int i = indexOf(text, marker, from);
      if (i < 0) {
        break;
      }
      int start = pretty ? i + 3 : i;
      int idFrom = i + marker.length;
      int idTo = idFrom;
      while (idTo < text.length && text[idTo] != '"') {
        idTo++;
      }
      String other = new String(text, idFrom, idTo - idFrom, StandardCharsets.UTF_8);
      if (other.compareTo(id.value()) > 0) {
        byte[] by = utf8(entry + separator);
        return Optional.of(splice(text, new int[] {start, start}, by));
      }
      Optional<int[]> at =
          locate(text, java.util.Arrays.copyOfRange(text, start, idTo + 1), pretty ? "\n" : "[,");
      if (at.isEmpty()) {
        return Optional.empty();
      }
      lastEnd = at.get()[1];
      from = lastEnd;
    }
    if (lastEnd < 0) {
      return Optional.empty(); // a part without entries: never written
    }
    return Optional.of(splice(text, new int[] {lastEnd, lastEnd}, utf8(separator + entry)));
  }

  /**
   * {@code text} without the entry at {@code at} and the {@code separator} after it (before it, for
   * the last); empty for the only entry.
   */
  private static Optional<byte[]> removeEntry(byte[] text, int[] at, String separator) {
    byte[] sep = utf8(separator);
    if (at[1] + sep.length <= text.length
        && Arrays.equals(text, at[1], at[1] + sep.length, sep, 0, sep.length)) {
      return Optional.of(splice(text, new int[] {at[0], at[1] + sep.length}, new byte[0]));
    }
    if (at[0] - sep.length >= 0
        && Arrays.equals(text, at[0] - sep.length, at[0], sep, 0, sep.length)) {
      return Optional.of(splice(text, new int[] {at[0] - sep.length, at[1]}, new byte[0]));
    }
    return Optional.empty();
  }

  /**
   * Whether part {@code k} of {@code skills.json} ({@code text}, a skill added or removed) still
   * splits as the whole build would: no end inside it, its end where it was ({@link
   * DataParts#split}'s rule, with the part's entries' ids and weights), and, for one part, still
   * one part.
   */
  private Optional<String> partHolds(DataParts parts, int total, int k, byte[] text, String path) {
    List<String> ids = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    byte[] marker = utf8("\n  {\n    \"id\": \"");
    int from = 0;
    while (true) {
      int i = indexOf(text, marker, from);
      if (i < 0) {
        break;
      }
      int idFrom = i + marker.length;
      int idTo = idFrom;
      while (text[idTo] != '"') {
        idTo++;
      }
      Optional<int[]> at = locate(text, java.util.Arrays.copyOfRange(text, i + 3, idTo + 1), "\n");
      if (at.isEmpty()) {
        return Optional.of(path + " is not as written");
      }
      ids.add(new String(text, idFrom, idTo - idFrom, StandardCharsets.UTF_8));
      weights.add(at.get()[1] - at.get()[0] + 4L);
      from = at.get()[1];
    }
    int max = CatalogJsonWriter.page();
    long budget = Paging.MAX_DATA_BYTES - CatalogJsonWriter.ARRAY_ENDS;
    if (parts.count() == 1) {
      long all = weights.stream().mapToLong(Long::longValue).sum();
      return ids.size() <= max && all <= budget
          ? Optional.empty()
          : Optional.of(path + " would be more than one part: every part changes");
    }
    if (!parts.bytesMayChange(k)) {
      return Optional.of(path + " ended at the data files' byte budget");
    }
    int min = Math.max(1, max / 2);
    int n = 0;
    long bytes = 0;
    for (int i = 0; i < ids.size(); i++) {
      long w = weights.get(i);
      if (n > 0
          && (n >= max || (n >= min && DataParts.cut(ids.get(i - 1))) || bytes + w > budget)) {
        return Optional.of(path + " would end before its last skill: the parts change");
      }
      n++;
      bytes += w;
    }
    if (k + 1 < parts.count()
        && !(n >= max || (n >= min && DataParts.cut(ids.get(ids.size() - 1))))) {
      return Optional.of(path + " would hold the next part's first skill: the parts change");
    }
    return Optional.empty();
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
