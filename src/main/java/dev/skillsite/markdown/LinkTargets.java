package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.Optional;

/**
 * What the site publishes, as seen from one document: how relative links and images in Markdown
 * resolve. All paths are relative to the content root, normalised, {@code /} separators; every
 * returned href is relative to the page that publishes {@code from}.
 */
public interface LinkTargets {
  /**
   * The page publishing {@code target}: a skill's SKILL.md or folder, or a Markdown file beside it.
   */
  Optional<String> page(String from, String target);

  /**
   * Whether the page publishing {@code target} (a path {@link #page} accepts) has an element with
   * this id.
   */
  boolean hasAnchor(String target, String anchor);

  /**
   * A published copy of the file {@code target}, when it is a regular file that may be published.
   */
  Optional<String> file(String from, String target);

  /** Whether anything exists at {@code target} in the content tree (a file or a folder). */
  boolean exists(String target);

  /**
   * What {@code target} is when it exists but is no regular file (a symbolic link, a folder, a
   * FIFO, socket or device), to say so in the warning; empty for a regular file.
   */
  default Optional<String> notARegularFile(String target) {
    return Optional.empty();
  }

  /** The page of a skill, for cross-links. */
  String skill(String from, SkillId id);
}
