package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the routing health shows of one trigger's ranking for one skill that has the trigger: the
 * skill it routes to first (which decides reachability) and, for a listed trigger (a phrase or a
 * keyword), the collision it makes as the health page and the findings print it (rival, the two
 * scores to two decimals, collision or ambiguous). When every probe of every ranking that changed
 * has the same outcome before and after, the health report and every skill's health section are the
 * same: a patch rebuild compares these instead of checking the whole collection again.
 *
 * @param top the skill the trigger routes to first; empty when the router abstains
 * @param collision the collision as shown, unfiltered by the "trigger names the rival" rule (names
 *     do not change in a patch, so equal here means equal after it); empty when none
 */
public record ProbeOutcome(Optional<SkillId> top, Optional<String> collision) {
  /**
   * @param owner the skill that has the trigger
   * @param listed whether the trigger is one of its phrases or keywords (only those collide)
   * @param hits the ranking as the health check probes it (top 5, abstention empty)
   */
  public static ProbeOutcome of(
      SkillId owner, String trigger, boolean listed, List<RouteProbe.Ranked> hits) {
    Optional<SkillId> top = hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0).id());
    Optional<String> collision =
        listed
            ? RoutingAnalyzer.collision(owner, trigger, hits).map(ProbeOutcome::shown)
            : Optional.empty();
    return new ProbeOutcome(top, collision);
  }

  /**
   * Whether the health report leaves out {@code trigger}'s collision with a rival named {@code
   * rivalName} (the trigger names that skill: a dispatcher listing its family's names).
   */
  public static boolean namesRival(String trigger, String rivalName) {
    return RoutingAnalyzer.namesSkill(trigger, rivalName);
  }

  /** A collision pair's suggestion, as the health check writes it ({@code a} sorts first). */
  public static String suggestion(
      dev.skillsite.model.Skill a, dev.skillsite.model.Skill b, List<Collision> collisions) {
    return RoutingAnalyzer.suggestion(a, b, collisions);
  }

  private static String shown(Collision c) {
    return c.rival().value()
        + " "
        + c.ownerScore().map(ProbeOutcome::score).orElse("–")
        + " "
        + score(c.rivalScore())
        + (c.ambiguous() ? " ambiguous" : " collision");
  }

  private static String score(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }
}
