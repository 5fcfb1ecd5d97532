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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cap on the words that find candidates, on the 195 skills of {@code ../shared/corpora/medium}
 * with a cap low enough to bite (5 skills): a capped list is the uncapped ranking of the skills its
 * rarer words reach, scores and reasons unchanged; and {@link SimilarSkills#affectedBy} holds every
 * skill whose list an edit of another can change.
 */
class SimilarSkillsTest {
  private static final Path CORPUS = Path.of("../shared/corpora/medium");

  /** Postings a query may walk: a few of the rarest words of a skill of 195. */
  private static final int CAP = 60;

  private static List<Skill> skills;
  private static RoutingIndex index;

  @BeforeAll
  static void load() throws IOException {
    skills = CorpusSkills.load(CORPUS);
    index = RoutingIndex.build(skills);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SimilarSkills capped(RoutingIndex index, int cap) {
    return new SimilarSkills(
        index, TermStats.read(index.reader(), List.of(Fields.ALL, Fields.BODY)), cap);
  }

  @Test
  void aCapAboveTheCollectionChangesNothing() {
    SimilarSkills uncapped = capped(index, Integer.MAX_VALUE);
    SimilarSkills byDefault = index.similarSkills();
    for (Skill s : skills) {
      assertEquals(uncapped.similar(s.id(), 7), byDefault.similar(s.id(), 7), s.id().value());
    }
  }

  @Test
  void aSmallBudgetFindsSkillsThroughTheRarerWordsOnly() {
    SimilarSkills uncapped = capped(index, Integer.MAX_VALUE);
    SimilarSkills capped = capped(index, CAP);
    int differ = 0;
    int kept = 0;
    int had = 0;
    for (Skill s : skills) {
      List<Similar> got = capped.similar(s.id(), 7);
      List<Similar> all = uncapped.similar(s.id(), 7);
      for (Similar x : got) {
        // x was found through a word s's query walks: an edit of x's words is one s must hear of
        assertTrue(capped.affectedBy(x.id()).contains(s.id()), x.id() + " in " + s.id());
      }
      differ += got.equals(all) ? 0 : 1;
      had += all.isEmpty() ? 0 : 1;
      kept += all.isEmpty() || got.isEmpty() ? 0 : 1;
    }
    assertTrue(differ > 0, "the budget bites on some skill");
    assertTrue(kept > had * 3 / 4, kept + " of " + had + " skills keep a similar skill");
  }

  @Test
  void anEditChangesOnlyTheListsOfTheSkillsItAffects() throws IOException {
    int[] caps = {SimilarSkills.MAX_POSTINGS, CAP};
    int[] affected = new int[caps.length];
    int[] changed = new int[caps.length];
    for (int at = 0; at < skills.size(); at += 32) {
      Optional<Skill> edited = wordMoved(skills.get(at));
      if (edited.isEmpty()) {
        continue;
      }
      List<Skill> after = new ArrayList<>(skills);
      after.set(at, edited.get());
      try (RoutingIndex b = RoutingIndex.build(after)) {
        for (int c = 0; c < caps.length; c++) {
          SimilarSkills sa = capped(index, caps[c]);
          SimilarSkills sb = capped(b, caps[c]);
          SkillId x = skills.get(at).id();
          Set<SkillId> may = new HashSet<>(sa.affectedBy(x));
          may.addAll(sb.affectedBy(x));
          assertTrue(
              caps[c] > CAP || may.size() < skills.size() / 2, may.size() + " affected by " + x);
          affected[c] += may.size();
          for (Skill s : skills) {
            if (!s.id().equals(x) && !sa.similar(s.id(), 9).equals(sb.similar(s.id(), 9))) {
              changed[c]++;
              assertTrue(may.contains(s.id()), s.id() + "'s list changed with " + x);
            }
          }
        }
      }
    }
    for (int c = 0; c < caps.length; c++) {
      assertTrue(
          changed[c] > 0, "some list changed: the check is not vacuous (cap " + caps[c] + ")");
      assertTrue(affected[c] >= changed[c]);
    }
  }

  /**
   * The skill with one occurrence of a body word it uses twice replaced by another word of its
   * body: every field keeps its length and every word its document frequency, so the collection's
   * statistics are held and only the skill's own frequencies move.
   */
  private static Optional<Skill> wordMoved(Skill s) {
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    String body = s.body().substring(0, Math.min(s.body().length(), 8_000));
    Map<String, List<int[]>> at = new LinkedHashMap<>();
    int offset = 0;
    boolean fence = false;
    for (String line : body.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fence = !fence;
      }
      if (!fence && !line.startsWith("#") && !line.contains("](")) {
        Matcher m = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])").matcher(line);
        while (m.find()) {
          if (!stop.contains(m.group(1))) {
            at.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                .add(new int[] {offset + m.start(1), offset + m.end(1)});
          }
        }
      }
      offset += line.length() + 1;
    }
    String twice =
        at.entrySet().stream()
            .filter(e -> e.getValue().size() >= 2)
            .findFirst()
            .map(Map.Entry::getKey)
            .orElse(null);
    if (twice == null) {
      return Optional.empty();
    }
    String other = at.keySet().stream().filter(w -> !w.equals(twice)).findFirst().orElse(null);
    if (other == null) {
      return Optional.empty();
    }
    int[] span = at.get(twice).get(1);
    String edited = s.body().substring(0, span[0]) + other + s.body().substring(span[1]);
    return Optional.of(SkillEdits.withBody(s, edited));
  }
}
