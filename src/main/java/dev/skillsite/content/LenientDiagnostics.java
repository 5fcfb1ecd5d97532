package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.List;

/**
 * The error a skill gets when its frontmatter is read leniently: where, why, the fix, and what each
 * agent does with such a file. The skill is still published and routed; {@code build} and {@code
 * check} exit 1 on it as on every error. Stateless.
 */
final class LenientDiagnostics {
  /** What agents do with frontmatter that strict YAML rejects. */
  static final String YAML_CONSEQUENCE =
      "Codex and the skills CLI skip this skill, Claude Code loads it leniently";

  /** What agents do with a frontmatter that is never closed. */
  static final String UNCLOSED_CONSEQUENCE =
      "agents that look for the closing '---' (Codex, the skills CLI) skip this skill";

  private LenientDiagnostics() {}

  /**
   * @param strict the strict parser's error (its position is the problem's)
   * @param lines the frontmatter lines, {@code lines.get(0)} on file line {@code firstLine}
   */
  static Diagnostic invalidYaml(Diagnostic strict, List<String> lines, int firstLine) {
    SourcePos pos = strict.pos();
    int index = pos.line() - firstLine;
    String line = index >= 0 && index < lines.size() ? lines.get(index) : "";
    char at = pos.col() - 1 < line.length() ? line.charAt(pos.col() - 1) : ' ';
    String key = ownerKey(lines, index);
    String reason;
    String fix;
    SourcePos where = pos;
    int tab = line.indexOf('\t');
    if (tab >= 0 && line.substring(0, tab).isBlank()) {
      reason = "a line indented with a tab, which YAML forbids";
      fix = "indent with spaces";
      where = new SourcePos(pos.path(), pos.line(), tab + 1);
    } else if (at == ':') {
      reason = "': ' inside the unquoted value of '" + key + "' reads as a second key";
      fix = "quote the value: " + key + ": \"…\"";
    } else {
      reason =
          strict.message().replaceFirst("^invalid YAML: ", "") + " in the value of '" + key + "'";
      fix = "quote the value: " + key + ": \"…\"";
    }
    return Diagnostic.error(
        where,
        "lenient-frontmatter",
        "frontmatter is not valid YAML: "
            + reason
            + "; read leniently, so the skill is published, but "
            + YAML_CONSEQUENCE
            + " (hint: "
            + fix
            + ")");
  }

  /**
   * The frontmatter never closed: read up to {@code lastLine}, the last line that looks like a key.
   */
  static Diagnostic unclosed(String relPath, int lastLine) {
    return Diagnostic.error(
        SourcePos.of(relPath),
        "unterminated-frontmatter",
        "frontmatter opened on line 1 is never closed with '---'; lines 2-"
            + lastLine
            + " read as frontmatter, so the skill is published, but "
            + UNCLOSED_CONSEQUENCE
            + " (hint: add a '---' line after line "
            + lastLine
            + ")");
  }

  /**
   * The top-level key whose value holds line {@code index} (the nearest key line at or above it).
   */
  private static String ownerKey(List<String> lines, int index) {
    for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
      String l = lines.get(i);
      int colon = l.indexOf(':');
      if (colon > 0
          && !Character.isWhitespace(l.charAt(0))
          && !l.startsWith("#")
          && !l.startsWith("-")) {
        return l.substring(0, colon).strip();
      }
    }
    return "the value";
  }
}
