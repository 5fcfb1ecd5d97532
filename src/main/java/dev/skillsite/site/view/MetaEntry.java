package dev.skillsite.site.view;

/** One frontmatter key shown as text. */
public record MetaEntry(String key, String value) {}
