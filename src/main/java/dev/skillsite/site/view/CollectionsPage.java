package dev.skillsite.site.view;

import java.util.List;

/**
 * One page of every collection A–Z ({@code collections/index.html}, {@code collections/page_2.html}
 * …), written when the home page cannot list them all: this page's collections by letter, links to
 * where each letter starts and the count of all collections.
 */
public record CollectionsPage(
    List<LetterGroup<LinkView>> groups, int count, List<LetterLink> letters) {
  public CollectionsPage {
    groups = List.copyOf(groups);
    letters = List.copyOf(letters);
  }
}
