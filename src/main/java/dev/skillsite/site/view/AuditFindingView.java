package dev.skillsite.site.view;

/** One audit finding as a page shows it: {@code where} is {@code path:line:col}; all plain text. */
public record AuditFindingView(
    String where, String severity, String rule, String category, String excerpt, String message) {}
