package dev.skillsite.site;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Skill;
import dev.skillsite.site.view.CollectionPage;
import dev.skillsite.site.view.CollectionsPage;
import dev.skillsite.site.view.IndexPage;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.LetterLink;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.Pager;
import dev.skillsite.site.view.SkillCard;
import dev.skillsite.site.view.SkillsPage;
import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The views of the pages that list skills: home, collections, skills A–Z, triggers A–Z, and the
 * list of every collection when the home page cannot show them all.
 */
final class ListPages {
  private static final Comparator<String> TEXT =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  /** The home page's and collections' pages of cards: cut at {@link #cardCut} past half full. */
  static final Paging CARD_PAGES = new Paging(Paging.CARDS, Paging.BUDGET, Paging.MIN_CARDS);

  /** The skills A–Z's pages: cut at {@link #rowCut} past half their rows. */
  static final Paging SKILL_ROW_PAGES = new Paging(Paging.ROWS, Paging.BUDGET, Paging.MIN_ROWS);

  /** The collections A–Z's pages: cut at {@link #linkCut} past half their rows. */
  private static final Paging ROW_PAGES = SKILL_ROW_PAGES;

  /** The trigger index's pages: cut at natural cuts ({@link #triggerCut}) past half their rows. */
  static final Paging TRIGGER_PAGES = new Paging(Paging.ROWS, Paging.BUDGET, Paging.MIN_ROWS);

  /** Collections the home page shows at most; past that, the largest and a link to them all. */
  static final int HOME_COLLECTIONS = 48;

  /** Characters of a name in a page link's title. */
  private static final int RANGE_END = 60;

  /** The trigger index's pages' title (before "(page n of N)" and the site's title). */
  static final String TRIGGERS_TITLE = "Trigger phrases";

  /** Characters of trigger phrases a card shows; the rest are counted in a last chip. */
  static final int CARD_PHRASE_CHARS = 600;

  private final Catalog catalog;
  private final AuditViews audit;

  /** Each collection's skills in catalog order, made on first use. */
  private Map<String, List<Skill>> byCollection;

  ListPages(Catalog catalog) {
    this(catalog, new AuditViews(java.util.Optional.empty()));
  }

  ListPages(Catalog catalog, AuditViews audit) {
    this.catalog = catalog;
    this.audit = audit;
  }

  /**
   * A page of a list split into pages: its path, title suffix ({@code ""} on page 1 of one), pager
   * and view.
   */
  record Paged<V>(String path, String titleSuffix, Pager pager, V view) {}

  /**
   * The home page's pages; collections and the graph are on the first. Past {@link
   * #HOME_COLLECTIONS} collections the first page shows the largest of them and links to the paged
   * list of all ({@link #collections()}), so that a registry's thousands of collections do not make
   * it unbounded.
   */
  List<Paged<IndexPage>> index(RelationGraph.Graph graph) {
    String first = SiteLayout.INDEX;
    Map<String, Integer> sizes = collectionSizes();
    List<Collection> sorted = sortedCollections();
    List<Collection> shown = sorted;
    String all = "";
    if (sorted.size() > HOME_COLLECTIONS) {
      Set<Collection> largest =
          new HashSet<>(
              sorted.stream()
                  .sorted(Comparator.comparing((Collection c) -> -sizes.getOrDefault(c.id(), 0)))
                  .limit(HOME_COLLECTIONS)
                  .toList());
      shown = sorted.stream().filter(largest::contains).toList();
      all = Urls.relative(first, SiteLayout.COLLECTIONS);
    }
    List<LinkView> collections = links(shown, first, sizes);
    // every page of the home page is in the same folder: the cards' links are the same on each
    List<SkillCard> cards = cards(catalog.skills(), first, catalog.config().summaries(), audit);
    int triggers = triggerCount();
    int count = sorted.size();
    String allHref = all;
    return paged(
        first,
        CARD_PAGES.split(cards, ListPages::weight, ListPages::cardCut),
        ListPages::range,
        (n, page) ->
            n == 1
                ? new IndexPage(collections, page, triggers, graph, cards.size(), count, allHref)
                : new IndexPage(
                    List.of(),
                    page,
                    0, // the counts on page 1 only: a skill or trigger added changes one page
                    RelationGraph.Graph.none(),
                    0,
                    count,
                    allHref));
  }

