package dev.skillsite.markdown;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The words that name a skill in prose: each skill's name, and each keyword of its triggers that no other
 * skill lists (matched case-sensitively, as the description writes it). Immutable, thread-safe.
 */
public final class MentionIndex {
  /** Keywords shorter than this are too ambiguous to link. */
  static final int MIN_KEYWORD_LENGTH = 3;
  /** Longest term, in words. */
  static final int MAX_WORDS = 6;

  private final Map<String, SkillId> terms;
  private final Set<String> firstWords;
  private final int maxWords;

  private MentionIndex(Map<String, SkillId> terms) {
    this.terms = new HashMap<>(terms);
    this.firstWords = terms.keySet().stream().map(MentionIndex::firstWord).collect(Collectors.toSet());
    this.maxWords = terms.keySet().stream().mapToInt(MentionIndex::words).max().orElse(0);
  }

  public static MentionIndex none() {
    return new MentionIndex(Map.of());
  }

  public static MentionIndex of(List<Skill> skills) {
    Map<String, Integer> owners = new HashMap<>();
    for (Skill skill : skills) {
      skill.triggers().keywords().stream()
          .map(k -> k.strip().toLowerCase(Locale.ROOT))
          .distinct()
          .forEach(k -> owners.merge(k, 1, Integer::sum));
    }
    Map<String, SkillId> terms = new TreeMap<>();
    for (Skill skill : skills) {
      for (String keyword : skill.triggers().keywords()) {
        String k = keyword.strip();
        if (k.length() >= MIN_KEYWORD_LENGTH && owners.get(k.toLowerCase(Locale.ROOT)) == 1
            && words(k) <= MAX_WORDS) {
          terms.putIfAbsent(k, skill.id());
        }
      }
    }
    Map<String, Integer> names = new HashMap<>();
    skills.forEach(s -> names.merge(s.name(), 1, Integer::sum));
    for (Skill skill : skills) {
      if (names.get(skill.name()) == 1 && words(skill.name()) <= MAX_WORDS) {
        terms.put(skill.name(), skill.id());
      }
    }
    return new MentionIndex(terms);
  }

  /** The skill a term names, if any. */
  Optional<SkillId> lookup(String term) {
    return Optional.ofNullable(terms.get(term));
  }

  /** Whether some term starts with this word: most words of a text do not, and are skipped cheaply. */
  boolean startsTerm(String word) {
    return firstWords.contains(word);
  }

  int maxWords() {
    return maxWords;
  }

  private static String firstWord(String term) {
    int start = 0;
    while (start < term.length() && !isWordChar(term.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < term.length() && isWordChar(term.charAt(end))) {
      end++;
    }
    return term.substring(start, end);
  }

  private static int words(String term) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < term.length(); i++) {
      boolean w = isWordChar(term.charAt(i));
      if (w && !inWord) {
        count++;
      }
      inWord = w;
    }
    return count;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
