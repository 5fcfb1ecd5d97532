package dev.skillsite.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.CollectionPage;
import dev.skillsite.site.view.IndexPage;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import dev.skillsite.site.view.SkillCard;
import dev.skillsite.site.view.SkillsPage;
import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a patch needs to render again the list pages and data files that show a skill's card or
 * catalog entry ({@link ListPatch}), kept in the build cache by every cached build and opened,
 * never read whole ({@link RecordTable}, mmap and binary search):
 *
 * <ul>
 *   <li>{@value #PAGES}: per list page that shows skill cards (the home page's pages, each
 *       collection's, the skills A–Z) the page as the templates got it (its {@link PageView} and
 *       its view, every card on it included) and its paging fact (the weight of the next page's
 *       first card), and the site's {@link SiteView} once;
 *   <li>{@value #SKILLS}: per skill where it shows (those three pages, its place in {@code
 *       skills.json} and {@code catalog.js} (catalog order), in {@code llms.txt} (name order)), its
 *       name, collection and a digest of its triggers (what, when it changes, moves it or changes
 *       other entries), and the skills whose pages show its related card.
 * </ul>
 */
public final class ListState implements AutoCloseable {
  /**
   * The pages' table in a site: the whole build's, or the table a patch wrote with its delta folded
   * in ({@link #foldsInto}).
   */
  public static final String PAGES = BuildCache.FOLDER + "/patch/list-pages.tab";

  /** The skills' table in a site. */
  public static final String SKILLS = BuildCache.FOLDER + "/patch/list-skills.tab";

  /**
   * The pages a patch made again since the last full build (their records, as in {@value #PAGES}),
   * looked up first; the full build removes it (a stale one is never left: it is written by every
   * patch, whole, and deleted by every build).
   */
  static final String DELTA = BuildCache.FOLDER + "/patch/list-delta.tab";

  private static final String DELTA_KEYS = "keys";
  private static final String SITE = "site";
  private static final String TOTALS = "totals";

  /** Page n's {@link TriggerFacts}: {@code "t:" + n}. */
  static final String TRIGGER_PAGE = "t:";

  /** How many pages the trigger index has. */
  static final String TRIGGER_PAGES = "t#";

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /**
   * A list page as the last build rendered it: its kind, page, view as the templates got it (an
   * {@link IndexPage}, {@link CollectionPage}, {@link SkillsPage} or {@link TriggersPage}) and
   * paging fact. Stored as the JSON {@code {"kind","page","view","nextWeight"}} ({@link
   * #encode(PageRecord)}, the bytes Gson writes of a record whose view is the view's JSON tree),
   * decoded in one pass straight into the typed view ({@link #decodePage}: no JSON tree between).
   */
  record PageRecord(String kind, PageView page, Object view, int nextWeight) {
    /** This page showing {@code now}. */
    PageRecord with(Object now) {
      return new PageRecord(kind, page, now, nextWeight);
    }

    /** The view as the templates got it. */
    Object typed() {
      return view;
    }
  }

  /** The view type of a list page of {@code kind}. */
  private static Class<?> viewType(String kind) {
    return switch (PageKind.valueOf(kind)) {
      case INDEX -> IndexPage.class;
      case COLLECTION -> CollectionPage.class;
      case SKILLS -> SkillsPage.class;
      case TRIGGERS -> TriggersPage.class;
      default -> throw new IllegalStateException("not a list of cards: " + kind);
    };
  }

