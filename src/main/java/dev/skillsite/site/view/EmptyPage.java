package dev.skillsite.site.view;

/** The model of pages that show nothing beyond the layout (search, 404). */
public record EmptyPage() {}
