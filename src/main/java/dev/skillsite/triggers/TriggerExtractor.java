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
  private static final Pattern LEADING_ARTICLE =
      Pattern.compile("(?i)^(?:the|a|an|any|or|and|also|e\\.g\\.)\\s+");
  private static final Pattern DOUBLE_QUOTED =
      Pattern.compile("\"([^\"\\n]{2,120})\"|“([^”\\n]{2,120})”");

  /** Single quotes only around a phrase: not an apostrophe inside or at the end of a word. */
  private static final Pattern SINGLE_QUOTED =
      Pattern.compile("(?<![\\w'])['‘]([A-Za-z0-9/][^'’\\n]{1,80}?)['’](?![\\w])");

  /**
   * Sentence ends: . ! ? followed by space and a capital, a quote or a bracket; or a line break.
   */
  private static final Pattern SENTENCE_END =
      Pattern.compile(
          "(?<=[.!?][\"”'’)]?)\\s+(?=[A-Z\"“'(\\[*\\p{IsHan}\\p{IsHangul}\\p{IsHiragana}\\p{IsKatakana}])"
              + "|\\n+|(?<=[。！？；])");

  private static final Pattern POSITIVE =
      Pattern.compile(
          "(?i)\\b(?:use (?:this skill |this |it |proactively |immediately |the skill )?(?:when|for|whenever|if|on)"
              + "|(?:this skill )?should be used (?:when|for|whenever|if)"
              + "|(?:also )?(?:trigger(?:s|ed)?|invoke|activate|apply this skill)(?: only)?"
              + " (?:when|on|for|whenever|if)"
              + "|when (?:the )?user (?:asks|says|wants|mentions|requests|needs))\\b"
              + "|\\btrigger(?:s| words| phrases| keywords)?\\s*[:—–-]");

  /**
   * "Do not use for …" in the other languages skills are written in (Chinese, Italian, Spanish,
   * Portuguese, French, German, Russian): the usual ways to say it, from knowledge of each
   * language. What follows the cue is what the skill is not for, as in English.
   */
  private static final String NEGATIVE_OTHER_LANGUAGES =
      "|不要用于|不用于|不适用于|不适用|不应用于|不要在|不要触发|不触发|不要使用|不使用|而不是|並非|不要用於|不適用"
          + "|\\bnon (?:usar|utilizzar|attivar)(?:e|la|lo|li|le)\\b|\\bnon (?:è|e') per\\b|\\bnon per\\b"
          + "|\\bno usar\\b|\\bno (?:es )?para\\b|\\bnão usar\\b|\\bnão (?:é )?para\\b"
          + "|\\bne pas utiliser\\b|\\bpas pour\\b|\\bnicht für\\b|\\bnicht verwenden\\b"
          + "|(?U)не используй|(?U)не для\\b|(?U)не предназнач";

  /**
   * The same in Japanese and Korean, where the verb comes last: what the skill is not for comes
   * before the cue, so the whole sentence is the clause.
   */
  private static final Pattern NEGATIVE_VERB_LAST =
      Pattern.compile("使わない|使用しない|使わないで|対象外|사용하지 마|사용하지 않|쓰지 마|대상이 아닙|해당하지 않");

  /**
   * Cues of a clause that says what the skill is not for: the clause joins {@link
   * Triggers#notFor()}.
   */
  private static final Pattern NOT_FOR =
      Pattern.compile(
          "(?i)(?:\\bnot for\\b|\\bnot to be used\\b|\\b(?:do not|don['’]t|never|please do not) (?:use|trigger|invoke|activate|load)\\b"
              + "|\\bskip (?:only )?(?:this skill )?(?:when|for|if)\\b|\\b(?-i:SKIP)\\s*[:—–-]|\\bnot (?:intended|meant|suitable|designed|needed|used|"
              + "applicable|appropriate|relevant) (?:for|when|to)\\b|\\bnot when\\b|\\bavoid (?:using|for|when|this skill)\\b"
              + "|\\b(?:skill|it|this) is not (?:a|an|for)\\b|\\bout of scope\\s*[:—–-]?|\\bdoes not (?:cover|handle|apply)\\b"
              + "|\\bexcluding\\b|\\bexcept (?:for|when)\\b|\\bfor [^.;,]{1,60}, (?:see|use)\\b"
              + NEGATIVE_OTHER_LANGUAGES
              + ")");

  /**
   * Other negations: what follows is no trigger ({@code don't skip because it "looks like a
   * one-liner"}, {@code unless the user asks for X}, {@code instead of Y}), but says nothing of
   * what the skill is not for.
   */
  private static final Pattern NEGATION =
      Pattern.compile(
          "(?i)(?:(?:^|(?<=[;:,(—–-]\\s{0,2})|(?<=\\b(?:and|but|or|then|so)\\s))(?:do not|don['’]t|never|please don['’]t"
              + "|no need to)\\b|\\bunless\\b|\\binstead of\\b|\\brather than\\b|\\beven if\\b"
              + "|(?:,|\\bbut|\\band)\\s+not\\b)");

  /** Where a negation's reach ends: a semicolon, a spaced or em dash, or the sentence's end. */
  private static final Pattern NEGATION_END = Pattern.compile(";|\\s[—–-]\\s|—|\\s\\bOR\\b\\s");

  /** The shorter reach of "unless", "instead of", "even if": also a comma. */
  private static final Pattern SHORT_NEGATION_END = Pattern.compile(",|;|\\s[—–-]\\s|—|\\.");

  private static final Pattern LIST_INTRO =
      Pattern.compile(
          "(?i)\\b(?:mentions?|mentioning|keywords?\\s*:|trigger (?:words|keywords|terms)\\s*:|triggers?\\s*[:—–-]"
              + "|triggers? on|terms?\\s*:|use (?:this skill )?(?:when|for)\\s*:)\\s*");
  private static final Pattern LIST_SPLIT = Pattern.compile("\\s*(?:,|\\bor\\b)\\s*");
  private static final Pattern FULLY_QUOTED = Pattern.compile("^[\"“'‘`].*[\"”'’`]$");
  private static final Pattern LIST_END =
      Pattern.compile("\\.(?:\\s|$)|;|\\s[—–]\\s|\\s-\\s|\\(|:");
  private static final int MAX_KEYWORD_WORDS = 5;

  /**
   * Where one request of a clause ends and the next begins: commas, semicolons, dashes, a colon, ",
   * or".
   */
  private static final Pattern CLAUSE_SPLIT =
      Pattern.compile(
          "\\s*(?:,\\s*(?:(?:and|or|and/or)\\s+)?|;\\s*(?:(?:and|or|OR)\\s+)?|\\s[—–]\\s|—|\\s-\\s|:\\s+|\\s+(?:OR|AND)\\s+)");

  private static final Pattern PARENTHETICAL = Pattern.compile("\\s*\\([^()]*\\)");

  /** Words that introduce the request rather than belong to it. */
  private static final Pattern REQUEST_LEAD =
      Pattern.compile(
          "(?i)^(?:(?:when|whenever|if|where|for|on|to|"
              + "that|which|and|or|e\\.g\\.|i\\.e\\.|such as|like|including)\\s+)*(?:(?:the |a )?(?:user|users|you|they|someone|"
              + "developers?|claude)\\s+(?:explicitly\\s+)?(?:wants?|asks?|needs?|requests?|says|mentions?|is|are|would like|"
              + "has|have|tries|try)(?:\\s+(?:to|for|about|you to|claude to|help with|help))?\\s+|(?:asked|needing|wanting) to\\s+)?");

  private static final int MAX_CLAUSE_WORDS = 24;
  private static final Pattern CLAUSE_TAIL = Pattern.compile("[\\s,.;:—–-]+$");
  private static final Pattern CUE_ONLY =
      Pattern.compile(
          "(?i)(?:when|whenever|if|also|trigger|triggers|use|used|proactively|e\\.g|etc|or|and|to|the|a|an"
              + "|for|on|with|about|like|as|asks?|says?|users?|mentions?|wants?|needs?|requests?|such as|including)");
  private static final int MAX_FALLBACK_WORDS = 30;

  /** A skill's triggers: from its description and, when it has one, its {@code when_to_use} key. */
  public Triggers extract(dev.skillsite.model.Skill skill) {
    return extract(skill.description(), skill.stringKey("when_to_use").orElse(""));
  }

  /**
   * The skill as given when its triggers are extracted (the loader extracts them, once), else with
   * them: for skills made by hand, in tests and tools.
   */
  public dev.skillsite.model.Skill ensure(dev.skillsite.model.Skill skill) {
    return skill.triggers().equals(Triggers.NONE) ? skill.withTriggers(extract(skill)) : skill;
  }

  /** Everything the description says about when the skill should and should not fire. */
  public Triggers extract(String description) {
    return extract(description, "");
  }

  /**
   * As {@link #extract(String)}, with Claude Code's {@code when_to_use} text, which is all about
   * when to fire: read as a "Use when …" clause.
   */
  public Triggers extract(String description, String whenToUse) {
    String text = description.replace("\r\n", "\n").strip();
    String when = whenToUse.replace("\r\n", "\n").strip();
    if (!when.isEmpty()) {
      text = text + "\n" + (find(POSITIVE, when) >= 0 ? when : "Use when " + when);
    }
    List<String> useWhen = new ArrayList<>();
    List<String> notFor = new ArrayList<>();
    List<String> clauseText = new ArrayList<>();
    StringBuilder positiveText = new StringBuilder();
    for (String sentence : SENTENCE_END.split(text)) {
      String s = clean(sentence);
      if (s.isEmpty()) {
        continue;
      }
      if (find(NOT_FOR, s) < 0 && find(NEGATIVE_VERB_LAST, s) >= 0) {
        add(notFor, s); // Japanese or Korean: the verb comes last, so the sentence is the clause
        continue;
      }
      String positive = withoutNegations(s, notFor);
      int pos = find(POSITIVE, positive);
      if (pos >= 0) {
        add(useWhen, clean(positive.substring(pos)));
        Matcher cue = POSITIVE.matcher(positive);
        cue.find();
        clauseText.add(positive.substring(cue.end()));
      }
      positiveText.append(positive).append('\n');
    }
    Set<String> phrases = new LinkedHashSet<>();
    quoted(positiveText.toString(), phrases);
    Set<String> keywords = new LinkedHashSet<>();
    for (String line : positiveText.toString().split("\n")) {
      listed(line, keywords);
    }
    keywords.removeIf(k -> phrases.stream().anyMatch(p -> p.equalsIgnoreCase(k)));
    Set<String> taken = new java.util.HashSet<>();
    phrases.forEach(p -> taken.add(p.toLowerCase(Locale.ROOT)));
    keywords.forEach(k -> taken.add(k.toLowerCase(Locale.ROOT)));
    List<String> clauses = new ArrayList<>();
    for (String c : clauseText) {
      requests(c, taken, clauses);
    }
    // no "Use when" clause at all: what the skill does stands in (stray quoted words are not
    // enough)
    String fallback =
        clauses.isEmpty() && useWhen.isEmpty() ? fallback(positiveText.toString()) : "";
    return new Triggers(
        List.copyOf(phrases), List.copyOf(keywords), useWhen, notFor, clauses, fallback);
  }

  /**
   * The sentence with its negated spans taken out: a span runs from a negation cue to the next
   * semicolon, dash or sentence end (a comma too for "unless", "instead of", "even if"); a "not
   * for" span runs to the sentence's end. Any span ends where a new "Use when" cue begins. "Not
   * for" spans are added to {@code notFor}.
   */
  static String withoutNegations(String sentence, List<String> notFor) {
    StringBuilder kept = new StringBuilder();
    int at = 0;
    while (at < sentence.length()) {
      Matcher nf = NOT_FOR.matcher(sentence);
      Matcher ng = NEGATION.matcher(sentence);
      int nfAt = nf.find(at) ? nf.start() : -1;
      int ngAt = ng.find(at) ? ng.start() : -1;
      if (nfAt < 0 && ngAt < 0) {
        break;
      }
      boolean isNotFor = nfAt >= 0 && (ngAt < 0 || nfAt <= ngAt);
      int start = isNotFor ? nfAt : ngAt;
      int cueEnd = isNotFor ? nf.end() : ng.end();
      String cue = (isNotFor ? nf.group() : ng.group()).toLowerCase(Locale.ROOT);
      boolean shortReach =
          cue.startsWith("unless")
              || cue.startsWith("instead")
              || cue.startsWith("rather")
              || cue.startsWith("even");
      // a "not for" clause runs to the sentence's end (its lists run over semicolons), or to a new
      // "Use when"
      Matcher end = (shortReach ? SHORT_NEGATION_END : NEGATION_END).matcher(sentence);
      int stop = isNotFor ? sentence.length() : end.find(cueEnd) ? end.start() : sentence.length();
      Matcher next = POSITIVE.matcher(sentence);
      if (next.find(cueEnd) && next.start() < stop) {
        stop = next.start();
      }
      kept.append(sentence, at, start).append(' ');
      if (isNotFor) {
        String span = sentence.substring(start, stop == sentence.length() ? stop : stop).strip();
        add(notFor, span);
      }
      at = stop;
    }
    if (at < sentence.length()) {
      kept.append(sentence.substring(at));
    }
    return clean(kept.toString());
  }

  /**
   * The short requests of one clause (what follows its "Use when" cue), new ones added to {@code
   * out}.
   */
  private static void requests(String clause, Set<String> taken, List<String> out) {
    // quoted phrases are triggers of their own: what is left between them is no request
    String text =
        SINGLE_QUOTED
            .matcher(
                DOUBLE_QUOTED.matcher(PARENTHETICAL.matcher(clause).replaceAll("")).replaceAll(","))
            .replaceAll(",");
    for (String item : CLAUSE_SPLIT.split(text)) {
      String r = REQUEST_LEAD.matcher(item.strip()).replaceFirst("");
      r =
          CLAUSE_TAIL
              .matcher(QUOTES_AND_MARKUP.matcher(r).replaceAll("").strip())
              .replaceAll("")
              .strip();
      r = LEADING_ARTICLE.matcher(r).replaceFirst("");
      if (r.isEmpty()
          || CUE_ONLY.matcher(r).matches()
          || r.chars().noneMatch(Character::isLetter)
          || taken.contains(r.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String[] words = r.split("\\s+");
      if (words.length > MAX_CLAUSE_WORDS) {
        r = String.join(" ", java.util.Arrays.copyOf(words, MAX_CLAUSE_WORDS));
      }
      if (taken.add(r.toLowerCase(Locale.ROOT))) {
        out.add(r);
      }
    }
  }

  /** The first sentence of what the description says positively, clipped: what the skill does. */
  private static String fallback(String positiveText) {
    for (String line : positiveText.split("\n")) {
      String s =
          TRAILING_PUNCTUATION
              .matcher(QUOTES_AND_MARKUP.matcher(line).replaceAll("").strip())
              .replaceAll("");
      if (s.chars().anyMatch(Character::isLetter)) {
        String[] words = s.split("\\s+");
        return words.length <= MAX_FALLBACK_WORDS
            ? s
            : String.join(" ", java.util.Arrays.copyOf(words, MAX_FALLBACK_WORDS));
      }
    }
    return "";
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
    String p =
        TRAILING_PUNCTUATION.matcher(SPACES.matcher(raw.strip()).replaceAll(" ")).replaceAll("");
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
        String k =
            TRAILING_PUNCTUATION
                .matcher(QUOTES_AND_MARKUP.matcher(item).replaceAll("").strip())
                .replaceAll("");
        k = LEADING_ARTICLE.matcher(k).replaceFirst("");
        if (!k.isEmpty()
            && wordCount(k) <= MAX_KEYWORD_WORDS
            && k.chars().anyMatch(Character::isLetter)) {
          out.add(k);
        }
      }
    }
  }

  /**
   * Where a list ends: a full stop, a semicolon, a dash clause, a bracket or a new trigger clause.
   */
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