  /**
   * The pages of every collection A–Z, when the home page cannot show them all (past {@link
   * #HOME_COLLECTIONS}); none otherwise.
   */
  List<Paged<CollectionsPage>> collections() {
    List<Collection> sorted = sortedCollections();
    if (sorted.size() <= HOME_COLLECTIONS) {
      return List.of();
    }
    String first = SiteLayout.COLLECTIONS;
    List<LinkView> links = links(sorted, first, collectionSizes());
    List<List<LinkView>> pages =
        ROW_PAGES.split(
            links,
            l ->
                Paging.weight(l.label())
                    + Paging.weight(l.description())
                    + Paging.weight(l.href())
                    + Paging.ROW_MARKUP,
            ListPages::linkCut);
    List<LetterLink> letters = letters(first, pages, LinkView::label);
    return paged(
        first,
        pages,
        p -> range(p, LinkView::label),
        (n, page) ->
            new CollectionsPage(groups(page, LinkView::label), n == 1 ? links.size() : 0, letters));
  }

  private List<Collection> sortedCollections() {
    return catalog.collections().stream()
        .sorted(Comparator.comparing(Collection::name, TEXT).thenComparing(Collection::id))
        .toList();
  }

  private Map<String, Integer> collectionSizes() {
    Map<String, Integer> sizes = new HashMap<>();
    catalog.skills().forEach(s -> sizes.merge(s.collectionId(), 1, Integer::sum));
    return sizes;
  }

  private static List<LinkView> links(
      List<Collection> collections, String page, Map<String, Integer> sizes) {
    return collections.stream()
        .map(
            c ->
                new LinkView(
                    Urls.relative(page, SiteLayout.collection(c.id())),
                    c.name(),
                    c.description()
                        .map(d -> Summaries.clip(d, Summaries.ONE_LINE))
                        .orElse(skillCount(sizes.getOrDefault(c.id(), 0)))))
        .toList();
  }

  /** The pages of a collection. */
  List<Paged<CollectionPage>> collection(Collection c) {
    String first = SiteLayout.collection(c.id());
    if (byCollection == null) {
      byCollection = new HashMap<>();
      catalog
          .skills()
          .forEach(
              s -> byCollection.computeIfAbsent(s.collectionId(), k -> new ArrayList<>()).add(s));
    }
    List<Skill> skills = byCollection.getOrDefault(c.id(), List.of());
    List<SkillCard> cards = cards(skills, first, catalog.config().summaries(), audit);
    return paged(
        first,
        CARD_PAGES.split(cards, ListPages::weight, ListPages::cardCut),
        ListPages::range,
        (n, page) ->
            new CollectionPage(
                c.id(),
                c.name(),
                c.description().orElse(""),
                c.category().orElse(""),
                c.keywords(),
                c.homepage().flatMap(Urls::external).orElse(""),
                c.path(),
                page,
                n == 1 ? cards.size() : 0)); // on page 1 only: a skill added changes one page
  }

  /** The pages of every skill A–Z. */
  List<Paged<SkillsPage>> skills() {
    String first = SiteLayout.SKILLS;
    List<SkillCard> cards = cards(catalog.skills(), first, catalog.config().summaries(), audit);
    List<List<SkillCard>> pages =
        SKILL_ROW_PAGES.split(cards, ListPages::rowWeight, ListPages::rowCut);
    List<LetterLink> letters = letters(first, pages, SkillCard::name);
    return paged(
        first,
        pages,
        ListPages::range,
        (n, page) ->
            new SkillsPage(groups(page, SkillCard::name), n == 1 ? cards.size() : 0, letters));
  }

  /** The order of the trigger index's rows. */
  static final Comparator<TriggerEntry> TRIGGER_ORDER =
      Comparator.comparing(TriggerEntry::text, TEXT)
          .thenComparing(TriggerEntry::kind)
          .thenComparing(TriggerEntry::skillName)
          .thenComparing(TriggerEntry::href);

  /** The pages of every trigger phrase and keyword A–Z. */
  List<Paged<TriggersPage>> triggers() {
    String first = SiteLayout.TRIGGERS;
    List<TriggerEntry> entries = new ArrayList<>();
    for (Skill s : catalog.skills()) {
      entries.addAll(
          triggerRows(
              s.name(),
              Urls.relative(first, SiteLayout.skill(s.id())),
              s.triggers().phrases(),
              s.triggers().keywords()));
    }
    entries.sort(TRIGGER_ORDER);
    return triggerPages(entries);
  }

