package dev.skillsite.markdown;

/**
 * A heading of a document.
 *
 * @param depth 1 for the top level of the table of contents, 2 below it
 * @param id the heading's unique anchor id
 * @param text the heading as plain text
 */
public record TocEntry(int depth, String id, String text) {}
