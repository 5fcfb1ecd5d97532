package dev.skillsite.site.view;

import java.util.List;

/** A Markdown file of a skill, as a sub-page; {@code siblings} are the skill's other files. */
public record ReferencePage(String title, String path, LinkView skill, String sourceUrl, HtmlBlock body,
    List<LinkView> siblings) {
  public ReferencePage {
    siblings = List.copyOf(siblings);
  }
}
