package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.Skills;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift bound of {@link RoutingPatch.Patched#similarMayChange}: a skill whose query walks a
 * word whose document frequency moved keeps its list when every candidate's score moved less than
 * half the gaps between its best scores. On a corpus, a sentence of common words inserted into one
 * skill (their frequencies move) and then into another (the first patch's drift recorded and read
 * again): most walkers of those words are cleared by the bound, every list not asked shows what a
 * fresh index shows (ids, order, reasons), and every list asked is the fresh one. On a fixture, a
 * tie the edit breaks the other way: the bound refuses and the list is made again, in its new
 * order.
 */
class DriftBoundTest {
  private static final String KEY = "code+config";
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");

  @TempDir Path cache;

  @Test
  void commonWordsWhoseFrequencyMovedAreClearedByTheBound() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    List<String> common = commonDescriptionWords(skills, 8);
    RoutingIndex index = RoutingIndex.build(skills);
    RoutingPatch.write(cache, index, List.of(), KEY);
    int cleared = 0;
    int refused = 0;
    int walkers = 0;
    Map<String, Integer> all = new java.util.LinkedHashMap<>();
    for (int at : new int[] {17, 101}) {
      Skill before = skills.get(at);
      Skill after = SkillEdits.sentenceAfterFirstHeading(before, sentence(before, common));
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex fresh = RoutingIndex.build(next)) {
        Map<String, Integer> parts = p.similarMayChangeParts();
        parts.forEach((k, v) -> all.merge(k, v, Integer::sum));
        cleared += parts.get("cleared by the drift bound");
        refused += parts.get("refused by the drift bound");
        walkers += parts.get("walk a changed term");
        SimilarSkills was = index.similarSkills();
        SimilarSkills now = fresh.similarSkills();
        SimilarSkills patched = p.similarSkills();
        for (Skill s : next) {
          SkillId k = s.id();
          List<Similar> expected = now.similar(k, 7);
          if (p.similarMayChange().contains(k.value())) {
            assertEquals(expected, patched.similar(k, 7), "asked: " + k.value());
          } else {
            assertEquals(
                shown(was.similar(k, 7)), shown(expected), "edit of " + at + ", not asked: " + k);
          }
        }
        p.commit();
      }
      skills = next;
      index.close();
      index = RoutingIndex.build(skills);
    }
    index.close();
    System.out.printf(
        "medium, two sentences of common words: walkers of a changed word %d, cleared by the"
            + " drift bound %d, refused by it %d; %s%n",
        walkers, cleared, refused, all);
    assertTrue(cleared > refused, "cleared " + cleared + ", refused " + refused);
    assertTrue(cleared >= 10, "cleared by the bound: " + cleared);
  }

  @Test
  void aTieTheEditBreaksIsRefusedByTheBoundAndMadeAgain() throws IOException {
    List<Skill> skills = new ArrayList<>();
    // the source: four rare words; two candidates tie exactly (the same lengths, one word apart)
    skills.add(skill("source", "Quokkaq wombatq yakkaq lemurq xylofonq zebrafiq."));
    skills.add(skill("alpha-match", "Quokkaq wombatq yakkaq lemurq zebrafiq."));
    skills.add(skill("beta-match", "Quokkaq wombatq yakkaq lemurq xylofonq."));
    for (int i = 0; i < 40; i++) {
      skills.add(skill("filler-" + letters(i), "Quokkaq wombatq yakkaq lemurq."));
    }
    // the skill edited: a long description, so that the rare word it gains scores it low
    StringBuilder longer = new StringBuilder("Keeps");
    for (int i = 0; i < 300; i++) {
      longer.append(" pad").append(letters(i));
    }
    skills.add(skill("changer", longer + "."));
    for (int i = 0; i < 160; i++) {
      skills.add(skill("plain-" + letters(i), "Handles plain chore " + letters(i) + "."));
    }
    int x = skills.size() - 161;
    Skill before = skills.get(x);
    // a word of the same length replaced: no field length moves, zebrafiq's frequency 2 → 3
    Skill after =
        SkillEdits.withDescription(before, before.description().replace("padaa", "zebrafiq"));
    List<Skill> next = new ArrayList<>(skills);
    next.set(x, after);
    SkillId source = skills.get(0).id();
    try (RoutingIndex index = RoutingIndex.build(skills);
        RoutingIndex fresh = RoutingIndex.build(next)) {
      RoutingPatch.write(cache, index, List.of(), KEY);
      List<Similar> old = index.similarSkills().similar(source, 7);
      List<Similar> now = fresh.similarSkills().similar(source, 7);
      assertEquals("alpha-match", old.get(0).id().value(), "the tie, broken by document");
      assertEquals("beta-match", now.get(0).id().value(), "broken the other way after the edit");
      assertNotEquals(shown(old), shown(now));
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
        assertTrue(p.similarMayChange().contains("source"), p.similarMayChange().toString());
        assertTrue(
            p.similarMayChangeParts().get("refused by the drift bound") >= 1,
            p.similarMayChangeParts().toString());
        assertEquals(now, p.similarSkills().similar(source, 7));
      }
    }
  }

  private static Skill skill(String name, String description) {
    return Skills.skill(name, description, List.of(), List.of());
  }

  /** {@code i} in two letters (aa, ab, …): names and words without digits. */
  private static String letters(int i) {
    return "" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26);
  }

  /** A related list as the site shows it: ids and reasons (no page prints a score). */
  static List<String> shown(List<Similar> list) {
    return list.stream().map(s -> s.id().value() + " — " + s.reason()).toList();
  }

  /**
   * The {@code count} description words most skills use, under a quarter of the skills: words many
   * "more like this" queries choose and walk.
   */
  private static List<String> commonDescriptionWords(List<Skill> skills, int count) {
    Map<String, Integer> df = new HashMap<>();
    for (Skill s : skills) {
      for (String w : words(s.description())) {
        df.merge(w, 1, Integer::sum);
      }
    }
    return df.entrySet().stream()
        .filter(e -> e.getValue() < 0.25 * skills.size())
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(count)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      if (!StopWords.WORDS.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The common words {@code s}'s body does not use yet, as a sentence. */
  private static String sentence(Skill s, List<String> common) {
    Set<String> held = words(s.body());
    List<String> w = common.stream().filter(c -> !held.contains(c)).toList();
    return String.join(" ", w) + ".";
  }
}
