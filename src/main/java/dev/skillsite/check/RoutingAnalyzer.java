package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Routes every trigger phrase and keyword of every skill and reads off collisions and unreachable
 * skills. A trigger of A collides with B when it routes to B first, or when B comes second within
 * {@value #MARGIN} of A's score (ambiguous), unless the trigger names B itself ("Ecto" and {@code
 * ecto-thinking}): a dispatcher skill that lists its family's names routes those names to the right
 * member. Collisions are read off the listed triggers (phrases and keywords). A skill is
 * unreachable when none of its triggers (phrases, keywords, "Use when" clauses, or the fallback
 * sentence of what it does) routes to it first.
 */
final class RoutingAnalyzer {
  /** Relative score margin under which a runner-up makes the route ambiguous. */
  static final double MARGIN = 0.10;

  private final RouteProbe probe;

  RoutingAnalyzer(RouteProbe probe) {
    this.probe = probe;
  }

  public RoutingHealth analyze(List<Skill> skills) {
    List<Skill> sorted = skills.stream().sorted(Comparator.comparing(Skill::id)).toList();
    List<Probe> probes = sorted.stream().flatMap(RoutingAnalyzer::probesOf).toList();
    List<Outcome> outcomes =
        probes.parallelStream().map(p -> new Outcome(p, probe.rank(p.trigger()))).toList();
    Map<SkillId, String> names = new TreeMap<>();
    sorted.forEach(s -> names.put(s.id(), s.name()));
    List<Collision> collisions = new ArrayList<>();
    // collisions are read off the listed triggers (phrases, keywords): prose clauses share words
    // with rivals by
    // nature, and only count for reachability
    outcomes.stream()
        .filter(o -> o.probe().listed())
        .forEach(
            o ->
                collision(o)
                    .filter(c -> !namesSkill(c.trigger(), names.get(c.rival())))
                    .ifPresent(collisions::add));
    return new RoutingHealth(
        pairs(collisions, sorted), unreachable(sorted, outcomes, names, sorted), probes.size());
  }

  /**
   * Every trigger of the skill ({@link dev.skillsite.model.Triggers#all()}); phrases and keywords
   * are listed.
   */
  private static Stream<Probe> probesOf(Skill s) {
    int listed = s.triggers().phrases().size() + s.triggers().keywords().size();
    List<String> all = s.triggers().all();
    return java.util.stream.IntStream.range(0, all.size())
        .mapToObj(i -> new Probe(s, all.get(i), i < listed));
  }

  private static Optional<Collision> collision(Outcome o) {
    return collision(o.probe().skill().id(), o.probe().trigger(), o.hits());
  }

