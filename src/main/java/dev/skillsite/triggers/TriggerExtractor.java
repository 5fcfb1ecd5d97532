package dev.skillsite.triggers;

import dev.skillsite.model.Triggers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what should make a skill fire out of its description: quoted user phrases, listed keywords,
 * "Use when …" clauses and, kept apart, "Not for …" clauses. Stateless and thread-safe.
 */
public final class TriggerExtractor {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[,.;:]+$");
  private static final Pattern SENTENCE_INSIDE = Pattern.compile(".*[.!?]\\s.*");
  private static final Pattern QUOTES_AND_MARKUP = Pattern.compile("[\"“”`*()\\[\\]]");
  private static final Pattern LEADING_ARTICLE = Pattern.compile("(?i)^(?:the|a|an|any|or|and|also|e\\.g\\.)\\s+");
  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"([^\"\\n]{2,120})\"|“([^”\\n]{2,120})”");
  /** Single quotes only around a phrase: not an apostrophe inside or at the end of a word. */
  private static final Pattern SINGLE_QUOTED =
      Pattern.compile("(?<![\\w'])['‘]([A-Za-z0-9/][^'’\\n]{1,80}?)['’](?![\\w])");
  /** Sentence ends: . ! ? followed by space and a capital, a quote or a bracket; or a line break. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\"“'(\\[*\\p{IsHan}\\p{IsHangul}\\p{IsHiragana}\\p{IsKatakana}])|\\n+"
          + "|(?<=[。！？；])");
  private static final Pattern POSITIVE = Pattern.compile(
      "(?i)\\b(?:use (?:this skill |this |it |proactively |immediately |the skill )?(?:when|for|whenever|if|on)"
          + "|(?:this skill )?should be used (?:when|for|whenever|if)"
          + "|(?:also )?(?:trigger(?:s|ed)?|invoke|activate|apply this skill)(?: only)?"
          + " (?:when|on|for|whenever|if)"
          + "|when (?:the )?user (?:asks|says|wants|mentions|requests|needs))\\b"
          + "|\\btrigger(?:s| words| phrases| keywords)?\\s*[:—–-]");
  /**
   * "Do not use for …" in the other languages skills are written in (Chinese, Italian, Spanish, Portuguese,
   * French, German, Russian): the usual ways to say it, from knowledge of each language. What follows the cue is
   * what the skill is not for, as in English.
   */
  private static final String NEGATIVE_OTHER_LANGUAGES =
      "|不要用于|不用于|不适用于|不适用|不应用于|不要在|不要触发|不触发|不要使用|不使用|而不是|並非|不要用於|不適用"
          + "|\\bnon (?:usar|utilizzar|attivar)(?:e|la|lo|li|le)\\b|\\bnon (?:è|e') per\\b|\\bnon per\\b"
          + "|\\bno usar\\b|\\bno (?:es )?para\\b|\\bnão usar\\b|\\bnão (?:é )?para\\b"
          + "|\\bne pas utiliser\\b|\\bpas pour\\b|\\bnicht für\\b|\\bnicht verwenden\\b"
          + "|(?U)не используй|(?U)не для\\b|(?U)не предназнач";
  /**
   * The same in Japanese and Korean, where the verb comes last: what the skill is not for comes before the cue,
   * so the whole sentence is the clause.
   */
  private static final Pattern NEGATIVE_VERB_LAST =
      Pattern.compile("使わない|使用しない|使わないで|対象外|사용하지 마|사용하지 않|쓰지 마|대상이 아닙|해당하지 않");
  private static final Pattern NEGATIVE = Pattern.compile(
      "(?i)(?:\\bnot for\\b|\\bnot to be used\\b|\\bdo not (?:use|trigger|invoke|activate)\\b"
          + "|\\bdon['’]t (?:use|trigger|invoke)\\b|\\bnever use\\b|\\bskip (?:only )?(?:when|for|if)\\b|\\bSKIP\\s*[:—–-]"
          + "|\\bdo not trigger\\b|\\bnot (?:intended|meant|suitable) for\\b"
          + NEGATIVE_OTHER_LANGUAGES + ")");
  private static final Pattern LIST_INTRO = Pattern.compile(
      "(?i)\\b(?:mentions?|mentioning|keywords?\\s*:|trigger (?:words|keywords|terms)\\s*:|triggers?\\s*[:—–-]"
          + "|triggers? on|terms?\\s*:|use (?:this skill )?(?:when|for)\\s*:)\\s*");
  private static final Pattern LIST_SPLIT = Pattern.compile("\\s*(?:,|\\bor\\b)\\s*");
  private static final Pattern FULLY_QUOTED = Pattern.compile("^[\"“'‘`].*[\"”'’`]$");
  private static final Pattern LIST_END = Pattern.compile("\\.(?:\\s|$)|;|\\s[—–]\\s|\\s-\\s|\\(|:");
  private static final int MAX_KEYWORD_WORDS = 5;

  /** Everything the description says about when the skill should and should not fire. */
  public Triggers extract(String description) {
    String text = description.replace("\r\n", "\n").strip();
    List<String> useWhen = new ArrayList<>();
    List<String> notFor = new ArrayList<>();
    StringBuilder positiveText = new StringBuilder();
    StringBuilder negativeText = new StringBuilder();
    for (String sentence : SENTENCE_END.split(text)) {
      String s = sentence.strip();
      if (s.isEmpty()) {
        continue;
      }
      int neg = find(NEGATIVE, s);
      if (neg < 0 && find(NEGATIVE_VERB_LAST, s) >= 0) {
        neg = 0;
      }
      String positivePart = neg < 0 ? s : s.substring(0, neg);
      String negativePart = neg < 0 ? "" : s.substring(neg);
      int pos = find(POSITIVE, positivePart);
      if (pos >= 0) {
        add(useWhen, clean(positivePart.substring(pos)));
      }
      if (!negativePart.isEmpty()) {
        add(notFor, clean(negativePart));
      }
      positiveText.append(positivePart).append('\n');
      negativeText.append(negativePart).append('\n');
    }
    Set<String> phrases = new LinkedHashSet<>();
    quoted(positiveText.toString(), phrases);
    Set<String> keywords = new LinkedHashSet<>();
    for (String line : positiveText.toString().split("\n")) {
      listed(line, keywords);
    }
    keywords.removeIf(k -> phrases.stream().anyMatch(p -> p.equalsIgnoreCase(k)));
    return new Triggers(List.copyOf(phrases), List.copyOf(keywords), useWhen, notFor);
  }

  private static int find(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.start() : -1;
  }

  private static void quoted(String text, Set<String> out) {
    Matcher m = DOUBLE_QUOTED.matcher(text);
    while (m.find()) {
      String p = m.group(1) != null ? m.group(1) : m.group(2);
      addPhrase(out, p);
    }
    Matcher s = SINGLE_QUOTED.matcher(text);
    while (s.find()) {
      String p = s.group(1);
      // a phrase, not a stray pair of apostrophes: a few words, no sentence punctuation inside
      if (p.length() <= 60 && !SENTENCE_INSIDE.matcher(p).matches()) {
        addPhrase(out, p);
      }
    }
  }

  private static void addPhrase(Set<String> out, String raw) {
    String p = TRAILING_PUNCTUATION.matcher(SPACES.matcher(raw.strip()).replaceAll(" ")).replaceAll("");
    if (p.length() >= 2 && p.chars().anyMatch(Character::isLetterOrDigit)) {
      out.add(p);
    }
  }

  /** Items of "mentions A, B, or C" / "keywords: A, B" lists, up to the end of the clause. */
  private static void listed(String line, Set<String> out) {
    Matcher m = LIST_INTRO.matcher(line);
    while (m.find()) {
      String rest = line.substring(m.end());
      int stop = clauseEnd(rest);
      String list = rest.substring(0, stop);
      String[] items = LIST_SPLIT.split(list);
      if (items.length < 2 && !m.group().toLowerCase(Locale.ROOT).contains(":")) {
        // "mentions X" with one item: keep it only when short
        if (items.length == 1 && wordCount(items[0]) > 3) {
          continue;
        }
      }
      for (String item : items) {
        if (FULLY_QUOTED.matcher(item.strip()).matches()) {
          continue; // a quoted phrase, already taken
        }
        String k = TRAILING_PUNCTUATION.matcher(QUOTES_AND_MARKUP.matcher(item).replaceAll("").strip()).replaceAll("");
        k = LEADING_ARTICLE.matcher(k).replaceFirst("");
        if (!k.isEmpty() && wordCount(k) <= MAX_KEYWORD_WORDS && k.chars().anyMatch(Character::isLetter)) {
          out.add(k);
        }
      }
    }
  }

  /** Where a list ends: a full stop, a semicolon, a dash clause, a bracket or a new trigger clause. */
  private static int clauseEnd(String rest) {
    Matcher end = LIST_END.matcher(rest);
    int stop = end.find() ? end.start() : rest.length();
    Matcher nextClause = POSITIVE.matcher(rest);
    if (nextClause.find() && nextClause.start() > 0 && nextClause.start() < stop) {
      stop = nextClause.start();
    }
    return stop;
  }

  private static int wordCount(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  private static String clean(String clause) {
    return SPACES.matcher(clause.strip()).replaceAll(" ");
  }

  private static void add(List<String> list, String s) {
    if (!s.isEmpty() && !list.contains(s)) {
      list.add(s);
    }
  }
}
