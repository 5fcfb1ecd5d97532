/**
 * Pages: view models of every page, Pebble rendering with the packaged or overriding templates,
 * Markdown documents of the whole site and their cache, the sitemap, {@code skills.json},
 * robots.txt and the copied assets.
 *
 * <p>May import: {@code audit}, {@code cache}, {@code check}, {@code content}, {@code markdown},
 * {@code model}, {@code output}.
 */
package dev.skillsite.site;
