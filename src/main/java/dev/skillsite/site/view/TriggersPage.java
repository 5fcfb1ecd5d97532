package dev.skillsite.site.view;

import java.util.List;

/** Every trigger phrase and keyword, A–Z. */
public record TriggersPage(List<LetterGroup<TriggerEntry>> groups, int count) {
  public TriggersPage {
    groups = List.copyOf(groups);
  }
}
