package dev.skillsite.site.view;

/** An upstream collection credited on the site; absent values are {@code ""}. */
public record CreditView(String name, String url, String license, String stars, String forks) {}
