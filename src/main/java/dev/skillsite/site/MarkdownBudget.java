package dev.skillsite.site;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much Markdown one build renders, decided before anything is parsed (issue 26: eight 15 MB
 * SKILL.md files, each under the per-file cap, took 2.7 GB and 50 s). A document longer than {@link
 * #perDocument}, and every document once the build has rendered {@link #perBuild} in catalog order,
 * is shown as plain text, cut at {@link #plainTextChars}, with a warning that names the file and
 * the limit; the rest of the site is published.
 *
 * @param perDocument the most characters of Markdown one document may have to be rendered as
 *     Markdown
 * @param perBuild the most characters of Markdown one build renders
 * @param plainTextChars the most characters of a document over budget its page shows, as plain text
 */
public record MarkdownBudget(long perDocument, long perBuild, int plainTextChars) {
  /**
   * 8 Mi characters per document (the largest SKILL.md seen is 160 KB), 64 Mi per build, 256 Ki
   * shown.
   */
  public static final MarkdownBudget DEFAULT = new MarkdownBudget(8L << 20, 64L << 20, 256 << 10);

  /** Skills {@link #perBuild} is for: it grows with every further {@value} skills. */
  static final int SKILLS_PER_BUDGET = 1_000;

  /**
   * This budget for a build of {@code skills} skills: {@link #perBuild} grows with every further
   * {@value #SKILLS_PER_BUDGET} skills, so a collection may average {@link #perBuild} / {@value
   * #SKILLS_PER_BUDGET} (64 Ki characters by default; {@code large}, heavy with references,
   * averages 33 Ki) at any size, and a few huge documents in a small collection are still capped.
   */
  MarkdownBudget forSkills(int skills) {
    long times = Math.max(1, (skills + SKILLS_PER_BUDGET - 1) / SKILLS_PER_BUDGET);
    return times == 1 ? this : new MarkdownBudget(perDocument, perBuild * times, plainTextChars);
  }

  /**
   * The characters of {@code documents} a build counts against {@link #perBuild}: those of the
   * documents not over {@link #perDocument}.
   */
  long counted(List<SourceDocument> documents) {
    long total = 0;
    for (SourceDocument doc : documents) {
      long length = doc.text().length();
      if (length <= perDocument) {
        total += length;
      }
    }
    return total;
  }

  /**
   * The documents, by path, that are shown as plain text, and why: in catalog order, the same on
   * any machine.
   */
  Map<String, Diagnostic> overBudget(List<SourceDocument> documents) {
    Map<String, Diagnostic> over = new HashMap<>();
    long total = 0;
    for (SourceDocument doc : documents) {
      long length = doc.text().length(); // not read: a reference's text is on disk
      SourcePos pos = new SourcePos(doc.path(), doc.firstLine(), 1);
      if (length > perDocument) {
        over.put(
            doc.path(),
            Diagnostic.warning(
                pos,
                "markdown-budget",
                String.format(
                    Locale.ROOT,
                    "Markdown of %s is over the %s one document may render; shown as plain text%s (hint: split it into "
                        + "reference files)",
                    size(length),
                    size(perDocument),
                    cut(length))));
      } else if (total + length > perBuild) {
        over.put(
            doc.path(),
            Diagnostic.warning(
                pos,
                "markdown-budget",
                String.format(
                    Locale.ROOT,
                    "the build has rendered %s of Markdown, the most one build renders (%s); this document is shown as "
                        + "plain text%s",
                    size(total),
                    size(perBuild),
                    cut(length))));
      } else {
        total += length;
      }
    }
    return over;
  }

  private String cut(long length) {
    return length > plainTextChars ? ", cut at " + size(plainTextChars) : "";
  }

  private static String size(long chars) {
    if (chars >= 1 << 20 && chars % (1 << 20) == 0) {
      return (chars >> 20) + " Mi characters";
    }
    if (chars >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f Mi characters", chars / (double) (1 << 20));
    }
    if (chars >= 1 << 10 && chars % (1 << 10) == 0) {
      return (chars >> 10) + " Ki characters";
    }
    return chars + " characters";
  }
}
