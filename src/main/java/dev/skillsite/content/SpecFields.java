package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The types the Agent Skills specification gives {@code metadata} (a mapping of string keys to
 * string values) and {@code allowed-tools} (one space-separated string). Every finding is a
 * warning: the skill loads and its values are read as they are; {@code check --target} re-grades
 * them per agent (Claude Code accepts a list of tools and any metadata). Stateless.
 */
final class SpecFields {
  private SpecFields() {}

  static List<Diagnostic> check(Frontmatter fm) {
    List<Diagnostic> out = new ArrayList<>();
    if (fm.keyPositions().containsKey("metadata")) {
      metadata(fm, out);
    }
    if (fm.keyPositions().containsKey("allowed-tools")) {
      allowedTools(fm, out);
    }
    return out;
  }

  private static void metadata(Frontmatter fm, List<Diagnostic> out) {
    Object value = fm.values().get("metadata");
    if (value == null) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      out.add(
          Diagnostic.warning(
              fm.valuePos("metadata"),
              "invalid-metadata",
              "metadata must be a mapping of string keys to string values, found "
                  + SkillValidator.kind(value)
                  + "; it is shown as it is (hint: write one 'key: value' per line under"
                  + " 'metadata:')"));
      return;
    }
    map.forEach(
        (k, v) -> {
          if (v != null && !(v instanceof String)) {
            String key = String.valueOf(k);
            out.add(
                Diagnostic.warning(
                    fm.valuePos("metadata." + key),
                    "metadata-not-string",
                    "metadata."
                        + SkillValidator.shown(key)
                        + " must be a string, found "
                        + SkillValidator.kind(v)
                        + consequence(v)
                        + " (hint: "
                        + fix(key, v)
                        + ")"));
          }
        });
  }

  private static String consequence(Object v) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return "; readers that follow the specification turn it into text or reject it";
    }
    return "; readers turn it into text differently (1.0 may become 1, false False)";
  }

  private static String fix(String key, Object v) {
    if (key.equals("related") && v instanceof List<?> names) {
      return "write related: " + joined(names, ", ");
    }
    if (v instanceof List<?> items) {
      return "write it as one string: " + key + ": " + joined(items, ", ");
    }
    if (v instanceof Map<?, ?>) {
      return "give each nested value its own string key, e.g. " + key + "-<name>: <value>";
    }
    String shown = v instanceof Long || v instanceof Boolean ? String.valueOf(v) : "…";
    return "quote the value: " + key + ": \"" + shown + "\"";
  }

  private static void allowedTools(Frontmatter fm, List<Diagnostic> out) {
    Object value = fm.values().get("allowed-tools");
    if (value == null || value instanceof String s && s.isBlank()) {
      return;
    }
    if (value instanceof String s) {
      List<String> tools = commaSeparated(s);
      if (tools.size() > 1) {
        out.add(
            Diagnostic.warning(
                fm.valuePos("allowed-tools"),
                "allowed-tools-commas",
                "allowed-tools separates tools with commas; the specification separates them"
                    + " with spaces, so a reader that follows it sees a tool named '"
                    + SkillValidator.shown(tools.get(0))
                    + ",' (hint: write allowed-tools: "
                    + SkillValidator.shown(String.join(" ", tools))
                    + ")"));
      }
      return;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      out.add(
          Diagnostic.warning(
              fm.valuePos("allowed-tools"),
              "allowed-tools-not-string",
              "allowed-tools is a list; the specification writes it as one space-separated"
                  + " string (hint: write allowed-tools: "
                  + joined(list, " ")
                  + ")"));
      return;
    }
    out.add(
        Diagnostic.warning(
            fm.valuePos("allowed-tools"),
            "invalid-allowed-tools",
            "allowed-tools must be a space-separated string of tool names, found "
                + SkillValidator.kind(value)
                + "; the reference validator rejects it (hint: write allowed-tools: Read Grep)"));
  }

  /**
   * The tools of a string that separates them with commas outside parentheses ({@code Read, Grep}),
   * else the whole string as one entry ({@code Bash(git add:*, git commit:*)} is one tool).
   */
  static List<String> commaSeparated(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(s.substring(start).strip());
    List<String> tools = parts.stream().filter(p -> !p.isEmpty()).toList();
    return parts.size() > 1 ? tools : List.of(s.strip());
  }

  private static String joined(List<?> items, String separator) {
    StringBuilder b = new StringBuilder();
    for (Object item : items) {
      if (b.length() > 0) {
        b.append(separator);
      }
      b.append(item);
    }
    return SkillValidator.shown(b.toString());
  }
}
