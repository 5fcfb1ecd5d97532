package dev.skillsite.search;

import java.util.Random;

/** Made-up words and texts for seeded collections no corpus holds (tests of the export). */
final class MadeUpText {
  private MadeUpText() {}

  /** Words drawn with a long tail: a few common, most rare. */
  static String text(Random random, String[] vocabulary, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      double r = random.nextDouble();
      sb.append(i == 0 ? "" : " ").append(vocabulary[(int) (vocabulary.length * r * r * r)]);
    }
    return sb.toString();
  }

  /** A word of two to four syllables, each one of {@code consonants} and a vowel. */
  static String word(Random random, String consonants) {
    String vowels = "aeiou";
    StringBuilder sb = new StringBuilder();
    int syllables = 2 + random.nextInt(3);
    for (int i = 0; i < syllables; i++) {
      sb.append(consonants.charAt(random.nextInt(consonants.length())));
      sb.append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return sb.toString();
  }
}
