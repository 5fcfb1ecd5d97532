package dev.skillsite.routing.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a Markdown trigger-test page about one skill into cases. Sections are told apart by
 * their heading: "Should Trigger" / "Should Activate" give positives, "Should NOT Trigger" /
 * "Should NOT Activate" give negatives about that skill; other sections (edge cases) are skipped
 * because their expectation is prose. A query is the first double-quoted text of a table row's
 * first cell or of a {@code - **Query:**} line.
 */
final class MarkdownTriggerTests {
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
  private static final Pattern QUERY_LINE =
      Pattern.compile("^\\s*[-*]\\s*\\*\\*Query:?\\*\\*:?\\s*(.*)$");
  private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]+)[\"”]");

  private MarkdownTriggerTests() {}

  public static List<EvalCase> parse(String markdown, String skill) {
    List<EvalCase> out = new ArrayList<>();
    Boolean positive = null;
    for (String line : markdown.replace("\r\n", "\n").split("\n")) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String title = h.group(1).toLowerCase(Locale.ROOT);
        if (title.matches(".*should\\s+not\\s+(trigger|activate).*")) {
          positive = false;
        } else if (title.matches(".*should\\s+(trigger|activate).*")) {
          positive = true;
        } else if (line.startsWith("## ")) {
          positive = null;
        }
        continue;
      }
      if (positive == null) {
        continue;
      }
      String text = null;
      Matcher q = QUERY_LINE.matcher(line);
      if (q.matches()) {
        text = q.group(1);
      } else if (line.startsWith("|") && !line.matches("^\\|[\\s:|-]+$")) {
        String[] cells = line.split("\\|");
        text = cells.length > 1 ? cells[1] : null;
      }
      if (text == null) {
        continue;
      }
      Matcher m = QUOTED.matcher(text);
      if (m.find()) {
        out.add(
            positive
                ? EvalCase.positive(m.group(1), List.of(skill))
                : EvalCase.negativeFor(m.group(1), skill));
      }
    }
    return out;
  }
}
