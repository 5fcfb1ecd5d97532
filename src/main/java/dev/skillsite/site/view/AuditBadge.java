package dev.skillsite.site.view;

/**
 * A skill's audit badge: {@code level} is {@code clean}, {@code warning} or {@code danger} ({@code
 * ""} when the site was built without an audit), {@code label} what it says, {@code href} the skill
 * page's findings.
 */
public record AuditBadge(String level, String label, String href) {
  public static final AuditBadge NONE = new AuditBadge("", "", "");
}
