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
 * @param valuePositions where each top-level value and each entry of a top-level mapping ({@code
 *     metadata.version}) starts; a value read leniently falls back on its key's position
 * @param body the Markdown after the closing {@code ---}
 * @param bodyLine the line on which the body starts (from 1)
 * @param warnings problems that do not stop the file from loading (duplicate keys)
 */
record Frontmatter(
    Map<String, Object> values,
    Map<String, SourcePos> keyPositions,
    Map<String, SourcePos> valuePositions,
    String body,
    int bodyLine,
    List<Diagnostic> warnings) {
  /** Where the value of {@code key} ({@code metadata.version} for a nested one) starts. */
  SourcePos valuePos(String key) {
    SourcePos pos = valuePositions.get(key);
    if (pos != null) {
      return pos;
    }
    int dot = key.indexOf('.');
    return keyPositions.get(dot < 0 ? key : key.substring(0, dot));
  }
}
