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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * health sections get the same rows. A patch writes {@value #DELTA} whole (the pages and sections
 * patches since the last full build changed, looked up first); a full build writes no delta.
 */
public final class HealthState implements AutoCloseable {
  /** The state's table in a site. */
  public static final String PAGES = BuildCache.FOLDER + "/patch/health-pages.tab";

  /** The pages and sections patches changed since the last full build (site path). */
  static final String DELTA = BuildCache.FOLDER + "/patch/health-delta.tab";

  private static final String SITE = "site";
  private static final String KEYS = "keys";

  /** Present when the state records the rivals of unreachable skills ({@code w:} keys). */
  private static final String RIVALS = "rivals";

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
   * A patch's answer: the site files to publish (pages, the delta table) and the skills whose
   * health section is another one now (skill → its sections, hrefs relative to its page).
   */
  public record Patched(
      Map<String, byte[]> files, Map<SkillId, List<RoutingHealthView.SkillHealth>> sections) {
    public static final Patched NOTHING = new Patched(Map.of(), Map.of());

    public Patched {
      files = Map.copyOf(files);
      sections = Map.copyOf(sections);
    }
  }

  /** A patch's answer, or why it cannot patch. */
  public record Result(Optional<Patched> patched, String cannot) {
    static Result no(String why) {
      return new Result(Optional.empty(), why);
    }
  }

  private final RecordTable table;
  private final Optional<RecordTable> delta;

  private HealthState(RecordTable table, Optional<RecordTable> delta) {
    this.table = table;
    this.delta = delta;
  }

  /** The state of the published site {@code site}; empty when it has none. */
  public static Optional<HealthState> open(Path site) {
    return RecordTable.open(site.resolve(PAGES))
        .map(t -> new HealthState(t, RecordTable.open(site.resolve(DELTA))));
  }

  private Optional<byte[]> get(String key) {
    Optional<byte[]> patched = delta.flatMap(d -> d.get(key));
    return patched.isPresent() ? patched : table.get(key);
  }

  /** A skill's href from any health page. */
  static String healthHref(SkillId id) {
    return Urls.relative(SiteLayout.HEALTH, SiteLayout.skill(id));
  }

  private static String pairKey(SkillId a, SkillId b) {
    return "pair:" + healthHref(a) + "\n" + healthHref(b);
  }

  /** Whether the report lists {@code id} as unreachable. */
  public boolean unreachable(SkillId id) {
    return table.get("u:" + healthHref(id)).isPresent();
  }

  /**
   * Whether an unreachable skill's entry may show words of {@code id}'s description (it is the
   * rival that wins most often: its shared words); true when the state does not record rivals.
   */
  public boolean rivalOfUnreachable(SkillId id) {
    return table.get(RIVALS).isEmpty() || table.get("w:" + healthHref(id)).isPresent();
  }

  /**
   * A changed listing entry: the skill's name and how many characters its entry grew ({@code
   * ListingBudget}: name, description and when_to_use, cut at the listing limit).
   */
  public record ListingEdit(String name, int delta) {}

  /** The health section of {@code id}'s page as a patch since the last full build made it. */
  public Optional<List<RoutingHealthView.SkillHealth>> patchedSection(SkillId id) {
    return delta
        .flatMap(d -> d.get("h:" + id.value()))
        .map(
            b ->
                GSON.fromJson(
                    new String(b, StandardCharsets.UTF_8),
                    new TypeToken<List<RoutingHealthView.SkillHealth>>() {}.getType()));
  }

