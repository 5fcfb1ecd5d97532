package dev.skillsite.check;

import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the agent's skill listing fills a character budget. Every skill is listed at least by name
 * ({@code "- name\n"}); skills are then given their full entry ({@code "- name: description
 * when_to_use\n"}, the text cut at {@value DescriptionLintRule#LISTING_LIMIT} characters) in
 * alphabetical order of name while the budget allows; the first that does not fit and every skill
 * after it stay bare names.
 *
 * @param size characters of the listing with every skill in full
 * @param budget the budget it is measured against
 * @param full names listed in full, alphabetical
 * @param cut names cut to bare names, alphabetical
 */
public record ListingBudget(int size, int budget, List<String> full, List<String> cut) {
  public ListingBudget {
    full = List.copyOf(full);
    cut = List.copyOf(cut);
  }

  public static ListingBudget of(List<Skill> skills, int budget) {
    List<Skill> sorted =
        skills.stream()
            .sorted(Comparator.comparing(Skill::name).thenComparing(Skill::source))
            .toList();
    int bare = sorted.stream().mapToInt(ListingBudget::bareSize).sum();
    int size = sorted.stream().mapToInt(ListingBudget::entrySize).sum();
    int used = bare;
    List<String> full = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    for (Skill s : sorted) {
      int extra = entrySize(s) - bareSize(s);
      if (cut.isEmpty() && used + extra <= budget) {
        used += extra;
        full.add(s.name());
      } else {
        cut.add(s.name());
      }
    }
    return new ListingBudget(size, budget, full, cut);
  }

  public boolean overBudget() {
    return size > budget;
  }

  static int bareSize(Skill s) {
    return 2 + length(s.name()) + 1;
  }

  static int entrySize(Skill s) {
    String text = s.description().strip();
    String when = s.stringKey("when_to_use").map(String::strip).orElse("");
    int textLength = length(text) + (when.isEmpty() ? 0 : 1 + length(when));
    return 2 + length(s.name()) + 2 + Math.min(textLength, DescriptionLintRule.LISTING_LIMIT) + 1;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
