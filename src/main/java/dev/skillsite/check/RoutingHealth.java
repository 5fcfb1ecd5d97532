package dev.skillsite.check;

import java.util.List;

/**
 * How well a collection routes: the skills that compete for the same triggers and the skills their
 * own triggers do not reach. Both lists are in a stable order (by skill id, then trigger order).
 */
public record RoutingHealth(List<CollisionPair> pairs, List<Unreachable> unreachable, int probes) {
  public static final RoutingHealth NOT_CHECKED = new RoutingHealth(List.of(), List.of(), 0);

  public RoutingHealth {
    pairs = List.copyOf(pairs);
    unreachable = List.copyOf(unreachable);
  }

  /** Every collision of every pair, in pair order. */
  public List<Collision> collisions() {
    return pairs.stream().flatMap(p -> p.collisions().stream()).toList();
  }
}
