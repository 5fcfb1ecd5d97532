package dev.skillsite.markdown;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The words that name a skill in prose, matched case-sensitively as written: each skill's name when
 * it is a compound ({@code oban-thinking}, not {@code search}), and each keyword of its triggers
 * that no other skill lists and that looks like a name ({@code Oban}, {@code LiveView}, {@code
 * handle_call}; not {@code workflows}), linked to the skill whose name holds it as a word when
 * exactly one does ({@code OTP} to {@code otp-thinking}, even when an overview skill is the one
 * listing it). {@link #withoutCommon} then drops terms that too many skills use in passing.
 * Immutable, thread-safe.
 */
public final class MentionIndex {
  /** Keywords shorter than this are too ambiguous to link. */
  static final int MIN_KEYWORD_LENGTH = 3;

  /** Longest term, in words. */
  static final int MAX_WORDS = 6;

  /**
   * A term other skills' documents use at most this often (or in 5% of skills, if more) stays
   * distinctive.
   */
  static final int MIN_SPREAD = 10;

  private final Map<String, SkillId> terms;
  private final Set<String> firstWords;

  /** {@link String#hashCode} of each first word, as bits of a 2^16 bit filter. */
  private final long[] firstWordHashes = new long[1 << 10];

  private final int maxWords;

  /** Where the terms are looked up instead of {@link #terms}, for an index kept on disk. */
  private final Optional<Lookup> lookup;

  private MentionIndex(Map<String, SkillId> terms) {
    this.lookup = Optional.empty();
    this.terms = new HashMap<>(terms);
    this.firstWords =
        terms.keySet().stream().map(MentionIndex::firstWord).collect(Collectors.toSet());
    for (String w : firstWords) {
      int bit = w.hashCode() & 0xFFFF;
      firstWordHashes[bit >>> 6] |= 1L << bit;
    }
    this.maxWords = terms.keySet().stream().mapToInt(MentionIndex::words).max().orElse(0);
  }

  /**
   * Terms looked up one at a time (a patch build's table on disk, never read whole): the skill a
   * term names, whether a word starts some term, and the longest term in words.
   */
  public interface Lookup {
    Optional<SkillId> owner(String term);

    boolean startsTerm(String word);

    int maxWords();
  }

  private MentionIndex(Lookup lookup) {
    this.lookup = Optional.of(lookup);
    this.terms = Map.of();
    this.firstWords = Set.of();
    java.util.Arrays.fill(firstWordHashes, -1L);
    this.maxWords = lookup.maxWords();
  }

  /**
   * An index that asks {@code lookup} for each word and term a text could use, finding what an
   * index of the same terms finds ({@link #terms} and {@link #equals} are not answered: empty).
   */
  public static MentionIndex lookingUp(Lookup lookup) {
    return new MentionIndex(lookup);
  }

  /** The first word of a term, as {@link Lookup#startsTerm} is asked about it. */
  public static String firstWordOf(String term) {
    return firstWord(term);
  }

  /** How many words a term has. */
  public static int wordsOf(String term) {
    return words(term);
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
    // a keyword that is a word of exactly one skill's name names that skill, whoever lists it:
    // "OTP", listed by
    // an overview skill, links to otp-thinking
    // a set per word: a word in thousands of names (a registry) must not cost a scan per skill
    Map<String, Set<SkillId>> byNameWord = new HashMap<>();
    for (Skill skill : skills) {
      for (String w : skill.name().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
        if (!w.isEmpty()) {
          byNameWord.computeIfAbsent(w, x -> new LinkedHashSet<>()).add(skill.id());
        }
      }
    }
    Map<String, SkillId> terms = new TreeMap<>();
    for (Skill skill : skills) {
      for (String keyword : skill.triggers().keywords()) {
        String k = keyword.strip();
        if (k.length() >= MIN_KEYWORD_LENGTH
            && owners.get(k.toLowerCase(Locale.ROOT)) == 1
            && words(k) <= MAX_WORDS
            && looksLikeAName(k)) {
          Set<SkillId> named = byNameWord.getOrDefault(k.toLowerCase(Locale.ROOT), Set.of());
          terms.putIfAbsent(k, named.size() == 1 ? named.iterator().next() : skill.id());
        }
      }
    }
    Map<String, Integer> names = new HashMap<>();
    skills.forEach(s -> names.merge(s.name(), 1, Integer::sum));
    for (Skill skill : skills) {
      if (names.get(skill.name()) == 1
          && words(skill.name()) <= MAX_WORDS
          && (words(skill.name()) > 1 || skill.name().chars().anyMatch(Character::isDigit))) {
        terms.put(skill.name(), skill.id());
      }
    }
    return new MentionIndex(terms);
  }

  /**
   * This index without the terms that are not distinctive in this catalog.
   *
   * @param spread per term, how many skills other than its owner use it in their documents
   */
  public MentionIndex withoutCommon(Map<String, Integer> spread, int skillCount) {
    int max = Math.max(MIN_SPREAD, skillCount / 20);
    Map<String, SkillId> kept = new TreeMap<>();
    terms.forEach(
        (term, id) -> {
          if (spread.getOrDefault(term, 0) <= max) {
            kept.put(term, id);
          }
        });
    return new MentionIndex(kept);
  }

  /** Every term and the skill it names, sorted by term (what the build cache keeps). */
  public SortedMap<String, SkillId> terms() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(terms));
  }

  /** The index of exactly these terms (as {@link #terms} gave them). */
  public static MentionIndex withTerms(Map<String, SkillId> terms) {
    return new MentionIndex(terms);
  }

  /** Same terms, naming the same skills. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MentionIndex other && terms.equals(other.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  /** The skill a term names, if any. */
  public Optional<SkillId> owner(String term) {
    return lookup(term);
  }

  Optional<SkillId> lookup(String term) {
    if (lookup.isPresent()) {
      return lookup.get().owner(term);
    }
    return Optional.ofNullable(terms.get(term));
  }

  /**
   * Whether some term starts with this word: most words of a text do not, and are skipped cheaply.
   */
  boolean startsTerm(String word) {
    if (lookup.isPresent()) {
      return lookup.get().startsTerm(word);
    }
    return firstWords.contains(word);
  }

  /**
   * False when no term starts with a word of this {@link String#hashCode}: a test that needs no
   * string, for the many words of a text that start nothing ({@link #startsTerm} then decides).
   */
  boolean mayStartTerm(int hash) {
    int bit = hash & 0xFFFF;
    return (firstWordHashes[bit >>> 6] & (1L << bit)) != 0;
  }

  int maxWords() {
    return maxWords;
  }

  /**
   * A proper noun or identifier: an upper-case letter, a digit or an identifier character
   * somewhere.
   */
  private static boolean looksLikeAName(String k) {
    return k.chars()
        .anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c) || "_.+#/".indexOf(c) >= 0);
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
    return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
  }

  /**
   * {@link #isWordChar} of the ASCII characters, looked up: most text is ASCII, and this runs on
   * every char.
   */
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '_';
    }
  }
}
