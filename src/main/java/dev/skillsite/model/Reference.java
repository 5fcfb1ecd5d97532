package dev.skillsite.model;

/**
 * A Markdown file beside a SKILL.md (under {@code references/} or elsewhere in the skill folder),
 * published as a sub-page of the skill.
 *
 * @param path path relative to the skill folder, {@code /} separators, e.g. {@code
 *     references/api.md}
 * @param title its first heading, else its file name
 * @param text the file's text: read again from the file when asked for, as loaded from a content
 *     tree (see {@link MarkdownText})
 */
public record Reference(String path, String title, MarkdownText text) {
  /** A reference whose text is held in memory. */
  public Reference(String path, String title, String markdown) {
    this(path, title, MarkdownText.of(markdown));
  }

  /** The file's text. */
  public String markdown() {
    return text.text();
  }
}
