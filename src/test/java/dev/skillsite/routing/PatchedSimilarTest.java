package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingPatch.Patched#similarSkills}: after each edit of a sequence patched into one state,
 * the similar skills of every skill the patch says may change are those of a fresh index of the
 * edited collection — ids, scores, reasons, order — read from the patched index (the postings of
 * the skill's own words only), and the patched finder agrees with the fresh one on skills it need
 * not have asked too. Edits: a body word replaced by a new word, a description word replaced by a
 * new one, and a description word replaced by one of the collection's commonest usable words (many
 * skills walk it: the most lists to check and the ones that do change).
 */
class PatchedSimilarTest {
  private static final String KEY = "code+config";

  @TempDir Path cache;

  @Test
  void medium() throws IOException {
    Sequence s = new Sequence(CorpusSkills.load(Path.of("../shared/corpora/medium")), cache, true);
    s.patch(0, SkillEdits::bodyWordReplaced);
    s.patch(57, SkillEdits::descriptionWordReplaced);
    s.patch(3, s::commonWordInDescription);
    s.patch(57, s::commonWordInDescription);
    s.patch(120, s::commonWordInDescription);
    assertTrue(s.asked > 5, "lists asked: " + s.asked);
    assertTrue(s.differ > 0, "some lists change: " + s.differ);
    s.current.close();
  }

  @Test
  void anthropic() throws IOException {
    Sequence s =
        new Sequence(CorpusSkills.load(Path.of("../shared/corpora/anthropic")), cache, true);
    s.patch(1, SkillEdits::bodyWordReplaced);
    s.patch(5, s::commonWordInDescription);
    s.patch(1, SkillEdits::descriptionWordReplaced);
    s.patch(9, s::commonWordInDescription);
    s.current.close();
  }

  /**
   * {@link PatchedStats#addScores} with each posting's denominator made once a patch and reused by
   * every list ({@link PatchedStats#SCORE_DEN}) adds, for every term of both fields, the same
   * documents and the same scores, bit for bit, as the per-list path and as a fresh index's {@link
   * TermStats} — asked twice, so the second read comes from the kept denominators.
   */
  @Test
  void keptDenominatorsScoreAsAFreshIndex() throws IOException {
    Sequence s = new Sequence(CorpusSkills.load(Path.of("../shared/corpora/medium")), cache, true);
    s.patch(3, s::commonWordInDescription);
    Skill before = s.skills.get(57);
    Skill after = s.commonWordInDescription(before);
    List<Skill> next = new ArrayList<>(s.skills);
    next.set(57, after);
    RoutingPatch.Outcome o =
        RoutingPatch.patch(
            cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
    assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
    try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
        RoutingIndex fresh = RoutingIndex.build(next)) {
      PatchedIndex at = p.index();
      assertEquals(fresh.size(), at.size());
      for (int d = 0; d < at.size(); d++) {
        assertEquals(fresh.skill(d).id(), at.skill(d).id(), "ord " + d);
      }
      PatchedStats kept = new PatchedStats(at);
      TermStats all = TermStats.read(fresh.reader(), List.of(Fields.ALL, Fields.BODY));
      int terms = 0;
      int postings = 0;
      for (String field : List.of(Fields.ALL, Fields.BODY)) {
        org.apache.lucene.index.TermsEnum te =
            org.apache.lucene.index.MultiTerms.getTerms(fresh.reader(), field).iterator();
        for (var b = te.next(); b != null; b = te.next()) {
          String t = b.utf8ToString();
          float boost = field.equals(Fields.ALL) ? 2.17f : 0.3f * 1.63f;
          ScoreTable expected = new ScoreTable(fresh.size());
          all.addScores(field, t, boost, expected);
          for (int round = 0; round < 2; round++) {
            ScoreTable reused = new ScoreTable(at.size());
            kept.addScores(field, t, boost, reused, true);
            ScoreTable perList = new ScoreTable(at.size());
            kept.addScores(field, t, boost, perList, false);
            assertEquals(expected.size(), reused.size(), field + ":" + t);
            assertEquals(expected.size(), perList.size(), field + ":" + t);
            for (int i = 0; i < expected.size(); i++) {
              int d = expected.doc(i);
              long bits = Double.doubleToRawLongBits(expected.score(d));
              assertEquals(bits, Double.doubleToRawLongBits(reused.score(d)), field + ":" + t);
              assertEquals(bits, Double.doubleToRawLongBits(perList.score(d)), field + ":" + t);
            }
          }
          terms++;
          postings += expected.size();
        }
      }
      assertTrue(terms > 1000 && postings > 10_000, terms + " terms, " + postings + " postings");
    }
    s.current.close();
  }

