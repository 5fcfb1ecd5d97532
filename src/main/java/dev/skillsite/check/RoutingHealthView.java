package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link CheckReport} as the site shows it: plain strings for the Pebble templates ({@code
 * templates/health.peb}, {@code templates/partials/skill-health.peb}). Hrefs come from the caller,
 * relative to the page being written.
 *
 * @param pairs skills competing for the same triggers, with the triggers, scores and a suggestion
 * @param unreachable skills their own triggers do not reach
 * @param lint the description findings, by skill
 * @param probes how many triggers were routed
 * @param listing how the agent's skill listing fits its budget
 * @param nameOnly skills with {@code disable-model-invocation: true}, reachable only by name (never
 *     unreachable)
 */
public record RoutingHealthView(
    List<Pair> pairs,
    List<Lost> unreachable,
    List<Finding> lint,
    int probes,
    Listing listing,
    List<Lost> nameOnly) {
  /**
   * Codes of the findings listed as description lint. {@code listing-cut} is not one: the listing
   * budget section sums it up (on a large collection it names most skills), and each skill's page
   * shows its own.
   */
  public static final Set<String> LINT_CODES =
      Set.of(
          "listing-too-long",
          "use-case-late",
          "first-person",
          "vague-description",
          "not-for-unknown-skill",
          "description-too-long",
          "lenient-frontmatter",
          "unterminated-frontmatter");

  public RoutingHealthView {
    pairs = List.copyOf(pairs);
    unreachable = List.copyOf(unreachable);
    lint = List.copyOf(lint);
    nameOnly = List.copyOf(nameOnly);
  }

  /** The collisions as a matrix of the skills that collide most ({@link CollisionMatrix}). */
  public CollisionMatrix matrix() {
    return CollisionMatrix.of(pairs);
  }

  /** Two competing skills. */
  public record Pair(
      String first,
      String firstHref,
      String second,
      String secondHref,
      List<Shared> triggers,
      String suggestion) {
    public Pair {
      triggers = List.copyOf(triggers);
    }
  }

  /**
   * One trigger of {@code owner} lost to ({@code kind = "collision"}) or shared with ({@code
   * "ambiguous"}) {@code rival}.
   */
  public record Shared(
      String trigger,
      String owner,
      String rival,
      String ownerScore,
      String rivalScore,
      String kind) {}

  /**
   * The agent's skill listing against its character budget.
   *
   * @param cut names listed without their description, alphabetical
   */
  public record Listing(int size, int budget, List<String> cut) {
    public Listing {
      cut = List.copyOf(cut);
    }

    public boolean overBudget() {
      return size > budget;
    }
  }

  /**
   * An unreachable skill and why; {@code rivalHref} is the href of the skill that wins most often
   * ("" when none: a patch asks which unreachable skills show a rival's description words).
   */
  public record Lost(String name, String href, String reason, String rivalHref) {
    public Lost(String name, String href, String reason) {
      this(name, href, reason, "");
    }
  }

  /** One finding about a skill: {@code where} is {@code path:line:col}. */
  public record Finding(
      String skill, String href, String where, String severity, String code, String message) {}

  /**
   * What a skill page shows: its nearest rivals (most shared triggers first) and its own findings.
   */
  public record SkillHealth(List<Pair> rivals, List<Finding> findings) {
    public SkillHealth {
      rivals = List.copyOf(rivals);
      findings = List.copyOf(findings);
    }

    public boolean isEmpty() {
      return rivals.isEmpty() && findings.isEmpty();
    }
  }

  /**
   * @param href the URL of a skill's page, relative to the health page
   */
  public static RoutingHealthView of(CheckReport report, Function<SkillId, String> href) {
    Map<SkillId, Skill> skills = new LinkedHashMap<>();
    report.catalog().skills().forEach(s -> skills.put(s.id(), s));
    List<Pair> pairs = report.routing().pairs().stream().map(p -> pair(p, skills, href)).toList();
    List<Lost> lost = new ArrayList<>();
    for (Unreachable u : report.routing().unreachable()) {
      Skill s = skills.get(u.id());
      String reason = UnreachableEntry.reason(u, r -> skills.get(r).name());
      lost.add(new Lost(s.name(), href.apply(s.id()), reason, u.rival().map(href).orElse("")));
    }
    SkillHealthIndex index = new SkillHealthIndex(report);
    List<Finding> lint = new ArrayList<>();
    for (Skill s : skills.values()) {
      index.findings(s, href).stream()
          .filter(f -> LINT_CODES.contains(f.code()))
          .forEach(lint::add);
    }
    ListingBudget budget = report.listing();
    List<Lost> byName =
        skills.values().stream()
            .filter(RoutingAnalyzer::nameOnly)
            .map(s -> new Lost(s.name(), href.apply(s.id()), "disable-model-invocation: true"))
            .toList();
    return new RoutingHealthView(
        pairs,
        lost,
        lint,
        report.routing().probes(),
        new Listing(budget.size(), budget.budget(), budget.cut()),
        byName);
  }

  /**
   * The rivals and findings of one skill, hrefs relative to its page. For every skill of a report,
   * build one {@link SkillHealthIndex} and ask it instead.
   */
  public static SkillHealth forSkill(
      CheckReport report, SkillId id, Function<SkillId, String> href) {
    return new SkillHealthIndex(report).forSkill(id, href);
  }

  static Finding finding(Skill s, Diagnostic d, Function<SkillId, String> href) {
    return new Finding(
        s.name(),
        href.apply(s.id()),
        d.pos().toString(),
        d.severity().label(),
        d.code(),
        d.message());
  }

  static Pair pair(CollisionPair p, Map<SkillId, Skill> skills, Function<SkillId, String> href) {
    List<Shared> shared =
        p.collisions().stream()
            .map(
                c ->
                    new Shared(
                        c.trigger(),
                        skills.get(c.owner()).name(),
                        skills.get(c.rival()).name(),
                        c.ownerScore().map(RoutingHealthView::score).orElse("–"),
                        score(c.rivalScore()),
                        c.ambiguous() ? "ambiguous" : "collision"))
            .toList();
    return new Pair(
        skills.get(p.first()).name(),
        href.apply(p.first()),
        skills.get(p.second()).name(),
        href.apply(p.second()),
        shared,
        p.suggestion());
  }

  private static String score(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }
}
