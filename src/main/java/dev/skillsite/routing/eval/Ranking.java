package dev.skillsite.routing.eval;

import java.util.List;

/**
 * What a router answered for one query: skill names best first, and whether the first one fires.
 */
public record Ranking(List<String> names, boolean triggered) {
  public Ranking {
    names = names.stream().distinct().toList();
  }
}