  /**
   * A page record from its bytes: one streaming pass, the view read as its kind's type (a record
   * whose view comes before its kind, which no build writes, through a JSON tree).
   */
  static PageRecord decodePage(byte[] bytes) {
    try (JsonReader in = GSON.newJsonReader(new StringReader(utf8(bytes)))) {
      String kind = null;
      PageView page = null;
      Object view = null;
      JsonElement early = null;
      int next = 0;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "kind" -> kind = in.nextString();
          case "page" -> page = GSON.fromJson(in, PageView.class);
          case "view" -> {
            if (kind == null) {
              early = JsonParser.parseReader(in);
            } else {
              view = GSON.fromJson(in, viewType(kind));
            }
          }
          case "nextWeight" -> next = in.nextInt();
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (kind == null || (view == null && early == null)) {
        throw new JsonParseException("a list page record without its kind or view");
      }
      if (view == null) {
        view = GSON.fromJson(early, viewType(kind));
      }
      return new PageRecord(kind, page, view, next);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of {@code r}: what Gson writes of it with its view as a JSON tree, written direct.
   */
  static byte[] encode(PageRecord r) {
    StringWriter text = new StringWriter(1 << 14);
    try (JsonWriter out = GSON.newJsonWriter(text)) {
      out.beginObject();
      out.name("kind").value(r.kind());
      if (r.page() != null) {
        out.name("page");
        GSON.toJson(r.page(), PageView.class, out);
      }
      if (r.view() != null) {
        out.name("view");
        GSON.toJson(r.view(), r.view().getClass(), out);
      }
      out.name("nextWeight").value(r.nextWeight());
      out.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Where a skill shows, as the last build made the site.
   *
   * @param pages the list pages showing its card (home, collection, skills A–Z)
   * @param order its place in the catalog ({@code skills.json}, {@code catalog.js})
   * @param byName its place by name, then id ({@code llms.txt})
   * @param shownOn the skills whose pages show its related card (its summary)
   * @param phrases its trigger phrases (its rows of the trigger index, with {@code keywords})
   * @param keywords its trigger keywords
   * @param clauses how many clauses its triggers have (the home page's count adds them)
   */
  public record SkillRecord(
      String name,
      String collection,
      String triggers,
      List<String> pages,
      int order,
      int byName,
      List<String> shownOn,
      List<String> phrases,
      List<String> keywords,
      int clauses) {
    /** This record at {@code place} in the catalog. */
    SkillRecord at(int place) {
      return place == order
          ? this
          : new SkillRecord(
              name,
              collection,
              triggers,
              pages,
              place,
              byName,
              shownOn,
              phrases,
              keywords,
              clauses);
    }

    /** This record with {@code shownOn} as given. */
    SkillRecord shownOn(List<String> now) {
      return new SkillRecord(
          name,
          collection,
          triggers,
          pages,
          order,
          byName,
          List.copyOf(now),
          phrases,
          keywords,
          clauses);
    }

    /** This record with the triggers of {@code now}. */
    SkillRecord triggered(Skill now) {
      return new SkillRecord(
          name,
          collection,
          ListState.triggers(now),
          pages,
          order,
          byName,
          shownOn,
          List.copyOf(now.triggers().phrases()),
          List.copyOf(now.triggers().keywords()),
          now.triggers().clauses().size());
    }
  }

  /**
   * A page of the trigger index as the paging and the binary search for a row's page need it: its
   * first and last row, how many rows and their estimated bytes ({@link Paging}).
   */
  record TriggerFacts(TriggerEntry first, TriggerEntry last, int rows, long bytes) {}

  /**
   * The site's totals, and where its paged data files cut their entries: {@code skills.json} and
   * {@code assets/catalog.js} by a skill's place in the catalog ({@link SkillRecord#order}), {@code
   * llms.txt} by its place by name ({@link SkillRecord#byName}).
   */
  public record Totals(int skills, DataParts json, DataParts llms) {
    /** The parts of {@code llms.txt}: at most this many skills each ({@link DataParts}). */
    public static final int LLMS_PART = 1_000;

    /**
     * Where {@code llms.txt}'s parts cut the skills {@code byName} (sorted by name, then id): by
     * count and id alone, as a line's bytes are bounded (a summary is clipped to {@link
     * SkillSummary#MAX} characters).
     */
    public static DataParts llmsParts(List<Skill> byName) {
      return llmsParts(byName, LLMS_PART);
    }

    /** As {@link #llmsParts(List)}, at most {@code max} skills a part. */
    public static DataParts llmsParts(List<Skill> byName, int max) {
      return DataParts.split(byName.size(), max, i -> DataParts.cut(byName.get(i).id().value()));
    }
  }

  private final RecordTable pages;
  private final long pagesBytes;
  private final RecordTable skills;
  private final Optional<RecordTable> delta;

  private ListState(
      RecordTable pages, long pagesBytes, RecordTable skills, Optional<RecordTable> delta) {
    this.pages = pages;
    this.pagesBytes = pagesBytes;
    this.skills = skills;
    this.delta = delta;
  }

  /** The state of the site in {@code site}; empty when it has none. */
  public static Optional<ListState> open(Path site) {
    Optional<RecordTable> p = RecordTable.open(site.resolve(PAGES));
    Optional<RecordTable> s = RecordTable.open(site.resolve(SKILLS));
    if (p.isEmpty() || s.isEmpty()) {
      p.ifPresent(ListState::quietly);
      s.ifPresent(ListState::quietly);
      return Optional.empty();
    }
    long bytes;
    try {
      bytes = Files.size(site.resolve(PAGES));
    } catch (IOException e) {
      bytes = 0; // gone since it opened: a delta of any size folds
    }
    return Optional.of(
        new ListState(p.get(), bytes, s.get(), RecordTable.open(site.resolve(DELTA))));
  }

  private static void quietly(RecordTable t) {
    try {
      t.close();
    } catch (IOException e) {
      // nothing was written
    }
  }

  /**
   * The skill {@code id} as the last build (or patch) showed it; none for a skill a patch removed.
   * After skills added or removed ({@link Edits}) its {@link SkillRecord#order} is its place in the
   * catalog now ({@link #order}), as a clean build would record it.
   */
  public Optional<SkillRecord> skill(SkillId id) {
    String key = "s:" + id.value();
    Optional<byte[]> patched = delta.flatMap(d -> d.get(key));
    Optional<SkillRecord> r =
        (patched.isPresent() ? patched.filter(b -> b.length > 0) : skills.get(key))
            .map(b -> decode(b, SkillRecord.class));
    Edits e = edits();
    if (r.isEmpty() || e.isEmpty()) {
      return r;
    }
    return Optional.of(r.get().at(order(id, e)));
  }

  /**
   * The skills added and removed by patches since the last full build, by id (sorted): {@code
   * added} those not in the full build's table, {@code removed} those of it no longer in the site.
   * A skill's place in the catalog (id order) is its place in the full build's table moved by them
   * ({@link #order}), so no record of another skill is written when one is added.
   */
  public record Edits(List<String> added, List<String> removed) {
    static final Edits NONE = new Edits(List.of(), List.of());

    public Edits {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }

    /** These edits and {@code id} added ({@code true}) or removed. */
    Edits with(String id, boolean add) {
      java.util.TreeSet<String> a = new java.util.TreeSet<>(added);
      java.util.TreeSet<String> r = new java.util.TreeSet<>(removed);
      if (add) {
        if (!r.remove(id)) {
          a.add(id);
        }
      } else if (!a.remove(id)) {
        r.add(id);
      }
      return new Edits(List.copyOf(a), List.copyOf(r));
    }

    /** How many of {@code ids} (sorted) sort before {@code id}. */
    private static int before(List<String> ids, String id) {
      int at = Collections.binarySearch(ids, id);
      return at >= 0 ? at : -at - 1;
    }
  }

  private static final String EDITS = "edits";

  /** The skills added and removed since the last full build. */
  Edits edits() {
    return pageRecord(EDITS).map(b -> decode(b, Edits.class)).orElse(Edits.NONE);
  }

  /**
   * The place in the catalog (id order, from 0) of the skill {@code id} now, whether in the site or
   * not (then the place it would take): its place among the full build's skills, moved by the
   * skills added and removed since.
   */
  int order(SkillId id) {
    return order(id, edits());
  }

  private int order(SkillId id, Edits e) {
    String v = id.value();
    int base = skills.rank("s:" + v) - skills.rank("s:");
    return base + Edits.before(e.added(), v) - Edits.before(e.removed(), v);
  }

  /**
   * Whether this state and {@code other} hold the same record of skill {@code id} (see {@link
   * #samePage}).
   */
  public boolean sameSkill(ListState other, SkillId id) {
    Optional<SkillRecord> a = skill(id);
    return a.isPresent() && a.equals(other.skill(id));
  }

  /** The site's totals (a patch that added or removed a skill wrote them again). */
  public Totals totals() {
    return pageRecord(TOTALS)
        .or(() -> skills.get(TOTALS))
        .map(b -> decode(b, Totals.class))
        .orElseThrow(() -> new IllegalStateException("list state without totals"));
  }

  /** How many pages the trigger index has (0 in a state that did not record it). */
  int triggerPages() {
    return pageRecord(TRIGGER_PAGES).map(b -> decode(b, Integer.class)).orElse(0);
  }

  /** The facts of page {@code n} (from 1) of the trigger index, the patched ones first. */
  Optional<TriggerFacts> triggerPage(int n) {
    return pageRecord(TRIGGER_PAGE + n).map(b -> decode(b, TriggerFacts.class));
  }

  Optional<PageRecord> page(String path) {
    return pageRecord("p:" + path).map(ListState::decodePage);
  }

  /**
   * The record {@code key} of the pages' table, the patched one first; one a patch emptied (a
   * trigger index page past the count a patch split the index into) is none.
   */
  private Optional<byte[]> pageRecord(String key) {
    Optional<byte[]> patched = delta.flatMap(d -> d.get(key));
    return patched.isPresent()
        ? patched.filter(b -> b.length > 0)
        : pages.get(key).filter(b -> b.length > 0);
  }

  /**
   * Writes into {@code staging} the delta table: the pages of this one and {@code changed} (page
   * path → its record now), the latter first; or, when that delta is large ({@link #foldsInto}),
   * the pages' table with its page records folded in, and a delta of the skills' records. Returns
   * the site paths it staged.
   */
  List<String> writeDelta(
      Path staging, Map<String, PageRecord> changed, Map<SkillId, SkillRecord> skills)
      throws IOException {
    return writeDelta(staging, changed, skills, Map.of());
  }

  /** As above, and the trigger index's pages' facts {@code facts} (page number → facts). */
  List<String> writeDelta(
      Path staging,
      Map<String, PageRecord> changed,
      Map<SkillId, SkillRecord> skills,
      Map<Integer, TriggerFacts> facts)
      throws IOException {
    return writeDelta(staging, changed, skills, facts, triggerPages());
  }

  /**
   * As above, the trigger index split again into {@code triggerCount} pages: the count recorded
   * when it moves, the pages past it (their records and facts) emptied, each none from now.
   */
  List<String> writeDelta(
      Path staging,
      Map<String, PageRecord> changed,
      Map<SkillId, SkillRecord> skills,
      Map<Integer, TriggerFacts> facts,
      int triggerCount)
      throws IOException {
    return writeDelta(staging, changed, skills, facts, triggerCount, Optional.empty());
  }

  /**
   * A skill added or removed, for {@link #writeDelta}: its id, whether added, and the site's totals
   * after it.
   */
  record Membership(SkillId id, boolean added, Totals totals) {}

  /**
   * As above, and a skill added or removed ({@code member}): its record (given in {@code skills}
   * when added) emptied when removed, the {@link Edits} and the totals written.
   */
  List<String> writeDelta(
      Path staging,
      Map<String, PageRecord> changed,
      Map<SkillId, SkillRecord> skills,
      Map<Integer, TriggerFacts> facts,
      int triggerCount,
      Optional<Membership> member)
      throws IOException {
    int was = triggerPages();
    Map<String, byte[]> records = new HashMap<>();
    List<String> keys = new ArrayList<>();
    if (delta.isPresent()) {
      for (String k : deltaKeys(delta.get())) {
        delta.get().get(k).ifPresent(b -> records.put(k, b));
      }
    }
    changed.forEach((path, r) -> records.put("p:" + path, encode(r)));
    skills.forEach((id, r) -> records.put("s:" + id.value(), encode(r)));
    if (member.isPresent()) {
      Membership m = member.get();
      if (!m.added()) {
        records.put("s:" + m.id().value(), new byte[0]);
      }
      records.put(EDITS, encode(edits().with(m.id().value(), m.added())));
      records.put(TOTALS, encode(m.totals()));
    }
    facts.forEach((n, f) -> records.put(TRIGGER_PAGE + n, encode(f)));
    if (triggerCount != was) {
      records.put(TRIGGER_PAGES, encode(triggerCount));
      for (int n = triggerCount + 1; n <= was; n++) {
        records.put(TRIGGER_PAGE + n, new byte[0]);
        records.put("p:" + Paging.path(SiteLayout.TRIGGERS, n), new byte[0]);
      }
    }
    records.remove(DELTA_KEYS);
    List<String> staged = new ArrayList<>();
    if (foldsInto(records)) {
      Map<String, byte[]> pageRecords = new HashMap<>();
      for (var it = records.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getKey().startsWith("s:")) {
          pageRecords.put(e.getKey(), e.getValue());
          it.remove();
        }
      }
      fold(staging.resolve(PAGES), pageRecords);
      staged.add(PAGES);
    }
    records.keySet().stream().sorted().forEach(keys::add);
    records.put(DELTA_KEYS, encode(keys));
    Path file = staging.resolve(DELTA);
    Files.createDirectories(file.getParent());
    RecordTable.write(file, records);
    staged.add(DELTA);
    staged.sort(null);
    return staged;
  }

  /**
   * Whether the page records of a delta of {@code records} are folded into the pages' table: when
   * their bytes pass 1/{@link #FOLD_DIVISOR} of the table's ({@code -Dskillsite.listFold=false}:
   * never; {@code always}: whenever a patch writes a delta, a test's aid). A delta is written whole
   * by every patch (each copies the records of the patches before it), which costs little while
   * patches change a few pages (at 99,666 skills, 3.7 MB after 56 patches of the 129 MB table); a
   * patch that makes every trigger index page again (its page count moved: each page's pager names
   * it) puts 19 MB into it there, for every later patch to copy until the next whole build. Folded,
   * such a patch writes the table once, and every later patch copies at most 1/{@value
   * #FOLD_DIVISOR} of it (4 MB there).
   */
  private boolean foldsInto(Map<String, byte[]> records) {
    String knob = System.getProperty("skillsite.listFold", "");
    if (knob.equals("false")) {
      return false;
    }
    long bytes = 0;
    for (var e : records.entrySet()) {
      bytes += e.getKey().startsWith("s:") ? 0 : e.getValue().length;
    }
    return knob.equals("always") || bytes > pagesBytes / FOLD_DIVISOR;
  }

  /** See {@link #foldsInto}. */
  static final int FOLD_DIVISOR = 32;

  /**
   * Writes to {@code file} the pages' table with {@code changed} in it (key → record; an empty
   * record is none: left out), its other records the table's, one record at a time.
   */
  private void fold(Path file, Map<String, byte[]> changed) throws IOException {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(pages.keys());
    keys.addAll(changed.keySet());
    keys.removeIf(k -> changed.containsKey(k) && changed.get(k).length == 0);
    RecordTable.write(
        file,
        keys,
        k ->
            changed.containsKey(k)
                ? changed.get(k).length
                : pages.length(k).orElseThrow(() -> new IllegalStateException("no record " + k)),
        k ->
            changed.containsKey(k)
                ? changed.get(k)
                : pages
                    .get(k)
                    .orElseThrow(() -> new IllegalStateException("a damaged record " + k)));
  }

  private static List<String> deltaKeys(RecordTable t) {
    return t.get(DELTA_KEYS).map(b -> List.of(decode(b, String[].class))).orElse(List.of());
  }

  /**
   * Whether this state and {@code other} hold the same record of the page at {@code path} (what a
   * patch must leave: the state a clean build of the same content writes, logically).
   */
  public boolean samePage(ListState other, String path) {
    Optional<PageRecord> a = page(path);
    return a.isPresent() && a.equals(other.page(path));
  }

  SiteView site() {
    return pages
        .get(SITE)
        .map(b -> decode(b, SiteView.class))
        .orElseThrow(() -> new IllegalStateException("list state without its site view"));
  }

  private static <T> T decode(byte[] bytes, Class<T> type) {
    return GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
  }

  private static byte[] encode(Object o) {
    return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    try {
      pages.close();
    } finally {
      try {
        skills.close();
      } finally {
        if (delta.isPresent()) {
          delta.get().close();
        }
      }
    }
  }

  /**
   * The digest of what a skill's triggers add to the lists: the trigger index's phrases and
   * keywords, the home page's count (which counts clauses too: a clause reworded in a description
   * edit changes no list).
   */
  static String triggers(Skill s) {
    JsonObject o = new JsonObject();
    o.add("phrases", GSON.toJsonTree(s.triggers().phrases()));
    o.add("keywords", GSON.toJsonTree(s.triggers().keywords()));
    o.addProperty("clauses", s.triggers().clauses().size());
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(md.digest(GSON.toJson(o).getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cards on a page's view, in order. */
  static List<SkillCard> cards(Object view) {
    if (view instanceof IndexPage p) {
      return p.skills();
    }
    if (view instanceof CollectionPage p) {
      return p.skills();
    }
    if (view instanceof SkillsPage p) {
      return p.groups().stream().flatMap(g -> g.entries().stream()).toList();
    }
    throw new IllegalArgumentException("not a list of cards: " + view);
  }

  /** The estimated bytes of a card on a page of {@code kind} ({@link Paging}). */
  static int weight(PageKind kind, SkillCard c) {
    return kind == PageKind.SKILLS ? ListPages.rowWeight(c) : ListPages.weight(c);
  }

  /** How the pages of a list of {@code kind} are split. */
  static Paging paging(PageKind kind) {
    return kind == PageKind.SKILLS ? ListPages.SKILL_ROW_PAGES : ListPages.CARD_PAGES;
  }

  /** Whether a card on a page of {@code kind} is a natural cut of its list ({@link Paging}). */
  static boolean cut(PageKind kind, SkillCard c) {
    return kind == PageKind.SKILLS ? ListPages.rowCut(c) : ListPages.cardCut(c);
  }

  /**
   * Collects the list pages a full build renders, in order, and writes the state ({@link #write})
   * once the site is made. Does nothing when the build has no cache.
   */
  static final class Recorder {
    private final boolean on;
    private final List<List<Rendered>> lists = new ArrayList<>();
    private final List<Rendered> triggerPages = new ArrayList<>();

    private record Rendered(PageKind kind, String path, PageView page, Object view) {}

    Recorder(boolean on) {
      this.on = on;
    }

    /** A page of a list: page 1 starts a list, the others follow their list's previous page. */
    void page(PageKind kind, String path, PageView page, Object view) {
      if (!on
          || (kind != PageKind.INDEX && kind != PageKind.COLLECTION && kind != PageKind.SKILLS)) {
        return;
      }
      if (page.pager().number() == 1 || lists.isEmpty()) {
        lists.add(new ArrayList<>());
      }
      lists.get(lists.size() - 1).add(new Rendered(kind, path, page, view));
    }

    /** A page of the trigger index, in order. */
    void triggerPage(String path, PageView page, TriggersPage view) {
      if (on) {
        triggerPages.add(new Rendered(PageKind.TRIGGERS, path, page, view));
      }
    }

    /** Writes the state into the site being made ({@code out}). */
    void write(OutputDir out, Catalog catalog, SiteInput input, SiteView site, DataParts json) {
      if (!on) {
        return;
      }
      Map<String, byte[]> pageRecords = new HashMap<>();
      pageRecords.put(SITE, encode(site));
      for (int i = 0; i < triggerPages.size(); i++) {
        Rendered r = triggerPages.get(i);
        pageRecords.put(
            "p:" + r.path(), encode(new PageRecord(r.kind().name(), r.page(), r.view(), -1)));
        pageRecords.put(
            TRIGGER_PAGE + (i + 1), encode(TriggerIndexPatch.facts((TriggersPage) r.view())));
      }
      pageRecords.put(TRIGGER_PAGES, encode(triggerPages.size()));
      Map<SkillId, List<String>> shown = new HashMap<>();
      for (List<Rendered> list : lists) {
        for (int i = 0; i < list.size(); i++) {
          Rendered r = list.get(i);
          int next = -1;
          if (i + 1 < list.size()) {
            List<SkillCard> following = cards(list.get(i + 1).view());
            next = following.isEmpty() ? -1 : weight(r.kind(), following.get(0));
          }
          pageRecords.put(
              "p:" + r.path(), encode(new PageRecord(r.kind().name(), r.page(), r.view(), next)));
          for (SkillCard c : cards(r.view())) {
            shown.computeIfAbsent(new SkillId(c.id()), k -> new ArrayList<>()).add(r.path());
          }
        }
      }
      List<Skill> skills = catalog.skills();
      Map<SkillId, Integer> byName = new HashMap<>();
      List<Skill> sorted =
          skills.stream()
              .sorted(Comparator.comparing(Skill::name).thenComparing(Skill::id))
              .toList();
      for (int i = 0; i < sorted.size(); i++) {
        byName.putIfAbsent(sorted.get(i).id(), i);
      }
      // whose pages show whose related card (SkillPages.related)
      Map<SkillId, List<String>> shownOn = new TreeMap<>(Comparator.comparing(SkillId::value));
      Map<SkillId, Skill> byId = new LinkedHashMap<>();
      skills.forEach(s -> byId.putIfAbsent(s.id(), s));
      for (Skill s : byId.values()) {
        for (RelatedSkill r : input.related(s.id())) {
          if (byId.containsKey(r.id()) && !r.id().equals(s.id())) {
            shownOn.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(s.id().value());
          }
        }
      }
      Map<String, byte[]> skillRecords = new HashMap<>();
      skillRecords.put(TOTALS, encode(new Totals(skills.size(), json, Totals.llmsParts(sorted))));
      for (int i = 0; i < skills.size(); i++) {
        Skill s = skills.get(i);
        skillRecords.putIfAbsent(
            "s:" + s.id().value(),
            encode(
                new SkillRecord(
                    s.name(),
                    s.collectionId(),
                    triggers(s),
                    shown.getOrDefault(s.id(), List.of()),
                    i,
                    byName.get(s.id()),
                    shownOn.getOrDefault(s.id(), List.of()),
                    List.copyOf(s.triggers().phrases()),
                    List.copyOf(s.triggers().keywords()),
                    s.triggers().clauses().size())));
      }
      table(out, PAGES, pageRecords);
      table(out, SKILLS, skillRecords);
    }

    private static void table(OutputDir out, String path, Map<String, byte[]> records) {
      try {
        Path tmp = Files.createTempFile("skillsite-list-state", ".tab");
        try {
          RecordTable.write(tmp, records);
          out.stream(path, os -> Files.copy(tmp, os));
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Cards of a page view with one replaced (same id), or the view itself when none is. */
  static Object replace(Object view, Map<String, SkillCard> cards) {
    java.util.function.UnaryOperator<SkillCard> swap = c -> cards.getOrDefault(c.id(), c);
    if (view instanceof IndexPage p) {
      return new IndexPage(
          p.collections(),
          p.skills().stream().map(swap).toList(),
          p.triggerCount(),
          p.graph(),
          p.total(),
          p.collectionCount(),
          p.allCollections());
    }
    if (view instanceof CollectionPage p) {
      return new CollectionPage(
          p.id(),
          p.name(),
          p.description(),
          p.category(),
          p.keywords(),
          p.homepage(),
          p.path(),
          p.skills().stream().map(swap).toList(),
          p.total());
    }
    if (view instanceof SkillsPage p) {
      return new SkillsPage(
          p.groups().stream()
              .map(
                  g ->
                      new LetterGroup<>(
                          g.letter(), g.anchor(), g.entries().stream().map(swap).toList()))
              .toList(),
          p.count(),
          p.letters());
    }
    throw new IllegalArgumentException("not a list of cards: " + view);
  }
}
