package dev.skillsite.site.view;

/** A link with a label and an optional ({@code ""}) line of description. */
public record LinkView(String href, String label, String description) {}
