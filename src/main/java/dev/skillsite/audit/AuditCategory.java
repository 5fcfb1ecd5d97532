package dev.skillsite.audit;

import java.util.Optional;

/** What a rule looks for, in the words a reader sees on the audit page. */
public enum AuditCategory {
  HIDDEN_TEXT("hidden-text", "Hidden text"),
  AGAINST_USER("against-user", "Instructions against the user"),
  DATA_EXFILTRATION("data-exfiltration", "Data leaving the machine"),
  REMOTE_CODE("remote-code", "Remote code"),
  DESTRUCTION("destruction", "Destruction and persistence"),
  PERMISSIONS("permissions", "Permissions");

  private final String id;
  private final String title;

  AuditCategory(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public static Optional<AuditCategory> parse(String id) {
    for (AuditCategory c : values()) {
      if (c.id.equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
