package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.routing.StopWords;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RelatedPatch} against a full build's related stage: a sequence of edits of one skill each,
 * patched one after another into one state (the routing state, and the related lists' {@link
 * RelatedState} published after each patch as a patch build publishes it). After each: every skill
 * the patch asks about gets the list {@link RelatedSkillsStage} gives it on the edited collection
 * (ids, order, reasons, declared); the patch returns exactly the lists that differ from the
 * recorded ones, and every list it does not ask about is the fresh one already; the state then
 * holds the fresh lists, every one. A skill declaring related skills (and one whose declared names
 * change) is among them, and edits that put one of the collection's commonest usable words in a
 * description, so that many skills' lists are asked.
 */
class RelatedPatchTest {
  private static final String KEY = "code+config";
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");

  @TempDir Path site;

  @Test
  void medium() throws IOException {
    Sequence s = new Sequence(Path.of("../shared/corpora/medium"), site);
    int declaring = s.declare(10, 3, 40, 41); // declares two others, one of them its neighbour too
    s.patch(declaring, s::commonWordInDescription);
    s.patch(0, SkillEdits::bodyWordReplaced);
    s.patch(57, s::commonWordInDescription);
    s.patch(declaring, k -> withDeclared(k, List.of(s.name(90), s.name(declaring), "no-such")));
    s.patch(s.describable(120), s::commonWordInDescription);
    s.patch(s.describable(150), k -> s.echo(k, s.describable(20), 4));
    s.patch(57, SkillEdits::descriptionWordReplaced);
    assertTrue(s.asked > 20, "lists asked: " + s.asked);
    assertTrue(s.differ > 0, "some lists change: " + s.differ);
    assertEquals(0, s.refused, "every edit is patched");
    s.close();
  }

  @Test
  void anthropic() throws IOException {
    Sequence s = new Sequence(Path.of("../shared/corpora/anthropic"), site);
    int declaring = s.declare(2, 5);
    s.patch(1, SkillEdits::bodyWordReplaced);
    s.patch(s.describable(5), s::commonWordInDescription);
    s.patch(declaring, s::commonWordInDescription);
    s.close();
  }

  @Test
  void large() throws IOException {
    Sequence s = new Sequence(Path.of("../shared/corpora/large"), site);
    int declaring = s.declare(100, 101, 500);
    s.patch(0, SkillEdits::bodyWordReplaced);
    s.patch(s.describable(300), s::commonWordInDescription);
    s.patch(declaring, s::commonWordInDescription);
    s.patch(s.describable(600), SkillEdits::descriptionWordReplaced);
    s.patch(881, SkillEdits::bodyWordReplaced);
    s.patch(s.describable(200), k -> s.echo(k, s.describable(700), 4));
    assertTrue(s.differ > 0, "some lists change: " + s.differ);
    // the collection's commonest words ask more than MAX_ASKED lists here: refused (the cost
    // rule), the state left as it was, the next edits patched
    assertTrue(s.refused < 3, "most edits are patched: " + s.refused + " refused");
    s.close();
  }

  /**
   * A patch clears a skill by its recorded walk's floor, the score of its {@code 3 · MAX_N + 1}-th
   * candidate: that holds only if the related stage never asks for more than {@code MAX_N}.
   */
  @Test
  void theRelatedStageAsksAtMostMaxN() {
    List<Integer> asked = new ArrayList<>();
    IndexAnswers.Finder spy =
        (id, n) -> {
          asked.add(n);
          return List.of();
        };
    SkillId self = new SkillId("self");
    for (int declared = 0; declared <= BuildPipeline.RELATED + 2; declared++) {
      List<SkillId> ids = new ArrayList<>();
      for (int i = 0; i < declared; i++) {
        ids.add(new SkillId("d" + i));
      }
      ids.add(self); // declaring itself counts for nothing
      RelatedSkillsStage.related(self, ids, spy, BuildPipeline.RELATED);
    }
    assertEquals(BuildPipeline.RELATED, asked.size(), "asked while fewer than RELATED declared");
    assertEquals(2 * BuildPipeline.RELATED, asked.stream().mapToInt(i -> i).max().orElseThrow());
    assertTrue(2 * BuildPipeline.RELATED <= dev.skillsite.routing.SimilarSkills.MAX_N);
  }

  @Test
  void tooManyListsOrAnUnrecordedSkillFallBack() throws IOException {
    Sequence s = new Sequence(Path.of("../shared/corpora/anthropic"), site);
    IndexAnswers.Finder never =
        (id, n) -> {
          throw new AssertionError("nothing is asked");
        };
    try (RelatedState state = RelatedState.open(site).orElseThrow()) {
      List<String> many = new ArrayList<>();
      for (int i = 0; i <= RelatedPatch.MAX_ASKED; i++) {
        many.add(s.catalog.skills().get(i % s.catalog.skills().size()).id().value() + "-" + i);
      }
      assertInstanceOf(
          RelatedPatch.Refused.class, RelatedPatch.patch(state, many, never, List.of(), site));
      assertInstanceOf(
          RelatedPatch.Refused.class,
          RelatedPatch.patch(state, List.of("no-such-skill"), never, List.of(), site));
    }
    assertTrue(Files.notExists(site.resolve(RelatedState.PATCHED)), "nothing staged");
  }

  static Skill withDeclared(Skill s, List<String> names) {
    return new Skill(
        s.id(),
        s.name(),
        s.description(),
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        s.body(),
        s.bodyLine(),
        s.references(),
        s.triggers(),
        names);
  }

  /** A collection, its routing and related state, its current skills and their fresh lists. */
  private static final class Sequence {
    final Path site;
    final Path cache;
    Catalog catalog;
    Map<SkillId, List<RelatedSkill>> lists;
    String common;
    int asked;
    int differ;

