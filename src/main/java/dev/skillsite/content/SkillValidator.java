package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed SKILL.md against the Agent Skills specification. A missing, empty or non-string
 * {@code description} is an error; everything else (name format and folder match, lengths, unknown
 * keys, the types of {@code metadata} and {@code allowed-tools}, a long body) is a warning.
 * Stateless and thread-safe.
 */
final class SkillValidator {
  private static final int SHOWN = 80;

  static final int MAX_NAME = 64;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_COMPATIBILITY = 500;
  static final int MAX_BODY_LINES = 500;

  /** Top-level keys of the Agent Skills specification. */
  static final Set<String> SPEC_KEYS =
      Set.of("name", "description", "license", "allowed-tools", "metadata", "compatibility");

  /** Keys Claude Code understands beyond the specification. */
  static final Set<String> CLAUDE_CODE_KEYS =
      Set.of(
          "when_to_use",
          "argument-hint",
          "disable-model-invocation",
          "user-invocable",
          "model",
          "allowed-tools",
          "context",
          "agent",
          "hooks",
          "paths",
          "version");

  private static final Pattern NAME_CHARS = Pattern.compile("[a-z0-9-]+");

  SkillHeader validate(Frontmatter fm, String relPath, String folderName) throws ContentException {
    List<Diagnostic> warnings = new ArrayList<>(fm.warnings());
    String description = description(fm, relPath);
    String name = name(fm, relPath, folderName, warnings);
    SourcePos descPos = fm.keyPositions().get("description");
    int descLength = description.codePointCount(0, description.length());
    if (descLength > MAX_DESCRIPTION) {
      warnings.add(
          Diagnostic.warning(
              descPos,
              "description-too-long",
              "description is " + descLength + " characters; the limit is " + MAX_DESCRIPTION));
    }
    if (fm.values().get("compatibility") instanceof String c
        && c.codePointCount(0, c.length()) > MAX_COMPATIBILITY) {
      warnings.add(
          Diagnostic.warning(
              fm.keyPositions().get("compatibility"),
              "compatibility-too-long",
              "compatibility is "
                  + c.codePointCount(0, c.length())
                  + " characters; the limit is "
                  + MAX_COMPATIBILITY));
    }
    fm.keyPositions().forEach((key, pos) -> unknownKey(key, pos).ifPresent(warnings::add));
    warnings.addAll(SpecFields.check(fm));
    int bodyLines = lineCount(fm.body());
    if (bodyLines > MAX_BODY_LINES) {
      warnings.add(
          Diagnostic.warning(
              new SourcePos(relPath, fm.bodyLine(), 1),
              "body-too-long",
              "body is "
                  + bodyLines
                  + " lines; keep it under "
                  + MAX_BODY_LINES
                  + " and move detail into reference files"));
    }
    return new SkillHeader(name, description, warnings);
  }

  private static String description(Frontmatter fm, String relPath) throws ContentException {
    SourcePos pos = fm.keyPositions().get("description");
    if (pos == null) {
      throw new ContentException(
          Diagnostic.error(
              SourcePos.of(relPath),
              "missing-description",
              "missing frontmatter key 'description'"));
    }
    Object value = fm.values().get("description");
    if (value == null) {
      throw new ContentException(
          Diagnostic.error(pos, "empty-description", "description is empty"));
    }
    if (!(value instanceof String s)) {
      throw new ContentException(
          Diagnostic.error(
              pos, "invalid-description", "description must be a string, found " + kind(value)));
    }
    if (s.isBlank()) {
      throw new ContentException(
          Diagnostic.error(pos, "empty-description", "description is empty"));
    }
    return s;
  }

  private static String name(
      Frontmatter fm, String relPath, String folderName, List<Diagnostic> warnings) {
    SourcePos pos = fm.keyPositions().get("name");
    Object value = fm.values().get("name");
    if (pos == null || value == null || (value instanceof String s && s.isBlank())) {
      warnings.add(
          Diagnostic.warning(
              pos == null ? SourcePos.of(relPath) : pos,
              "missing-name",
              "missing frontmatter key 'name'; using the folder name '" + folderName + "'"));
      return folderName;
    }
    if (!(value instanceof String name)) {
      warnings.add(
          Diagnostic.warning(
              pos,
              "invalid-name",
              "name must be a string, found "
                  + kind(value)
                  + "; using the folder name '"
                  + folderName
                  + "'"));
      return folderName;
    }
    nameFormat(name, pos).ifPresent(warnings::add);
    if (!name.equals(folderName)) {
      warnings.add(
          Diagnostic.warning(
              pos,
              "name-folder-mismatch",
              "name '" + shown(name) + "' does not match its folder name '" + folderName + "'"));
    }
    return name;
  }

  private static Optional<Diagnostic> nameFormat(String name, SourcePos pos) {
    int length = name.codePointCount(0, name.length());
    String problem = null;
    if (length > MAX_NAME) {
      problem = "is " + length + " characters; the limit is " + MAX_NAME;
    } else if (!NAME_CHARS.matcher(name).matches()) {
      problem = "must be lowercase letters, digits and hyphens";
    } else if (name.startsWith("-") || name.endsWith("-")) {
      problem = "must not start or end with a hyphen";
    } else if (name.contains("--")) {
      problem = "must not contain two hyphens in a row";
    }
    return Optional.ofNullable(problem)
        .map(p -> Diagnostic.warning(pos, "invalid-name", "name '" + shown(name) + "' " + p));
  }

  private static Optional<Diagnostic> unknownKey(String key, SourcePos pos) {
    if (SPEC_KEYS.contains(key)) {
      return Optional.empty();
    }
    if (CLAUDE_CODE_KEYS.contains(key)) {
      return Optional.of(
          Diagnostic.warning(
              pos,
              "claude-code-key",
              "key '"
                  + shown(key)
                  + "' is a Claude Code extension, not in the Agent Skills specification"));
    }
    return Optional.of(
        Diagnostic.warning(
            pos,
            "unknown-key",
            "unknown key '" + shown(key) + "' (not in the Agent Skills specification)"));
  }

  static int lineCount(String body) {
    if (body.isEmpty()) {
      return 0;
    }
    int lines = 1;
    for (int nl = body.indexOf('\n');
        nl >= 0 && nl < body.length() - 1;
        nl = body.indexOf('\n', nl + 1)) {
      lines++;
    }
    return lines;
  }

  static String kind(Object value) {
    if (value instanceof java.util.Map) {
      return "a mapping";
    }
    if (value instanceof java.util.List) {
      return "a list";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof String) {
      return "a string";
    }
    return "a " + value.getClass().getSimpleName();
  }

  /**
   * A value as quoted in a message: long ones are cut, so that one diagnostic stays one readable
   * line.
   */
  static String shown(String value) {
    return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
  }
}