  private Optional<PageRecord> page(String path) {
    return get("p:" + path)
        .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), PageRecord.class));
  }

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
    int delta = listing.stream().mapToInt(ListingEdit::delta).sum();
    if (rows.isEmpty() && delta == 0 && probes == 0 && replaced.isEmpty()) {
      return new Result(Optional.of(Patched.NOTHING), "");
    }
    Map<String, HealthPage> views = new TreeMap<>();
    Map<String, PageRecord> records = new HashMap<>();
    Map<SkillId, List<RoutingHealthView.SkillHealth>> changedSections =
        new LinkedHashMap<>(replaced);
    if (probes != 0) {
      Optional<PageRecord> first = page(SiteLayout.HEALTH);
      if (first.isEmpty()) {
        return Result.no("no health page record of " + SiteLayout.HEALTH);
      }
      records.put(SiteLayout.HEALTH, first.get());
      views.put(
          SiteLayout.HEALTH,
          withProbes(first.get().typed(), first.get().typed().probes() + probes));
    }
    if (delta != 0) {
      Optional<PageRecord> first = page(SiteLayout.HEALTH);
      if (first.isEmpty()) {
        return Result.no("no health page record of " + SiteLayout.HEALTH);
      }
      PageRecord r = first.get();
      HealthPage was = views.getOrDefault(SiteLayout.HEALTH, r.typed());
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
      Optional<byte[]> where = table.get(pairKey(a, b));
      if (where.isEmpty()) {
        return Result.no(
            "no health pair of "
                + a.value()
                + " and "
                + b.value()
                + " (a collision the report hides or a new one)");
      }
      String path = new String(where.get(), StandardCharsets.UTF_8);
      if (!views.containsKey(path)) {
        Optional<PageRecord> r = page(path);
        if (r.isEmpty()) {
          return Result.no("no health page record of " + path);
        }
        records.put(path, r.get());
        views.put(path, r.get().typed());
      }
      HealthPage view = views.get(path);
      HealthPage old = view;
      String ha = healthHref(a);
      String hb = healthHref(b);
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
    // the split must stay: each changed page's bytes within the budget, and each page closed
    // where it was (its next page's first entry still does not fit), its previous page as well
    for (String path : views.keySet()) {
      Optional<String> moved = split(path, views);
      if (moved.isPresent()) {
        return Result.no(moved.get());
      }
    }
    PageRenderer renderer = new PageRenderer(userTemplates, java.util.EnumSet.of(PageKind.HEALTH));
    SiteView site =
        table
            .get(SITE)
            .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), SiteView.class))
            .orElseThrow(() -> new IOException("health state without its site view"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, byte[]> changed = new HashMap<>();
    for (var e : views.entrySet()) {
      PageRecord r = records.get(e.getKey());
      files.put(
          e.getKey(),
          renderer
              .render(PageKind.HEALTH, site, r.page(), e.getValue())
              .getBytes(StandardCharsets.UTF_8));
      changed.put("p:" + e.getKey(), encode(PageRecord.of(r.page(), e.getValue())));
    }
    changedSections.forEach((id, s) -> changed.put("h:" + id.value(), encode(s)));
    files.put(DELTA, delta(changed));
    return new Result(Optional.of(new Patched(files, changedSections)), "");
  }

  /**
   * Puts {@code sections} (skill → its health section now) into the delta table a patch staged at
   * {@code staged} (read whole: a patch's delta; written again), or into a new one when there is
   * none and {@code published} (the site's) is given as its start. For the pages side of a patch
   * that changed a section the routing side did not make (a SKILL.md's warnings: wt-extras).
   */
  public static void putSections(
      Path staged, Path site, Map<SkillId, List<RoutingHealthView.SkillHealth>> sections)
      throws IOException {
    Path from = Files.isRegularFile(staged) ? staged : site.resolve(DELTA);
    Map<String, byte[]> records = new HashMap<>();
    Optional<RecordTable> opened = RecordTable.open(from);
    if (opened.isPresent()) {
      try (RecordTable d = opened.get()) {
        String[] keys =
            d.get(KEYS)
                .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), String[].class))
                .orElse(new String[0]);
        for (String k : keys) {
          d.get(k).ifPresent(b -> records.put(k, b));
        }
      }
    }
    sections.forEach((id, x) -> records.put("h:" + id.value(), encode(x)));
    records.remove(KEYS);
    records.put(KEYS, encode(records.keySet().stream().sorted().toList()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordTable.write(out, records);
    Files.createDirectories(staged.getParent());
    Files.write(staged, out.toByteArray());
  }

  /** The site path of the delta table (for {@link #putSections}). */
  public static String deltaPath() {
    return DELTA;
  }

  /** The delta table: this one's records and {@code changed} (the latter win). */
  private byte[] delta(Map<String, byte[]> changed) throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    if (delta.isPresent()) {
      String[] keys =
          delta
              .get()
              .get(KEYS)
              .map(b -> GSON.fromJson(new String(b, StandardCharsets.UTF_8), String[].class))
              .orElse(new String[0]);
      for (String k : keys) {
        delta.get().get(k).ifPresent(b -> records.put(k, b));
      }
    }
    records.putAll(changed);
    records.remove(KEYS);
    records.put(KEYS, encode(records.keySet().stream().sorted().toList()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordTable.write(out, records);
    return out.toByteArray();
  }

  /** Why the split of the report moves with {@code views}' pages as they are now, if it does. */
  private Optional<String> split(String path, Map<String, HealthPage> views) throws IOException {
    int n = number(path);
    HealthPage here = views.get(path);
    if (HealthPages.count(here) > 1 && HealthPages.bytes(here) > Paging.BUDGET) {
      return Optional.of("health page " + path + " would grow past its budget");
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
        : page(path).map(PageRecord::typed);
  }

  /** Whether a page is full before an entry of weight {@code next} (the split closes it). */
  private static boolean closed(HealthPage page, int next) {
    return HealthPages.count(page) >= HealthPages.ENTRIES
        || HealthPages.bytes(page) + next > Paging.BUDGET;
  }

  private static int number(String path) {
    if (path.equals(SiteLayout.HEALTH)) {
      return 1;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return Integer.parseInt(name.substring("page_".length(), name.length() - ".html".length()));
  }

  /** {@code p} with {@code row}'s rows replaced; empty when it has none of them. */
  private static Optional<RoutingHealthView.Pair> replace(
      RoutingHealthView.Pair p, Row row, SkillId first) {
    String owner = row.owner().equals(first) ? p.first() : p.second();
    if (p.first().equals(p.second())) {
      return Optional.empty(); // two skills of one name: the rows do not say whose
    }
    List<RoutingHealthView.Shared> rows = new ArrayList<>();
    boolean hit = false;
    for (RoutingHealthView.Shared s : p.triggers()) {
      if (s.trigger().equals(row.trigger()) && s.owner().equals(owner)) {
        rows.add(
            new RoutingHealthView.Shared(
                s.trigger(), s.owner(), s.rival(), row.ownerScore(), row.rivalScore(), s.kind()));
        hit = true;
      } else {
        rows.add(s);
      }
    }
    return hit
        ? Optional.of(
            new RoutingHealthView.Pair(
                p.first(), p.firstHref(), p.second(), p.secondHref(), rows, p.suggestion()))
        : Optional.empty();
  }

  /** The row of {@code page}'s pair (a, b) that {@code row} replaces. */
  private static Optional<RoutingHealthView.Shared> shared(
      HealthPage page, SkillId a, SkillId b, Row row) {
    for (RoutingHealthView.Pair p : page.pairs()) {
      if (p.firstHref().equals(healthHref(a)) && p.secondHref().equals(healthHref(b))) {
        String owner = row.owner().equals(a) ? p.first() : p.second();
        return p.triggers().stream()
            .filter(s -> s.trigger().equals(row.trigger()) && s.owner().equals(owner))
            .findFirst();
      }
    }
    return Optional.empty();
  }

  /**
   * The owner's findings with its collision finding's scores ({@code check.RoutingRule}'s message)
   * those of {@code row}; empty when the finding is not there as {@code was} prints it, or when
   * another finding shares its place (their order would follow the message).
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
        hit = f;
        out.add(
            new RoutingHealthView.Finding(
                f.skill(),
                f.href(),
                f.where(),
                f.severity(),
                f.code(),
                now + f.message().substring(then.length())));
      } else {
        out.add(f);
      }
    }
    if (hit == null) {
      return Optional.empty();
    }
    RoutingHealthView.Finding at = hit;
    long sharing =
        all.stream()
            .filter(f -> f.where().equals(at.where()) && f.severity().equals(at.severity()))
            .count();
    return sharing == 1 ? Optional.of(out) : Optional.empty();
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
    return new HealthPage(
        v.first(),
        v.probes(),
        v.matrix(),
        listing,
        v.pairs(),
        v.unreachable(),
        v.nameOnly(),
        v.lint(),
        v.pairCount(),
        v.unreachableCount(),
        v.nameOnlyCount(),
        v.lintCount(),
        v.sections(),
        v.continued());
  }

  private static HealthPage withProbes(HealthPage v, int probes) {
    return new HealthPage(
        v.first(),
        probes,
        v.matrix(),
        v.listing(),
        v.pairs(),
        v.unreachable(),
        v.nameOnly(),
        v.lint(),
        v.pairCount(),
        v.unreachableCount(),
        v.nameOnlyCount(),
        v.lintCount(),
        v.sections(),
        v.continued());
  }

  private static HealthPage withPairs(HealthPage v, List<RoutingHealthView.Pair> pairs) {
    return new HealthPage(
        v.first(),
        v.probes(),
        v.matrix(),
        v.listing(),
        pairs,
        v.unreachable(),
        v.nameOnly(),
        v.lint(),
        v.pairCount(),
        v.unreachableCount(),
        v.nameOnlyCount(),
        v.lintCount(),
        v.sections(),
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
      if (delta.isPresent()) {
        delta.get().close();
      }
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
      view.unreachable().forEach(u -> where.put("u:" + u.href(), at));
      view.unreachable().stream()
          .filter(u -> !u.rivalHref().isEmpty())
          .forEach(u -> where.put("w:" + u.rivalHref(), at));
    }

    /** Writes the state into the site being made ({@code out}). */
    void write(OutputDir out, SiteView site) {
      if (!on || pages.isEmpty()) {
        return;
      }
      Map<String, byte[]> records = new HashMap<>(where);
      records.put(SITE, encode(site));
      records.put(RIVALS, encode(true));
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
