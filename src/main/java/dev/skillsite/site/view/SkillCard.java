package dev.skillsite.site.view;

import java.util.List;

/** A skill in a list: its page, name, one-line description, trigger phrases and audit badge. */
public record SkillCard(
    String id, String href, String name, String summary, List<String> phrases, AuditBadge audit) {
  public SkillCard(String id, String href, String name, String summary, List<String> phrases) {
    this(id, href, name, summary, phrases, AuditBadge.NONE);
  }

  public SkillCard {
    phrases = List.copyOf(phrases);
  }
}
