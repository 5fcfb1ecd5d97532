/**
 * Markdown to sanitized HTML with commonmark-java: link rewriting on the syntax tree, heading ids,
 * tables of contents, cross-links to other skills, the HTML allowlist, and the codec the build
 * cache stores documents with.
 *
 * <p>May import: {@code model}.
 */
package dev.skillsite.markdown;
