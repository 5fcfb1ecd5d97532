package dev.skillsite.site.view;

import java.util.List;

/**
 * A Markdown file of a skill, as a sub-page.
 *
 * @param siblings the skill's files listed beside this one: all of them, or for a skill with many,
 *     those of this file's folder around it
 * @param files how many files (besides SKILL.md) the skill has; more than {@code siblings} when the
 *     list is cut
 * @param allFilesHref the full list of the skill's files, on its page
 */
public record ReferencePage(
    String title,
    String path,
    LinkView skill,
    String sourceUrl,
    HtmlBlock body,
    List<LinkView> siblings,
    int files,
    String allFilesHref) {
  public ReferencePage {
    siblings = List.copyOf(siblings);
  }

  /** Whether {@link #siblings} leaves some of the skill's files out. */
  public boolean partial() {
    return siblings.size() < files;
  }
}
