package dev.skillsite.site.view;

import java.util.List;

/** A skill in a list: its page, name, one-line description and trigger phrases. */
public record SkillCard(String id, String href, String name, String summary, List<String> phrases) {
  public SkillCard {
    phrases = List.copyOf(phrases);
  }
}
