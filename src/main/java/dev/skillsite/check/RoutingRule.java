package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns a {@link RoutingHealth} into findings on the SKILL.md that lists each trigger. */
final class RoutingRule implements Rule {
  private static final int SHOWN = 3;

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
        String which =
            u.triggers().size() == 1
                ? "its only trigger does not route"
                : "none of its " + u.triggers().size() + " triggers routes";
        out.add(
            Diagnostic.warning(
                at,
                "unreachable-skill",
                which
                    + " to this skill first: "
                    + examples(u)
                    + u.rival()
                        .filter(r -> !u.sharedWords().isEmpty())
                        .map(
                            r ->
                                "; '"
                                    + r.value()
                                    + "' shares the words "
                                    + String.join(", ", u.sharedWords()))
                        .orElse("")
                    + (u.noneFires()
                        ? "; on its own a trigger needs words few skills use: name what only this skill handles"
                            + " (its tools, objects, file types)"
                        : "")));
      }
    }
    return out;
  }

  private static String examples(Unreachable u) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(SHOWN, u.triggers().size()); i++) {
      Optional<SkillId> to = u.takenBy().get(i);
      shown.add(
          "\"" + u.triggers().get(i) + "\" → " + to.map(SkillId::value).orElse("no skill fires"));
    }
    return String.join(", ", shown) + (u.triggers().size() > SHOWN ? ", …" : "");
  }

  private static String score(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }
}
