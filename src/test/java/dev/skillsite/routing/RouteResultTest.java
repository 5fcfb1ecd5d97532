package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.SkillId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranking the routing health reads, one mapping for the probe and the patched index. */
class RouteResultTest {
  private static RouteHit hit(String id, double score) {
    return new RouteHit(new SkillId(id), id, score, 0.5, "description", "");
  }

  @Test
  void probedIsByScoreThenIdAndNoneWhenAbstaining() {
    List<RouteHit> hits = List.of(hit("c", 2.0), hit("b", 3.0), hit("a", 2.0));
    assertEquals(
        List.of("b", "a", "c"),
        new RouteResult("q", false, false, hits)
            .probed().stream().map(h -> h.id().value()).toList());
    assertEquals(List.of(), new RouteResult("q", true, false, hits).probed());
  }
}
