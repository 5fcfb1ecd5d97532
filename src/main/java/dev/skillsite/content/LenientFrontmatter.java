package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frontmatter as a lenient agent reads it when strict YAML rejects it (Claude Code loads such
 * skills; Codex and the {@code skills} CLI skip them). The reading, line by line:
 *
 * <ul>
 *   <li>a line starting at column 1 with a key ({@code [A-Za-z0-9_][A-Za-z0-9_.-]*}) and {@code :}
 *       followed by a blank or the line end starts a key; the first {@code ": "} splits, so later
 *       colons stay in the value;
 *   <li>every other line (indented, tab-indented, blank, or a {@code - item} at column 1) continues
 *       the current key; lines before the first key and {@code #} comment lines at column 1 are
 *       skipped;
 *   <li>a key with an inline value joins its continuation lines with single spaces; {@code |} and
 *       {@code >} values keep or fold their lines; an empty inline value whose lines are all {@code
 *       - item} is a list, all {@code key: value} a mapping of strings;
 *   <li>a value wrapped in matching quotes loses them ({@code ''} and {@code \"} unescaped); {@code
 *       true} and {@code false} are booleans, {@code null}, {@code ~} and empty values drop the
 *       key; the rest are strings.
 * </ul>
 *
 * <p>It is linear in the text, which is held to the same size cap as strict YAML. Stateless and
 * thread-safe.
 */
final class LenientFrontmatter {
  private static final Pattern KEY_LINE =
      Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \\t]*:(?:[ \\t]+(.*))?");
  private static final Pattern ITEM = Pattern.compile("-(?:[ \\t]+(.*))?");

  /** What the lenient reading found: every top-level key with its value and position. */
  record Reading(
      Map<String, Object> values, Map<String, SourcePos> positions, List<Diagnostic> warnings) {}

  private LenientFrontmatter() {}

  /**
   * @param lines the frontmatter lines, without the fences
   * @param firstLine the file line of {@code lines.get(0)} (from 1)
   */
  static Reading read(List<String> lines, String relPath, int firstLine) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, SourcePos> positions = new LinkedHashMap<>();
    List<Diagnostic> warnings = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher key = KEY_LINE.matcher(lines.get(i));
      if (!key.matches()) {
        i++;
        continue;
      }
      int start = i++;
      List<String> more = new ArrayList<>();
      while (i < lines.size() && !KEY_LINE.matcher(lines.get(i)).matches()) {
        if (!lines.get(i).startsWith("#")) {
          more.add(lines.get(i));
        }
        i++;
      }
      String name = key.group(1);
      SourcePos pos = new SourcePos(relPath, firstLine + start, 1);
      if (positions.containsKey(name)) {
        warnings.add(
            Diagnostic.warning(
                pos,
                "duplicate-key",
                "key '"
                    + name
                    + "' appears again (first on line "
                    + positions.get(name).line()
                    + "); the last value is used"));
      }
      positions.put(name, pos);
      Object value = value(key.group(2) == null ? "" : key.group(2).strip(), trimBlankEnd(more));
      if (value == null) {
        values.remove(name);
      } else {
        values.put(name, value);
      }
    }
    return new Reading(
        Collections.unmodifiableMap(values), Collections.unmodifiableMap(positions), warnings);
  }

  /**
   * How many of {@code lines} look like frontmatter, for a file whose closing {@code ---} is
   * missing: key lines and their indented, list-item or blank continuation lines, up to the first
   * line that is none of these (the Markdown body), trailing blank lines left to the body. 0 when
   * the first line is no key.
   */
  static int extent(List<String> lines) {
    int end = 0;
    boolean started = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (KEY_LINE.matcher(line).matches()) {
        started = true;
        end = i + 1;
      } else if (line.isBlank()) {
        continue;
      } else if (started
          && (Character.isWhitespace(line.charAt(0)) || ITEM.matcher(line).matches())) {
        end = i + 1;
      } else {
        break;
      }
    }
    return end;
  }

  private static Object value(String inline, List<String> more) {
    if (inline.isEmpty()) {
      return block(more);
    }
    if (inline.matches("[|>][-+]?")) {
      return blockScalar(inline, more);
    }
    StringBuilder joined = new StringBuilder(inline);
    for (String line : more) {
      if (!line.isBlank()) {
        joined.append(' ').append(line.strip());
      }
    }
    return scalar(joined.toString());
  }

  /**
   * The lines under a key with no inline value: a list, a mapping of strings, or one joined string.
   */
  private static Object block(List<String> more) {
    List<String> content = more.stream().filter(l -> !l.isBlank()).map(String::strip).toList();
    if (content.isEmpty()) {
      return null;
    }
    if (content.stream().allMatch(l -> ITEM.matcher(l).matches())) {
      List<Object> items = new ArrayList<>();
      for (String l : content) {
        Matcher m = ITEM.matcher(l);
        m.matches();
        Object v = scalar(m.group(1) == null ? "" : m.group(1).strip());
        if (v != null) {
          items.add(v instanceof String ? v : v.toString());
        }
      }
      return Collections.unmodifiableList(items);
    }
    if (content.stream().allMatch(l -> KEY_LINE.matcher(l).matches())) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (String l : content) {
        Matcher m = KEY_LINE.matcher(l);
        m.matches();
        Object v = scalar(m.group(2) == null ? "" : m.group(2).strip());
        if (v != null) {
          map.put(m.group(1), v.toString());
        }
      }
      return Collections.unmodifiableMap(map);
    }
    return scalar(String.join(" ", content));
  }

  /** A {@code |} or {@code >} value: lines dedented, kept or folded, with YAML's chomping. */
  private static Object blockScalar(String indicator, List<String> more) {
    int indent =
        more.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(LenientFrontmatter::indent)
            .min()
            .orElse(0);
    List<String> lines =
        more.stream()
            .map(l -> l.isBlank() ? "" : l.substring(Math.min(indent, l.length())))
            .toList();
    String text;
    if (indicator.startsWith("|")) {
      text = String.join("\n", lines);
    } else {
      StringBuilder folded = new StringBuilder();
      for (String line : lines) {
        if (line.isEmpty()) {
          folded.append('\n');
        } else {
          if (folded.length() > 0 && folded.charAt(folded.length() - 1) != '\n') {
            folded.append(' ');
          }
          folded.append(line);
        }
      }
      text = folded.toString();
    }
    text = text.strip();
    if (text.isEmpty()) {
      return null;
    }
    return indicator.endsWith("-") ? text : text + "\n";
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }

  private static Object scalar(String raw) {
    String v = raw.strip();
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.endsWith("'")) {
      return v.substring(1, v.length() - 1).replace("''", "'");
    }
    if (v.length() >= 2 && v.charAt(0) == '"' && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "", "~", "null":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        return v;
    }
  }

  private static List<String> trimBlankEnd(List<String> lines) {
    int n = lines.size();
    while (n > 0 && lines.get(n - 1).isBlank()) {
      n--;
    }
    return lines.subList(0, n);
  }
}
