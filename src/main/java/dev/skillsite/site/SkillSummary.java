package dev.skillsite.site;

import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One sentence that says what a skill does, for cards, search results, {@code llms.txt} and
 * OpenGraph: the collection's own ({@code summaries:} in {@code skillsite.yaml}, by skill name or
 * id), else the first sentence of the description that is not about when to use it ("This skill
 * should be used when…", "Use when…", a list of quoted phrases, "Not for…"), else what the body
 * says the skill does ("This skill covers…") or the body's first sentence, else the keywords the
 * description mentions. The full description stays on the skill page.
 */
public final class SkillSummary {
  /** Longer summaries are cut at a word boundary. */
  public static final int MAX = 180;

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])[\"”’)]?\\s+(?=[\"“(]?[\\p{Lu}\\d])");
  private static final Pattern WHEN_TO_USE =
      Pattern.compile(
          "^(?:(?:this|the) skill (?:should|must|can|may|is to) be used|(?:you|claude|agents?) should use"
              + "|use (?:this|it|when|whenever|for|if|the|on|in)\\b|should be used|(?:auto-?)?trigger(?:s|ed)?\\b"
              + "|invoke|activate|not for\\b|when (?:the )?user|whenever|do not use|don't use|also use"
              + "|make sure to use|applies when)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED = Pattern.compile("[\"“][^\"”]{2,}[\"”]");
  private static final Pattern THIS_SKILL =
      Pattern.compile("^this skill (\\p{L}+)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKUP = Pattern.compile("\\*\\*|__|`|\\[([^\\]]*)\\]\\([^)]*\\)");

  private SkillSummary() {}

  /** The summary of {@code skill}, {@code overrides} (skill name or id → sentence) first. */
  public static String of(Skill skill, Map<String, String> overrides) {
    String own = overrides.getOrDefault(skill.name(), overrides.get(skill.id().value()));
    if (own != null && !own.isBlank()) {
      return Summaries.clip(own, MAX);
    }
    return derived(skill.description(), skill.body(), skill.triggers().keywords());
  }

  /** The summary from the description, then the body, then the keywords (see the class comment). */
  static String derived(String description, String body, List<String> keywords) {
    Optional<String> fromDescription =
        sentences(Summaries.flat(description)).stream()
            .filter(SkillSummary::saysWhatItDoes)
            .findFirst();
    if (fromDescription.isPresent()) {
      return Summaries.clip(fromDescription.get(), MAX);
    }
    Optional<String> fromBody = fromBody(body);
    if (fromBody.isPresent()) {
      return Summaries.clip(fromBody.get(), MAX);
    }
    if (!keywords.isEmpty()) {
      return Summaries.clip(
          "About "
              + String.join(", ", keywords.subList(0, Math.min(6, keywords.size())))
              + (keywords.size() > 6 ? " and more." : "."),
          MAX);
    }
    return Summaries.clip(description, MAX);
  }

  private static boolean saysWhatItDoes(String sentence) {
    int quotes = 0;
    var m = QUOTED.matcher(sentence);
    while (m.find()) {
      quotes++;
    }
    return sentence.length() > 12 && !WHEN_TO_USE.matcher(sentence).find() && quotes < 2;
  }

  /**
   * "This skill covers X." → "Covers X."; else the first sentence of the body's first paragraph.
   */
  private static Optional<String> fromBody(String body) {
    List<String> paragraph = firstParagraphs(body, 2);
    for (String p : paragraph) {
      for (String s : sentences(p)) {
        var m = THIS_SKILL.matcher(s);
        if (m.find()
            && !m.group(1).toLowerCase(Locale.ROOT).matches("should|must|can|may|is|will|does")) {
          String rest = s.substring(m.start(1));
          return Optional.of(Character.toUpperCase(rest.charAt(0)) + rest.substring(1));
        }
      }
    }
    return paragraph.isEmpty()
        ? Optional.empty()
        : sentences(paragraph.get(0)).stream().filter(SkillSummary::saysWhatItDoes).findFirst();
  }

  /**
   * The first {@code max} prose paragraphs of a Markdown body (no headings, lists, code, tables,
   * quotes).
   */
  private static List<String> firstParagraphs(String body, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean fence = false;
    for (String line : body.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("```") || t.startsWith("~~~")) {
        fence = !fence;
        t = "";
      }
      boolean prose =
          !fence
              && !t.isEmpty()
              && !t.startsWith("#")
              && !t.startsWith("-")
              && !t.startsWith("*")
              && !t.startsWith("|")
              && !t.startsWith(">")
              && !t.startsWith("<")
              && !t.matches("^\\d+[.)].*");
      if (prose) {
        cur.append(cur.length() > 0 ? " " : "").append(t);
      } else if (cur.length() > 0) {
        out.add(MARKUP.matcher(cur.toString()).replaceAll("$1"));
        cur.setLength(0);
        if (out.size() >= max) {
          return out;
        }
      }
    }
    if (cur.length() > 0 && out.size() < max) {
      out.add(MARKUP.matcher(cur.toString()).replaceAll("$1"));
    }
    return out;
  }

  /**
   * The sentences of a description, on one line each (what search shows a matching clause from).
   */
  public static List<String> clauses(String description) {
    return sentences(Summaries.flat(description));
  }

  /** The sentences of one line of text. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