  /**
   * The trigger index's pages of {@code entries} (every row, in {@link #TRIGGER_ORDER}): a whole
   * build's, and a patch's that splits the whole index again ({@link TriggerIndexPatch}).
   */
  static List<Paged<TriggersPage>> triggerPages(List<TriggerEntry> entries) {
    String first = SiteLayout.TRIGGERS;
    List<List<TriggerEntry>> pages =
        TRIGGER_PAGES.split(entries, ListPages::triggerWeight, ListPages::triggerCut);
    List<LetterLink> letters = letters(first, pages, TriggerEntry::text);
    return paged(
        first,
        pages,
        ListPages::triggerRange,
        (n, page) ->
            new TriggersPage(
                groups(page, TriggerEntry::text), n == 1 ? entries.size() : 0, letters));
  }

  /**
   * Whether a row of the trigger index is a natural cut ({@link Paging#CUT_MASK}): a hash of all it
   * shows ({@link Paging#hash}: its text, kind, skill and link).
   */
  static boolean triggerCut(TriggerEntry t) {
    return (Paging.hash(t.text(), t.kind(), t.skillName(), t.href()) & Paging.CUT_MASK) == 0;
  }

  /**
   * Whether a skill card of the home page or of a collection is a natural cut ({@link
   * Paging#CARD_CUT_MASK}): a hash of its skill's id, which no edit of the skill changes.
   */
  static boolean cardCut(SkillCard c) {
    return (Paging.hash(c.id()) & Paging.CARD_CUT_MASK) == 0;
  }

  /**
   * The order every list of skill cards is split in (a page may show it otherwise: A–Z's "#" last).
   */
  static final Comparator<SkillCard> CARD_ORDER =
      Comparator.comparing(SkillCard::name, TEXT).thenComparing(SkillCard::id);

  /** Whether a row of the skills A–Z is a natural cut ({@link Paging#CUT_MASK}): by its id. */
  static boolean rowCut(SkillCard c) {
    return (Paging.hash(c.id()) & Paging.CUT_MASK) == 0;
  }

  /** Whether a row of the collections A–Z is a natural cut: by its link (the collection's id). */
  private static boolean linkCut(LinkView l) {
    return (Paging.hash(l.href()) & Paging.CUT_MASK) == 0;
  }

  /** A skill's rows of the trigger index: its distinct phrases, then its distinct keywords. */
  static List<TriggerEntry> triggerRows(
      String name, String href, List<String> phrases, List<String> keywords) {
    List<TriggerEntry> rows = new ArrayList<>();
    phrases.stream().distinct().forEach(p -> rows.add(new TriggerEntry(p, "phrase", name, href)));
    keywords.stream().distinct().forEach(k -> rows.add(new TriggerEntry(k, "keyword", name, href)));
    return rows;
  }

  /** The estimated bytes of a row of the trigger index ({@link Paging}). */
  static int triggerWeight(TriggerEntry t) {
    return Paging.weight(t.text())
        + Paging.weight(t.skillName())
        + Paging.weight(t.href())
        + Paging.ROW_MARKUP;
  }

  /** A trigger page's title in the pager: "first – last". */
  static String triggerRange(List<TriggerEntry> page) {
    return range(page, TriggerEntry::text);
  }

  static <T, V> List<Paged<V>> paged(
      String first,
      List<List<T>> pages,
      Function<List<T>, String> title,
      BiFunction<Integer, List<T>, V> view) {
    List<Paged<V>> out = new ArrayList<>();
    for (int n = 1; n <= pages.size(); n++) {
      Pager pager = Paging.pager(first, n, pages.size(), i -> title.apply(pages.get(i - 1)));
      out.add(
          new Paged<>(
              Paging.path(first, n),
              pages.size() > 1 ? " (page " + n + " of " + pages.size() + ")" : "",
              pager,
              view.apply(n, pages.get(n - 1))));
    }
    return out;
  }

  /** "first – last" of a page of cards, by name. */
  static String range(List<SkillCard> page) {
    return range(page, SkillCard::name);
  }

  private static <T> String range(List<T> page, Function<T, String> text) {
    if (page.isEmpty()) {
      return "";
    }
    String a = Summaries.clip(text.apply(page.get(0)), RANGE_END);
    String b = Summaries.clip(text.apply(page.get(page.size() - 1)), RANGE_END);
    return a.equals(b) ? a : a + " – " + b;
  }