  /** The slow tier: build/RelatedPatchTest covers {@code large} in the fast one. */
  @Test
  @Tag("corpus")
  void large() throws IOException {
    Sequence s = new Sequence(CorpusSkills.load(Path.of("../shared/corpora/large")), cache, false);
    s.patch(0, SkillEdits::bodyWordReplaced);
    s.patch(s.describable(300), s::commonWordInDescription);
    s.patch(s.describable(400), SkillEdits::descriptionWordReplaced);
    s.patch(s.describable(600), s::commonWordInDescription);
    s.patch(881, SkillEdits::bodyWordReplaced);
    assertTrue(s.differ > 0, "some lists change: " + s.differ);
    s.current.close();
  }

  /** A collection and its patch state; the fresh index of its current skills is built per check. */
  private static final class Sequence {
    final List<Skill> skills;
    final Path cache;
    final boolean everySkill;
    final String common;
    RoutingIndex current;
    SimilarSkills currentSimilar;
    int asked;
    int differ;

    Sequence(List<Skill> skills, Path cache, boolean everySkill) throws IOException {
      this.skills = new ArrayList<>(skills);
      this.cache = cache;
      this.everySkill = everySkill;
      this.current = RoutingIndex.build(skills);
      RoutingPatch.write(cache, current, List.of(), KEY);
      this.currentSimilar = current.similarSkills();
      this.common = commonWord(current, skills);
    }

    /**
     * The word of six letters or more most descriptions use among those under 30% of the skills (so
     * a "more like this" query may use it).
     */
    private static String commonWord(RoutingIndex index, List<Skill> skills) {
      Map<String, Integer> df = new HashMap<>();
      for (Skill s : skills) {
        Matcher m = WORD.matcher(s.description());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
          if (seen.add(m.group(1))) {
            df.merge(m.group(1), 1, Integer::sum);
          }
        }
      }
      return df.entrySet().stream()
          .filter(e -> e.getValue() < 0.25 * skills.size())
          .filter(e -> !StopWords.WORDS.contains(e.getKey()))
          .max(
              Map.Entry.<String, Integer>comparingByValue()
                  .thenComparing(Map.Entry.comparingByKey()))
          .orElseThrow()
          .getKey();
    }

    private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");

    /** The first plain description word (not the common one) replaced by the common word. */
    Skill commonWordInDescription(Skill s) {
      Matcher m = WORD.matcher(s.description());
      while (m.find()) {
        if (!StopWords.WORDS.contains(m.group(1)) && !m.group(1).equals(common)) {
          return SkillEdits.withDescription(
              s,
              s.description().substring(0, m.start(1))
                  + common
                  + s.description().substring(m.end(1)));
        }
      }
      throw new AssertionError("no word to replace in the description of " + s.id());
    }

    /** The first skill from {@code from} on with a description word to replace. */
    int describable(int from) {
      for (int i = from; i < skills.size(); i++) {
        Matcher m = WORD.matcher(skills.get(i).description());
        while (m.find()) {
          if (!StopWords.WORDS.contains(m.group(1)) && !m.group(1).equals(common)) {
            return i;
          }
        }
      }
      throw new AssertionError("no skill with a description word after " + from);
    }

    private static List<String> shown(List<Similar> list) {
      return list.stream().map(x -> x.id().value() + " — " + x.reason()).toList();
    }

    void patch(int at, UnaryOperator<Skill> edit) throws IOException {
      Skill before = skills.get(at);
      Skill after = edit.apply(before);
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      RoutingIndex fresh = RoutingIndex.build(next);
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex was = current) {
        SimilarSkills patched = p.similarSkills();
        SimilarSkills now = fresh.similarSkills();
        SimilarSkills old = currentSimilar;
        for (String id : p.similarMayChange()) {
          var k = new dev.skillsite.model.SkillId(id);
          for (int n : new int[] {7, 10}) {
            List<Similar> expected = now.similar(k, n);
            assertEquals(expected, patched.similar(k, n), "similar " + n + ": " + id);
            if (n == 7 && !expected.equals(old.similar(k, n))) {
              differ++;
            }
          }
          asked++;
        }
        for (int i = 0; i < next.size(); i += everySkill ? 1 : 37) {
          var k = next.get(i).id();
          assertEquals(now.similar(k, 7), patched.similar(k, 7), "similar: " + k);
          if (!p.similarMayChange().contains(k.value())) {
            // ids, order and reasons (what the site shows); a list the drift bound cleared keeps
            // those while its scores move
            assertEquals(
                shown(old.similar(k, 7)), shown(now.similar(k, 7)), "not asked, kept: " + k);
          }
        }
        p.commit();
        skills.set(at, after);
        current = fresh;
        currentSimilar = now;
      }
    }
  }
}
