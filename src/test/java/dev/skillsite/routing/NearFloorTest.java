package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed skill inside another's related window ({@link RoutingPatch#NEAR_FLOOR}): trigger
 * phrases added, reworded and unquoted in random skills of a corpus, each patched and committed in
 * sequence (records drift from patch to patch). After every patch, every list not asked shows what
 * a fresh index of the same skills shows (ids, order, reasons) and every list asked is the fresh
 * one; lists cleared with a changed skill in their window are among those not asked, so a wrong
 * clearance fails here.
 */
class NearFloorTest {
  private static final String KEY = "code+config";
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{5,})(?![\\w-])");

  @TempDir Path cache;

  @Test
  void listsClearedWithAChangedSkillInTheirWindowAreAFreshIndexs() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    List<String> words = descriptionWords(skills);
    Random random = new Random(27);
    RoutingIndex index = RoutingIndex.build(skills);
    RoutingPatch.write(cache, index, List.of(), KEY);
    Map<String, Integer> all = new LinkedHashMap<>();
    int patched = 0;
    int edits = 0;
    int keptChecked = 0;
    for (int round = 0; round < 28; round++) {
      int at = random.nextInt(skills.size());
      Skill before = skills.get(at);
      Skill after =
          triggerEdit(
              before, round % 4 == 3 ? 3 : round % 4 == 0 ? round / 4 % 2 : 2, words, random);
      if (after == null) {
        continue;
      }
      edits++;
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      try (RoutingIndex fresh = RoutingIndex.build(next)) {
        if (o instanceof RoutingPatch.Patched p) {
          try (p) {
            patched++;
            p.similarMayChangeParts().forEach((k, v) -> all.merge(k, v, Integer::sum));
            SimilarSkills was = index.similarSkills();
            SimilarSkills now = fresh.similarSkills();
            SimilarSkills patchedLists = p.similarSkills();
            for (Skill s : next) {
              SkillId k = s.id();
              for (int n : new int[] {7, 12}) {
                List<Similar> expected = now.similar(k, n);
                if (p.similarMayChange().contains(k.value())) {
                  assertEquals(expected, patchedLists.similar(k, n), "asked: " + k.value());
                } else {
                  keptChecked++;
                  assertEquals(
                      DriftBoundTest.shown(was.similar(k, n)),
                      DriftBoundTest.shown(expected),
                      "edit " + round + " of " + before.id().value() + ", not asked: " + k.value());
                }
              }
            }
            p.commit();
          }
        } else {
          System.out.println("refused: " + o);
          RoutingPatch.write(cache, fresh, List.of(), KEY); // refused: a whole build's state
        }
      }
      skills = next;
      index.close();
      index = RoutingIndex.build(skills);
    }
    index.close();
    System.out.printf(
        "medium, %d trigger edits, %d patched, %d kept lists compared: %s%n",
        edits, patched, keptChecked, all);
    assertTrue(patched >= 10, "patched " + patched + " of " + edits);
    int inWindow = all.getOrDefault("cleared: a changed skill in the window", 0);
    if (RoutingPatch.NEAR_FLOOR) {
      assertTrue(inWindow >= 10, "cleared with a changed skill in the window: " + all);
    } else {
      assertEquals(0, inWindow, all.toString());
    }
  }

  /**
   * Kind 0: a trigger phrase of three other skills' words added; 1: of three of its own words; 2:
   * one description word replaced by another of its own (no length moves: the averages hold at this
   * corpus size, where 0 and 1 mostly refuse); 3: a quoted phrase's word reworded. Null when the
   * skill has nothing to edit so.
   */
  private static Skill triggerEdit(Skill s, int kind, List<String> words, Random random) {
    String d = s.description();
    List<String> own = descriptionWords(List.of(s));
    if (kind == 0 || kind == 1) {
      List<String> from = kind == 0 ? words : own;
      if (from.isEmpty()) {
        return null;
      }
      String phrase = pick(from, random) + " " + pick(from, random) + " " + pick(from, random);
      return SkillEdits.withDescription(s, d + " Use when the user asks to \"" + phrase + "\".");
    }
    if (kind == 2) {
      Matcher w = WORD.matcher(d);
      List<int[]> at = new ArrayList<>();
      while (w.find()) {
        at.add(new int[] {w.start(1), w.end(1)});
      }
      if (at.size() < 2) {
        return null;
      }
      int[] x = at.get(random.nextInt(at.size()));
      String other = pick(own, random);
      if (other.equals(d.substring(x[0], x[1]))) {
        return null;
      }
      return SkillEdits.withDescription(s, d.substring(0, x[0]) + other + d.substring(x[1]));
    }
    Matcher m = QUOTED.matcher(d);
    if (!m.find()) {
      return null;
    }
    Matcher w = WORD.matcher(m.group(1));
    if (!w.find()) {
      return null;
    }
    String phrase =
        m.group(1).substring(0, w.start()) + pick(words, random) + m.group(1).substring(w.end());
    return SkillEdits.withDescription(
        s, d.substring(0, m.start()) + "\"" + phrase + "\"" + d.substring(m.end()));
  }

  private static String pick(List<String> words, Random random) {
    return words.get(random.nextInt(words.size()));
  }

  /** Every description word of five letters or more, once each, in first-seen order. */
  private static List<String> descriptionWords(List<Skill> skills) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Skill s : skills) {
      Matcher m = WORD.matcher(s.description());
      while (m.find()) {
        if (!StopWords.WORDS.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * {@code ORDER_CHECK}: a list is in the chosen words' order (heavier first, then by word) by its
   * consecutive pairs exactly when sorting the weights gives it — random weights with many ties,
   * every list tried in its sorted order, reversed, and with one pair swapped.
   */
  @Test
  void chosenWordsCheckedInOrderAsSortingDoes() {
    Random random = new Random(27);
    int agreed = 0;
    for (int round = 0; round < 2000; round++) {
      Map<String, Double> weights = new java.util.HashMap<>();
      int size = 1 + random.nextInt(20);
      for (int i = 0; i < size; i++) {
        weights.put("w" + random.nextInt(40), (double) random.nextInt(4) / (1 + random.nextInt(3)));
      }
      List<String> sorted = RoutingPatch.Patched.order(weights);
      List<String> shuffled = new ArrayList<>(sorted);
      java.util.Collections.shuffle(shuffled, random);
      List<String> swapped = new ArrayList<>(sorted);
      if (swapped.size() > 1) {
        int at = random.nextInt(swapped.size() - 1);
        java.util.Collections.swap(swapped, at, at + 1);
      }
      for (List<String> terms : List.of(sorted, shuffled, swapped)) {
        assertEquals(
            RoutingPatch.Patched.order(weights).equals(terms),
            RoutingPatch.Patched.inOrder(terms, weights),
            terms + " of " + weights);
        agreed++;
      }
      assertTrue(RoutingPatch.Patched.inOrder(sorted, weights));
    }
    assertEquals(6000, agreed);
  }
}
