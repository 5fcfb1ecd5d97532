package dev.skillsite.routing;

import static dev.skillsite.testing.SkillEdits.withBody;
import static dev.skillsite.testing.SkillEdits.withName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.CorpusRequests;
import dev.skillsite.testing.CorpusSkills;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexDelta} is sound: on the 195 skills of {@code ../shared/corpora/medium}, after each
 * edit of one skill, every query it calls unaffected is ranked by the router on the edited index
 * exactly as on the index before (ids, scores, confidences, abstention), over every trigger of
 * every skill and the {@code large} eval requests; and every skill whose similar skills it calls
 * unaffected has the same similar skills (scores, reasons). It is also not vacuous: a
 * length-preserving edit, and a sentence added (the average lengths stay on their grid, {@link
 * Bm25#averageLength}), leave most answers unaffected; and where it declines (an edit that moves a
 * field's average length across a grid line) some answer that shares no word with the edited skill
 * did change, so the statistics condition is needed.
 */
class IndexDeltaTest {
  private static final Path CORPUS = Path.of("../shared/corpora/medium");
  private static final String NEW_WORD = "quokka";
  private static List<Skill> skills;
  private static List<String> queries;

  @BeforeAll
  static void load() throws IOException {
    skills = CorpusSkills.load(CORPUS);
    queries =
        List.copyOf(CorpusRequests.triggersAndEval(skills, Path.of("../shared/eval/large.jsonl")));
  }

  /** The outcome of one edit: how many queries were unaffected, and whether stats differ. */
  private record Outcome(
      int unaffected, Optional<String> differ, int changedElsewhere, int similarUnaffected) {}

  /**
   * Indexes the skills before and after {@code edit} of skill number {@code at}, checks every query
   * called unaffected, and counts the queries sharing no term with the edited skill whose ranking
   * changed anyway.
   */
  private static Outcome check(int at, UnaryOperator<Skill> edit) throws IOException {
    List<Skill> after = new ArrayList<>(skills);
    after.set(at, edit.apply(skills.get(at)));
    assertFalse(
        after.get(at).equals(skills.get(at)), "the edit changes the skill: " + skills.get(at).id());
    try (RoutingIndex a = RoutingIndex.build(skills);
        RoutingIndex b = RoutingIndex.build(after)) {
      IndexDelta delta = IndexDelta.of(a, b, Set.of(after.get(at).id())).orElseThrow();
      Router ra = new Router(a);
      Router rb = new Router(b);
      int unaffected = 0;
      int changedElsewhere = 0;
      for (String q : queries) {
        if (delta.unaffected(q)) {
          unaffected++;
          assertEquals(ra.rank(q, 5), rb.rank(q, 5), "rank: " + q);
          if (a.skill(at).equals(b.skill(at))) { // same stored fields: same matched phrases
            assertEquals(ra.route(q, 5), rb.route(q, 5), "route: " + q);
          }
        } else if (delta.statisticsDiffer().isPresent()
            && !sharesTerm(a, b, at, q)
            && !ra.rank(q, 5).equals(rb.rank(q, 5))) {
          changedElsewhere++;
        }
      }
      int similarUnaffected = 0;
      SimilarSkills sa = a.similarSkills();
      SimilarSkills sb = b.similarSkills();
      for (Skill s : after) {
        if (delta.unaffectedSimilar(s.id())) {
          similarUnaffected++;
          assertEquals(sa.similar(s.id(), 9), sb.similar(s.id(), 9), "similar: " + s.id());
        }
      }
      return new Outcome(unaffected, delta.statisticsDiffer(), changedElsewhere, similarUnaffected);
    }
  }

  /** Whether a term of {@code q} is in document {@code doc} of either index, in any field. */
  private static boolean sharesTerm(RoutingIndex a, RoutingIndex b, int doc, String q) {
    QueryTerms qt = QueryTerms.of(q, b.terms(), new Synonyms(), Fields.SEARCHED);
    Set<String> terms = new HashSet<>(qt.words());
    qt.byField().values().forEach(m -> terms.addAll(m.keySet()));
    for (String t : terms) {
      for (String f :
          List.of(
              Fields.NAME,
              Fields.DESCRIPTION,
              Fields.PHRASE,
              Fields.KEYWORD,
              Fields.HEADING,
              Fields.BODY,
              Fields.SHINGLE,
              Fields.LIGHT,
              Fields.ALL,
              Fields.NOT_FOR)) {
        if (a.contains(f, t, doc) || b.contains(f, t, doc)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The skill with one word of its body (a plain lowercase word, not a stop word, on a line that is
   * not a heading) replaced by another word: every field keeps its length.
   */
  private static Skill bodyWordReplaced(Skill s) {
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    String[] lines = s.body().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("#")) {
        continue;
      }
      Matcher m = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])").matcher(lines[i]);
      while (m.find()) {
        if (!stop.contains(m.group(1))) {
          lines[i] = lines[i].substring(0, m.start(1)) + NEW_WORD + lines[i].substring(m.end(1));
          return withBody(s, String.join("\n", lines));
        }
      }
    }
    throw new AssertionError("no word to replace in " + s.id());
  }

  @Test
  void aWordReplacedInTheBodyLeavesMostAnswersAndThoseExactly() throws IOException {
    for (int at : new int[] {0, 57, 140}) {
      Outcome o = check(at, IndexDeltaTest::bodyWordReplaced);
      assertEquals(Optional.empty(), o.differ(), "same lengths, same statistics");
      assertTrue(
          o.unaffected() > queries.size() / 2,
          o.unaffected() + " of " + queries.size() + " carried for skill " + at);
      assertTrue(
          o.similarUnaffected() > skills.size() / 4,
          o.similarUnaffected() + " of " + skills.size() + " similar lists carried for " + at);
    }
  }

  @Test
  void aSentenceAddedKeepsTheStatisticsOnTheirGridAndCarriesExactly() throws IOException {
    Outcome o = check(57, IndexDeltaTest::sentenceAdded);
    assertEquals(
        Optional.empty(), o.differ(), "8 tokens in 195 skills stay within a grid step here");
    assertTrue(
        o.unaffected() > queries.size() / 2,
        o.unaffected() + " of " + queries.size() + " carried after a sentence added");
    assertTrue(
        o.similarUnaffected() > skills.size() / 4,
        o.similarUnaffected() + " of " + skills.size() + " similar lists carried");
  }

  @Test
  void aGridLineCrossedCarriesNothingAndAnswersSharingNoWordChanged() throws IOException {
    // the longest body cut to one sentence: the body's average length falls by more than a step
    int longest = 0;
    for (int i = 1; i < skills.size(); i++) {
      if (skills.get(i).body().length() > skills.get(longest).body().length()) {
        longest = i;
      }
    }
    Outcome o = check(longest, s -> withBody(s, "Covers quokka habitats and field notes.\n"));
    assertTrue(o.differ().orElseThrow().contains("average length"), o.differ().orElseThrow());
    assertEquals(0, o.unaffected());
    assertEquals(0, o.similarUnaffected());
    assertTrue(
        o.changedElsewhere() > 0,
        "some ranking sharing no term with the edited skill changed: carrying it would be wrong");
  }

  private static Skill sentenceAdded(Skill s) {
    return withBody(s, s.body() + "\n\nAlso covers quokka habitats and marsupial field notes.\n");
  }

  @Test
  void aRenamedSkillCarriesNothing() throws IOException {
    Outcome o = check(57, s -> withName(s, s.name() + "-renamed"));
    assertTrue(o.differ().isPresent());
    assertEquals(0, o.unaffected());
  }

  @Test
  void anAddedOrRemovedSkillIsNoDelta() throws IOException {
    List<Skill> fewer = new ArrayList<>(skills.subList(0, skills.size() - 1));
    try (RoutingIndex a = RoutingIndex.build(skills);
        RoutingIndex b = RoutingIndex.build(fewer)) {
      assertEquals(Optional.empty(), IndexDelta.of(a, b, Set.<SkillId>of()));
      assertEquals(Optional.empty(), IndexDelta.of(b, a, Set.<SkillId>of()));
    }
  }
}