    Sequence(Path corpus, Path site) throws IOException {
      this.site = site;
      this.cache = site.resolve("cache");
      this.catalog = new ContentLoader().load(corpus);
      this.common = commonWord(catalog.skills());
      record();
    }

    /** A full build: the routing state and the related lists, recorded afresh. */
    private void record() throws IOException {
      try (RoutingIndex index = RoutingIndex.build(catalog.skills())) {
        RoutingPatch.write(cache, index, List.of(), KEY);
        lists = relate(catalog, index);
      }
      RelatedState.write(site, catalog, lists);
    }

    private static Map<SkillId, List<RelatedSkill>> relate(Catalog catalog, RoutingIndex index) {
      return new RelatedSkillsStage(BuildPipeline.RELATED)
          .relate(catalog, index, new IndexAnswers());
    }

    /** Skill {@code at} declares the skills at {@code others} related (a full build after). */
    int declare(int at, int... others) throws IOException {
      List<String> names = new ArrayList<>();
      for (int o : others) {
        names.add(name(o));
      }
      List<Skill> skills = new ArrayList<>(catalog.skills());
      skills.set(at, withDeclared(skills.get(at), names));
      catalog = catalog.withSkills(skills);
      record();
      assertTrue(lists.get(skills.get(at).id()).get(0).declared());
      return at;
    }

    String name(int at) {
      return catalog.skills().get(at).name();
    }

    private static String commonWord(List<Skill> skills) {
      Map<String, Integer> df = new HashMap<>();
      for (Skill s : skills) {
        Matcher m = WORD.matcher(s.description());
        Set<String> seen = new HashSet<>();
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

    int describable(int from) {
      for (int i = from; i < catalog.skills().size(); i++) {
        Matcher m = WORD.matcher(catalog.skills().get(i).description());
        while (m.find()) {
          if (!StopWords.WORDS.contains(m.group(1)) && !m.group(1).equals(common)) {
            return i;
          }
        }
      }
      throw new AssertionError("no skill with a description word after " + from);
    }

    /**
     * Up to {@code words} plain description words of {@code s} replaced, one for one, by those of
     * the skill at {@code other}: {@code s} now reads like it (lengths kept).
     */
    Skill echo(Skill s, int other, int words) {
      List<String> theirs = new ArrayList<>();
      Matcher o = WORD.matcher(catalog.skills().get(other).description());
      while (o.find() && theirs.size() < words) {
        if (!StopWords.WORDS.contains(o.group(1))) {
          theirs.add(o.group(1));
        }
      }
      StringBuilder b = new StringBuilder();
      Matcher m = WORD.matcher(s.description());
      int i = 0;
      while (m.find() && i < theirs.size()) {
        if (!StopWords.WORDS.contains(m.group(1))) {
          m.appendReplacement(b, theirs.get(i++));
        }
      }
      m.appendTail(b);
      return SkillEdits.withDescription(s, b.toString());
    }

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

    void patch(int at, UnaryOperator<Skill> edit) throws IOException {
      Skill before = catalog.skills().get(at);
      Skill after = edit.apply(before);
      List<Skill> skills = new ArrayList<>(catalog.skills());
      skills.set(at, after);
      Catalog next = catalog.withSkills(skills);
      Map<SkillId, List<RelatedSkill>> fresh;
      try (RoutingIndex index = RoutingIndex.build(skills)) {
        fresh = relate(next, index);
      }
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      Path staging = Files.createDirectories(site.resolve("staging"));
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RelatedState state = RelatedState.open(site).orElseThrow()) {
        var bean = ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        RelatedPatch.Outcome r =
            RelatedPatch.patch(
                state, p.similarMayChange(), p.similarSkills()::similar, List.of(after), staging);
        long cpu = bean.getCurrentThreadCpuTime() - t0;
        if (r instanceof RelatedPatch.Refused
            && p.similarMayChange().size() > RelatedPatch.MAX_ASKED) {
          refused++; // the cost rule, not a wrong list: the build falls back; the state stays
          return; // closed uncommitted: the routing state and the lists are as before the edit
        }
        RelatedPatch.Patched done = assertInstanceOf(RelatedPatch.Patched.class, r, r.toString());
        Map<SkillId, List<RelatedSkill>> expected = new TreeMap<>(RelatedPatch.BY_ID);
        for (Skill k : skills) {
          List<RelatedSkill> was = state.list(k.id()).orElseThrow();
          if (p.similarMayChange().contains(k.id().value())) {
            if (!fresh.get(k.id()).equals(was)) {
              expected.put(k.id(), fresh.get(k.id()));
            }
          } else {
            assertEquals(fresh.get(k.id()), was, "a list not asked about: " + k.id());
          }
        }
        assertEquals(expected, done.changed(), "the lists that differ, made as a full build");
        assertEquals(done.changed().isEmpty(), done.staged().isEmpty());
        System.out.printf(
            "%s: %d asked, %d differ, %.1f ms CPU%n",
            after.id(), p.similarMayChange().size(), expected.size(), cpu / 1e6);
        asked += p.similarMayChange().size();
        differ += expected.size();
        p.commit();
      }
      if (Files.exists(staging.resolve(RelatedState.PATCHED))) { // published with the pages
        Files.move(
            staging.resolve(RelatedState.PATCHED),
            site.resolve(RelatedState.PATCHED),
            StandardCopyOption.REPLACE_EXISTING);
      }
      catalog = next;
      lists = fresh;
      try (RelatedState state = RelatedState.open(site).orElseThrow()) {
        assertEquals(fresh, state.all(catalog), "the state holds the fresh lists");
      }
    }

    /** Edits refused for asking more than {@link RelatedPatch#MAX_ASKED} lists. */
    int refused;

    void close() {}
  }
}
