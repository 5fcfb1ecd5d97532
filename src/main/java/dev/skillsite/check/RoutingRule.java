package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns a {@link RoutingHealth} into findings on the SKILL.md that lists each trigger. */
final class RoutingRule implements Rule {
  private final RoutingHealth health;

  RoutingRule(RoutingHealth health) {
    this.health = health;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    Map<SkillId, Skill> skills = new TreeMap<>();
    context.catalog().skills().forEach(s -> skills.put(s.id(), s));
    List<Diagnostic> out = new ArrayList<>();
    for (Collision c : health.collisions()) {
      Skill owner = skills.get(c.owner());
      var at = context.locator().text(owner, c.trigger());
      String own =
          c.ownerScore()
              .map(s -> "this skill " + score(s))
              .orElse("this skill not in the top hits");
      out.add(
          c.ambiguous()
              ? Diagnostic.warning(
                  at,
                  "trigger-ambiguous",
                  "trigger \""
                      + c.trigger()
                      + "\" is ambiguous: '"
                      + c.rival()
                      + "' scores "
                      + score(c.rivalScore())
                      + " against "
                      + c.ownerScore().map(RoutingRule::score).orElse("?")
                      + " for this skill (within "
                      + Math.round(RoutingAnalyzer.MARGIN * 100)
                      + "%)")
              : Diagnostic.warning(
                  at,
                  "trigger-collision",
                  "trigger \""
                      + c.trigger()
                      + "\" routes to '"
                      + c.rival()
                      + "' first (score "
                      + score(c.rivalScore())
                      + "; "
                      + own
                      + ")"));
    }
    for (Unreachable u : health.unreachable()) {
      Skill skill = skills.get(u.id());
      var at = context.locator().key(skill, "description");
      if (u.hasNoTriggers()) {
        out.add(
            Diagnostic.warning(
                at,
                "no-triggers",
                "description says nothing a request could match: no"
                    + " trigger phrase (\"…\"), keyword (mentions X, Y), \"Use when …\" clause or sentence of what it does"));
      } else {
        out.add(Diagnostic.warning(at, "unreachable-skill", UnreachableEntry.finding(u)));
      }
    }
    return out;
  }

  private static String score(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }
}
