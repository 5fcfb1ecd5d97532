package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Probes triggers with the site's own router ({@link Router} over an in-memory {@link
 * RoutingIndex}). A phrase the router abstains on routes nowhere: it would fire no skill. Close it
 * to free the index. Equal scores rank by skill id.
 */
public final class RouterProbe implements RouteProbe, AutoCloseable {
  /** Hits read per phrase. */
  static final int TOP = 5;

  private final RoutingIndex index;
  private final Router router;
  private final boolean ownsIndex;

  private RouterProbe(RoutingIndex index, boolean ownsIndex) {
    this.index = index;
    this.router = new Router(index);
    this.ownsIndex = ownsIndex;
  }

  /** Builds the router over the skills given (their triggers already extracted). */
  public static ProbeFactory factory() {
    return (skills, confidence) ->
        Optional.of(new RouterProbe(RoutingIndex.build(List.copyOf(skills), confidence), true));
  }

  static RouterProbe over(List<Skill> skills) {
    return new RouterProbe(RoutingIndex.build(skills), true);
  }

  /**
   * Probes an index the caller already has (the build's), so the site's routing health comes from
   * the very index it publishes; closing the probe leaves the index open.
   */
  public static RouterProbe sharing(RoutingIndex index) {
    return new RouterProbe(index, false);
  }

  @Override
  public List<Ranked> rank(String query) {
    return router.rank(query, TOP).probed().stream()
        .map(h -> new Ranked(h.id(), h.score()))
        .toList();
  }

  @Override
  public void close() throws IOException {
    if (ownsIndex) {
      index.close();
    }
  }
}
