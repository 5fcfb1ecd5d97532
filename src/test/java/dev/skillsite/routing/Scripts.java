package dev.skillsite.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The language of a query set, for reporting figures per language: each query is classed by the
 * script most of its letters are in (Han "zh", Hangul "ko", kana "ja", Cyrillic "ru"), and Latin
 * text as Italian ("it") when it has more Italian than English function words, else "en"; the set's
 * language is its queries' most common one.
 */
final class Scripts {
  private static final Set<String> ITALIAN =
      Set.of(
          "il", "lo", "la", "gli", "le", "di", "che", "per", "una", "un", "non", "è", "con", "del",
          "della", "mi", "come", "sono", "questo", "questa", "nel", "alla", "fammi", "voglio");
  private static final Set<String> ENGLISH =
      Set.of(
          "the", "a", "an", "of", "to", "and", "is", "for", "with", "my", "this", "that", "how",
          "i", "what", "can", "you", "in", "on", "it");

  private Scripts() {}

  static String of(List<String> queries) {
    Map<String, Integer> votes = new HashMap<>();
    for (String q : queries) {
      votes.merge(ofQuery(q), 1, Integer::sum);
    }
    return votes.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse("en");
  }

  static String ofQuery(String q) {
    int han = 0;
    int kana = 0;
    int hangul = 0;
    int cyrillic = 0;
    int latin = 0;
    for (int cp : q.codePoints().toArray()) {
      Character.UnicodeScript s = Character.UnicodeScript.of(cp);
      switch (s) {
        case HAN -> han++;
        case HIRAGANA, KATAKANA -> kana++;
        case HANGUL -> hangul++;
        case CYRILLIC -> cyrillic++;
        case LATIN -> latin++;
        default -> {}
      }
    }
    // a CJK character carries about a word; Latin letters about a fifth of one
    double lat = latin / 5.0;
    double max = Math.max(Math.max(han + kana, hangul), Math.max(cyrillic / 5.0, lat));
    if (max == 0) {
      return "en";
    }
    if (hangul == max) {
      return "ko";
    }
    if (han + kana == max) {
      return kana > 0 ? "ja" : "zh";
    }
    if (cyrillic / 5.0 == max) {
      return "ru";
    }
    int it = 0;
    int en = 0;
    for (String w : q.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      it += ITALIAN.contains(w) ? 1 : 0;
      en += ENGLISH.contains(w) ? 1 : 0;
    }
    return it > en ? "it" : "en";
  }
}
