/**
 * Reads a content tree into a {@link dev.skillsite.model.Catalog}: finds every SKILL.md, splits and
 * parses the frontmatter, validates it, finds references, reads skillsite.yaml and the plugin
 * metadata, and groups skills into collections.
 *
 * <p>May import: {@code model}.
 */
package dev.skillsite.content;
