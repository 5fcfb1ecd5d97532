package dev.skillsite.site.view;

import java.util.List;

/**
 * One page of every trigger phrase and keyword A–Z: this page's entries by letter, links to where
 * each letter starts (on any page) and the count of all entries.
 */
public record TriggersPage(
    List<LetterGroup<TriggerEntry>> groups, int count, List<LetterLink> letters) {
  public TriggersPage {
    groups = List.copyOf(groups);
    letters = List.copyOf(letters);
  }
}
