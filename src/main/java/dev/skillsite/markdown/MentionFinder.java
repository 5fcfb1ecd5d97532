package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the terms of a {@link MentionIndex} in a text: whole words, longest first, left to right. */
final class MentionFinder {
  private final MentionIndex index;

  MentionFinder(MentionIndex index) {
    this.index = index;
  }

  /** A term found at {@code [start, end)} of a text. */
  record Mention(SkillId id, String term, int start, int end) {}

  /** Every non-overlapping mention in {@code s}, in order. */
  List<Mention> find(String s) {
    List<Mention> found = new ArrayList<>();
    if (index.maxWords() == 0) {
      return found;
    }
    List<int[]> words = words(s);
    for (int i = 0; i < words.size(); i++) {
      int first = i;
      int start = words.get(first)[0];
      if (start > 0 && s.charAt(start - 1) == '-' || !index.startsTerm(s.substring(start, words.get(first)[1]))) {
        continue;
      }
      int last = Math.min(words.size() - 1, first + index.maxWords() - 1);
      for (int j = last; j >= first; j--) {
        int end = words.get(j)[1];
        if (end < s.length() && joinsNextWord(s, end)) {
          continue;
        }
        String term = s.substring(start, end);
        Optional<SkillId> id = index.lookup(term);
        if (id.isPresent()) {
          found.add(new Mention(id.get(), term, start, end));
          i = j;
          break;
        }
      }
    }
    return found;
  }

  private static boolean joinsNextWord(String s, int end) {
    char c = s.charAt(end);
    return (c == '-' || c == '.') && end + 1 < s.length() && MentionIndex.isWordChar(s.charAt(end + 1));
  }

  private static List<int[]> words(String s) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      if (!MentionIndex.isWordChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && MentionIndex.isWordChar(s.charAt(i))) {
        i++;
      }
      words.add(new int[] {start, i});
    }
    return words;
  }
}