  /** Each letter of the pages' entries and where it starts: this page's anchor on a later one. */
  static <T> List<LetterLink> letters(String first, List<List<T>> pages, Function<T, String> text) {
    Map<String, LetterLink> byLetter = new LinkedHashMap<>();
    for (int n = 1; n <= pages.size(); n++) {
      String file = Paging.path(first, n);
      String name = file.substring(file.lastIndexOf('/') + 1);
      for (LetterGroup<T> g : groups(pages.get(n - 1), text)) {
        // the letters' links are the same on every page: the file name and the anchor
        byLetter.putIfAbsent(
            g.letter(),
            new LetterLink(
                g.letter(), pages.size() == 1 ? "#" + g.anchor() : name + "#" + g.anchor()));
      }
    }
    List<LetterLink> sorted = new ArrayList<>(byLetter.values());
    sorted.sort(
        Comparator.comparing((LetterLink l) -> l.letter().equals("#") ? 1 : 0)
            .thenComparing(LetterLink::letter));
    return sorted;
  }

  /** The bytes a row of the skills A–Z takes on a page, as {@link Paging#weight} estimates them. */
  static int rowWeight(SkillCard c) {
    return Paging.weight(c.name()) * 2
        + Paging.weight(c.summary())
        + Paging.weight(c.href())
        + Paging.weight(c.id())
        + Paging.ROW_MARKUP;
  }

  /** The bytes a skill card takes on a page, as {@link Paging#weight} estimates them. */
  static int weight(SkillCard c) {
    return Paging.weight(c.name())
        + Paging.weight(c.summary())
        + Paging.weight(c.phrases())
        + Paging.weight(c.href()) * 2
        + Paging.weight(c.id())
        + Paging.weight(c.audit().label()) * 2
        + Paging.CARD_MARKUP;
  }

  private int triggerCount() {
    return catalog.skills().stream().mapToInt(ListPages::triggerCount).sum();
  }

  /** What a skill adds to the home page's count of triggers: phrases, keywords and clauses. */
  static int triggerCount(Skill s) {
    return s.triggers().phrases().size()
        + s.triggers().keywords().size()
        + s.triggers().clauses().size();
  }

  static String skillCount(int n) {
    return n == 1 ? "1 skill" : n + " skills";
  }

  static List<SkillCard> cards(
      List<Skill> skills, String page, Map<String, String> summaries, AuditViews audit) {
    return skills.stream()
        .sorted(Comparator.comparing(Skill::name, TEXT).thenComparing(Skill::id))
        .map(
            s -> {
              String href = Urls.relative(page, SiteLayout.skill(s.id()));
              return new SkillCard(
                  s.id().value(),
                  href,
                  s.name(),
                  SkillSummary.of(s, summaries),
                  cardPhrases(s.triggers().phrases()),
                  audit.badge(s.id(), href));
            })
        .toList();
  }

  /**
   * The trigger phrases a card shows: in order up to {@link #CARD_PHRASE_CHARS} characters (at
   * least one), then "+N more" for the rest, so that a skill with hundreds of phrases keeps a card
   * of a card's size. Its page lists them all.
   */
  static List<String> cardPhrases(List<String> phrases) {
    List<String> shown = new ArrayList<>();
    int chars = 0;
    for (String p : phrases) {
      String clipped = Summaries.clip(p, Summaries.ONE_LINE);
      if (!shown.isEmpty() && chars + clipped.length() > CARD_PHRASE_CHARS) {
        break;
      }
      shown.add(clipped);
      chars += clipped.length();
    }
    if (shown.size() < phrases.size()) {
      shown.add("+" + (phrases.size() - shown.size()) + " more");
    }
    return shown;
  }

  /** Entries (already sorted) grouped by initial letter; digits and symbols go under "#". */
  static <T> List<LetterGroup<T>> groups(List<T> sorted, Function<T, String> text) {
    Map<String, List<T>> byLetter =
        new TreeMap<>(
            Comparator.comparing((String l) -> l.equals("#") ? 1 : 0)
                .thenComparing(Comparator.naturalOrder()));
    for (T entry : sorted) {
      String t = text.apply(entry).strip();
      int cp = t.isEmpty() ? '#' : t.codePointAt(0);
      String letter =
          Character.isLetter(cp) ? new String(Character.toChars(cp)).toUpperCase(Locale.ROOT) : "#";
      byLetter.computeIfAbsent(letter, k -> new ArrayList<>()).add(entry);
    }
    List<LetterGroup<T>> groups = new ArrayList<>();
    byLetter.forEach(
        (letter, entries) -> groups.add(new LetterGroup<>(letter, anchor(letter), entries)));
    return groups;
  }

  private static String anchor(String letter) {
    if (letter.equals("#")) {
      return "ss-other";
    }
    String a = letter.toLowerCase(Locale.ROOT);
    return a.matches("[a-z]") ? "ss-" + a : "ss-u" + Integer.toHexString(letter.codePointAt(0));
  }
}
