package dev.skillsite.site.view;

import java.util.List;

/** Entries under one initial letter of an A–Z list; {@code anchor} is the id of its heading. */
public record LetterGroup<T>(String letter, String anchor, List<T> entries) {
  public LetterGroup {
    entries = List.copyOf(entries);
  }
}
