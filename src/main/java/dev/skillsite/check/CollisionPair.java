package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.List;

/**
 * Two skills that compete for the same requests, with every trigger of either that is lost to or
 * shared with the other. {@code first} sorts before {@code second}.
 *
 * @param suggestion what an author could change
 */
public record CollisionPair(
    SkillId first, SkillId second, List<Collision> collisions, String suggestion) {
  public CollisionPair {
    collisions = List.copyOf(collisions);
  }
}
