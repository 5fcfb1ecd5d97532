package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the terms of a {@link MentionIndex} in a text: whole words, longest first, left to right.
 */
final class MentionFinder {
  private final MentionIndex index;

  MentionFinder(MentionIndex index) {
    this.index = index;
  }

  /** A term found at {@code [start, end)} of a text. */
  record Mention(SkillId id, String term, int start, int end) {}

  /** Every non-overlapping mention in {@code text}, in order. */
  List<Mention> find(String text) {
    List<Mention> found = new ArrayList<>();
    int max = index.maxWords();
    if (max == 0) {
      return found;
    }
    int[] ends = new int[max]; // of the words from a candidate first word on
    char[] s =
        text.toCharArray(); // scanned char by char: an array is several times faster than charAt
    int n = s.length;
    int i = 0;
    while (i < n) {
      if (!MentionIndex.isWordChar(s[i])) {
        i++;
        continue;
      }
      int start = i;
      int hash = 0;
      while (i < n && MentionIndex.isWordChar(s[i])) {
        hash = 31 * hash + s[i];
        i++;
      }
      if (start > 0 && s[start - 1] == '-'
          || !index.mayStartTerm(hash)
          || !index.startsTerm(text.substring(start, i))) {
        continue;
      }
      ends[0] = i;
      int count = 1;
      for (int k = i; count < max; count++) {
        while (k < n && !MentionIndex.isWordChar(s[k])) {
          k++;
        }
        if (k == n) {
          break;
        }
        k = wordEnd(s, k);
        ends[count] = k;
      }
      for (int j = count - 1; j >= 0; j--) { // longest first
        int end = ends[j];
        if (end < n && joinsNextWord(s, end)) {
          continue;
        }
        String term = text.substring(start, end);
        Optional<SkillId> id = index.lookup(term);
        if (id.isPresent()) {
          found.add(new Mention(id.get(), term, start, end));
          i = end;
          break;
        }
      }
    }
    return found;
  }

  /** Where the word starting at {@code from} ends. */
  private static int wordEnd(char[] s, int from) {
    int k = from;
    while (k < s.length && MentionIndex.isWordChar(s[k])) {
      k++;
    }
    return k;
  }

  private static boolean joinsNextWord(char[] s, int end) {
    char c = s[end];
    return (c == '-' || c == '.') && end + 1 < s.length && MentionIndex.isWordChar(s[end + 1]);
  }
}
