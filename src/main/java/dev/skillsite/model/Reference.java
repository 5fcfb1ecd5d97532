package dev.skillsite.model;

/**
 * A Markdown file beside a SKILL.md (under {@code references/} or elsewhere in the skill folder),
 * published as a sub-page of the skill.
 *
 * @param path path relative to the skill folder, {@code /} separators, e.g. {@code
 *     references/api.md}
 * @param title its first heading, else its file name
 * @param markdown the file's text
 */
public record Reference(String path, String title, String markdown) {}
