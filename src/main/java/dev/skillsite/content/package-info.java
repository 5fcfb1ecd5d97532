/**
 * Reads a content tree into a {@link dev.skillsite.model.Catalog}: finds every SKILL.md, splits and
 * parses the frontmatter, validates it, finds references, reads skillsite.yaml and the plugin
 * metadata, and groups skills into collections.
 *
 * <p>Diagnostic codes (stable; other stages re-grade by code). Errors skip the SKILL.md they
 * concern: {@code missing-frontmatter}, {@code unterminated-frontmatter}, {@code invalid-yaml},
 * {@code yaml-too-complex} (alias bombs, deep nesting), {@code yaml-too-large}, {@code
 * frontmatter-not-mapping}, {@code missing-description}, {@code empty-description}, {@code
 * invalid-description}, {@code invalid-utf8}, {@code file-too-large}, {@code unreadable-file}.
 * Errors that skip nothing: {@code lenient-frontmatter} (strict YAML rejected the frontmatter; read
 * by {@link dev.skillsite.content.LenientFrontmatter}), {@code unterminated-frontmatter} when lines
 * after the opening {@code ---} look like keys (read up to the last of them), {@code invalid-json}
 * and {@code invalid-marketplace} (marketplace.json or plugin.json ignored), {@code invalid-yaml}
 * on skillsite.yaml (defaults used). Warnings: {@code missing-name}, {@code invalid-name}, {@code
 * name-folder-mismatch}, {@code byte-order-mark}, {@code duplicate-name}, {@code duplicate-key},
 * {@code description-too-long}, {@code compatibility-too-long}, {@code unknown-key}, {@code
 * claude-code-key}, {@code body-too-long}, {@code symlink-skipped}, {@code duplicate-skill-file},
 * {@code unreadable-path}, {@code reference-skipped}, {@code too-many-references}, {@code
 * missing-skill-path}, {@code missing-plugin-source}, {@code invalid-plugin-source}, {@code
 * invalid-skill-path}, {@code invalid-plugin}, {@code unknown-config-key}, {@code
 * invalid-config-value}, {@code unknown-related-skill}.
 *
 * <p>May import: {@code model}, {@code triggers}.
 */
package dev.skillsite.content;
