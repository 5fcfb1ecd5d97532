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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingPatch.Patched#similarMayChange} is small and still says every list that may change:
 * after each of many seeded one-word edits patched into one state (committed, so the records a
 * patch makes are read by the next one; the state written again by a "full build" every 15
 * patches), every skill <em>not</em> in the set has exactly the list it had, which is the fresh
 * index's; every skill in it gets the fresh list from the patched index; and the set is a subset of
 * the wide one ({@link RoutingPatch.Patched#similarMayChangeWide}). Edits: a body or description
 * word replaced by another skill's word, a new word, a word made to cross the rare cut (in one
 * skill → in two, and two → one), a word pushed over or under the common cut (30% of the skills), a
 * description word deleted.
 */
class NarrowedSimilarTest {
  private static final String KEY = "code+config";
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");
  private static final int KINDS = 11;

  @TempDir Path cache;

  @Test
  void medium() throws IOException {
    Run r = new Run(CorpusSkills.load(Path.of("../shared/corpora/medium")), cache, 1);
    r.edits(48, 27);
    r.report("medium");
  }

  @Test
  void anthropic() throws IOException {
    Run r = new Run(CorpusSkills.load(Path.of("../shared/corpora/anthropic")), cache, 1);
    r.edits(24, 28);
    r.report("anthropic");
  }

  /** The slow tier: every skill is checked on the two above; here every 23rd, rotating. */
  @Test
  @Tag("corpus")
  void large() throws IOException {
    Run r = new Run(CorpusSkills.load(Path.of("../shared/corpora/large")), cache, 23);
    r.edits(32, 29);
    r.report("large");
  }

  private static final class Run {
    final List<Skill> skills;
    final Path cache;
    final int stride;
    final Map<String, List<Similar>> lists = new HashMap<>();
    RoutingIndex index;
    int patches;
    long narrowed;
    long wide;
    long previous;
    int applied;
    int refused;
    int changedLists;
    int drifted;
    int clearedByBound;
    int refusedByBound;
    final List<Integer> sizes = new ArrayList<>();
    final Map<Integer, Integer> kinds = new HashMap<>();

    Run(List<Skill> skills, Path cache, int stride) throws IOException {
      this.skills = new ArrayList<>(skills);
      this.cache = cache;
      this.stride = stride;
      this.index = RoutingIndex.build(this.skills);
      RoutingPatch.write(cache, index, List.of(), KEY);
      SimilarSkills s = index.similarSkills();
      for (Skill k : skills) {
        lists.put(k.id().value(), s.similar(k.id(), 7));
      }
    }

    void edits(int count, long seed) throws IOException {
      Random r = new Random(seed);
      for (int e = 0; e < count; e++) {
        int kind = e % KINDS;
        Optional<Edit> edit = edit(kind, r, e);
        if (edit.isEmpty()) {
          continue;
        }
        patch(edit.get(), e);
        kinds.merge(kind, 1, Integer::sum);
      }
      index.close();
      assertTrue(applied >= count / 2, "edits patched: " + applied + " of " + count);
      assertTrue(narrowed < wide || wide <= applied, "narrowed " + narrowed + ", wide " + wide);
    }

    void report(String name) {
      List<Integer> s = new ArrayList<>(sizes);
      s.sort(null);
      System.out.printf(
          "%s: %d edits patched (%d refused), kinds %s; narrowed %d vs wide %d lists in all;"
              + " narrowed median %d max %d; lists that changed %d; session 7's rule %d;"
              + " cleared by the drift bound %d (refused %d), lists not asked whose scores"
              + " drifted %d%n",
          name,
          applied,
          refused,
          kinds,
          narrowed,
          wide,
          s.isEmpty() ? 0 : s.get(s.size() / 2),
          s.isEmpty() ? 0 : s.get(s.size() - 1),
          changedLists,
          previous,
          clearedByBound,
          refusedByBound,
          drifted);
    }

    /** What the site shows of a list: ids and reasons, in order. */
    private static List<String> shown(List<Similar> list) {
      return list.stream().map(x -> x.id().value() + " — " + x.reason()).toList();
    }

    private record Edit(int at, Skill after) {}

    private Optional<Edit> edit(int kind, Random r, int e) {
      int at = r.nextInt(skills.size());
      Skill x = skills.get(at);
      Skill other = skills.get(r.nextInt(skills.size()));
      return Optional.ofNullable(
              switch (kind) {
                case 0 -> bodyWord(x, randomWord(other.body(), r), r);
                case 1 -> descriptionWord(x, randomWord(other.description(), r), r);
                case 2 -> bodyWord(x, "quokka" + (char) ('a' + e % 26) + "zed", r);
                case 3 -> descriptionWord(x, wordWithDf(1, 1, r), r); // 1 → 2: becomes usable
                case 4 -> {
                  at = holderOfWordWithDf(2, 2, r).orElse(at);
                  yield replaceEverywhere(skills.get(at), lastWord, "quokkaqed"); // 2 → 1
                }
                case 5 -> {
                  int cut = (int) Math.ceil(0.3 * skills.size());
                  at = holderOfWordWithDf(cut, cut + 1, r).orElse(at);
                  yield replaceEverywhere(skills.get(at), lastWord, "quokkaxed"); // → usable
                }
                case 6 -> {
                  int cut = (int) Math.ceil(0.3 * skills.size());
                  String w = wordWithDf(cut - 2, cut - 1, r);
                  yield w == null ? null : descriptionWord(x, w, r); // → no longer usable
                }
                case 7 -> descriptionWord(x, "", r);
                case 8 ->
                    SkillEdits.sentenceAfterFirstHeading(x, sentence(r)); // an in-window sentence
                case 9 -> descriptionWord(x, common(r) + " " + randomWord(x.description(), r), r);
                default -> bodyWord(x, "", r); // a body word removed
              })
          .map(s -> new Edit(position(s.id()), s));
    }

    private String lastWord;

    /** The 200 commonest usable body and description words (by raw word), for sentences. */
    private List<String> pool;

    private String common(Random r) {
      if (pool == null) {
        wordWithDf(1, 1, r); // fills dfs
        int cut = (int) (0.3 * skills.size());
        pool =
            dfs.entrySet().stream()
                .filter(e -> e.getValue() < cut)
                .sorted(
                    Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(200)
                .map(Map.Entry::getKey)
                .toList();
      }
      return pool.get(r.nextInt(pool.size()));
    }

    /** 6–12 words, half the collection's common words, half any skill's description words. */
    private String sentence(Random r) {
      int count = 6 + r.nextInt(7);
      List<String> w = new ArrayList<>();
      while (w.size() < count) {
        String word =
            r.nextBoolean()
                ? common(r)
                : randomWord(skills.get(r.nextInt(skills.size())).description(), r);
        if (word != null) {
          w.add(word);
        }
      }
      return String.join(" ", w) + ".";
    }

    private int position(SkillId id) {
      for (int i = 0; i < skills.size(); i++) {
        if (skills.get(i).id().equals(id)) {
          return i;
        }
      }
      throw new AssertionError(id);
    }

    /** A raw description or body word whose term is in {@code [lo, hi]} skills (either field). */
    private String wordWithDf(int lo, int hi, Random r) {
      if (dfs.isEmpty()) {
        for (Skill s : skills) {
          for (String w : words(s.description() + "\n" + s.body())) {
            dfs.computeIfAbsent(w, this::df);
          }
        }
      }
      List<String> out = new ArrayList<>();
      dfs.forEach(
          (w, df) -> {
            if (df >= lo && df <= hi) {
              out.add(w);
            }
          });
      return out.isEmpty() ? null : out.get(r.nextInt(out.size()));
    }

    /** Raw word → its term's document frequency in the first index (to choose edits only). */
    private final Map<String, Integer> dfs = new java.util.TreeMap<>();

    private Optional<Integer> holderOfWordWithDf(int lo, int hi, Random r) {
      String w = wordWithDf(lo, hi, r);
      if (w == null) {
        return Optional.empty();
      }
      lastWord = w;
      List<Integer> holders = new ArrayList<>();
      for (int i = 0; i < skills.size(); i++) {
        if (words(skills.get(i).description() + "\n" + skills.get(i).body()).contains(w)) {
          holders.add(i);
        }
      }
      return holders.isEmpty()
          ? Optional.empty()
          : Optional.of(holders.get(r.nextInt(holders.size())));
    }

    private int df(String word) {
      int df = 0;
      for (String t : index.terms().surfaces(Fields.DESCRIPTION, word).keySet()) {
        df = Math.max(df, Math.max(index.docFreq(Fields.ALL, t), index.docFreq(Fields.BODY, t)));
      }
      return df;
    }

    private static List<String> words(String text) {
      List<String> out = new ArrayList<>();
      Matcher m = WORD.matcher(text);
      while (m.find()) {
        if (!StopWords.WORDS.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
      return out;
    }

    private static String randomWord(String text, Random r) {
      List<String> w = words(text);
      return w.isEmpty() ? null : w.get(r.nextInt(w.size()));
    }

    /** A random plain word of the indexed body (not a heading) replaced by {@code word}. */
    private static Skill bodyWord(Skill s, String word, Random r) {
      if (word == null) {
        return null;
      }
      String body = s.body();
      int limit = Math.min(body.length(), SkillEdits.INDEXED_BODY - 200);
      List<int[]> spans = new ArrayList<>();
      int start = 0;
      for (String line : body.substring(0, limit).split("\n", -1)) {
        if (!line.startsWith("#")) {
          Matcher m = WORD.matcher(line);
          while (m.find()) {
            if (!StopWords.WORDS.contains(m.group(1)) && !m.group(1).equals(word)) {
              spans.add(new int[] {start + m.start(1), start + m.end(1)});
            }
          }
        }
        start += line.length() + 1;
      }
      if (spans.isEmpty()) {
        return null;
      }
      int[] at = spans.get(r.nextInt(spans.size()));
      return SkillEdits.withBody(s, body.substring(0, at[0]) + word + body.substring(at[1]));
    }

    /** A random plain description word replaced by {@code word} ("" deletes it). */
    private static Skill descriptionWord(Skill s, String word, Random r) {
      if (word == null) {
        return null;
      }
      List<int[]> spans = new ArrayList<>();
      Matcher m = WORD.matcher(s.description());
      while (m.find()) {
        if (!StopWords.WORDS.contains(m.group(1)) && !m.group(1).equals(word)) {
          spans.add(new int[] {m.start(1), m.end(1)});
        }
      }
      if (spans.isEmpty()) {
        return null;
      }
      int[] at = spans.get(r.nextInt(spans.size()));
      String d = s.description();
      return SkillEdits.withDescription(s, d.substring(0, at[0]) + word + d.substring(at[1]));
    }

    private static Skill replaceEverywhere(Skill s, String word, String by) {
      if (word == null) {
        return null;
      }
      Pattern p = Pattern.compile("(?<![\\w.-])" + Pattern.quote(word) + "(?![\\w-])");
      Skill t = SkillEdits.withDescription(s, p.matcher(s.description()).replaceAll(by));
      return SkillEdits.withBody(t, p.matcher(s.body()).replaceAll(by));
    }

    void patch(Edit edit, int e) throws IOException {
      int at = edit.at();
      Skill before = skills.get(at);
      Skill after = edit.after();
      if (patches >= RoutingPatch.MAX_PATCHES - 1) {
        RoutingPatch.write(cache, index, List.of(), KEY); // a full build: base records again
        patches = 0;
      }
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      if (o instanceof RoutingPatch.CannotPatch no) {
        assertTrue(
            no.reason().contains("average length") || no.reason().contains("documents with"),
            "edit " + e + " of " + before.id().value() + " refused: " + no.reason());
        refused++;
        return;
      }
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      RoutingIndex fresh = RoutingIndex.build(next);
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
        Set<String> may = p.similarMayChange();
        Set<String> wider = p.similarMayChangeWide();
        assertTrue(may.contains(after.id().value()), "the changed skill is asked");
        assertTrue(wider.containsAll(may), "narrowed ⊆ wide: " + may + " vs " + wider);
        Set<String> was = new java.util.TreeSet<>(p.similarMayChangeBefore());
        was.addAll(p.changedIds());
        assertTrue(was.containsAll(may), "narrowed ⊆ session 7 set: " + may + " vs " + was);
        previous += was.size();
        SimilarSkills now = fresh.similarSkills();
        SimilarSkills patched = p.similarSkills();
        for (int i = e % stride; i < next.size(); i += stride) {
          SkillId k = next.get(i).id();
          if (!may.contains(k.value())) {
            // a list cleared by the drift bound keeps its ids, order and reasons (what the site
            // shows), not its scores
            List<Similar> made = now.similar(k, 7);
            assertEquals(
                shown(lists.get(k.value())),
                shown(made),
                "edit " + e + " of " + after.id().value() + ": " + k.value() + " not asked");
            if (!made.equals(lists.get(k.value()))) {
              drifted++;
            }
            lists.put(k.value(), made);
          }
        }
        for (String id : may) {
          SkillId k = new SkillId(id);
          List<Similar> expected = now.similar(k, 7);
          assertEquals(expected, patched.similar(k, 7), "edit " + e + ": asked " + id);
          if (!expected.equals(lists.get(id))) {
            changedLists++;
          }
          lists.put(id, expected);
        }
        clearedByBound += p.similarMayChangeParts().getOrDefault("cleared by the drift bound", 0);
        refusedByBound += p.similarMayChangeParts().getOrDefault("refused by the drift bound", 0);
        narrowed += may.size();
        wide += wider.size();
        sizes.add(may.size());
        applied++;
        p.commit();
        patches++;
      }
      skills.set(at, after);
      index.close();
      index = fresh;
    }
  }
}
