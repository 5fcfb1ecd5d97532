package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An unreachable skill as the routing health shows it, made from its triggers' rankings alone: the
 * report's entry ({@link #reason}) and the skill's {@code unreachable-skill} finding ({@link
 * #finding}). The full check ({@link RoutingAnalyzer}, {@link RoutingRule}, {@link
 * RoutingHealthView}) and a patch that moves one skill's reachability write them the same way.
 */
public final class UnreachableEntry {
  private UnreachableEntry() {}

  /**
   * The unreachable skill {@code id} whose triggers ({@code triggers}, in its probe order) route
   * first to {@code takenBy} (empty: the router abstains); the words its rival's trigger shares
   * with that rival ({@code skills} gives the rival as the report reads it); empty when the rival
   * is not known.
   */
  public static Optional<Unreachable> of(
      SkillId id,
      List<String> triggers,
      List<Optional<SkillId>> takenBy,
      Function<SkillId, Optional<Skill>> skills) {
    Optional<SkillId> rival = new Unreachable(id, List.of(), takenBy).rival();
    if (rival.isEmpty()) {
      return Optional.of(new Unreachable(id, triggers, takenBy, List.of()));
    }
    Optional<Skill> r = skills.apply(rival.get());
    return r.map(
        s ->
            new Unreachable(
                id, triggers, takenBy, SharedWords.of(triggers.get(takenBy.indexOf(rival)), s)));
  }

  /** Why the report lists {@code u} unreachable ({@code names}: a skill's name). */
  public static String reason(Unreachable u, Function<SkillId, String> names) {
    return u.hasNoTriggers()
        ? "its description says nothing a request could match"
        : (u.triggers().size() == 1
                ? "its only trigger, \""
                    + u.triggers().get(0)
                    + "\", "
                    + (u.noneFires()
                        ? "fires no skill on its own (too few specific words)"
                        : "routes elsewhere first")
                : "none of its "
                    + u.triggers().size()
                    + " triggers routes to it first"
                    + (u.noneFires()
                        ? ": none fires a skill on its own (too few specific words)"
                        : ""))
            + u.rival()
                .map(
                    r ->
                        "; "
                            + names.apply(r)
                            + " wins"
                            + (u.sharedWords().isEmpty()
                                ? ""
                                : " on the words " + String.join(", ", u.sharedWords())))
                .orElse("");
  }

  /** The message of {@code u}'s {@code unreachable-skill} finding (it has triggers). */
  public static String finding(Unreachable u) {
    String which =
        u.triggers().size() == 1
            ? "its only trigger does not route"
            : "none of its " + u.triggers().size() + " triggers routes";
    return which
        + " to this skill first: "
        + examples(u)
        + u.rival()
            .filter(r -> !u.sharedWords().isEmpty())
            .map(
                r -> "; '" + r.value() + "' shares the words " + String.join(", ", u.sharedWords()))
            .orElse("")
        + (u.noneFires()
            ? "; on its own a trigger needs words few skills use: name what only this skill handles"
                + " (its tools, objects, file types)"
            : "");
  }

  private static final int SHOWN = 3;

  private static String examples(Unreachable u) {
    List<String> shown = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(SHOWN, u.triggers().size()); i++) {
      Optional<SkillId> to = u.takenBy().get(i);
      shown.add(
          "\"" + u.triggers().get(i) + "\" → " + to.map(SkillId::value).orElse("no skill fires"));
    }
    return String.join(", ", shown) + (u.triggers().size() > SHOWN ? ", …" : "");
  }
}
