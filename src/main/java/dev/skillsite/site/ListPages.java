package dev.skillsite.site;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Skill;
import dev.skillsite.site.view.CollectionPage;
import dev.skillsite.site.view.IndexPage;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.SkillCard;
import dev.skillsite.site.view.SkillsPage;
import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The views of the pages that list skills: home, collections, skills A–Z, triggers A–Z. */
final class ListPages {
  private static final Comparator<String> TEXT =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
  private final Catalog catalog;
  private final AuditViews audit;

  ListPages(Catalog catalog) {
    this(catalog, new AuditViews(java.util.Optional.empty()));
  }

  ListPages(Catalog catalog, AuditViews audit) {
    this.catalog = catalog;
    this.audit = audit;
  }

  IndexPage index() {
    String page = SiteLayout.INDEX;
    List<LinkView> collections =
        catalog.collections().stream()
            .sorted(Comparator.comparing(Collection::name, TEXT).thenComparing(Collection::id))
            .map(
                c ->
                    new LinkView(
                        Urls.relative(page, SiteLayout.collection(c.id())),
                        c.name(),
                        c.description()
                            .map(d -> Summaries.clip(d, Summaries.ONE_LINE))
                            .orElse(skillCount(c))))
            .toList();
    return new IndexPage(
        collections,
        cards(catalog.skills(), page, catalog.config().summaries(), audit),
        triggerCount());
  }

  CollectionPage collection(Collection c) {
    String page = SiteLayout.collection(c.id());
    List<Skill> skills =
        catalog.skills().stream().filter(s -> s.collectionId().equals(c.id())).toList();
    return new CollectionPage(
        c.id(),
        c.name(),
        c.description().orElse(""),
        c.category().orElse(""),
        c.keywords(),
        c.homepage().flatMap(Urls::external).orElse(""),
        c.path(),
        cards(skills, page, catalog.config().summaries(), audit));
  }

  SkillsPage skills() {
    List<SkillCard> cards =
        cards(catalog.skills(), SiteLayout.SKILLS, catalog.config().summaries(), audit);
    return new SkillsPage(groups(cards, SkillCard::name), cards.size());
  }

  TriggersPage triggers() {
    String page = SiteLayout.TRIGGERS;
    List<TriggerEntry> entries = new ArrayList<>();
    for (Skill s : catalog.skills()) {
      String href = Urls.relative(page, SiteLayout.skill(s.id()));
      s.triggers().phrases().stream()
          .distinct()
          .forEach(p -> entries.add(new TriggerEntry(p, "phrase", s.name(), href)));
      s.triggers().keywords().stream()
          .distinct()
          .forEach(k -> entries.add(new TriggerEntry(k, "keyword", s.name(), href)));
    }
    entries.sort(
        Comparator.comparing(TriggerEntry::text, TEXT)
            .thenComparing(TriggerEntry::kind)
            .thenComparing(TriggerEntry::skillName)
            .thenComparing(TriggerEntry::href));
    return new TriggersPage(groups(entries, TriggerEntry::text), entries.size());
  }

  private int triggerCount() {
    return catalog.skills().stream()
        .mapToInt(
            s ->
                s.triggers().phrases().size()
                    + s.triggers().keywords().size()
                    + s.triggers().clauses().size())
        .sum();
  }

  private String skillCount(Collection c) {
    long n = catalog.skills().stream().filter(s -> s.collectionId().equals(c.id())).count();
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
                  s.triggers().phrases(),
                  audit.badge(s.id(), href));
            })
        .toList();
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