  /**
   * The collision {@code hits} (a listed trigger's ranking) make for {@code owner}, before the
   * "names the rival" filter; also what {@link ProbeOutcome} reads.
   */
  static Optional<Collision> collision(
      SkillId owner, String trigger, List<RouteProbe.Ranked> hits) {
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    RouteProbe.Ranked top = hits.get(0);
    Optional<Double> ownerScore =
        hits.stream().filter(h -> h.id().equals(owner)).map(h -> h.score()).findFirst();
    if (!top.id().equals(owner)) {
      return Optional.of(new Collision(owner, top.id(), trigger, ownerScore, top.score(), false));
    }
    if (hits.size() > 1 && hits.get(1).score() >= top.score() * (1 - MARGIN)) {
      RouteProbe.Ranked second = hits.get(1);
      return Optional.of(
          new Collision(owner, second.id(), trigger, ownerScore, second.score(), true));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code trigger} is the name of {@code skillName} or one of its hyphen-separated words.
   */
  static boolean namesSkill(String trigger, String skillName) {
    String t =
        trigger
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}]+", "-")
            .replaceAll("^-|-$", "");
    return !t.isEmpty() && ("-" + skillName.toLowerCase(Locale.ROOT) + "-").contains("-" + t + "-");
  }

  private static List<CollisionPair> pairs(List<Collision> collisions, List<Skill> skills) {
    Map<String, List<Collision>> byPair = new TreeMap<>();
    for (Collision c : collisions) {
      SkillId a = c.owner().compareTo(c.rival()) <= 0 ? c.owner() : c.rival();
      SkillId b = a.equals(c.owner()) ? c.rival() : c.owner();
      byPair.computeIfAbsent(a.value() + "\u0000" + b.value(), k -> new ArrayList<>()).add(c);
    }
    Map<SkillId, Skill> byId = new TreeMap<>();
    skills.forEach(s -> byId.put(s.id(), s));
    List<CollisionPair> pairs = new ArrayList<>();
    byPair.forEach(
        (key, list) -> {
          String[] ids = key.split("\u0000");
          SkillId a = new SkillId(ids[0]);
          SkillId b = new SkillId(ids[1]);
          pairs.add(new CollisionPair(a, b, list, suggestion(byId.get(a), byId.get(b), list)));
        });
    return pairs;
  }

  static String suggestion(Skill a, Skill b, List<Collision> collisions) {
    for (Collision c : collisions) {
      String t = c.trigger().toLowerCase(Locale.ROOT);
      if (a.description().toLowerCase(Locale.ROOT).contains(t)
          && b.description().toLowerCase(Locale.ROOT).contains(t)) {
        return "both descriptions name \""
            + c.trigger()
            + "\": keep it in the skill that should own it and add"
            + " a \"Not for …\" clause naming that skill to the other";
      }
    }
    Collision first = collisions.get(0);
    return "make the triggers of "
        + first.owner()
        + " name what only it handles (its objects, tools, file"
        + " types), or narrow the description of "
        + first.rival();
  }

  /**
   * The skills none of whose triggers (phrases, keywords, clauses, fallback sentence) routes to
   * them first, each with the rival that wins most often and the words its trigger shares with that
   * rival.
   */
  private static List<Unreachable> unreachable(
      List<Skill> skills, List<Outcome> outcomes, Map<SkillId, String> names, List<Skill> all) {
    Map<SkillId, List<Outcome>> bySkill = new TreeMap<>();
    outcomes.forEach(
        o -> bySkill.computeIfAbsent(o.probe().skill().id(), k -> new ArrayList<>()).add(o));
    Map<SkillId, Skill> byId = new TreeMap<>();
    all.forEach(s -> byId.put(s.id(), s));
    List<Unreachable> out = new ArrayList<>();
    for (Skill s : skills) {
      if (nameOnly(s)) {
        continue; // the agent never picks it: a user calls it by name, which always reaches it
      }
      List<Outcome> tried = bySkill.getOrDefault(s.id(), List.of());
      boolean reached =
          tried.stream().anyMatch(o -> !o.hits().isEmpty() && o.hits().get(0).id().equals(s.id()));
      if (!reached) {
        List<Optional<SkillId>> takenBy =
            tried.stream()
                .map(o -> o.hits().stream().findFirst().map(RouteProbe.Ranked::id))
                .toList();
        List<String> shared =
            new Unreachable(s.id(), List.of(), takenBy)
                .rival()
                .map(
                    r ->
                        SharedWords.of(
                            tried.get(takenBy.indexOf(Optional.of(r))).probe().trigger(),
                            byId.get(r)))
                .orElse(List.of());
        out.add(
            new Unreachable(
                s.id(), tried.stream().map(o -> o.probe().trigger()).toList(), takenBy, shared));
      }
    }
    return out;
  }

  /**
   * Whether {@code disable-model-invocation: true}: Claude Code runs the skill only when a user
   * names it.
   */
  public static boolean nameOnly(Skill s) {
    return Boolean.TRUE.equals(s.frontmatter().get("disable-model-invocation"));
  }

  /**
   * One trigger of a skill; {@code listed} for phrases and keywords, not for clauses and the
   * fallback.
   */
  private record Probe(Skill skill, String trigger, boolean listed) {}

  private record Outcome(Probe probe, List<RouteProbe.Ranked> hits) {}
}
