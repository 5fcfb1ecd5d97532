package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingPatch} on its own: a sequence of single-skill edits patched into the state one
 * after another, each compared with a fresh index of the edited collection. After every patch the
 * patched index routes every trigger and eval request exactly as the fresh one (ids, scores,
 * confidences, abstention, matched phrases); the rankings the patch returns are the fresh ones; and
 * every trigger it does not return is ranked by the fresh index as before the edit (so carrying it
 * is right), and so is every similar-skills list of a skill it does not name. Where the statistics
 * move, it says it cannot patch and leaves the state as it was.
 */
class RoutingPatchTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path cache;

  @Test
  void editsOfMediumPatchedInSequenceRouteAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    Sequence s = new Sequence(skills, cache);
    s.patch(0, SkillEdits::bodyWordReplaced);
    s.patch(57, SkillEdits::bodyWordReplaced);
    s.patch(0, SkillEdits::bodyWordReplaced); // the same skill again: its patched document replaced
    // a sentence added keeps the averages on their grid (Bm25#averageLength): patched
    s.patch(140, b -> SkillEdits.withBody(b, b.body() + "\n\nAlso covers quokka habitats.\n"));
    // the longest body cut to one line moves its field's average across a grid line: refused
    s.refuse(longBody(skills), b -> SkillEdits.withBody(b, "Short now.\n"));
    s.patch(140, SkillEdits::bodyWordReplaced); // the refused patch left the state as it was
    long segments = segments(cache);
    assertEquals(0, s.patch(longBody(skills), SkillEdits::pastTheIndexedText));
    assertEquals(segments, segments(cache), "the same document is not replaced");
    assertTrue(s.carried > 4 * s.asked, "most rankings carried: " + s.carried + ", " + s.asked);
    // a body word's phrases: asked again, or proved unmoved from their records alone (not returned,
    // each checked above as carried; "pruned": left out before their records were read)
    assertTrue(
        s.counts.getOrDefault("unmoved", 0) + s.counts.getOrDefault("pruned", 0) > 0,
        "some proved unmoved: " + s.counts);
    assertTrue(s.similarCarried > s.skills.size(), "similar lists carried: " + s.similarCarried);
  }

  /** Segment files of the patch state's index. */
  private static long segments(Path cache) throws IOException {
    try (var files = Files.list(cache.resolve(RoutingPatch.DIR).resolve("index"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
    }
  }

  /** The first skill whose body is longer than the indexed part. */
  private static int longBody(List<Skill> skills) {
    for (int i = 0; i < skills.size(); i++) {
      if (skills.get(i).body().length() > SkillEdits.INDEXED_BODY + 100) {
        return i;
      }
    }
    throw new AssertionError("no skill with a long body");
  }

  @Test
  void editsOfAnthropicPatchedInSequenceRouteAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Sequence s = new Sequence(skills, cache);
    s.patch(1, SkillEdits::bodyWordReplaced);
    s.patch(5, SkillEdits::bodyWordReplaced);
    s.patch(1, SkillEdits::bodyWordReplaced);
  }

  /**
   * Description rewordings (the first word replaced by a common one: its document frequency moves
   * by one, every score of a phrase holding it moves a little) and in-window body sentences of
   * seeded skills: every asked ranking, made from its record or by a full search, is the fresh
   * index's, before and after; most are made from their records.
   */
  @Test
  void descriptionAndBodyEditsOfMediumRankedFromRecordsAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    Sequence s = new Sequence(skills, cache);
    java.util.Random r = new java.util.Random(21);
    for (String w : List.of("Write", "Create", "Use", "Build")) {
      s.patchOrStatistics(r.nextInt(skills.size()), b -> SkillEdits.descriptionFirstWord(b, w));
    }
    for (String sentence :
        List.of("It also helps when tuning connection pools.", "Use it to review the config.")) {
      s.patchOrStatistics(
          r.nextInt(skills.size()), b -> SkillEdits.sentenceAfterFirstHeading(b, sentence));
    }
    assertTrue(s.counts.getOrDefault("asked", 0) > 0, s.counts.toString());
    assertTrue(
        s.counts.get("from records") > s.counts.get("re-ranked"),
        "most rankings from records: " + s.counts);
  }

  /**
   * Description first words replaced on {@code large} (883 skills, 1,212 triggers): most phrases
   * sharing a word of the changed description are proved unmoved from their records alone
   * (RoutingPatch's {@code Unmoved}); each checked as carried against a fresh index, every other
   * asked ranking the fresh index's.
   */
  @Test
  void descriptionEditsOfLargeProveMostRankingsUnmovedAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    Sequence s = new Sequence(skills, cache);
    // the first two skills of perf/RouteStepBench's seeded order (seed 21)
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new java.util.Random(21));
    s.patch(order.get(0), b -> SkillEdits.descriptionFirstWord(b, "Write"));
    s.patch(order.get(1), b -> SkillEdits.descriptionFirstWord(b, "Build"));
    assertTrue(
        s.counts.getOrDefault("unmoved", 0) + s.counts.getOrDefault("pruned", 0)
            > s.counts.getOrDefault("asked", 0),
        "most proved unmoved (decided or pruned): " + s.counts);
  }

  /**
   * The view after a patch reads the document frequencies no changed document moved from the view
   * before it, and the base segment's from it too ({@link PatchedIndex#sharing}): after each of a
   * sequence of edits of {@code medium} (a body word replaced, twice in one skill, and description
   * first words), every term of every searched field of the changed skill, before and after, and
   * every 7th term of the collection's description and body fields, counts in the patched index as
   * in a fresh index of the edited skills; so does the base segment's count as the full build's.
   */
  @Test
  void theViewAfterAPatchCountsEveryTermAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    List<Skill> built = List.copyOf(skills);
    List<Skill> now = new ArrayList<>(skills);
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of(), KEY);
    }
    List<String> probeFields = List.of(Fields.ALL, Fields.BODY, Fields.DESCRIPTION);
    java.util.Random r = new java.util.Random(27);
    List<UnaryOperator<Skill>> edits =
        List.of(
            SkillEdits::bodyWordReplaced,
            SkillEdits::bodyWordReplaced,
            b -> SkillEdits.descriptionFirstWord(b, "Write"),
            b -> SkillEdits.descriptionFirstWord(b, "Use"));
    int at = r.nextInt(skills.size());
    int checked = 0;
    int moved = 0;
    for (int e = 0; e < edits.size(); e++) {
      if (e != 1) {
        at = r.nextInt(skills.size()); // the second edit: the same skill again
      }
      Skill before = now.get(at);
      Skill after = edits.get(e).apply(before);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      if (o instanceof RoutingPatch.CannotPatch) {
        continue; // a moved average: nothing to compare
      }
      now.set(at, after);
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex fresh = RoutingIndex.build(now);
          RoutingIndex full = RoutingIndex.build(built)) {
        PatchedIndex view = p.index();
        Set<String> keys = new java.util.TreeSet<>();
        for (Skill k : List.of(before, after)) {
          org.apache.lucene.document.Document d = SkillDocument.of(k);
          RoutingPatch.Inverted.of(d)
              .freqs()
              .forEach((f, ts) -> ts.keySet().forEach(t -> keys.add(f + '\u0000' + t)));
        }
        for (String f : probeFields) {
          org.apache.lucene.index.Terms ts =
              org.apache.lucene.index.MultiTerms.getTerms(fresh.searcher().getIndexReader(), f);
          var te = ts.iterator();
          int i = 0;
          for (var t = te.next(); t != null; t = te.next()) {
            if (i++ % 7 == 0) {
              keys.add(f + '\u0000' + t.utf8ToString());
            }
          }
        }
        for (String k : keys) {
          int z = k.indexOf('\u0000');
          String f = k.substring(0, z);
          String t = k.substring(z + 1);
          assertEquals(fresh.docFreq(f, t), view.docFreq(f, t), "df " + f + " " + t);
          assertEquals(full.docFreq(f, t), view.baseDocFreq(f, t), "base df " + f + " " + t);
          moved += fresh.docFreq(f, t) != full.docFreq(f, t) ? 1 : 0;
          checked++;
        }
        p.commit();
      }
    }
    assertTrue(checked > 1000, "terms checked: " + checked);
    assertTrue(moved > 0, "some frequencies moved: " + moved);
  }

  /**
   * What a ranking's weights read and what the similar-list check reads in a batch (branch stats):
   * after each of four patches of {@code medium} (the tombstones growing), on a new view of the
   * same readers with nothing read yet, for every term of the changed skills (before and after) and
   * every 7th term of {@code all}, {@code body} and {@code description}: the live term statistics
   * ({@link PatchedIndex#termStatistics}: the term states' counts less the tombstones', these read
   * from one pass over the field, {@link PatchedIndex#tombStats}) are a fresh index's document and
   * total frequencies, and every field's collection statistics are a fresh index's, read twice (the
   * second time kept); document frequencies read in one sorted batch ({@link
   * PatchedIndex#docFreqs}) are a fresh index's, on a view of its own and on one sharing it with
   * some terms marked moved, and so are the one-term lookups of a third view.
   */
  @Test
  void theWeightsStatisticsAndBatchedFrequenciesAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    List<Skill> now = new ArrayList<>(skills);
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of(), KEY);
    }
    List<String> probeFields = List.of(Fields.ALL, Fields.BODY, Fields.DESCRIPTION);
    java.util.Random r = new java.util.Random(29);
    List<UnaryOperator<Skill>> edits =
        List.of(
            SkillEdits::bodyWordReplaced,
            b -> SkillEdits.descriptionFirstWord(b, "Write"),
            SkillEdits::bodyWordReplaced,
            b -> SkillEdits.descriptionFirstWord(b, "Use"));
    int checked = 0;
    int inTomb = 0;
    int patches = 0;
    for (UnaryOperator<Skill> edit : edits) {
      int at = r.nextInt(skills.size());
      Skill before = now.get(at);
      Skill after = edit.apply(before);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      if (o instanceof RoutingPatch.CannotPatch) {
        continue;
      }
      now.set(at, after);
      patches++;
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex fresh = RoutingIndex.build(now)) {
        org.apache.lucene.index.IndexReader fr = fresh.searcher().getIndexReader();
        java.util.Map<String, Set<String>> terms = new java.util.TreeMap<>();
        for (Skill k : List.of(before, after)) {
          RoutingPatch.Inverted.of(SkillDocument.of(k))
              .freqs()
              .forEach(
                  (f, ts) ->
                      terms.computeIfAbsent(f, x -> new java.util.TreeSet<>()).addAll(ts.keySet()));
        }
        for (String f : probeFields) {
          var te = org.apache.lucene.index.MultiTerms.getTerms(fr, f).iterator();
          int i = 0;
          for (var t = te.next(); t != null; t = te.next()) {
            if (i++ % 7 == 0) {
              terms.computeIfAbsent(f, x -> new java.util.TreeSet<>()).add(t.utf8ToString());
            }
          }
          terms.get(f).add("zzqqxnotaword"); // held by no document
        }
        PatchedIndex weights = p.index().unread();
        PatchedIndex batched = p.index().unread();
        PatchedIndex sharing = p.index().unread();
        PatchedIndex single = p.index().unread();
        Set<String> marked = new HashSet<>();
        int n = 0;
        for (var e : terms.entrySet()) {
          for (String t : e.getValue()) {
            if (n++ % 3 == 0) {
              marked.add(e.getKey() + '\u0000' + t);
            }
          }
        }
        sharing.sharing(batched, marked);
        for (var e : terms.entrySet()) {
          String f = e.getKey();
          var all = weights.statistics(List.of(f)).get(f);
          var again = weights.statistics(List.of(f)).get(f);
          var want = fresh.searcher().collectionStatistics(f);
          for (var got : java.util.Arrays.asList(all, again)) {
            assertEquals(want == null, got == null, "field " + f);
            if (want != null) {
              assertEquals(want.maxDoc(), got.maxDoc(), "maxDoc " + f);
              assertEquals(want.docCount(), got.docCount(), "docCount " + f);
              assertEquals(want.sumTotalTermFreq(), got.sumTotalTermFreq(), "sumTtf " + f);
              assertEquals(want.sumDocFreq(), got.sumDocFreq(), "sumDf " + f);
            }
          }
          batched.docFreqs(f, e.getValue());
          sharing.docFreqs(f, e.getValue());
          for (String t : e.getValue()) {
            org.apache.lucene.index.Term term = new org.apache.lucene.index.Term(f, t);
            int df = fr.docFreq(term);
            var ts = weights.termStatistics(f, t);
            if (df == 0) {
              assertEquals(null, ts, "no live holder: " + f + " " + t);
            } else {
              assertEquals(df, ts.docFreq(), "df " + f + " " + t);
              assertEquals(fr.totalTermFreq(term), ts.totalTermFreq(), "ttf " + f + " " + t);
            }
            assertEquals(df, batched.docFreq(f, t), "batched df " + f + " " + t);
            assertEquals(df, sharing.docFreq(f, t), "shared df " + f + " " + t);
            assertEquals(df, single.docFreq(f, t), "one-term df " + f + " " + t);
            inTomb += weights.tombStats(term)[0] > 0 ? 1 : 0;
            checked++;
          }
        }
        p.commit();
      }
    }
    assertTrue(patches >= 3, "patches: " + patches);
    assertTrue(
        checked > 1000 && inTomb > 50, "checked " + checked + ", in the tombstones " + inTomb);
  }

  /**
   * The hits' terms read a leaf at a time ({@link PatchedIndex#hitTerms}, branch rankcost): after
   * each of three patches of {@code medium} (the base segment, then one patch segment more each),
   * hit lists of unsorted ords (the changed skills, in later segments, among base documents, one
   * twice) answer for every term of the changed skills and every 5th of the description and body
   * fields, in every field a ranking reads, which hit holds it exactly as a fresh index of the
   * edited skills does — and as the one-seek-per-hit lookup ({@link PatchedIndex#contains}) does.
   */
  @Test
  void theHitsTermsReadALeafAtATimeAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    List<Skill> now = new ArrayList<>(skills);
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of(), KEY);
    }
    java.util.Random r = new java.util.Random(31);
    List<String> fields =
        List.of(
            Fields.NAME,
            Fields.PHRASE,
            Fields.KEYWORD,
            Fields.DESCRIPTION,
            Fields.HEADING,
            Fields.BODY,
            Fields.NOT_FOR,
            Fields.ALL,
            Fields.SHINGLE,
            Fields.LIGHT);
    List<Integer> changed = new ArrayList<>();
    int checked = 0;
    int held = 0;
    int patches = 0;
    for (int e = 0; e < 3; e++) {
      int at = r.nextInt(skills.size());
      Skill before = now.get(at);
      Skill after = SkillEdits.bodyWordReplaced(before);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      if (o instanceof RoutingPatch.CannotPatch) {
        continue;
      }
      now.set(at, after);
      changed.add(at);
      patches++;
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex fresh = RoutingIndex.build(now)) {
        PatchedIndex view = p.index();
        List<Integer> hits = new ArrayList<>();
        for (int c : changed) {
          hits.add(view.ordOf(now.get(c).id().value()).getAsInt());
        }
        for (int i = 0; i < 9; i++) {
          hits.add(r.nextInt(skills.size()));
        }
        hits.add(hits.get(0)); // a hit twice
        java.util.Collections.shuffle(hits, r);
        int[] ords = hits.stream().mapToInt(Integer::intValue).toArray();
        Set<String> terms = new java.util.TreeSet<>();
        for (int c : changed) {
          RoutingPatch.Inverted.of(SkillDocument.of(now.get(c)))
              .freqs()
              .values()
              .forEach(ts -> terms.addAll(ts.keySet()));
        }
        for (String f : List.of(Fields.DESCRIPTION, Fields.BODY)) {
          var te =
              org.apache.lucene.index.MultiTerms.getTerms(fresh.searcher().getIndexReader(), f)
                  .iterator();
          int i = 0;
          for (var t = te.next(); t != null; t = te.next()) {
            if (i++ % 5 == 0) {
              terms.add(t.utf8ToString());
            }
          }
        }
        for (int ord : ords) { // a fresh index numbers the skills as the full build did
          assertEquals(fresh.skill(ord).id(), view.skill(ord).id(), "ord " + ord);
        }
        HitTerms ht = view.hitTerms(ords, terms, fields);
        for (String f : fields) {
          for (String t : terms) {
            for (int ord : ords) {
              boolean want = fresh.contains(f, t, ord);
              assertEquals(want, ht.contains(f, t, ord), f + " " + t + " in " + ord);
              assertEquals(want, view.contains(f, t, ord), "one seek: " + f + " " + t);
              held += want ? 1 : 0;
              checked++;
            }
          }
        }
        p.commit();
      }
    }
    assertTrue(patches >= 2, "patches: " + patches);
    assertTrue(checked > 10_000 && held > 500, "checked " + checked + ", held " + held);
  }

  /**
   * A word of another skill's trigger phrase put in a skill's body (in place of one of its words:
   * every length kept): the skill enters that phrase's top 5, and leaves it when the word goes
   * again; each ranking the fresh index's.
   */
  @Test
  void aSkillEntersAndLeavesATopFiveAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Sequence s = new Sequence(skills, cache);
    int at = 5;
    Skill original = skills.get(at);
    String text = (original.description() + " " + original.body()).toLowerCase(Locale.ROOT);
    String word = null;
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      Router router = new Router(fresh);
      for (String q : s.triggers) {
        List<RouteHit> hits = router.rank(q, TOP).probed();
        if (word != null || hits.isEmpty() || hits.size() >= TOP) {
          continue;
        }
        for (String part : q.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
          if (word == null && part.length() >= 5 && !text.contains(part)) {
            word = part;
          }
        }
      }
    }
    String w = java.util.Objects.requireNonNull(word);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^[^#\\n]*?\\b([a-z]{6,})\\b").matcher(original.body());
    assertTrue(m.find());
    String body =
        original.body().substring(0, m.start(1)) + w + original.body().substring(m.end(1));
    s.patch(at, b -> SkillEdits.withBody(b, body));
    assertTrue(s.entered > 0, "entered a top 5 with " + w + ": " + s.counts);
    s.patch(at, b -> original);
    assertTrue(s.left > 0, "left a top 5: " + s.counts);
  }

  /**
   * A skill without quoted phrases gains one (another skill's, so the trigger table holds it): the
   * {@code phrase} field's document count moves by one, which no score reads (a zero boost: the
   * query leaves the field out). Patched — until session 9 refused "the documents with field phrase
   * changed" — and every trigger and eval request routes as a fresh index, every trigger not asked
   * again ranks as before. Edits that move a scored field's statistics are skipped (they are
   * refused, as {@code editsOfMediumPatchedInSequenceRouteAsAFreshIndex} shows).
   */
  @Test
  void aSkillGainingItsFirstQuotedPhraseIsPatched() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    Sequence s = new Sequence(skills, cache);
    dev.skillsite.triggers.TriggerExtractor x = new dev.skillsite.triggers.TriggerExtractor();
    List<String> phrases = new ArrayList<>();
    skills.forEach(k -> phrases.addAll(k.triggers().phrases()));
    java.util.Random r = new java.util.Random(9);
    List<String> moved = new ArrayList<>();
    try (RoutingIndex a = RoutingIndex.build(skills)) {
      for (int tries = 0; tries < 8; tries++) {
        int at = r.nextInt(skills.size());
        Skill was = skills.get(at);
        String p = phrases.get(r.nextInt(phrases.size()));
        if (!was.triggers().phrases().isEmpty()) {
          tries--;
          continue;
        }
        // the description's last words give way to the clause, so the scored lengths may stay
        String[] words = was.description().strip().split(" ");
        for (int cut = 0; cut < Math.min(words.length - 3, 14); cut++) {
          String d =
              String.join(" ", java.util.Arrays.copyOf(words, words.length - cut))
                  + " Use when the user asks to \""
                  + p
                  + "\".";
          Skill now = SkillEdits.withDescription(was, d).withTriggers(x.extract(d));
          assertTrue(now.triggers().phrases().contains(p), now.triggers().toString());
          List<Skill> next = new ArrayList<>(skills);
          next.set(at, now);
          try (RoutingIndex b = RoutingIndex.build(next)) {
            Optional<String> f = scoredStatisticsMove(a, b);
            if (f.isPresent()) {
              moved.add(f.get());
              continue; // refused for a scored field's statistics: not this test's case
            }
            assertEquals(
                a.searcher().collectionStatistics(Fields.PHRASE).docCount() + 1,
                b.searcher().collectionStatistics(Fields.PHRASE).docCount(),
                "the phrase field's document count moves");
          }
          s.patch(at, k -> now);
          return;
        }
      }
    }
    throw new AssertionError("no edit kept the scored statistics; moved: " + moved);
  }

  /**
   * At {@code large} (883 skills as loaded here) the heading field's document count is 881, which
   * every idf reads as 882 ({@link Bm25#documentCount}: steps of 2 from 512 to 1,023): a skill
   * without headings gaining one (its description as a heading, long enough to keep the field's
   * average on its grid) moves the count to 882, the same grid point. Refused as "the documents
   * with field heading changed" until session 19; patched now, and every trigger and eval request
   * routes as a fresh index, every trigger not asked again ranks as before.
   */
  @Test
  void aScoredFieldsCountMovingInsideItsStepIsPatched() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    try (RoutingIndex a = RoutingIndex.build(skills)) {
      long count = a.searcher().collectionStatistics(Fields.HEADING).docCount();
      for (int at = 0; at < skills.size(); at++) {
        Skill was = skills.get(at);
        if (was.body().lines().anyMatch(l -> l.startsWith("#"))) {
          continue;
        }
        Skill now =
            SkillEdits.withBody(was, "# " + was.description().strip() + "\n\n" + was.body());
        List<Skill> next = new ArrayList<>(skills);
        next.set(at, now);
        try (RoutingIndex b = RoutingIndex.build(next)) {
          long moved = b.searcher().collectionStatistics(Fields.HEADING).docCount();
          if (moved != count + 1
              || Bm25.documentCount(moved) != Bm25.documentCount(count)
              || scoredStatisticsMove(a, b).isPresent()) {
            continue;
          }
        }
        Sequence s = new Sequence(skills, cache);
        s.patch(at, k -> now);
        return;
      }
    }
    throw new AssertionError("no skill without headings gained one on the same grid point");
  }

  /**
   * A trigger phrase unquoted (its words kept in the description, as {@code PatchEdits}'
   * TRIGGER_REMOVED): its words' document frequencies move in the zero-boost {@code phrase} and
   * {@code keyword} fields only, which no ranking reads ({@link RoutingPatch.Unmoved#dfRead}), so
   * other phrases holding those words are decided from their records instead of all ranked again
   * (branch rankcost). Every trigger and eval request still routes as a fresh index, every phrase
   * not returned ranks as before the edit ({@link Sequence#patch}); and some phrase holding a word
   * whose {@code phrase} frequency moved is among the ones not returned.
   */
  @Test
  void aTriggerUnquotedDecidesThePhrasesSharingItsWordsAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    Sequence s = new Sequence(skills, cache);
    dev.skillsite.triggers.TriggerExtractor x = new dev.skillsite.triggers.TriggerExtractor();
    int decided = 0;
    int patched = 0;
    for (int at = 0; at < skills.size() && patched < 2; at++) {
      Skill was = s.skills.get(at);
      String d = was.description();
      Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(d);
      if (!m.find() || !was.triggers().phrases().contains(m.group(1))) {
        continue;
      }
      String unquoted = d.substring(0, m.start()) + m.group(1) + d.substring(m.end());
      Skill now = SkillEdits.withDescription(was, unquoted).withTriggers(x.extract(unquoted));
      List<Skill> next = new ArrayList<>(s.skills);
      next.set(at, now);
      Set<String> movedWords = new java.util.TreeSet<>();
      Set<String> sharing = new java.util.HashSet<>();
      try (RoutingIndex a = RoutingIndex.build(s.skills);
          RoutingIndex b = RoutingIndex.build(next)) {
        if (scoredStatisticsMove(a, b).isPresent()) {
          continue; // refused for a scored field's statistics: not this test's case
        }
        for (String t : a.terms().terms(Fields.PHRASE, m.group(1))) {
          boolean read = false;
          for (String f : List.of(Fields.ALL, Fields.BODY, Fields.DESCRIPTION, Fields.LIGHT)) {
            read |= a.docFreq(f, t) != b.docFreq(f, t);
          }
          if (a.docFreq(Fields.PHRASE, t) != b.docFreq(Fields.PHRASE, t) && !read) {
            movedWords.add(t);
          }
        }
        for (String q : s.triggers) {
          if (a.terms().terms(Fields.PHRASE, q).stream().anyMatch(movedWords::contains)) {
            sharing.add(q);
          }
        }
      }
      s.patch(at, k -> now);
      patched++;
      System.out.println(
          "unquoted "
              + m.group(1)
              + ": moved "
              + movedWords
              + ", sharing "
              + sharing.size()
              + ", asked "
              + s.lastAsked.size());
      Set<String> own = new java.util.HashSet<>(was.triggers().all());
      for (String q : s.triggers) {
        if (own.contains(q) || s.lastAsked.contains(q)) {
          continue;
        }
        if (sharing.contains(q)) {
          decided++; // holds (a stem of) a word whose phrase frequency moved, yet not ranked
        }
      }
    }
    assertTrue(patched > 0, "no trigger unquoted");
    assertTrue(decided > 0, "phrases sharing a moved phrase word decided: " + decided);
  }

  /**
   * Phrases left out of the asked set before their records are read ({@code Unmoved.prune}: the
   * trigger table's postings and each record's head) rank as before, as a fresh index ranks them:
   * on {@code large}, a description's first word replaced, a trigger unquoted (its words' {@code
   * light}, {@code shingle} and {@code all} frequencies move), a sentence added in the body and a
   * second description edit, each after the earlier ones (so records of phrases holding a term they
   * moved are not exact: those are not left out). {@link Sequence#patch} checks every trigger and
   * eval query against a fresh index, and every phrase not returned against the collection before.
   * Fails with {@code -Dskillsite.prune=false} (none left out).
   */
  @Test
  void phrasesLeftOutUnreadRankAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    Sequence s = new Sequence(skills, cache);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new java.util.Random(27));
    s.patch(order.get(0), b -> SkillEdits.descriptionFirstWord(b, "Write"));
    dev.skillsite.triggers.TriggerExtractor x = new dev.skillsite.triggers.TriggerExtractor();
    for (int at : order) {
      Skill was = s.skills.get(at);
      Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(was.description());
      if (m.find() && was.triggers().phrases().contains(m.group(1))) {
        String d = was.description();
        String unquoted = d.substring(0, m.start()) + m.group(1) + d.substring(m.end());
        s.patchOrStatistics(
            at, k -> SkillEdits.withDescription(k, unquoted).withTriggers(x.extract(unquoted)));
        if (s.counts.containsKey("refused: average length")) {
          s.counts.remove("refused: average length");
          continue;
        }
        break;
      }
    }
    s.patch(order.get(1), b -> SkillEdits.sentenceAfterFirstHeading(b, "Export tables as CSV."));
    s.patch(order.get(2), b -> SkillEdits.descriptionFirstWord(b, "Build"));
    assertTrue(s.counts.getOrDefault("pruned", 0) > 0, "some phrases left out: " + s.counts);
  }

  /**
   * A field some score reads whose document count or average length differs on its grid ({@link
   * Bm25#documentCount}, {@link Bm25#averageLength}), if one does.
   */
  private static Optional<String> scoredStatisticsMove(RoutingIndex a, RoutingIndex b)
      throws IOException {
    for (String f : IndexDelta.indexedFields(a.reader())) {
      var fa = a.searcher().collectionStatistics(f);
      var fb = b.searcher().collectionStatistics(f);
      if (RoutingPatch.scored(f)
          && (Bm25.documentCount(fa.docCount()) != Bm25.documentCount(fb.docCount())
              || Bm25.averageLength(fa.sumTotalTermFreq(), fa.docCount())
                  != Bm25.averageLength(fb.sumTotalTermFreq(), fb.docCount()))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  @Test
  void anotherKeyOrABrokenStateCannotPatch() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of("make a pdf"), KEY);
    }
    List<RoutingPatch.Change> one =
        List.of(new RoutingPatch.Change(skills.get(2), SkillEdits.bodyWordReplaced(skills.get(2))));
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(cache, "other", one, List.of(), List.of(), TOP));
    Skill renamed = SkillEdits.withName(skills.get(2), skills.get(2).name() + "-x");
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(
            cache,
            KEY,
            List.of(new RoutingPatch.Change(skills.get(2), renamed)),
            List.of(),
            List.of(),
            TOP));
    Skill wrongBefore = SkillEdits.bodyWordReplaced(skills.get(3));
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(
            cache,
            KEY,
            List.of(
                new RoutingPatch.Change(
                    SkillEdits.withDescription(skills.get(3), "x"), wrongBefore)),
            List.of(),
            List.of(),
            TOP));
    // a patch killed between its commits: the parts' generations differ
    Files.writeString(
        cache.resolve(RoutingPatch.DIR).resolve("state.properties"), "key=" + KEY + "\ngen=1\n");
    RoutingPatch.Outcome o = RoutingPatch.patch(cache, KEY, one, List.of(), List.of(), TOP);
    assertInstanceOf(RoutingPatch.CannotPatch.class, o);
    assertTrue(((RoutingPatch.CannotPatch) o).reason().contains("generation"), o.toString());
  }

  /** A collection, its patch state, and the fresh index of its current skills. */
  private static final class Sequence {
    final List<Skill> skills;
    final Path cache;
    final List<String> triggers;
    final List<String> queries;
    int carried;
    int similarCarried;
    int asked;
    final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    int entered;
    int left;
    Set<String> lastAsked = Set.of();

    private static boolean hasSkill(RouteResult r, dev.skillsite.model.SkillId id) {
      return r.probed().stream().anyMatch(h -> h.id().equals(id));
    }

    Sequence(List<Skill> skills, Path cache) throws IOException {
      this.skills = new ArrayList<>(skills);
      this.cache = cache;
      Set<String> t = new LinkedHashSet<>();
      for (Skill s : skills) {
        t.addAll(s.triggers().phrases());
        t.addAll(s.triggers().keywords());
      }
      this.triggers = List.copyOf(t);
      Set<String> q = new LinkedHashSet<>(t);
      for (String line : Files.readAllLines(Path.of("../shared/eval/large.jsonl"))) {
        Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        if (m.find()) {
          q.add(m.group(1).replace("\\\"", "\""));
        }
      }
      this.queries = List.copyOf(q);
      try (RoutingIndex fresh = RoutingIndex.build(skills)) {
        RoutingPatch.write(cache, fresh, triggers, KEY);
      }
    }

    /** Patches and checks one edit; how many rankings the patch asked again. */
    int patch(int at, UnaryOperator<Skill> edit) throws IOException {
      return patch(at, edit, false);
    }

    /** As {@link #patch}, or nothing when the edit moves a field's average length (refused). */
    void patchOrStatistics(int at, UnaryOperator<Skill> edit) throws IOException {
      patch(at, edit, true);
    }

    private int patch(int at, UnaryOperator<Skill> edit, boolean mayMoveAverage)
        throws IOException {
      Skill before = skills.get(at);
      Skill after = edit.apply(before);
      if (mayMoveAverage && after.equals(before)) {
        return 0;
      }
      assertFalse(after.equals(before));
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      if (mayMoveAverage && o instanceof RoutingPatch.CannotPatch c) {
        assertTrue(c.reason().contains("average length"), c.reason());
        counts.merge("refused: average length", 1, Integer::sum);
        return 0;
      }
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex was = RoutingIndex.build(skills);
          RoutingIndex fresh = RoutingIndex.build(next)) {
        Router patched = p.router();
        Router router = new Router(fresh);
        Router old = new Router(was);
        for (String q : queries) {
          assertEquals(router.rank(q, TOP), patched.rank(q, TOP), "rank: " + q);
          assertEquals(router.route(q, TOP), patched.route(q, TOP), "route: " + q);
        }
        Set<String> asked = new HashSet<>(p.rankings().keySet());
        lastAsked = Set.copyOf(asked);
        for (String q : triggers) {
          if (asked.contains(q)) {
            assertEquals(router.rank(q, TOP), p.rankings().get(q), "returned: " + q);
            assertEquals(old.rank(q, TOP), p.rankingsBefore().get(q), "before: " + q);
            boolean inBefore = hasSkill(p.rankingsBefore().get(q), after.id());
            boolean inAfter = hasSkill(p.rankings().get(q), after.id());
            entered += !inBefore && inAfter ? 1 : 0;
            left += inBefore && !inAfter ? 1 : 0;
          } else {
            carried++;
            assertEquals(old.rank(q, TOP), router.rank(q, TOP), "carried: " + q);
          }
        }
        SimilarSkills similarWas = was.similarSkills();
        SimilarSkills similarNow = fresh.similarSkills();
        for (Skill k : next) {
          if (!p.similarMayChange().contains(k.id().value())) {
            similarCarried++;
            // what the site shows of a list not asked (its recorded scores may drift: walkers2)
            assertEquals(
                DriftBoundTest.shown(similarWas.similar(k.id(), 9)),
                DriftBoundTest.shown(similarNow.similar(k.id(), 9)),
                "similar: " + k.id());
          }
        }
        assertTrue(p.similarMayChange().contains(after.id().value()));
        p.commit();
        skills.set(at, after);
        this.asked += p.rankings().size();
        p.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
        assertEquals(
            2 * p.rankings().size(),
            p.counts().get("re-ranked") + p.counts().get("from records"),
            p.counts().toString());
        System.out.println("counts " + after.id().value() + ": " + p.counts());
        return p.rankings().size();
      }
    }

    void refuse(int at, UnaryOperator<Skill> edit) throws IOException {
      Skill before = skills.get(at);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, edit.apply(before))),
              List.of(),
              List.of(),
              TOP);
      assertInstanceOf(RoutingPatch.CannotPatch.class, o);
      assertTrue(((RoutingPatch.CannotPatch) o).reason().contains("average length"), o.toString());
    }
  }
}
