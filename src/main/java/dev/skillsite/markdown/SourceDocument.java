package dev.skillsite.markdown;

import dev.skillsite.model.MarkdownText;
import dev.skillsite.model.SkillId;

/**
 * One Markdown file to render: a skill's body or one of its references.
 *
 * @param path the file relative to the content root, {@code /} separators: where diagnostics point
 * @param skill the skill it belongs to (cross-links never point back to it)
 * @param skillDir the skill folder relative to the content root ({@code ""} at the root)
 * @param text the Markdown text (a reference's is read again from its file each time it is asked
 *     for: take {@link MarkdownText#length()} when only the length is wanted)
 * @param firstLine the line of {@code path} on which {@code markdown} starts (from 1)
 */
public record SourceDocument(
    String path, SkillId skill, String skillDir, MarkdownText text, int firstLine) {
  public SourceDocument {
    if (firstLine < 1) {
      throw new IllegalArgumentException("lines count from 1: " + firstLine);
    }
  }

  public SourceDocument(
      String path, SkillId skill, String skillDir, String markdown, int firstLine) {
    this(path, skill, skillDir, MarkdownText.of(markdown), firstLine);
  }

  /** The Markdown text. */
  public String markdown() {
    return text.text();
  }
}
