package dev.skillsite.site.view;

/**
 * A trigger phrase or keyword and the skill it belongs to; {@code kind} is "phrase" or "keyword".
 */
public record TriggerEntry(String text, String kind, String skillName, String href) {}
