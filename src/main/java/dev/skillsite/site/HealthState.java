package dev.skillsite.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.reflect.TypeToken;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.HealthPage;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a patch needs to render the routing health report's pages again ({@code health/index.html},
 * {@code health/page_N.html}) and the health sections of skill pages, kept in the build cache by
 * every cached build ({@value #PAGES}, a {@link RecordTable}: opened, never read whole): each
 * health page as the templates got it (its {@link PageView} and {@link HealthPage}), the site's
 * {@link SiteView}, and where each entry is: a collision pair (by its two skills' hrefs) → its
 * page, an unreachable skill → its page. The paging facts (each entry's estimated bytes) are
 * computed from the recorded views of a page and its neighbours ({@link HealthPages#bytes}):
 * O(change).
 *
 * <p>What it patches ({@link #patch}): rows of existing collision pairs whose printed scores moved
 * (the same rival, the same kind: the pairs, their counts, the matrix and every other entry stay);
 * the pages holding them are rendered again when the page split provably stays; the two skills'
 * health sections get the same rows. A patch puts the pages and sections it changed in the delta
 * ({@link HealthDelta}: a segment a patch after the folded table, looked up first, newest first); a
 * full build writes no delta.
 */
public final class HealthState implements AutoCloseable {
  /** The state's table in a site. */
  public static final String PAGES = BuildCache.FOLDER + "/patch/health-pages.tab";

  private static final String SITE = "site";
  private static final String KEYS = "keys";

  /** Present when the state records the rivals of unreachable skills ({@code w:} keys). */
  private static final String RIVALS = "rivals";

  /**
   * Present when the state lists, for each rival an unreachable entry names, the entries that name
   * it ({@code wl:} keys: the rival's href → the unreachable skills' hrefs, one a line, sorted).
   */
  private static final String RIVAL_LISTS = "rival-lists";

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /**
   * A health page as the last build (or patch) rendered it. The listing's cut names (a registry's
   * whole collection but its first few dozen, on every page) are kept as the first and their count
   * ({@code cut}): the template shows only those two.
   */
  record PageRecord(PageView page, JsonElement view, int cut) {
    static PageRecord of(PageView page, HealthPage view) {
      RoutingHealthView.Listing l = view.listing();
      List<String> first = l.cut().isEmpty() ? List.of() : List.of(l.cut().get(0));
      HealthPage kept =
          withListing(view, new RoutingHealthView.Listing(l.size(), l.budget(), first));
      return new PageRecord(page, GSON.toJsonTree(kept), l.cut().size());
    }

    HealthPage typed() {
      HealthPage v = GSON.fromJson(view, HealthPage.class);
      RoutingHealthView.Listing l = v.listing();
      return cut <= 1
          ? v
          : withListing(
              v,
              new RoutingHealthView.Listing(
                  l.size(), l.budget(), java.util.Collections.nCopies(cut, l.cut().get(0))));
    }
  }

  /**
   * One row of a collision pair whose printed scores moved: {@code owner}'s listed trigger still
   * goes to (or is shared with) {@code rival} with the same kind, now with these scores.
   */
  public record Row(
      SkillId owner, SkillId rival, String trigger, String ownerScore, String rivalScore) {}

  /**
   * A collision row that comes ({@code added}) or goes: {@code owner}'s listed trigger now routes
   * to (or is shared with, {@code kind} "ambiguous") {@code rival} with these printed scores, or no
   * longer does (the scores and kind as it was printed). Unfiltered: a row whose trigger names the
   * rival is left out by the report, and so here.
   */
  public record PairEdit(
      SkillId owner,
      SkillId rival,
      String trigger,
      boolean added,
      String ownerScore,
      String rivalScore,
      String kind) {}

  /**
   * A listed-unreachable skill whose triggers changed: its entry as the report shows it now (empty:
   * a trigger reaches it, the entry goes) and its {@code unreachable-skill} finding's message
   * (empty with the entry).
   */
  public record Reach(
      SkillId id, Optional<RoutingHealthView.Lost> entry, Optional<String> finding, String where) {
    public Reach(SkillId id, Optional<RoutingHealthView.Lost> entry, Optional<String> finding) {
      this(id, entry, finding, "");
    }

    /**
     * A reachable skill that is unreachable now: its entry inserted in id order, its finding placed
     * at {@code where} (its description key, {@code path:line:col}).
     */
    public static Reach lost(
        SkillId id, RoutingHealthView.Lost entry, String finding, String where) {
      return new Reach(id, Optional.of(entry), Optional.of(finding), where);
    }
  }

  /**
   * A patch's answer: the site files to publish (pages, the delta table) and the skills whose
   * health section is another one now (skill → its sections, hrefs relative to its page).
   */
  public record Patched(
      Map<String, byte[]> files,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> sections,
      List<String> added,
      List<String> deleted) {
    public static final Patched NOTHING = new Patched(Map.of(), Map.of());

    public Patched {
      files = Map.copyOf(files);
      sections = Map.copyOf(sections);
      added = List.copyOf(added);
      deleted = List.copyOf(deleted);
    }

    /** Pages and records changed, no page added or deleted. */
    public Patched(
        Map<String, byte[]> files, Map<SkillId, List<RoutingHealthView.SkillHealth>> sections) {
      this(files, sections, List.of(), List.of());
    }

    /** {@code files} and {@code sections} instead, the same pages added and deleted. */
    public Patched with(
        Map<String, byte[]> files, Map<SkillId, List<RoutingHealthView.SkillHealth>> sections) {
      return new Patched(files, sections, added, deleted);
    }
  }

  /** A patch's answer, or why it cannot patch. */
  public record Result(Optional<Patched> patched, String cannot) {
    static Result no(String why) {
      return new Result(Optional.empty(), why);
    }
  }

  private final RecordTable table;
  private final HealthDelta delta;

  private HealthState(RecordTable table, HealthDelta delta) {
    this.table = table;
    this.delta = delta;
  }

  /**
   * The state of the published site {@code site}; empty when it has none, or its delta is damaged
   * (a patch is refused first: {@link #damaged}).
   */
  public static Optional<HealthState> open(Path site) {
    Optional<RecordTable> t = RecordTable.open(site.resolve(PAGES));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    HealthDelta.Opened d = HealthDelta.open(site);
    if (d.delta().isEmpty()) {
      try {
        t.get().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Optional.empty();
    }
    return Optional.of(new HealthState(t.get(), d.delta().get()));
  }

  /**
   * Why the health delta of {@code site} cannot be trusted (a segment of its chain missing, torn or
   * damaged), if it cannot: the patch is refused and the site built whole.
   */
  public static Optional<String> damaged(Path site) {
    return HealthDelta.damaged(site);
  }

  private Optional<byte[]> get(String key) {
    Optional<byte[]> patched = delta.get(key);
    return patched.isPresent() ? patched : table.get(key);
  }

  /** A skill's href from any health page. */
  public static String healthHref(SkillId id) {
    return Urls.relative(SiteLayout.HEALTH, SiteLayout.skill(id));
  }

  private static String pairKey(SkillId a, SkillId b) {
    return "pair:" + healthHref(a) + "\n" + healthHref(b);
  }

  /** The page holding the pair (a, b), a sorting before b; empty when the report has none. */
  private Optional<String> pairPage(SkillId a, SkillId b) {
    return get(pairKey(a, b))
        .filter(x -> x.length > 0) // a pair a patch deleted
        .map(x -> new String(x, StandardCharsets.UTF_8));
  }

  /** The order of pairs in the report ({@code RoutingAnalyzer}: by the two ids). */
  private static String order(SkillId a, SkillId b) {
    return a.value() + "\u0000" + b.value();
  }

  /** The id of a skill page's href relative to {@code from} ({@code ../ID/index.html}). */
  private static Optional<SkillId> idOf(String from, String href) {
    String[] parts = href.split("/");
    if (parts.length < 2 || !parts[parts.length - 1].equals("index.html")) {
      return Optional.empty();
    }
    try {
      SkillId id = new SkillId(parts[parts.length - 2]);
      return Urls.relative(from, SiteLayout.skill(id)).equals(href)
          ? Optional.of(id)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A pair's place in the report's order, from its hrefs (relative to {@code from}). */
  private static Optional<String> order(String from, RoutingHealthView.Pair p) {
    Optional<SkillId> a = idOf(from, p.firstHref());
    Optional<SkillId> b = idOf(from, p.secondHref());
    return a.isPresent() && b.isPresent() ? Optional.of(order(a.get(), b.get())) : Optional.empty();
  }

  /** Whether the report lists {@code id} as unreachable. */
  public boolean unreachable(SkillId id) {
    return get("u:" + healthHref(id)).filter(b -> b.length > 0).isPresent();
  }

  /**
   * Whether an unreachable skill's entry may show words of {@code id}'s description (it is the
   * rival that wins most often: its shared words); true when the state does not record rivals.
   */
  public boolean rivalOfUnreachable(SkillId id) {
    return table.get(RIVALS).isEmpty() || get("w:" + healthHref(id)).isPresent();
  }

  /**
   * The skills whose unreachable entry names {@code rival} (its shared words are of its
   * description: they read otherwise when its description changes), in id order; empty when the
   * state does not list them (a build before the lists).
   */
  public Optional<List<SkillId>> unreachableOf(SkillId rival) {
    if (get(RIVAL_LISTS).isEmpty()) {
      return Optional.empty();
    }
    List<SkillId> out = new ArrayList<>();
    for (String href : rivalList(get("wl:" + healthHref(rival)))) {
      Optional<SkillId> id = idOf(SiteLayout.HEALTH, href);
      if (id.isEmpty()) {
        return Optional.empty();
      }
      out.add(id.get());
    }
    return Optional.of(out);
  }

  private static java.util.TreeSet<String> rivalList(Optional<byte[]> record) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    record.ifPresent(
        b -> {
          for (String h : new String(b, StandardCharsets.UTF_8).split("\n")) {
            if (!h.isEmpty()) {
              out.add(h);
            }
          }
        });
    return out;
  }

  private static byte[] rivalList(java.util.Set<String> hrefs) {
    return String.join("\n", hrefs).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A changed listing entry: the skill's name and how many characters its entry grew ({@code
   * ListingBudget}: name, description and when_to_use, cut at the listing limit).
   */
  public record ListingEdit(String name, int delta) {}

  /** The health section of {@code id}'s page as a patch since the last full build made it. */
  public Optional<List<RoutingHealthView.SkillHealth>> patchedSection(SkillId id) {
    return delta
        .get("h:" + id.value())
        .map(
            b ->
                GSON.fromJson(
                    new String(b, StandardCharsets.UTF_8),
                    new TypeToken<List<RoutingHealthView.SkillHealth>>() {}.getType()));
  }

  private Optional<Loaded> page(String path) {
    if (!memo()) {
      Optional<byte[]> b = get("p:" + path).filter(x -> x.length > 0); // empty: a page deleted
      b.ifPresent(x -> counts.decoded(x.length));
      return b.map(HealthState::decodePage);
    }
    Optional<Loaded> known = read.get(path);
    if (known != null) {
      return known;
    }
    Optional<Loaded> r = get("p:" + path).filter(b -> b.length > 0).map(b -> resident(path, b));
    read.put(path, r);
    return r;
  }

  /**
   * A page record as a patch holds it: its page, its view as {@link PageRecord#typed} makes it (the
   * cut names expanded) and the cut's count; {@code tree} the JSON tree it was decoded through
   * (null when {@link #lean}).
   */
  record Loaded(PageView page, HealthPage view, int cut, JsonElement tree) {
    /** The record a patch writes of {@code page} showing {@code view}, as it decodes again. */
    static Loaded of(PageView page, HealthPage view) {
      if (!lean()) {
        PageRecord r = PageRecord.of(page, view);
        return new Loaded(page, r.typed(), r.cut(), r.view());
      }
      RoutingHealthView.Listing l = view.listing();
      int cut = l.cut().size();
      List<String> names =
          cut == 0 ? List.of() : cut == 1 ? List.of(l.cut().get(0)) : cutNames(l.cut().get(0), cut);
      return new Loaded(
          page,
          withListing(view, new RoutingHealthView.Listing(l.size(), l.budget(), names)),
          cut,
          null);
    }
  }

  /**
   * Whether a patch decodes a page record straight into its typed view, and encodes the records it
   * writes from their views, without a JSON tree between ({@code -Dskillsite.healthLean=false}:
   * through the tree, kept with the record as before). The bytes are the same either way ({@code
   * HealthResplitTest}); the tree is several times the record's bytes, live for the whole patch.
   */
  static boolean lean() {
    return !"false".equals(System.getProperty("skillsite.healthLean"));
  }

  static Loaded decodePage(byte[] b) {
    if (!lean()) {
      PageRecord r = GSON.fromJson(new String(b, StandardCharsets.UTF_8), PageRecord.class);
      return new Loaded(r.page(), r.typed(), r.cut(), r.view());
    }
    try (com.google.gson.stream.JsonReader in =
        GSON.newJsonReader(
            new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(b), StandardCharsets.UTF_8))) {
      PageView page = null;
      HealthPage view = null;
      int cut = 0;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "page" -> page = GSON.fromJson(in, PageView.class);
          case "view" -> view = GSON.fromJson(in, HealthPage.class);
          case "cut" -> cut = in.nextInt();
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (view == null) {
        throw new com.google.gson.JsonParseException("a health page record without its view");
      }
      RoutingHealthView.Listing l = view.listing();
      return new Loaded(
          page,
          cut <= 1
              ? view
              : withListing(
                  view,
                  new RoutingHealthView.Listing(
                      l.size(), l.budget(), cutNames(l.cut().get(0), cut))),
          cut,
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last list {@link #cutNames} made. */
  private static volatile CutNames lastCut;

  private record CutNames(String first, List<String> names) {}

  /**
   * A record's cut names as its typed view holds them: {@code first}, {@code count} times (the
   * template shows only the first and the count). An immutable list, the same one for every page of
   * the report (the listing is the whole report's: every page has it), which {@link
   * RoutingHealthView.Listing}'s copy keeps as it is: one array of the registry's size a patch, not
   * one a page decoded ({@code -Dskillsite.healthLean=false}: one a page).
   */
  private static List<String> cutNames(String first, int count) {
    CutNames c = lastCut;
    if (c == null || c.names().size() != count || !c.first().equals(first)) {
      c = new CutNames(first, List.copyOf(java.util.Collections.nCopies(count, first)));
      lastCut = c;
    }
    return c.names();
  }

  /**
   * The bytes of the record of {@code page} showing {@code view} ({@link PageRecord#of}, encoded):
   * when {@link #lean}, written from the view without the tree (the same bytes).
   */
  static byte[] encodePage(PageView page, HealthPage view) {
    if (!lean()) {
      return encode(PageRecord.of(page, view));
    }
    RoutingHealthView.Listing l = view.listing();
    List<String> first = l.cut().isEmpty() ? List.of() : List.of(l.cut().get(0));
    HealthPage kept = withListing(view, new RoutingHealthView.Listing(l.size(), l.budget(), first));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 14);
    try (com.google.gson.stream.JsonWriter out =
        GSON.newJsonWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
      out.beginObject();
      out.name("page");
      GSON.toJson(page, PageView.class, out);
      out.name("view");
      GSON.toJson(kept, HealthPage.class, out);
      out.name("cut");
      out.value(l.cut().size());
      out.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Whether a page record is decoded once per patch ({@link #read}) and kept between patches of one
   * process by its bytes ({@link #RESIDENT}: a resident builder's next patch decodes only the
   * records that changed); {@code -Dskillsite.healthMemo=false} decodes every read again.
   */
  static boolean memo() {
    return !"false".equals(System.getProperty("skillsite.healthMemo"));
  }

  /** The page records this patch decoded (path → record; empty: none), as the state had them. */
  private final Map<String, Optional<Loaded>> read = new HashMap<>();

  /**
   * A page record decoded with the bytes it came from, and its typed view once asked (neither is
   * mutated once made: a patch makes new views with {@code with…}, never changes a list in place).
   */
  private record Decoded(byte[] bytes, Loaded record) {}

  /** {@code r}'s typed view ({@link PageRecord#typed}), made when it was decoded. */
  private static HealthPage typed(String path, Loaded r) {
    return r.view();
  }

  /**
   * Whether a patch outside a resident builder ({@link HealthDelta#resident}: {@code build
   * --changed} in its own process) keeps no page record for a next patch, and drops each page it
   * renders as soon as its bytes and record are made ({@code -Dskillsite.coldDrop=false}: kept, as
   * a resident keeps them; every page held to the end).
   */
  static boolean coldDrop() {
    return !"false".equals(System.getProperty("skillsite.coldDrop"));
  }

  /** At most this many record bytes are kept decoded between patches. */
  private static final long RESIDENT_BYTES = 24L << 20;

  /**
   * Page records decoded by earlier patches of this process, by page path, least recently used
   * first. A hit serves only a record whose bytes equal the ones it was decoded from: the same
   * bytes decode to the same record, whatever site or patch they came from, so a record a patch
   * rewrote (or another site's) is decoded again, never served stale.
   */
  private static final LinkedHashMap<String, Decoded> RESIDENT =
      new LinkedHashMap<>(64, 0.75f, true);

  private static long residentBytes;

  /**
   * Keeps {@code record}, whose encoding is {@code bytes}, for the next patch of this process (a
   * record's encoding decodes to an equal record: {@code PageRecordTest}).
   */
  private static void keep(String path, byte[] bytes, Loaded record) {
    if (!HealthDelta.resident() && coldDrop()) {
      return; // no next patch in this process
    }
    synchronized (RESIDENT) {
      Decoded was = RESIDENT.put(path, new Decoded(bytes, record));
      residentBytes += bytes.length - (was == null ? 0 : was.bytes.length);
      var it = RESIDENT.entrySet().iterator();
      while (residentBytes > RESIDENT_BYTES && it.hasNext()) {
        residentBytes -= it.next().getValue().bytes.length;
        it.remove();
      }
    }
  }

  private Loaded resident(String path, byte[] bytes) {
    if (!HealthDelta.resident() && coldDrop()) { // nothing kept to find: decoded, not kept
      counts.decoded(bytes.length);
      return decodePage(bytes);
    }
    synchronized (RESIDENT) {
      Decoded d = RESIDENT.get(path);
      if (d != null && java.util.Arrays.equals(d.bytes, bytes)) {
        counts.kept(bytes.length);
        return d.record;
      }
    }
    counts.decoded(bytes.length);
    Loaded r = decodePage(bytes);
    keep(path, bytes, r);
    return r;
  }

  /** What the last patch of this state read and wrote (for benchmarks: {@code --timings}). */
  public String counts() {
    return counts.toString();
  }

  /** Counts of one patch's page records and files: load-free evidence of what it costs. */
  static final class Counts {
    int decoded;
    long decodedBytes;
    int kept;
    long keptBytes;
    int rendered;
    int alike;
    long deltaBytes;
    String delta = "";
    String repaged = "";

    void decoded(int bytes) {
      decoded++;
      decodedBytes += bytes;
    }

    void kept(int bytes) {
      kept++;
      keptBytes += bytes;
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "page records decoded %d (%d KB), kept %d (%d KB), pages rendered %d, alike as shown"
              + " %d, delta %d KB%s%s",
          decoded,
          decodedBytes >> 10,
          kept,
          keptBytes >> 10,
          rendered,
          alike,
          deltaBytes >> 10,
          delta.isEmpty() ? "" : " [" + delta + "]",
          repaged.isEmpty() ? "" : ", " + repaged);
    }
  }

  final Counts counts = new Counts();

  /**
   * Patches the rows: the health pages holding their pairs rendered again, the two skills' health
   * sections ({@code sections}: the section a skill's page shows now, from the pages record) with
   * the rows replaced.
   *
   * @param userTemplates the user's templates folder (the state's key includes their digest)
   */
  public Result patch(
      List<Row> rows,
      Optional<Path> userTemplates,
      Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections)
      throws IOException {
    return patch(rows, List.of(), Map.of(), userTemplates, sections);
  }

  /**
   * As {@link #patch(List, Optional, Function)}, and the listing budget's total moved by {@code
   * listing}'s edits: page 1 (the only page showing it) rendered again with the new total when the
   * cut provably stays — no skill was cut and the total stays within the budget, or each edited
   * skill comes after the first cut name (nothing before the cut moves: the first skill that did
   * not fit still does not) — and the sections {@code replaced} (skill → its section now, rows
   * applied on top) written to the delta.
   */
  public Result patch(
      List<Row> rows,
      List<ListingEdit> listing,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> replaced,
      Optional<Path> userTemplates,
      Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections)
      throws IOException {
    return patch(rows, listing, replaced, 0, userTemplates, sections);
  }

  /**
   * As {@link #patch(List, List, Map, Optional, Function)}, and the count of triggers routed (every
   * skill's triggers, the report's lead) moved by {@code probes}: page 1, the only page that shows
   * it, rendered again with the new count.
   */
  public Result patch(
      List<Row> rows,
      List<ListingEdit> listing,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> replaced,
      int probes,
      Optional<Path> userTemplates,
      Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections)
      throws IOException {
    return patch(
        rows,
        listing,
        replaced,
        probes,
        List.of(),
        List.of(),
        id -> Optional.empty(),
        Map.of(),
        userTemplates,
        sections);
  }

  /**
   * As {@link #patch(List, List, Map, int, Optional, Function)}, and collision rows that come or go
   * ({@code edits}): each pair's rows inserted (in the report's order: the first skill's rows, then
   * the second's, each in its triggers' order) or deleted, a pair new to the report inserted in id
   * order on its page (found by the pages' recorded first and last pairs: O(log pages) records), a
   * pair left without rows deleted; its suggestion made again; the pair count and the collision
   * matrix (page 1: every pair's row count is recorded) and the sections summary; both skills'
   * sections (rivals nearest first) and the owner's collision finding, placed at {@code places}
   * (owner → trigger → where its SKILL.md lists it) in position order. {@code skills} gives a skill
   * as the report reads it now (names, descriptions, triggers). Refused when the split of the
   * report would move, a pair section would open or close a page, or a finding's place is unknown.
   */
  public Result patch(
      List<Row> rows,
      List<ListingEdit> listing,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> replaced,
      int probes,
      List<PairEdit> edits,
      List<Reach> reach,
      Function<SkillId, Optional<dev.skillsite.model.Skill>> skills,
      Map<SkillId, Map<String, dev.skillsite.model.SourcePos>> places,
      Optional<Path> userTemplates,
      Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections)
      throws IOException {
    int delta = listing.stream().mapToInt(ListingEdit::delta).sum();
    if (rows.isEmpty()
        && delta == 0
        && probes == 0
        && replaced.isEmpty()
        && edits.isEmpty()
        && reach.isEmpty()) {
      return new Result(Optional.of(Patched.NOTHING), "");
    }
    Map<String, HealthPage> views = new TreeMap<>();
    Map<String, Loaded> records = new HashMap<>();
    Map<SkillId, List<RoutingHealthView.SkillHealth>> changedSections =
        new LinkedHashMap<>(replaced);
    if (probes != 0) {
      Optional<Loaded> first = page(SiteLayout.HEALTH);
      if (first.isEmpty()) {
        return Result.no("no health page record of " + SiteLayout.HEALTH);
      }
      records.put(SiteLayout.HEALTH, first.get());
      views.put(
          SiteLayout.HEALTH,
          withProbes(
              typed(SiteLayout.HEALTH, first.get()),
              typed(SiteLayout.HEALTH, first.get()).probes() + probes));
    }
    if (delta != 0) {
      Optional<Loaded> first = page(SiteLayout.HEALTH);
      if (first.isEmpty()) {
        return Result.no("no health page record of " + SiteLayout.HEALTH);
      }
      Loaded r = first.get();
      HealthPage was = views.getOrDefault(SiteLayout.HEALTH, typed(SiteLayout.HEALTH, r));
      RoutingHealthView.Listing l = was.listing();
      int size = l.size() + delta;
      if (r.cut() == 0 || l.cut().isEmpty()) {
        if (size > l.budget()) {
          return Result.no(
              "the skill listing would go over its budget (skills would be cut to their names)");
        }
      } else {
        String firstCut = l.cut().get(0);
        for (ListingEdit e : listing) {
          if (e.name().compareTo(firstCut) <= 0) {
            return Result.no(
                "the listing entry of "
                    + e.name()
                    + " is not past the cut (the skills cut to their names may change)");
          }
        }
      }
      records.put(SiteLayout.HEALTH, r);
      views.put(
          SiteLayout.HEALTH,
          withListing(was, new RoutingHealthView.Listing(size, l.budget(), l.cut())));
    }
    for (Row row : rows) {
      SkillId a = row.owner().compareTo(row.rival()) <= 0 ? row.owner() : row.rival();
      SkillId b = a.equals(row.owner()) ? row.rival() : row.owner();
      Optional<String> where = pairPage(a, b);
      if (where.isEmpty() && hidden(row, skills, Optional.empty())) {
        continue; // no pair shows it: every row of the pair names its rival
      }
      if (where.isEmpty()) {
        return Result.no(
            "no health pair of "
                + a.value()
                + " and "
                + b.value()
                + " (a collision the report hides or a new one)");
      }
      String path = where.get();
      if (!views.containsKey(path)) {
        Optional<Loaded> r = page(path);
        if (r.isEmpty()) {
          return Result.no("no health page record of " + path);
        }
        records.put(path, r.get());
        views.put(path, typed(path, r.get()));
      }
      HealthPage view = views.get(path);
      HealthPage old = view;
      String ha = healthHref(a);
      String hb = healthHref(b);
      if (hiddenOn(view, row, a, ha, hb, skills)) {
        continue;
      }
      List<RoutingHealthView.Pair> pairs = new ArrayList<>();
      int hit = 0;
      for (RoutingHealthView.Pair p : view.pairs()) {
        if (p.firstHref().equals(ha) && p.secondHref().equals(hb)) {
          Optional<RoutingHealthView.Pair> now = replace(p, row, a);
          if (now.isEmpty()) {
            return Result.no("the health pair of " + a.value() + " and " + b.value() + " differs");
          }
          pairs.add(now.get());
          hit++;
        } else {
          pairs.add(p);
        }
      }
      if (hit != 1) {
        return Result.no("the health page " + path + " does not hold the pair it should");
      }
      views.put(path, withPairs(view, pairs));
      for (SkillId id : List.of(a, b)) {
        Optional<List<RoutingHealthView.SkillHealth>> was =
            changedSections.containsKey(id)
                ? Optional.of(changedSections.get(id))
                : patchedSection(id).or(() -> sections.apply(id));
        if (was.isEmpty()) {
          return Result.no("no recorded health section of " + id.value());
        }
        String page = SiteLayout.skill(id);
        String sa = Urls.relative(page, SiteLayout.skill(a));
        String sb = Urls.relative(page, SiteLayout.skill(b));
        List<RoutingHealthView.SkillHealth> now = new ArrayList<>();
        int found = 0;
        for (RoutingHealthView.SkillHealth h : was.get()) {
          List<RoutingHealthView.Pair> rivals = new ArrayList<>();
          for (RoutingHealthView.Pair p : h.rivals()) {
            if (p.firstHref().equals(sa) && p.secondHref().equals(sb)) {
              Optional<RoutingHealthView.Pair> r = replace(p, row, a);
              if (r.isEmpty()) {
                return Result.no("the health section of " + id.value() + " differs");
              }
              rivals.add(r.get());
              found++;
            } else {
              rivals.add(p);
            }
          }
          List<RoutingHealthView.Finding> findings = h.findings();
          if (id.equals(row.owner())) {
            Optional<List<RoutingHealthView.Finding>> f =
                findings(findings, row, shared(old, a, b, row));
            if (f.isEmpty()) {
              return Result.no("the collision finding of " + id.value() + " is not the one shown");
            }
            findings = f.get();
          }
          now.add(new RoutingHealthView.SkillHealth(rivals, findings));
        }
        if (found != was.get().size()) {
          return Result.no("the health section of " + id.value() + " lacks its pair");
        }
        changedSections.put(id, now);
      }
    }
    Map<String, byte[]> extra = new HashMap<>();
    if (!edits.isEmpty() || !reach.isEmpty()) {
      Edits e = new Edits(views, records, changedSections, extra, skills, places, sections);
      Optional<String> no = edits.isEmpty() ? Optional.empty() : e.apply(edits);
      if (no.isEmpty()) {
        no = e.reach(reach);
      }
      if (no.isPresent()) {
        return Result.no(no.get());
      }
    }
    // the split must be a full build's: a changed page whose split moved is split again with the
    // pages after it until a page ends where one did (Resplit); then each changed page's bytes
    // within the budget, and each page closed where it is (its next page's first entry does not
    // fit), its previous page as well
    // (Resplit changes the maps as it goes: kept as they were, for the whole report's split)
    Map<String, HealthPage> viewsBefore = new TreeMap<>(views);
    Map<String, Loaded> recordsBefore = new HashMap<>(records);
    Map<String, byte[]> extraBefore = new HashMap<>(extra);
    Optional<String> resplit =
        repageAlways()
            ? Optional.of("-Dskillsite.healthRepage=always")
            : new Resplit(views, records, extra).run();
    for (var it = views.keySet().iterator(); resplit.isEmpty() && it.hasNext(); ) {
      resplit = split(it.next(), views);
    }
    Repaged repaged = Repaged.NONE;
    if (resplit.isPresent()) {
      // the page count moves, a section begins or ends on another page, or a page would end
      // where another did: the whole report split again as a whole build splits it, every page
      // whose bytes change rendered again (each pager shows the count), the pages gone deleted
      if (!repage() || resplit.get().startsWith("no health page record")) {
        return Result.no(resplit.get());
      }
      views.clear();
      views.putAll(viewsBefore);
      records.clear();
      records.putAll(recordsBefore);
      extra.clear();
      extra.putAll(extraBefore);
      Optional<Repaged> r = repage(views, records, extra);
      if (r.isEmpty()) {
        return Result.no(resplit.get() + " and " + repageWhy);
      }
      repaged = r.get();
    }
    PageRenderer renderer = new PageRenderer(userTemplates, java.util.EnumSet.of(PageKind.HEALTH));
    SiteView site =
        table
            .get(SITE)
            .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), SiteView.class))
            .orElseThrow(() -> new IOException("health state without its site view"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, byte[]> changed = new HashMap<>();
    histogram("before the pages are rendered");
    int rendered = views.size();
    int alike = 0;
    boolean drop = coldDrop() && !HealthDelta.resident();
    for (var it = views.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Loaded r = records.get(e.getKey());
      if (!repaged.pagers().contains(e.getKey())
          && alikeAsShown(renderer, typed(e.getKey(), r), e.getValue())) {
        alike++; // the published page shows it already: its record alone is new
      } else {
        files.put(
            e.getKey(),
            renderer
                .render(PageKind.HEALTH, site, r.page(), e.getValue())
                .getBytes(StandardCharsets.UTF_8));
      }
      byte[] bytes = encodePage(r.page(), e.getValue());
      changed.put("p:" + e.getKey(), bytes);
      if (memo()) {
        // the next patch reads these bytes, if this one lands
        keep(e.getKey(), bytes, Loaded.of(r.page(), e.getValue()));
      }
      // the first and last unreachable skill of each page written (a patch inserts by them)
      changed.put(
          "uk:" + e.getKey(),
          lostRange(e.getValue().unreachable()).map(HealthState::encode).orElse(new byte[0]));
      if (drop) { // rendered and recorded: its view and record go now, not at the patch's end
        it.remove();
        records.remove(e.getKey());
        read.remove(e.getKey());
      }
    }
    changedSections.forEach((id, s) -> changed.put("h:" + id.value(), encode(s)));
    changed.putAll(extra);
    Map<String, byte[]> deltaFiles = this.delta.write(changed);
    if (drop) {
      changed
          .clear(); // the delta's files hold them now: not this map too, for the rest of the patch
    }
    files.putAll(deltaFiles);
    counts.rendered = rendered - alike;
    counts.alike = alike;
    counts.repaged = repaged == Repaged.NONE ? "" : repaged.toString();
    counts.deltaBytes = deltaFiles.values().stream().mapToLong(b -> b.length).sum();
    counts.delta = this.delta.counts.toString();
    histogram("at the health side's end");
    return new Result(
        Optional.of(new Patched(files, changedSections, repaged.added(), repaged.deleted())), "");
  }

  /**
   * Whether a patch whose edits move the page count of the report (or a section's pages, or a
   * page's end onto another's) splits the whole report again and renders the pages that change
   * ({@code -Dskillsite.healthRepage=false}: refused, the site built whole, as before).
   */
  static boolean repage() {
    return !"false".equals(System.getProperty("skillsite.healthRepage"));
  }

  /**
   * A measurement aid ({@code -Dskillsite.healthRepage=always}): every patch of the report splits
   * it again whole and renders every page, as one whose page count moves does (the same pages as
   * without it; each rendered and recorded again).
   */
  static boolean repageAlways() {
    return "always".equals(System.getProperty("skillsite.healthRepage"));
  }

  /**
   * A report split again whole: the pages added (past the old count) and deleted (past the new
   * one), and the pages whose pager or title changed (rendered whatever their entries).
   */
  private record Repaged(
      int was, int now, List<String> added, List<String> deleted, Set<String> pagers) {
    static final Repaged NONE = new Repaged(0, 0, List.of(), List.of(), Set.of());

    @Override
    public String toString() {
      return "repaged " + was + " → " + now + " pages, " + pagers.size() + " pagers";
    }
  }

  private String repageWhy = "";

  /**
   * The report split again whole ({@link HealthPages#pages}, as a whole build splits it) from its
   * entries as this patch has them ({@code views} over the published records): each page whose
   * entries, summary or pager change put in {@code views} (its record in {@code records} with its
   * new page view: title, canonical URL, pager), the others left out; the moved entries' records
   * ({@code pair:}, {@code u:}) and each changed page's {@code pk:} in {@code extra}; a page past
   * the new count deleted ({@code p:}, {@code pk:}, {@code uk:} emptied). Empty, with {@link
   * #repageWhy}, when a page record is missing or the pages' titles are not as this build makes
   * them.
   */
  private Optional<Repaged> repage(
      Map<String, HealthPage> views, Map<String, Loaded> records, Map<String, byte[]> extra)
      throws IOException {
    Optional<Loaded> one =
        records.containsKey(SiteLayout.HEALTH)
            ? Optional.of(records.get(SiteLayout.HEALTH))
            : page(SiteLayout.HEALTH);
    if (one.isEmpty()) {
      repageWhy = "no health page record of " + SiteLayout.HEALTH;
      return Optional.empty();
    }
    int was = Math.max(1, one.get().page().pager().count());
    List<HealthPages.Entry> entries = new ArrayList<>();
    Map<String, String> at = new HashMap<>(); // a pair's or unreachable skill's published page
    List<Loaded> published = new ArrayList<>();
    for (int n = 1; n <= was; n++) {
      String path = Paging.path(SiteLayout.HEALTH, n);
      Optional<Loaded> r = records.containsKey(path) ? Optional.of(records.get(path)) : page(path);
      if (r.isEmpty()) {
        repageWhy = "no health page record of " + path;
        return Optional.empty();
      }
      published.add(r.get());
      HealthPage old = typed(path, r.get());
      entries.addAll(HealthPages.entries(views.containsKey(path) ? views.get(path) : old));
      old.pairs().forEach(p -> at.put("pair:" + p.firstHref() + "\n" + p.secondHref(), path));
      old.unreachable().forEach(u -> at.put("u:" + u.href(), path));
    }
    SiteView site =
        table
            .get(SITE)
            .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), SiteView.class))
            .orElseThrow(() -> new IOException("health state without its site view"));
    HealthPage first =
        views.containsKey(SiteLayout.HEALTH)
            ? views.get(SiteLayout.HEALTH)
            : typed(SiteLayout.HEALTH, one.get());
    List<ListPages.Paged<HealthPage>> pages =
        HealthPages.pages(entries, first.probes(), first.matrix(), first.listing());
    // page 1's view as published, made again: the title and canonical URL are this build's
    PageView p1 = one.get().page();
    String home = Urls.absolute("", SiteLayout.HEALTH).substring(1); // "health/"
    if (!p1.canonical().isEmpty() && !p1.canonical().endsWith(home)) {
      repageWhy = "the health report's canonical URL is not as this build makes it";
      return Optional.empty();
    }
    String base =
        p1.canonical().isEmpty()
            ? ""
            : p1.canonical().substring(0, p1.canonical().length() - home.length());
    java.util.function.BiFunction<ListPages.Paged<HealthPage>, String, PageView> pageView =
        (paged, suffix) -> {
          String title = HealthPages.TITLE + suffix;
          return new PageView(
              title.equals(site.title()) ? title : title + " · " + site.title(),
              p1.description(),
              p1.root(),
              base.isEmpty() ? "" : Urls.absolute(base, paged.path()),
              p1.kind(),
              p1.code(),
              paged.pager());
        };
    ListPages.Paged<HealthPage> wasFirst =
        new ListPages.Paged<>(SiteLayout.HEALTH, "", p1.pager(), first);
    if (!pageView.apply(wasFirst, was > 1 ? " (page 1 of " + was + ")" : "").equals(p1)) {
      repageWhy = "the health report's page titles are not as this build makes them";
      return Optional.empty();
    }
    List<String> added = new ArrayList<>();
    Set<String> pagers = new java.util.TreeSet<>();
    for (int n = 1; n <= pages.size(); n++) {
      ListPages.Paged<HealthPage> paged = pages.get(n - 1);
      String path = paged.path();
      PageView pv = pageView.apply(paged, paged.titleSuffix());
      HealthPage now = paged.view();
      Loaded pub = n <= was ? published.get(n - 1) : null;
      if (pub == null) {
        added.add(path);
      }
      HealthPage old = pub == null ? null : typed(path, pub);
      boolean pagerMoved = pub == null || !pub.page().equals(pv) || repageAlways();
      if (!pagerMoved
          && HealthPages.entries(old).equals(HealthPages.entries(now))
          && old.continued().equals(now.continued())
          && old.shown().equals(now.shown())) {
        views.remove(path); // as published: neither rendered nor recorded again
        records.remove(path);
        continue;
      }
      if (pagerMoved) {
        pagers.add(path);
      }
      views.put(path, now);
      records.put(
          path,
          pub == null ? Loaded.of(pv, now) : new Loaded(pv, pub.view(), pub.cut(), pub.tree()));
      byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
      for (RoutingHealthView.Pair p : now.pairs()) {
        String key = "pair:" + p.firstHref() + "\n" + p.secondHref();
        if (!path.equals(at.get(key)) || extra.containsKey(key)) {
          extra.put(key, bytes);
        }
      }
      for (RoutingHealthView.Lost u : now.unreachable()) {
        String key = "u:" + u.href();
        if (!path.equals(at.get(key)) || extra.containsKey(key)) {
          extra.put(key, bytes);
        }
      }
      extra.put(
          "pk:" + path,
          HealthState.range(now.pairs()).map(HealthState::encode).orElse(new byte[0]));
    }
    List<String> deleted = new ArrayList<>();
    for (int n = pages.size() + 1; n <= was; n++) {
      String path = Paging.path(SiteLayout.HEALTH, n);
      deleted.add(path);
      views.remove(path);
      records.remove(path);
      for (String key : List.of("p:", "pk:", "uk:")) {
        extra.put(key + path, new byte[0]);
      }
    }
    return Optional.of(new Repaged(was, pages.size(), added, deleted, pagers));
  }

  /**
   * Whether the health page {@code before} (as published) shows {@code after} alike: the site shows
   * who wins and a margin ({@link RoutingHealthView#SCORE_BUCKETS}), the templates are ours and the
   * two pages read the same as shown ({@link HealthPage#shown}). Such a page is not rendered again;
   * its record is the new one.
   */
  private static boolean alikeAsShown(PageRenderer renderer, HealthPage before, HealthPage after) {
    return RoutingHealthView.SCORE_BUCKETS
        && renderer.packaged()
        && before.shown().equals(after.shown());
  }

  /**
   * With {@code -Dskillsite.healthHisto=FILE}: the live objects by class (a full collection first)
   * appended to FILE {@code where} the health side's patch is (before its pages are rendered, at
   * its end): a measurement aid for what a patch keeps live; costs a full collection each.
   */
  private static void histogram(String where) {
    String file = System.getProperty("skillsite.healthHisto");
    if (file == null || file.isEmpty()) {
      return;
    }
    try {
      Object text =
          java.lang.management.ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      java.nio.file.Files.writeString(
          Path.of(file),
          "=== " + where + "\n" + text,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (Exception e) {
      System.err.println("skillsite.healthHisto: " + e);
    }
  }

  /**
   * The pages of the report split again from a changed page whose split moved (an entry grew,
   * shrank, came or went), as the full build's greedy split ({@link HealthPages#ends}) would: the
   * entries of that page and the pages after it (as this patch has them) filled page by page until
   * a page ends where the page of its number ended (every later page is then as it was). The
   * entries that move keep their records ({@code pair:}, {@code u:}, the pages' {@code pk:}).
   * Refused when the report would gain or lose a page, or a section would begin or end on another
   * page (every page's summary names them).
   */
  private final class Resplit {
    private final Map<String, HealthPage> views;
    private final Map<String, Loaded> records;
    private final Map<String, byte[]> extra;

    Resplit(Map<String, HealthPage> views, Map<String, Loaded> records, Map<String, byte[]> extra) {
      this.views = views;
      this.records = records;
      this.extra = extra;
    }

    Optional<String> run() throws IOException {
      int done = 0;
      List<Integer> changed = new ArrayList<>();
      for (String path : views.keySet()) {
        changed.add(number(path));
      }
      java.util.Collections.sort(changed);
      for (int n : changed) {
        if (n <= done) {
          continue;
        }
        Optional<String> moved = split(Paging.path(SiteLayout.HEALTH, n), views);
        if (moved.isEmpty()) {
          continue;
        }
        // the page before, if this patch did not change it, may take this page's first entry
        int from = n > 1 && !views.containsKey(Paging.path(SiteLayout.HEALTH, n - 1)) ? n - 1 : n;
        Optional<Integer> end = from(from, n);
        if (end.isEmpty()) {
          return Optional.of(moved.get() + " and " + why);
        }
        done = end.get();
      }
      return Optional.empty();
    }

    private String why = "";

    private Optional<Integer> no(String reason) {
      why = reason;
      return Optional.empty();
    }

    private Optional<Loaded> record(String path) {
      return records.containsKey(path) ? Optional.of(records.get(path)) : page(path);
    }

    /**
     * Splits the pages again from page {@code k} (its start is a full build's) at least through
     * page {@code changed}: the last page split again, or empty.
     */
    private Optional<Integer> from(int k, int changed) {
      Optional<Loaded> first = record(Paging.path(SiteLayout.HEALTH, k));
      if (first.isEmpty()) {
        return no("no health page record of " + Paging.path(SiteLayout.HEALTH, k));
      }
      int pages = Math.max(1, first.get().page().pager().count());
      List<HealthPages.Entry> pending = new ArrayList<>();
      int head = 0;
      int pulled = k - 1;
      Map<Integer, Integer> ends = new HashMap<>(); // old page → entries pulled through it
      int consumed = 0;
      for (int n = k; ; n++) {
        List<HealthPages.Entry> page = new ArrayList<>();
        long bytes = 0;
        long fill = 0;
        boolean cut = false;
        while (true) {
          if (head == pending.size()) {
            if (pulled == pages) {
              break;
            }
            pulled++;
            String path = Paging.path(SiteLayout.HEALTH, pulled);
            Optional<HealthPage> old =
                views.containsKey(path)
                    ? Optional.of(views.get(path))
                    : page(path).map(r -> typed(path, r));
            if (old.isEmpty()) {
              return no("no health page record of " + path);
            }
            pending.addAll(HealthPages.entries(old.get()));
            ends.put(pulled, pending.size());
            continue;
          }
          HealthPages.Entry e = pending.get(head);
          int w = HealthPages.weight(e);
          if (!page.isEmpty() && HealthPages.ends(page.size(), bytes, fill, cut, w)) {
            break;
          }
          page.add(e);
          head++;
          bytes += w;
          fill += HealthPages.fill(e);
          cut = HealthPages.cut(e);
          consumed++;
        }
        if (n > pages) {
          return no("the health report would have more pages");
        }
        if (page.isEmpty()) {
          return no("the health report would have fewer pages");
        }
        Optional<String> placed = place(n, page);
        if (placed.isPresent()) {
          return no(placed.get());
        }
        if (head == pending.size() && pulled == pages) {
          return n == pages ? Optional.of(n) : no("the health report would have fewer pages");
        }
        if (n < changed) {
          continue; // the page whose split moved is not split again yet
        }
        if (ends.containsKey(n) && ends.get(n) == consumed) {
          return Optional.of(n); // it ends where page n did: the pages after are as they were
        }
        for (var end : ends.entrySet()) {
          if (end.getValue() == consumed) {
            return no("page " + n + " would end where page " + end.getKey() + " did");
          }
        }
      }
    }

    /** Page {@code n} holding {@code entries} now, their records moved; why not, if not. */
    private Optional<String> place(int n, List<HealthPages.Entry> entries) {
      String path = Paging.path(SiteLayout.HEALTH, n);
      Optional<Loaded> r = record(path);
      if (r.isEmpty()) {
        return Optional.of("no health page record of " + path);
      }
      HealthPage old = views.containsKey(path) ? views.get(path) : typed(path, r.get());
      HealthPage now = HealthPages.withEntries(old, entries);
      if (!HealthPages.sectionsOn(old).equals(HealthPages.sectionsOn(now))) {
        return Optional.of(
            "a section of the report would begin or end on another page than " + path);
      }
      java.util.Set<String> here = new java.util.HashSet<>();
      old.pairs().forEach(p -> here.add("pair:" + p.firstHref() + "\n" + p.secondHref()));
      old.unreachable().forEach(u -> here.add("u:" + u.href()));
      byte[] at = path.getBytes(StandardCharsets.UTF_8);
      now.pairs().stream()
          .map(p -> "pair:" + p.firstHref() + "\n" + p.secondHref())
          .filter(key -> !here.contains(key))
          .forEach(key -> extra.put(key, at));
      now.unreachable().stream()
          .map(u -> "u:" + u.href())
          .filter(key -> !here.contains(key))
          .forEach(key -> extra.put(key, at));
      HealthState.range(now.pairs()).ifPresent(x -> extra.put("pk:" + path, encode(x)));
      records.put(path, r.get());
      views.put(path, now);
      return Optional.empty();
    }
  }

  /** The ids of the first and last unreachable skill on a page ({@code uk:} records). */
  private static Optional<String[]> lostRange(List<RoutingHealthView.Lost> lost) {
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    Optional<SkillId> first = idOf(SiteLayout.HEALTH, lost.get(0).href());
    Optional<SkillId> last = idOf(SiteLayout.HEALTH, lost.get(lost.size() - 1).href());
    return first.isPresent() && last.isPresent()
        ? Optional.of(new String[] {first.get().value(), last.get().value()})
        : Optional.empty();
  }

  /** A pair's row count as the collision matrix reads it (every pair's, {@code mx}). */
  record Counted(String first, String firstHref, String second, String secondHref, int n) {}

  private static final String MATRIX = "mx";

  /**
   * The collision matrix's fill ({@link dev.skillsite.check.CollisionMatrix.Fill}), kept instead of
   * {@link #MATRIX} when the matrix is full: with each colliding skill's total ({@code mt:<href>})
   * a pair edit moves the matrix in O(1) records, or refuses when the shown skills may move.
   */
  private static final String FILL = "mf";

  /** The pairs {@link dev.skillsite.check.CollisionMatrix#of} reads of each counted pair. */
  private static List<RoutingHealthView.Pair> matrixPairs(List<Counted> counted) {
    List<RoutingHealthView.Pair> out = new ArrayList<>();
    for (Counted c : counted) {
      out.add(
          new RoutingHealthView.Pair(
              c.first(),
              c.firstHref(),
              c.second(),
              c.secondHref(),
              java.util.Collections.nCopies(
                  c.n(), new RoutingHealthView.Shared("", "", "", "", "", "")),
              ""));
    }
    return out;
  }

  /** A pair's row count moved by a patch (0: no pair), hrefs as the health pages have them. */
  private record Move(String firstHref, String secondHref, int before, int after) {}

  /** The first and last pair (their order, {@link #order(SkillId, SkillId)}) on a page. */
  private static Optional<String[]> range(List<RoutingHealthView.Pair> pairs) {
    if (pairs.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> first = order(SiteLayout.HEALTH, pairs.get(0));
    Optional<String> last = order(SiteLayout.HEALTH, pairs.get(pairs.size() - 1));
    return first.isPresent() && last.isPresent()
        ? Optional.of(new String[] {first.get(), last.get()})
        : Optional.empty();
  }

  /**
   * Collision rows that come or go, applied to the pages and sections a patch is making ({@link
   * #patch(List, List, Map, int, List, Function, Map, Optional, Function)}).
   */
  private final class Edits {
    private final Map<String, HealthPage> views;
    private final Map<String, Loaded> records;
    private final Map<SkillId, List<RoutingHealthView.SkillHealth>> changedSections;
    private final Map<String, byte[]> extra;
    private final Function<SkillId, Optional<dev.skillsite.model.Skill>> skills;
    private final Map<SkillId, Map<String, dev.skillsite.model.SourcePos>> places;
    private final Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections;
    private final java.util.Set<String> paged = new java.util.TreeSet<>();

    Edits(
        Map<String, HealthPage> views,
        Map<String, Loaded> records,
        Map<SkillId, List<RoutingHealthView.SkillHealth>> changedSections,
        Map<String, byte[]> extra,
        Function<SkillId, Optional<dev.skillsite.model.Skill>> skills,
        Map<SkillId, Map<String, dev.skillsite.model.SourcePos>> places,
        Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections) {
      this.views = views;
      this.records = records;
      this.changedSections = changedSections;
      this.extra = extra;
      this.skills = skills;
      this.places = places;
      this.sections = sections;
    }

    private Optional<HealthPage> load(String path) {
      if (!views.containsKey(path)) {
        Optional<Loaded> r = page(path);
        if (r.isEmpty()) {
          return Optional.empty();
        }
        records.put(path, r.get());
        views.put(path, typed(path, r.get()));
      }
      return Optional.of(views.get(path));
    }

    /** The first and last pair of page {@code n}, as this patch has it so far. */
    private Optional<String[]> range(int n) {
      String path = Paging.path(SiteLayout.HEALTH, n);
      if (views.containsKey(path)) {
        return HealthState.range(views.get(path).pairs());
      }
      return get("pk:" + path)
          .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), String[].class));
    }

    Optional<String> apply(List<PairEdit> edits) throws IOException {
      Optional<HealthPage> first = load(SiteLayout.HEALTH);
      Optional<byte[]> mx = get(MATRIX);
      Optional<byte[]> fill = get(FILL);
      if (first.isEmpty() || (mx.isEmpty() && fill.isEmpty())) {
        return Optional.of("the health state records no pair ranges (a build before pair edits)");
      }
      // every pair's count (a report whose matrix is not full), else the matrix's fill (O(1))
      List<Counted> counted =
          mx.isEmpty()
              ? null
              : new ArrayList<>(
                  List.of(
                      GSON.fromJson(
                          new String(mx.get(), StandardCharsets.UTF_8), Counted[].class)));
      moves.clear();
      Map<String, List<PairEdit>> byPair = new TreeMap<>();
      for (PairEdit e : edits) {
        SkillId a = e.owner().compareTo(e.rival()) <= 0 ? e.owner() : e.rival();
        SkillId b = a.equals(e.owner()) ? e.rival() : e.owner();
        if (a.equals(b)) {
          return Optional.of("a collision of " + a.value() + " with itself");
        }
        byPair.computeIfAbsent(order(a, b), k -> new ArrayList<>()).add(e);
      }
      int pairs = 0;
      for (var entry : byPair.entrySet()) {
        String[] ids = entry.getKey().split("\u0000");
        SkillId a = new SkillId(ids[0]);
        SkillId b = new SkillId(ids[1]);
        Optional<Integer> moved = pair(a, b, entry.getValue(), counted);
        if (moved.isEmpty()) {
          return Optional.of(why);
        }
        pairs += moved.get();
      }
      // page 1: the pair count (and the sections summary), the matrix of every pair's count
      HealthPage one = views.get(SiteLayout.HEALTH);
      int count = one.pairCount() + pairs;
      if (pairs != 0 && (one.pairCount() == 0 || count == 0)) {
        return Optional.of("the report would gain or lose its only collision pairs");
      }
      dev.skillsite.check.CollisionMatrix matrix;
      if (counted != null) {
        matrix = dev.skillsite.check.CollisionMatrix.of(matrixPairs(counted));
      } else {
        Optional<dev.skillsite.check.CollisionMatrix> m = moved(one.matrix(), fill.get());
        if (m.isEmpty()) {
          return Optional.of(why);
        }
        matrix = m.get();
      }
      List<HealthPage.Section> summary = new ArrayList<>(one.sections());
      if (!summary.isEmpty()) {
        var s0 = summary.get(0);
        summary.set(
            0, new HealthPage.Section(s0.label(), s0.count() + pairs, s0.pages(), s0.href()));
      }
      for (String path : new ArrayList<>(views.keySet())) {
        HealthPage v = views.get(path);
        views.put(
            path,
            with(
                v,
                v.probes(),
                v.listing(),
                v.pairs(),
                path.equals(SiteLayout.HEALTH) ? matrix : v.matrix(),
                count,
                summary));
      }
      for (String path : paged) {
        Optional<String[]> r = HealthState.range(views.get(path).pairs());
        if (r.isEmpty()) {
          return Optional.of("health page " + path + " would hold no pair (the sections move)");
        }
        extra.put("pk:" + path, encode(r.get()));
      }
      if (counted != null) {
        extra.put(MATRIX, encode(counted));
      }
      return Optional.empty();
    }

    private final List<Move> moves = new ArrayList<>();

    /**
     * The matrix {@code was} (made with the fill recorded as {@code fill}) after this patch's pair
     * moves, one at a time ({@link dev.skillsite.check.CollisionMatrix#move}); the fill and the
     * moved skills' totals put into the delta. Empty with {@link #why} when the shown skills may
     * move.
     */
    private Optional<dev.skillsite.check.CollisionMatrix> moved(
        dev.skillsite.check.CollisionMatrix was, byte[] fill) {
      dev.skillsite.check.CollisionMatrix m = was;
      dev.skillsite.check.CollisionMatrix.Fill f =
          GSON.fromJson(
              new String(fill, StandardCharsets.UTF_8),
              dev.skillsite.check.CollisionMatrix.Fill.class);
      Map<String, Integer> totals = new HashMap<>();
      for (Move mv : moves) {
        if (mv.before() == mv.after()) {
          continue;
        }
        int[] t = new int[2];
        List<String> ends = List.of(mv.firstHref(), mv.secondHref());
        for (int i = 0; i < 2; i++) {
          String h = ends.get(i);
          Integer known = totals.get(h);
          if (known == null) {
            Optional<byte[]> r = get("mt:" + h);
            known =
                r.isEmpty()
                    ? 0
                    : GSON.fromJson(new String(r.get(), StandardCharsets.UTF_8), int.class);
          }
          t[i] = known;
        }
        Optional<dev.skillsite.check.CollisionMatrix.Moved> r =
            m.move(f, mv.firstHref(), mv.secondHref(), mv.before(), mv.after(), t[0], t[1]);
        if (r.isEmpty()) {
          why =
              "the collision matrix's skills may move (a pair of "
                  + mv.before()
                  + " → "
                  + mv.after()
                  + " rows orders before the pair that fills it)";
          return Optional.empty();
        }
        m = r.get().matrix();
        f = r.get().fill();
        int d = mv.after() - mv.before();
        totals.put(mv.firstHref(), t[0] + d);
        totals.put(mv.secondHref(), t[1] + d);
      }
      totals.forEach((h, t) -> extra.put("mt:" + h, encode(t)));
      extra.put(FILL, encode(f));
      return Optional.of(m);
    }

    /**
     * Each listed-unreachable skill's entry replaced or deleted, its finding with it, the count of
     * unreachable skills (page 1's summary; 0 on no page before or after) moved.
     */
    Optional<String> reach(List<Reach> reach) throws IOException {
      int gone = 0;
      for (Reach r : reach) {
        String href = healthHref(r.id());
        Optional<String> path =
            get("u:" + href)
                .filter(b -> b.length > 0)
                .map(b -> new String(b, StandardCharsets.UTF_8));
        if (path.isEmpty() && !r.where().isEmpty()) {
          Optional<String> no = lose(r);
          if (no.isPresent()) {
            return no;
          }
          gone--;
          continue;
        }
        if (path.isEmpty()) {
          return Optional.of(r.id().value() + " is not listed unreachable");
        }
        Optional<HealthPage> v = load(path.get());
        if (v.isEmpty()) {
          return Optional.of("no health page record of " + path.get());
        }
        List<RoutingHealthView.Lost> list = new ArrayList<>(v.get().unreachable());
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).href().equals(href)) {
            at = i;
          }
        }
        if (at < 0) {
          return Optional.of("the health page " + path.get() + " does not list " + r.id().value());
        }
        relist(list.get(at).rivalHref(), href, false);
        if (r.entry().isPresent()) {
          list.set(at, r.entry().get());
          if (!r.entry().get().rivalHref().isEmpty()) {
            extra.put("w:" + r.entry().get().rivalHref(), encode(true));
          }
          relist(r.entry().get().rivalHref(), href, true);
        } else {
          list.remove(at);
          if (list.isEmpty()) {
            return Optional.of(
                "health page "
                    + path.get()
                    + " would list no unreachable skill (the sections move)");
          }
          extra.put("u:" + href, new byte[0]);
          gone++;
        }
        HealthPage p = v.get();
        views.put(
            path.get(),
            with(
                p,
                p.probes(),
                p.listing(),
                p.pairs(),
                list,
                p.matrix(),
                p.pairCount(),
                p.unreachableCount(),
                p.sections()));
        // the skill's finding
        Optional<List<RoutingHealthView.SkillHealth>> was =
            changedSections.containsKey(r.id())
                ? Optional.of(changedSections.get(r.id()))
                : patchedSection(r.id()).or(() -> sections.apply(r.id()));
        if (was.isEmpty() || was.get().size() != 1) {
          return Optional.of("no recorded health section of " + r.id().value());
        }
        List<RoutingHealthView.Finding> findings = new ArrayList<>();
        int hit = 0;
        for (RoutingHealthView.Finding f : was.get().get(0).findings()) {
          if (f.code().equals("unreachable-skill")) {
            hit++;
            if (r.finding().isPresent()) {
              findings.add(
                  new RoutingHealthView.Finding(
                      f.skill(), f.href(), f.where(), f.severity(), f.code(), r.finding().get()));
            }
          } else {
            findings.add(f);
          }
        }
        if (hit != 1) {
          return Optional.of(r.id().value() + "'s unreachable finding is not the one shown");
        }
        if (r.finding().isPresent()) {
          // the order follows the message among findings of one place (Diagnostic.ORDER, which
          // the section's findings are sorted by): the rewritten finding is placed again
          RoutingHealthView.Finding f =
              findings.stream()
                  .filter(x -> x.code().equals("unreachable-skill"))
                  .findFirst()
                  .orElseThrow();
          findings.remove(f);
          int pos = 0;
          for (RoutingHealthView.Finding x : findings) {
            int c = compareFindings(x, f);
            if (c == 0) {
              return Optional.of(r.id().value() + "'s unreachable finding ties another");
            }
            if (c < 0) {
              pos++;
            }
          }
          findings.add(pos, f);
        }
        changedSections.put(
            r.id(),
            List.of(new RoutingHealthView.SkillHealth(was.get().get(0).rivals(), findings)));
      }
      if (gone != 0) {
        Optional<HealthPage> one = load(SiteLayout.HEALTH);
        if (one.isEmpty()) {
          return Optional.of("no health page record of " + SiteLayout.HEALTH);
        }
        int count = one.get().unreachableCount() - gone;
        if (count <= 0) {
          return Optional.of("the report would list no unreachable skill");
        }
        List<HealthPage.Section> summary = new ArrayList<>(one.get().sections());
        if (summary.size() > 1) {
          var s1 = summary.get(1);
          summary.set(
              1, new HealthPage.Section(s1.label(), s1.count() - gone, s1.pages(), s1.href()));
        }
        for (String path : new ArrayList<>(views.keySet())) {
          HealthPage p = views.get(path);
          views.put(
              path,
              with(
                  p,
                  p.probes(),
                  p.listing(),
                  p.pairs(),
                  p.unreachable(),
                  p.matrix(),
                  p.pairCount(),
                  count,
                  summary));
        }
      }
      return Optional.empty();
    }

    /** The first and last unreachable skill's id on page {@code n}, as this patch has it. */
    private Optional<String[]> lostRange(int n) {
      String path = Paging.path(SiteLayout.HEALTH, n);
      if (views.containsKey(path)) {
        return HealthState.lostRange(views.get(path).unreachable());
      }
      return get("uk:" + path)
          .filter(b -> b.length > 0)
          .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), String[].class));
    }

    /**
     * A skill that was reachable and is unreachable now ({@code r.entry()}): its entry inserted in
     * id order on the page of the unreachable section whose first skill is the last before it
     * (found by the pages' recorded first and last ids, {@code uk:}: O(log pages) records; the
     * split is made again after, {@link Resplit}), its finding put in its section at {@code
     * r.where()}. Why not, if not.
     */
    /**
     * The list of the entries naming {@code rival} ({@code wl:}) with {@code href} added or
     * removed, when the state keeps the lists (the patch's own records first).
     */
    private void relist(String rival, String href, boolean add) {
      if (rival.isEmpty() || get(RIVAL_LISTS).isEmpty()) {
        return;
      }
      String key = "wl:" + rival;
      java.util.TreeSet<String> hrefs =
          rivalList(extra.containsKey(key) ? Optional.of(extra.get(key)) : get(key));
      if (add) {
        hrefs.add(href);
      } else {
        hrefs.remove(href);
      }
      extra.put(key, rivalList(hrefs));
    }

    private Optional<String> lose(Reach r) throws IOException {
      if (r.entry().isEmpty() || r.finding().isEmpty()) {
        return Optional.of(r.id().value() + " is not listed unreachable");
      }
      Optional<HealthPage> one = load(SiteLayout.HEALTH);
      if (one.isEmpty()) {
        return Optional.of("no health page record of " + SiteLayout.HEALTH);
      }
      List<HealthPage.Section> summary = one.get().sections();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("pages? (\\d+)(?:–(\\d+))?")
              .matcher(summary.size() > 1 ? summary.get(1).pages() : "");
      boolean onePage = records.get(SiteLayout.HEALTH).page().pager().count() <= 1;
      if ((!onePage && !m.matches()) || one.get().unreachableCount() == 0) {
        return Optional.of(
            r.id().value() + " is unreachable now and the report lists none (the sections move)");
      }
      int from = onePage ? 1 : Integer.parseInt(m.group(1));
      int to = onePage || m.group(2) == null ? from : Integer.parseInt(m.group(2));
      String key = r.id().value();
      int n = from;
      int lo = from + 1;
      int hi = to;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        Optional<String[]> x = lostRange(mid);
        if (x.isEmpty()) {
          return Optional.of(
              "no order record of the unreachable skills of "
                  + Paging.path(SiteLayout.HEALTH, mid)
                  + " (a build before them)");
        }
        if (x.get()[0].compareTo(key) < 0) {
          n = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      String path = Paging.path(SiteLayout.HEALTH, n);
      Optional<HealthPage> v = load(path);
      if (v.isEmpty()) {
        return Optional.of("no health page record of " + path);
      }
      List<RoutingHealthView.Lost> list = new ArrayList<>(v.get().unreachable());
      int pos = 0;
      for (RoutingHealthView.Lost u : list) {
        Optional<SkillId> id = idOf(SiteLayout.HEALTH, u.href());
        if (id.isEmpty() || id.get().value().equals(key)) {
          return Optional.of("the health page " + path + " lists an entry it cannot order by");
        }
        if (id.get().value().compareTo(key) < 0) {
          pos++;
        }
      }
      list.add(pos, r.entry().get());
      HealthPage p = v.get();
      views.put(
          path,
          with(
              p,
              p.probes(),
              p.listing(),
              p.pairs(),
              list,
              p.matrix(),
              p.pairCount(),
              p.unreachableCount(),
              p.sections()));
      extra.put("u:" + healthHref(r.id()), path.getBytes(StandardCharsets.UTF_8));
      if (!r.entry().get().rivalHref().isEmpty()) {
        extra.put("w:" + r.entry().get().rivalHref(), encode(true));
      }
      relist(r.entry().get().rivalHref(), healthHref(r.id()), true);
      // its finding, placed among the section's in Diagnostic.ORDER
      Optional<List<RoutingHealthView.SkillHealth>> was =
          changedSections.containsKey(r.id())
              ? Optional.of(changedSections.get(r.id()))
              : patchedSection(r.id()).or(() -> sections.apply(r.id()));
      if (was.isEmpty() || was.get().size() != 1) {
        return Optional.of("no recorded health section of " + r.id().value());
      }
      String page = SiteLayout.skill(r.id());
      RoutingHealthView.Finding f =
          new RoutingHealthView.Finding(
              r.entry().get().name(),
              Urls.relative(page, page),
              r.where(),
              "warning",
              "unreachable-skill",
              r.finding().get());
      List<RoutingHealthView.Finding> findings = new ArrayList<>(was.get().get(0).findings());
      int at = 0;
      for (RoutingHealthView.Finding x : findings) {
        if (x.code().equals("unreachable-skill") || x.code().equals("no-triggers")) {
          return Optional.of(r.id().value() + "'s section shows it unreachable already");
        }
        int c = compareFindings(x, f);
        if (c == 0) {
          return Optional.of(r.id().value() + "'s unreachable finding ties another");
        }
        if (c < 0) {
          at++;
        }
      }
      findings.add(at, f);
      changedSections.put(
          r.id(), List.of(new RoutingHealthView.SkillHealth(was.get().get(0).rivals(), findings)));
      return Optional.empty();
    }

    private String why = "";

    private Optional<Integer> no(String reason) {
      why = reason;
      return Optional.empty();
    }

    /**
     * Applies the edits of the pair (a, b): the pair count's move (-1, 0, 1), or empty with {@link
     * #why}.
     */
    private Optional<Integer> pair(
        SkillId a, SkillId b, List<PairEdit> edits, List<Counted> counted) throws IOException {
      Optional<dev.skillsite.model.Skill> sa = skills.apply(a);
      Optional<dev.skillsite.model.Skill> sb = skills.apply(b);
      if (sa.isEmpty() || sb.isEmpty()) {
        return no("no record of " + a.value() + " or " + b.value() + " (a collision pair's names)");
      }
      String na = sa.get().name();
      String nb = sb.get().name();
      if (na.equals(nb)) {
        return no("two skills named " + na + " (the rows do not say whose)");
      }
      String ha = healthHref(a);
      String hb = healthHref(b);
      Optional<String> at = pairPage(a, b);
      List<RoutingHealthView.Shared> rows = new ArrayList<>();
      int index = -1;
      if (at.isPresent()) {
        Optional<HealthPage> v = load(at.get());
        if (v.isEmpty()) {
          return no("no health page record of " + at.get());
        }
        for (int i = 0; i < v.get().pairs().size(); i++) {
          RoutingHealthView.Pair p = v.get().pairs().get(i);
          if (p.firstHref().equals(ha) && p.secondHref().equals(hb)) {
            if (index >= 0 || !p.first().equals(na) || !p.second().equals(nb)) {
              return no("the health pair of " + a.value() + " and " + b.value() + " differs");
            }
            index = i;
            rows.addAll(p.triggers());
          }
        }
        if (index < 0) {
          return no("the health page " + at.get() + " does not hold the pair it should");
        }
      }
      List<PairEdit> findings = new ArrayList<>();
      for (PairEdit e : edits) {
        if (e.added()) {
          continue;
        }
        String owner = e.owner().equals(a) ? na : nb;
        String rival = e.owner().equals(a) ? nb : na;
        RoutingHealthView.Shared want =
            new RoutingHealthView.Shared(
                e.trigger(), owner, rival, e.ownerScore(), e.rivalScore(), e.kind());
        if (!rows.remove(want)
            && !dev.skillsite.check.ProbeOutcome.namesRival(e.trigger(), rival)) {
          return no("the row of \"" + e.trigger() + "\" is not the one the report shows");
        }
      }
      for (PairEdit e : edits) {
        if (!e.added()) {
          continue;
        }
        boolean ownerFirst = e.owner().equals(a);
        String owner = ownerFirst ? na : nb;
        String rival = ownerFirst ? nb : na;
        if (dev.skillsite.check.ProbeOutcome.namesRival(e.trigger(), rival)) {
          continue; // the report leaves it out
        }
        List<String> triggers = (ownerFirst ? sa : sb).get().triggers().all();
        int idx = triggers.indexOf(e.trigger());
        if (idx < 0 || triggers.lastIndexOf(e.trigger()) != idx) {
          return no(e.owner().value() + " lists \"" + e.trigger() + "\" other than once");
        }
        int pos = 0;
        for (int j = 0; j < rows.size(); j++) {
          RoutingHealthView.Shared x = rows.get(j);
          boolean xFirst = x.owner().equals(na);
          if (xFirst != ownerFirst) {
            if (xFirst) {
              pos = j + 1;
              continue;
            }
            break;
          }
          int xi = triggers.indexOf(x.trigger());
          if (xi < 0 || xi == idx || triggers.lastIndexOf(x.trigger()) != xi) {
            return no("the rows of " + e.owner().value() + " do not follow its triggers");
          }
          if (xi < idx) {
            pos = j + 1;
          } else {
            break;
          }
        }
        rows.add(
            pos,
            new RoutingHealthView.Shared(
                e.trigger(), owner, rival, e.ownerScore(), e.rivalScore(), e.kind()));
        findings.add(e);
      }
      RoutingHealthView.Pair now = null;
      if (!rows.isEmpty()) {
        List<dev.skillsite.check.Collision> cs = new ArrayList<>();
        for (RoutingHealthView.Shared x : rows) {
          boolean xFirst = x.owner().equals(na);
          cs.add(
              new dev.skillsite.check.Collision(
                  xFirst ? a : b,
                  xFirst ? b : a,
                  x.trigger(),
                  Optional.empty(),
                  0,
                  x.kind().equals("ambiguous")));
        }
        now =
            new RoutingHealthView.Pair(
                na,
                ha,
                nb,
                hb,
                rows,
                dev.skillsite.check.ProbeOutcome.suggestion(sa.get(), sb.get(), cs));
      }
      int moved = 0;
      RoutingHealthView.Pair old = null;
      if (at.isPresent()) {
        HealthPage v = views.get(at.get());
        old = v.pairs().get(index);
        List<RoutingHealthView.Pair> list = new ArrayList<>(v.pairs());
        if (now == null) {
          list.remove(index);
          extra.put(pairKey(a, b), new byte[0]);
          moved = -1;
        } else {
          list.set(index, now);
        }
        views.put(at.get(), withPairs(v, list));
        paged.add(at.get());
      } else if (now != null) {
        Optional<String> path = insert(order(a, b), now);
        if (path.isEmpty()) {
          return Optional.empty();
        }
        extra.put(pairKey(a, b), path.get().getBytes(StandardCharsets.UTF_8));
        paged.add(path.get());
        moved = 1;
      } else {
        return Optional.of(0); // rows the report leaves out
      }
      if (counted != null) {
        counted.removeIf(c -> c.firstHref().equals(ha) && c.secondHref().equals(hb));
        if (now != null) {
          counted.add(new Counted(na, ha, nb, hb, rows.size()));
        }
      }
      moves.add(
          new Move(ha, hb, old == null ? 0 : old.triggers().size(), now == null ? 0 : rows.size()));
      for (SkillId id : List.of(a, b)) {
        if (!section(id, a, b, old, now, findings)) {
          return Optional.empty();
        }
      }
      return Optional.of(moved);
    }

    /**
     * Places a pair new to the report on its page (the page whose recorded pairs enclose its order,
     * or the one it fits at the end of, as the split would): the page's path, or empty with {@link
     * #why}.
     */
    private Optional<String> insert(String key, RoutingHealthView.Pair pair) {
      int pages =
          views.get(SiteLayout.HEALTH) == null
              ? 0
              : records.get(SiteLayout.HEALTH).page().pager().count();
      int lo = 1;
      int hi = pages;
      int n = 0;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        Optional<String[]> r = range(mid);
        if (r.isPresent() && r.get()[0].compareTo(key) < 0) {
          n = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      String path;
      int pos;
      if (n == 0) {
        if (range(1).isEmpty()) {
          why = "the report has no collision pair to place a new one by";
          return Optional.empty();
        }
        path = SiteLayout.HEALTH;
        pos = 0;
      } else {
        path = Paging.path(SiteLayout.HEALTH, n);
        Optional<HealthPage> v = load(path);
        Optional<String[]> r = range(n);
        if (v.isEmpty() || r.isEmpty()) {
          why = "no health page record of " + path;
          return Optional.empty();
        }
        List<RoutingHealthView.Pair> list = v.get().pairs();
        if (key.compareTo(r.get()[1]) < 0
            || HealthPages.count(v.get()) > list.size()
            || !closed(v.get(), HealthPages.weight(pair))) {
          pos = 0;
          for (RoutingHealthView.Pair p : list) {
            Optional<String> o = order(SiteLayout.HEALTH, p);
            if (o.isEmpty()) {
              why = "a health pair's hrefs do not read as skill pages";
              return Optional.empty();
            }
            if (o.get().compareTo(key) < 0) {
              pos++;
            }
          }
        } else if (n < pages && range(n + 1).isPresent()) {
          path = Paging.path(SiteLayout.HEALTH, n + 1);
          pos = 0;
        } else {
          why = "a new pair after the last page of pairs (the sections would move)";
          return Optional.empty();
        }
      }
      Optional<HealthPage> v = load(path);
      if (v.isEmpty()) {
        why = "no health page record of " + path;
        return Optional.empty();
      }
      List<RoutingHealthView.Pair> list = new ArrayList<>(v.get().pairs());
      list.add(pos, pair);
      views.put(path, withPairs(v.get(), list));
      return Optional.of(path);
    }

    /**
     * The section of {@code id} with the pair (a, b) as {@code now} has it (null: gone; {@code old}
     * null: new), rivals nearest first, and the collision findings {@code added} of its own; false
     * with {@link #why} when it cannot.
     */
    private boolean section(
        SkillId id,
        SkillId a,
        SkillId b,
        RoutingHealthView.Pair old,
        RoutingHealthView.Pair now,
        List<PairEdit> added) {
      Optional<List<RoutingHealthView.SkillHealth>> was =
          changedSections.containsKey(id)
              ? Optional.of(changedSections.get(id))
              : patchedSection(id).or(() -> sections.apply(id));
      if (was.isEmpty() || was.get().size() != 1) {
        why = "no recorded health section of " + id.value();
        return false;
      }
      RoutingHealthView.SkillHealth h = was.get().get(0);
      String page = SiteLayout.skill(id);
      String self = Urls.relative(page, page);
      String sa = Urls.relative(page, SiteLayout.skill(a));
      String sb = Urls.relative(page, SiteLayout.skill(b));
      List<RoutingHealthView.Pair> rivals = new ArrayList<>();
      int found = 0;
      for (RoutingHealthView.Pair p : h.rivals()) {
        if (p.firstHref().equals(sa) && p.secondHref().equals(sb)) {
          found++;
        } else {
          rivals.add(p);
        }
      }
      if (found != (old == null ? 0 : 1)) {
        why = "the health section of " + id.value() + " does not show its pairs as the report";
        return false;
      }
      if (now != null) {
        rivals.add(
            new RoutingHealthView.Pair(
                now.first(), sa, now.second(), sb, now.triggers(), now.suggestion()));
      }
      Map<RoutingHealthView.Pair, String> others = new HashMap<>();
      for (RoutingHealthView.Pair p : rivals) {
        String href = p.firstHref().equals(self) ? p.secondHref() : p.firstHref();
        Optional<SkillId> other = idOf(page, href);
        if (other.isEmpty()) {
          why = "a rival's href in " + id.value() + "'s section does not read as a skill page";
          return false;
        }
        others.put(p, other.get().value());
      }
      rivals.sort(
          java.util.Comparator.comparingInt((RoutingHealthView.Pair p) -> -p.triggers().size())
              .thenComparing(others::get));
      List<RoutingHealthView.Finding> findings = new ArrayList<>(h.findings());
      for (PairEdit e : added) {
        if (!e.owner().equals(id)) {
          continue;
        }
        dev.skillsite.model.SourcePos where = places.getOrDefault(id, Map.of()).get(e.trigger());
        Optional<dev.skillsite.model.Skill> s = skills.apply(id);
        if (where == null || s.isEmpty()) {
          why = "the place of " + id.value() + "'s trigger \"" + e.trigger() + "\" is not known";
          return false;
        }
        RoutingHealthView.Finding f =
            new RoutingHealthView.Finding(
                s.get().name(),
                self,
                where.toString(),
                "warning",
                e.kind().equals("ambiguous") ? "trigger-ambiguous" : "trigger-collision",
                findingMessage(e.trigger(), e.rival(), e.rivalScore(), e.ownerScore(), e.kind()));
        int pos = 0;
        for (RoutingHealthView.Finding x : findings) {
          int c = compareFindings(x, f);
          if (c == 0) {
            why = id.value() + "'s new collision finding ties another";
            return false;
          }
          if (c < 0) {
            pos++;
          }
        }
        findings.add(pos, f);
      }
      changedSections.put(id, List.of(new RoutingHealthView.SkillHealth(rivals, findings)));
      return true;
    }
  }

  /** Two findings in {@code Diagnostic.ORDER}: path, line, column, severity, message. */
  private static int compareFindings(RoutingHealthView.Finding x, RoutingHealthView.Finding y) {
    java.util.regex.Pattern at = java.util.regex.Pattern.compile("^(.*):([0-9]+):([0-9]+)$");
    java.util.regex.Matcher mx = at.matcher(x.where());
    java.util.regex.Matcher my = at.matcher(y.where());
    if (!mx.matches() || !my.matches()) {
      return 0; // unknown: the caller refuses
    }
    int c = mx.group(1).compareTo(my.group(1));
    if (c == 0) {
      c = Integer.compare(Integer.parseInt(mx.group(2)), Integer.parseInt(my.group(2)));
    }
    if (c == 0) {
      c = Integer.compare(Integer.parseInt(mx.group(3)), Integer.parseInt(my.group(3)));
    }
    if (c == 0) {
      c = Integer.compare(severity(x.severity()), severity(y.severity()));
    }
    return c != 0 ? c : x.message().compareTo(y.message());
  }

  private static int severity(String label) {
    for (dev.skillsite.model.Severity s : dev.skillsite.model.Severity.values()) {
      if (s.label().equals(label)) {
        return s.ordinal();
      }
    }
    return -1;
  }

  /** A collision finding's whole message, as {@code check.RoutingRule} writes it. */
  public static String findingMessage(
      String trigger, SkillId rival, String rivalScore, String ownerScore, String kind) {
    String m = message(trigger, rival, rivalScore, ownerScore, kind);
    return kind.equals("ambiguous") ? m + "within 10%)" : m;
  }

  /**
   * Puts {@code sections} (skill → its health section now) into the health delta a patch is staging
   * in {@code staging} for {@code site} ({@link HealthDelta#stage}: into the segment or table the
   * routing side staged, else a new segment), returning the site paths staged. For the pages side
   * of a patch that changed a section the routing side did not make (a SKILL.md's warnings:
   * wt-extras).
   */
  public static List<String> stageSections(
      Path staging, Path site, Map<SkillId, List<RoutingHealthView.SkillHealth>> sections)
      throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    sections.forEach((id, x) -> records.put("h:" + id.value(), encode(x)));
    return HealthDelta.stage(staging, site, records);
  }

  /** A scope of {@link #foldingLater}. */
  public interface FoldLater extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Until the returned scope closes, this thread's patches fold the health delta's chain only past
   * a hard bound ({@link HealthDelta#HARD_RATIO}): a resident builder folds it in idle time ({@link
   * #stageIdleFold}). Off with {@code -Dskillsite.idlefold=false}.
   */
  public static FoldLater foldingLater() {
    return HealthDelta.foldingLater()::close;
  }

  /**
   * Stages in {@code staging} the fold of the health delta of {@code site} when it is due (the next
   * patch would fold it): the folded table and a chain file naming no segment, as the patch's fold
   * writes them without its records. Returns the site paths staged; empty when no fold is due, the
   * delta is damaged (the next patch refuses) or {@code cancelled} answered true (nothing staged).
   */
  public static Optional<List<String>> stageIdleFold(
      Path site, Path staging, java.util.function.BooleanSupplier cancelled) throws IOException {
    Optional<Map<String, byte[]>> files;
    try {
      files = HealthDelta.idle(site, cancelled);
    } catch (HealthDelta.Cancelled c) {
      return Optional.empty();
    }
    if (files.isEmpty()) {
      return Optional.empty();
    }
    for (var e : files.get().entrySet()) {
      Path at = staging.resolve(e.getKey());
      java.nio.file.Files.createDirectories(at.getParent());
      java.nio.file.Files.write(at, e.getValue());
    }
    return Optional.of(List.copyOf(files.get().keySet()));
  }

  /** The record of {@code key} as a patch reads it: the delta's, else the table's (for tests). */
  Optional<byte[]> record(String key) {
    return get(key);
  }

  /** Every record of the health delta of {@code site}, read through its chain (for tests). */
  public static Map<String, byte[]> deltaRecords(Path site) throws IOException {
    HealthDelta.Opened o = HealthDelta.open(site);
    if (o.delta().isEmpty()) {
      throw new IOException(o.why());
    }
    try (HealthDelta d = o.delta().get()) {
      return d.all();
    }
  }

  /** The record of {@code key} in the health delta of {@code site} (for tests); empty: none. */
  public static Optional<byte[]> deltaRecord(Path site, String key) throws IOException {
    HealthDelta.Opened o = HealthDelta.open(site);
    if (o.delta().isEmpty()) {
      throw new IOException(o.why());
    }
    try (HealthDelta d = o.delta().get()) {
      return d.get(key);
    }
  }

  /** Why the split of the report moves with {@code views}' pages as they are now, if it does. */
  private Optional<String> split(String path, Map<String, HealthPage> views) throws IOException {
    int n = number(path);
    HealthPage here = views.get(path);
    if (HealthPages.count(here) > 1 && HealthPages.bytes(here) > Paging.BUDGET) {
      return Optional.of("health page " + path + " would grow past its budget");
    }
    if (HealthPages.count(here) > HealthPages.ENTRIES || (HealthPages.count(here) == 0 && n > 1)) {
      return Optional.of("health page " + path + " would hold another number of pages' entries");
    }
    if (HealthPages.endsEarly(here)) {
      return Optional.of(
          "health page " + path + " would end at a natural cut before its last entry");
    }
    Optional<HealthPage> next = view(Paging.path(SiteLayout.HEALTH, n + 1), views);
    if (next.isPresent() && !closed(here, HealthPages.firstWeight(next.get()))) {
      return Optional.of("the next health page's first entry would fit on " + path);
    }
    if (n > 1) {
      Optional<HealthPage> prev = view(Paging.path(SiteLayout.HEALTH, n - 1), views);
      if (prev.isEmpty() || !closed(prev.get(), HealthPages.firstWeight(here))) {
        return Optional.of("the first entry of " + path + " would fit on the page before");
      }
    }
    return Optional.empty();
  }

  private Optional<HealthPage> view(String path, Map<String, HealthPage> views) {
    return views.containsKey(path)
        ? Optional.of(views.get(path))
        : page(path).map(r -> typed(path, r));
  }

  /** Whether a page is full before an entry of weight {@code next} (the split closes it). */
  private static boolean closed(HealthPage page, int next) {
    return HealthPages.closed(page, next);
  }

  private static int number(String path) {
    if (path.equals(SiteLayout.HEALTH)) {
      return 1;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return Integer.parseInt(name.substring("page_".length(), name.length() - ".html".length()));
  }

  /**
   * The index of {@code row}'s row in a pair's rows; -1 when it has none. Two skills of one name (a
   * registry's replicas) are told apart by order: the first skill's rows come first, so of two rows
   * of one trigger the first is the first skill's.
   */
  private static int rowIndex(RoutingHealthView.Pair p, Row row, SkillId first) {
    String owner = row.owner().equals(first) ? p.first() : p.second();
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < p.triggers().size(); i++) {
      RoutingHealthView.Shared s = p.triggers().get(i);
      if (s.trigger().equals(row.trigger()) && s.owner().equals(owner)) {
        hits.add(i);
      }
    }
    if (!p.first().equals(p.second())) {
      return hits.isEmpty() ? -1 : hits.get(0);
    }
    if (hits.size() == 1) {
      return hits.get(0); // the other skill has no row of it: this one is the owner's
    }
    return hits.size() == 2 ? hits.get(row.owner().equals(first) ? 0 : 1) : -1;
  }

  /**
   * Whether the report leaves {@code row} out: its trigger names its rival ({@code
   * RoutingAnalyzer}'s filter: a registry's replicas, or a dispatcher listing its family's names).
   * Such a row shows nowhere — not in the pair, not as a finding, not in the matrix or the pair's
   * suggestion — so its scores moving changes nothing. The rival's name is the report's now ({@code
   * skills}), else the one its pair page prints ({@code printed}).
   */
  private static boolean hidden(
      Row row,
      Function<SkillId, Optional<dev.skillsite.model.Skill>> skills,
      Optional<String> printed) {
    Optional<String> name =
        skills.apply(row.rival()).map(dev.skillsite.model.Skill::name).or(() -> printed);
    return name.isPresent()
        && dev.skillsite.check.ProbeOutcome.namesRival(row.trigger(), name.get());
  }

  /**
   * Whether {@code view}'s pair (a, b) does not show {@code row} because the report hides it
   * ({@link #hidden}); false when the pair shows a row of it (or the page lacks the pair: the
   * caller refuses).
   */
  private static boolean hiddenOn(
      HealthPage view,
      Row row,
      SkillId a,
      String ha,
      String hb,
      Function<SkillId, Optional<dev.skillsite.model.Skill>> skills) {
    for (RoutingHealthView.Pair p : view.pairs()) {
      if (p.firstHref().equals(ha) && p.secondHref().equals(hb)) {
        if (rowIndex(p, row, a) >= 0) {
          return false;
        }
        String printed = row.rival().equals(a) ? p.first() : p.second();
        return hidden(row, skills, Optional.of(printed));
      }
    }
    return false;
  }

  /** {@code p} with {@code row}'s rows replaced; empty when it has none of them. */
  private static Optional<RoutingHealthView.Pair> replace(
      RoutingHealthView.Pair p, Row row, SkillId first) {
    int at = rowIndex(p, row, first);
    if (at < 0) {
      return Optional.empty();
    }
    List<RoutingHealthView.Shared> rows = new ArrayList<>(p.triggers());
    RoutingHealthView.Shared s = rows.get(at);
    rows.set(
        at,
        new RoutingHealthView.Shared(
            s.trigger(), s.owner(), s.rival(), row.ownerScore(), row.rivalScore(), s.kind()));
    return Optional.of(
        new RoutingHealthView.Pair(
            p.first(), p.firstHref(), p.second(), p.secondHref(), rows, p.suggestion()));
  }

  /** The row of {@code page}'s pair (a, b) that {@code row} replaces. */
  private static Optional<RoutingHealthView.Shared> shared(
      HealthPage page, SkillId a, SkillId b, Row row) {
    for (RoutingHealthView.Pair p : page.pairs()) {
      if (p.firstHref().equals(healthHref(a)) && p.secondHref().equals(healthHref(b))) {
        int at = rowIndex(p, row, a);
        return at < 0 ? Optional.empty() : Optional.of(p.triggers().get(at));
      }
    }
    return Optional.empty();
  }

  /**
   * The owner's findings with its collision finding's scores ({@code check.RoutingRule}'s message)
   * those of {@code row}, placed again among findings of its place (their order follows the
   * message); empty when the finding is not there as {@code was} prints it, or its place is not
   * known or it ties another finding.
   */
  private static Optional<List<RoutingHealthView.Finding>> findings(
      List<RoutingHealthView.Finding> all, Row row, Optional<RoutingHealthView.Shared> was) {
    if (was.isEmpty()) {
      return Optional.empty();
    }
    String kind = was.get().kind();
    String then =
        message(row.trigger(), row.rival(), was.get().rivalScore(), was.get().ownerScore(), kind);
    String now = message(row.trigger(), row.rival(), row.rivalScore(), row.ownerScore(), kind);
    String code = kind.equals("ambiguous") ? "trigger-ambiguous" : "trigger-collision";
    List<RoutingHealthView.Finding> out = new ArrayList<>();
    RoutingHealthView.Finding hit = null;
    for (RoutingHealthView.Finding f : all) {
      if (f.code().equals(code) && f.message().startsWith(then) && hit == null) {
        hit =
            new RoutingHealthView.Finding(
                f.skill(),
                f.href(),
                f.where(),
                f.severity(),
                f.code(),
                now + f.message().substring(then.length()));
      } else {
        out.add(f);
      }
    }
    if (hit == null) {
      return Optional.empty();
    }
    // among findings of one place the order follows the message (Diagnostic.ORDER, which the
    // section's findings are sorted by): the rewritten finding is placed again
    int pos = 0;
    for (RoutingHealthView.Finding x : out) {
      int c = compareFindings(x, hit);
      if (c == 0) {
        return Optional.empty(); // an unknown place, or a finding it ties
      }
      if (c < 0) {
        pos++;
      }
    }
    out.add(pos, hit);
    return Optional.of(out);
  }

  /** The start of a collision finding's message as {@code check.RoutingRule} writes it. */
  private static String message(
      String trigger, SkillId rival, String rivalScore, String ownerScore, String kind) {
    if (kind.equals("ambiguous")) {
      return "trigger \""
          + trigger
          + "\" is ambiguous: '"
          + rival.value()
          + "' scores "
          + rivalScore
          + " against "
          + (ownerScore.equals("–") ? "?" : ownerScore)
          + " for this skill (";
    }
    return "trigger \""
        + trigger
        + "\" routes to '"
        + rival.value()
        + "' first (score "
        + rivalScore
        + "; "
        + (ownerScore.equals("–") ? "this skill not in the top hits" : "this skill " + ownerScore)
        + ")";
  }

  private static HealthPage withListing(HealthPage v, RoutingHealthView.Listing listing) {
    return with(v, v.probes(), listing, v.pairs(), v.matrix(), v.pairCount(), v.sections());
  }

  private static HealthPage withProbes(HealthPage v, int probes) {
    return with(v, probes, v.listing(), v.pairs(), v.matrix(), v.pairCount(), v.sections());
  }

  private static HealthPage withPairs(HealthPage v, List<RoutingHealthView.Pair> pairs) {
    return with(v, v.probes(), v.listing(), pairs, v.matrix(), v.pairCount(), v.sections());
  }

  /** {@code v} with the parts a patch moves. */
  private static HealthPage with(
      HealthPage v,
      int probes,
      RoutingHealthView.Listing listing,
      List<RoutingHealthView.Pair> pairs,
      dev.skillsite.check.CollisionMatrix matrix,
      int pairCount,
      List<HealthPage.Section> sections) {
    return with(
        v,
        probes,
        listing,
        pairs,
        v.unreachable(),
        matrix,
        pairCount,
        v.unreachableCount(),
        sections);
  }

  /** {@code v} with the parts a patch moves, its unreachable skills too. */
  private static HealthPage with(
      HealthPage v,
      int probes,
      RoutingHealthView.Listing listing,
      List<RoutingHealthView.Pair> pairs,
      List<RoutingHealthView.Lost> unreachable,
      dev.skillsite.check.CollisionMatrix matrix,
      int pairCount,
      int unreachableCount,
      List<HealthPage.Section> sections) {
    return new HealthPage(
        v.first(),
        probes,
        matrix,
        listing,
        pairs,
        unreachable,
        v.nameOnly(),
        v.lint(),
        pairCount,
        unreachableCount,
        v.nameOnlyCount(),
        v.lintCount(),
        sections,
        v.continued());
  }

  private static byte[] encode(Object o) {
    return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    try {
      table.close();
    } finally {
      delta.close();
    }
  }

  /**
   * Collects the health pages a full build renders and writes the state ({@link #write}) once the
   * site is made. Does nothing when the build has no cache.
   */
  static final class Recorder {
    private final boolean on;
    private final Map<String, PageRecord> pages = new LinkedHashMap<>();
    private final Map<String, byte[]> where = new HashMap<>();
    private final List<Counted> counted = new ArrayList<>();
    private final Map<String, java.util.Set<String>> rivalLists = new HashMap<>();

    Recorder(boolean on) {
      this.on = on;
    }

    synchronized void page(String path, PageView page, HealthPage view) {
      if (!on) {
        return;
      }
      pages.put(path, PageRecord.of(page, view));
      byte[] at = path.getBytes(StandardCharsets.UTF_8);
      view.pairs().forEach(p -> where.put("pair:" + p.firstHref() + "\n" + p.secondHref(), at));
      view.pairs()
          .forEach(
              p ->
                  counted.add(
                      new Counted(
                          p.first(),
                          p.firstHref(),
                          p.second(),
                          p.secondHref(),
                          p.triggers().size())));
      range(view.pairs()).ifPresent(r -> where.put("pk:" + path, encode(r)));
      lostRange(view.unreachable()).ifPresent(r -> where.put("uk:" + path, encode(r)));
      view.unreachable().forEach(u -> where.put("u:" + u.href(), at));
      view.unreachable().stream()
          .filter(u -> !u.rivalHref().isEmpty())
          .forEach(u -> where.put("w:" + u.rivalHref(), at));
      view.unreachable().stream()
          .filter(u -> !u.rivalHref().isEmpty())
          .forEach(
              u ->
                  rivalLists
                      .computeIfAbsent(u.rivalHref(), k -> new java.util.TreeSet<>())
                      .add(u.href()));
    }

    /** Writes the state into the site being made ({@code out}). */
    void write(OutputDir out, SiteView site) {
      if (!on || pages.isEmpty()) {
        return;
      }
      Map<String, byte[]> records = new HashMap<>(where);
      records.put(SITE, encode(site));
      records.put(RIVALS, encode(true));
      rivalLists.forEach((rival, hrefs) -> records.put("wl:" + rival, rivalList(hrefs)));
      records.put(RIVAL_LISTS, encode(true));
      List<RoutingHealthView.Pair> all = matrixPairs(counted);
      Optional<dev.skillsite.check.CollisionMatrix.Fill> fill =
          dev.skillsite.check.CollisionMatrix.fill(all);
      if (fill.isPresent()) { // a full matrix: its fill and every colliding skill's total
        records.put(FILL, encode(fill.get()));
        Map<String, Integer> totals = new HashMap<>();
        for (RoutingHealthView.Pair p : all) {
          totals.merge(p.firstHref(), p.triggers().size(), Integer::sum);
          totals.merge(p.secondHref(), p.triggers().size(), Integer::sum);
        }
        totals.forEach((h, t) -> records.put("mt:" + h, encode(t)));
      } else {
        records.put(MATRIX, encode(counted));
      }
      pages.forEach((path, r) -> records.put("p:" + path, encode(r)));
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordTable.write(bytes, records);
        byte[] table = bytes.toByteArray();
        out.stream(PAGES, os -> os.write(table));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
