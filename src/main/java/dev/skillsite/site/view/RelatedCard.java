package dev.skillsite.site.view;

/** A related skill on a skill page; stars and forks are {@code ""} when not known. */
public record RelatedCard(
    String href,
    String name,
    String summary,
    String reason,
    boolean declared,
    String repoLabel,
    String stars,
    String forks) {}
