package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.List;
import java.util.Map;

/**
 * A SKILL.md split into its parsed frontmatter and its body.
 *
 * @param values every top-level key with its plain Java value, in file order
 * @param keyPositions where each top-level key is written
 * @param body the Markdown after the closing {@code ---}
 * @param bodyLine the line on which the body starts (from 1)
 * @param warnings problems that do not stop the file from loading (duplicate keys)
 */
record Frontmatter(
    Map<String, Object> values,
    Map<String, SourcePos> keyPositions,
    String body,
    int bodyLine,
    List<Diagnostic> warnings) {}
