package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.List;

/** Routes a phrase over a collection, as the site's router does: best first. */
@FunctionalInterface
public interface RouteProbe {
  /** The skills {@code query} would trigger, best first, at most a few. */
  List<Ranked> rank(String query);

  /** One candidate skill and its router score. */
  record Ranked(SkillId id, double score) {}
}
