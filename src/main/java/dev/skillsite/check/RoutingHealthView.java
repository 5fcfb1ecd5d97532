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

    /** This pair as a reader sees it ({@link Shared#shown}). */
    public Pair shown() {
      return new Pair(
          first,
          firstHref,
          second,
          secondHref,
          triggers.stream().map(Shared::shown).toList(),
          suggestion);
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
      String kind) {
    /** The skill the trigger goes to: the rival of a collision, the owner of an ambiguous one. */
    public String winner() {
      return kind.equals("ambiguous") ? owner : rival;
    }

    /** The other skill of the row: the one the trigger does not go to. */
    public String loser() {
      return kind.equals("ambiguous") ? rival : owner;
    }

    /** How far the winner is ahead ({@link Margin#of}). */
    public Margin margin() {
      return Margin.of(kind, ownerScore, rivalScore);
    }

    /**
     * The row's parenthesis on a skill page: who wins and the margin ({@link #SCORE_BUCKETS}), else
     * the kind and the scores (rival / owner).
     */
    public String said() {
      if (!SCORE_BUCKETS) {
        return kind + ", " + rivalScore + " / " + ownerScore;
      }
      return kind + ": goes to " + winner() + ", " + margin().behind(loser());
    }

    /** The margin as the health report's table says it. */
    public String marginText() {
      return margin().label();
    }

    /**
     * This row as a reader sees it with {@link #SCORE_BUCKETS} on: the scores replaced by the
     * margin's name (two rows equal so render the same).
     */
    public Shared shown() {
      return new Shared(trigger, owner, rival, "", margin().name(), kind);
    }
  }

  /**
   * Whether the site's pages show who wins and a margin bucket instead of BM25 scores (scores move
   * with every document holding a word; a bucket moves only when the order or the margin's side of
   * the router's own edges does). {@code check}, {@code route --explain} and {@code eval} keep the
   * exact scores. Off with {@code -Dskillsite.scoreBuckets=false}: the pages print the scores.
   */
  public static final boolean SCORE_BUCKETS =
      !"false".equals(System.getProperty("skillsite.scoreBuckets"));

  /**
   * How far a collision row's winner is ahead of the other skill, with the router's own edges: a
   * {@code NEAR_TIE} when the two scores are equal to the two decimals {@code check} prints (the
   * order is the router's tie-break, or less than the printed precision); {@code CLOSE} within the
   * ambiguity margin ({@link RoutingAnalyzer#MARGIN}: the runner-up scores at least 90 % of the
   * winner, the check's "ambiguous" test, so every ambiguous row is close or a near tie); {@code
   * CLEAR} beyond it; {@code ABSENT} when the skill listing the trigger is not among the hits.
   */
  public enum Margin {
    NEAR_TIE("near tie"),
    CLOSE("close (within " + Math.round(RoutingAnalyzer.MARGIN * 100) + "%)"),
    CLEAR("clear"),
    ABSENT("clear (the listing skill is not in the top hits)");

    private final String label;

    Margin(String label) {
      this.label = label;
    }

    /** The health report's name for it. */
    public String label() {
      return label;
    }

    /** The phrase for {@code loser}, the skill the trigger does not go to. */
    String behind(String loser) {
      return switch (this) {
        case NEAR_TIE -> "a near tie with " + loser;
        case CLOSE ->
            loser + " close behind, within " + Math.round(RoutingAnalyzer.MARGIN * 100) + "%";
        case CLEAR -> loser + " well behind";
        case ABSENT -> loser + " not in the top hits";
      };
    }

    /**
     * The margin of a row of {@code kind} with the printed scores ({@code "–"}: the owner is not
     * among the hits).
     */
    public static Margin of(String kind, String ownerScore, String rivalScore) {
      if (ownerScore.equals(rivalScore)) {
        return NEAR_TIE;
      }
      double o;
      double r;
      try {
        o = Double.parseDouble(ownerScore);
        r = Double.parseDouble(rivalScore);
      } catch (NumberFormatException e) {
        return kind.equals("ambiguous") ? CLOSE : ABSENT;
      }
      double top = Math.max(o, r);
      double next = Math.min(o, r);
      return kind.equals("ambiguous") || next >= top * (1 - RoutingAnalyzer.MARGIN) ? CLOSE : CLEAR;
    }
  }

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
      String skill, String href, String where, String severity, String code, String message) {
    /**
     * The message as a page shows it: a collision finding's scores replaced by who wins and the
     * margin ({@link #SCORE_BUCKETS}); {@code check} prints {@link #message} itself.
     */
    public String text() {
      return SCORE_BUCKETS ? withoutScores(code, message) : message;
    }

    /** This finding as a reader sees it (two findings equal so render the same). */
    public Finding shown() {
      return SCORE_BUCKETS ? new Finding(skill, href, where, severity, code, text()) : this;
    }
  }

  private static final java.util.regex.Pattern COLLISION_TAIL =
      java.util.regex.Pattern.compile(
          "' first \\(score (\\S+); this skill (\\S+|not in the top hits)\\)$");
  private static final java.util.regex.Pattern AMBIGUOUS_TAIL =
      java.util.regex.Pattern.compile(
          "' scores (\\S+) against (\\S+) for this skill \\(within [^)]*\\)$");

  /**
   * A {@code trigger-collision} or {@code trigger-ambiguous} message ({@link RoutingRule}) with its
   * scores replaced by the margin; any other message as it is.
   */
  static String withoutScores(String code, String message) {
    if (code.equals("trigger-collision")) {
      java.util.regex.Matcher m = COLLISION_TAIL.matcher(message);
      if (m.find()) {
        String own = m.group(2).equals("not in the top hits") ? "–" : m.group(2);
        Margin g = Margin.of("collision", own, m.group(1));
        return message.substring(0, m.start()) + "' first (" + g.behind("this skill") + ")";
      }
    } else if (code.equals("trigger-ambiguous")) {
      java.util.regex.Matcher m = AMBIGUOUS_TAIL.matcher(message);
      if (m.find()) {
        String own = m.group(2).equals("?") ? "–" : m.group(2);
        Margin g = Margin.of("ambiguous", own, m.group(1));
        return message.substring(0, m.start())
            + (g == Margin.NEAR_TIE
                ? "' is a near tie with this skill, which the trigger goes to"
                : "' comes within "
                    + Math.round(RoutingAnalyzer.MARGIN * 100)
                    + "% of this skill, which the trigger goes to");
      }
    }
    return message;
  }

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

    /**
     * This section as a reader sees it with {@link #SCORE_BUCKETS} on (the scores as margins, the
     * findings' messages as pages show them): two sections whose shown forms are equal render the
     * same with the packaged templates.
     */
    public SkillHealth shown() {
      return new SkillHealth(
          rivals.stream().map(Pair::shown).toList(),
          findings.stream().map(Finding::shown).toList());
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
