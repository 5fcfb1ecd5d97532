package dev.skillsite.site.view;

/** A letter of an A–Z list and where its entries start, on this page or another one. */
public record LetterLink(String letter, String href) {}
