package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.Bm25;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.StopWords;
import dev.skillsite.testing.TestSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One skill added to a collection past 511 skills, where the document count every idf reads has a
 * grid ({@link Bm25#documentCount}: steps of 2 from 512 to 1,023). Every skill has the same number
 * of words in each field and the added one too, so the average lengths stay; the added skill's
 * words are no other skill's and no query's. Then: when the counts stay on their grid point (601 →
 * 602, both 602), every hit of every query keeps its score and confidence bit for bit, in {@link
 * Router} and in the browser engine; when they cross a step (602 → 603, that is 602 → 604), every
 * hit's score rises (a larger N, a larger idf of each query word), the same in both engines, to the
 * float bit.
 */
class QuantizedDocumentCountTest {
  private static final int WORDS = 3_000;
  private static List<Skill> skills;
  private static Skill added;
  private static List<String> queries;

  @TempDir Path tmp;

  @BeforeAll
  static void collection() {
    Random random = new Random(19);
    Set<String> stop = Set.copyOf(StopWords.WORDS);
    Set<String> vocabulary = new LinkedHashSet<>();
    while (vocabulary.size() < WORDS) {
      String w = MadeUpText.word(random, "bcdfghklmnprstvz");
      if (!stop.contains(w)) {
        vocabulary.add(w);
      }
    }
    String[] words = vocabulary.toArray(new String[0]);
    skills = new ArrayList<>();
    for (int i = 0; i < 603; i++) {
      skills.add(skill(String.format("tool-%04d", i), random, words));
    }
    // the same shape from letters no other skill uses: it shares no word with any query
    String[] foreign = new String[200];
    for (int i = 0; i < foreign.length; i++) {
      foreign[i] = MadeUpText.word(random, "jqwxy");
    }
    added = skill("tool-9999", random, foreign);
    queries = new ArrayList<>();
    for (int q = 0; q < 30; q++) {
      queries.add(MadeUpText.text(random, words, 2 + q % 4));
    }
  }

  @Test
  void anAddThatKeepsTheGridMovesNoScoreInEitherEngine() throws Exception {
    List<Skill> before = skills.subList(0, 601);
    Ranked b = ranked(before, "keep-before");
    Ranked a = ranked(with(before), "keep-after");
    for (String field : b.docCounts.keySet()) {
      assertEquals(601, b.docCounts.get(field), field);
      assertEquals(602, a.docCounts.get(field), field);
      assertEquals(
          Bm25.documentCount(601), Bm25.documentCount(602), "601 and 602 share a grid point");
      assertEquals(b.averages.get(field), a.averages.get(field), field);
    }
    int hits = 0;
    for (int i = 0; i < queries.size(); i++) {
      assertEquals(b.java.get(i), a.java.get(i), queries.get(i));
      assertEquals(b.engine.get(i), a.engine.get(i), queries.get(i));
      hits += parse(b.java.get(i)).size();
    }
    assertTrue(hits > 100, "hits compared: " + hits);
  }

  @Test
  void anAddThatCrossesAStepMovesEveryScoreAlikeInBothEngines() throws Exception {
    List<Skill> before = skills.subList(0, 602);
    Ranked b = ranked(before, "cross-before");
    Ranked a = ranked(with(before), "cross-after");
    for (String field : b.docCounts.keySet()) {
      assertEquals(602, Bm25.documentCount(b.docCounts.get(field)), field);
      assertEquals(604, Bm25.documentCount(a.docCounts.get(field)), field);
      assertEquals(b.averages.get(field), a.averages.get(field), field);
    }
    int moved = 0;
    for (int i = 0; i < queries.size(); i++) {
      Map<String, Double> was = new HashMap<>();
      for (String[] h : parse(b.java.get(i))) {
        was.put(h[0], Double.parseDouble(h[1]));
      }
      for (String[] h : parse(a.java.get(i))) {
        Double old = was.get(h[0]);
        if (old != null) {
          assertTrue(Double.parseDouble(h[1]) > old, queries.get(i) + ": " + h[0]);
          moved++;
        }
      }
      assertNotEquals(b.engine.get(i), a.engine.get(i), queries.get(i));
    }
    assertTrue(moved > 100, "hits compared: " + moved);
  }

  /**
   * Every query's hits as Router and as the browser engine give them (each checked equal to the
   * other, scores as floats), and each scored field's statistics.
   */
  private Ranked ranked(List<Skill> collection, String name) throws Exception {
    try (RoutingIndex index = RoutingIndex.build(collection)) {
      IndexContents contents = new IndexContents(index);
      Path site = tmp.resolve(name);
      TestExports.write(contents, site);
      Map<String, Integer> docCounts = new HashMap<>();
      Map<String, Float> averages = new HashMap<>();
      for (Fields.Weighted w : Fields.SEARCHED) {
        if (w.boost() > 0) {
          IndexContents.FieldStats st = contents.stats(w.field());
          docCounts.put(w.field(), st.docCount());
          averages.put(w.field(), Bm25.averageLength(st.sumTotalTermFreq(), st.docCount()));
        }
      }
      Router router = new Router(index);
      List<String> java = new ArrayList<>();
      for (String q : queries) {
        RouteResult r = router.route(q, 10);
        StringBuilder sb = new StringBuilder("abstained=" + r.abstained());
        sb.append(" confidence=")
            .append(r.hits().isEmpty() ? 0 : (float) r.hits().get(0).confidence());
        for (RouteHit h : r.hits()) {
          sb.append(' ').append(h.id().value()).append(':').append((float) h.score());
        }
        java.add(sb.toString());
      }
      JsonArray js = NodeScript.run("ranked-node.js", queries, site.toString()).getAsJsonArray();
      List<String> engine = new ArrayList<>();
      for (JsonElement e : js) {
        JsonObject o = e.getAsJsonObject();
        StringBuilder sb = new StringBuilder("abstained=" + o.get("abstained").getAsBoolean());
        JsonArray hits = o.getAsJsonArray("hits");
        sb.append(" confidence=")
            .append(hits.isEmpty() ? 0 : (float) o.get("confidence").getAsDouble());
        for (JsonElement h : hits) {
          sb.append(' ')
              .append(h.getAsJsonObject().get("id").getAsString())
              .append(':')
              .append((float) h.getAsJsonObject().get("score").getAsDouble());
        }
        engine.add(sb.toString());
      }
      assertEquals(java, engine, name + ": the browser engine ranks as Router does");
      return new Ranked(java, engine, docCounts, averages);
    }
  }

  private record Ranked(
      List<String> java,
      List<String> engine,
      Map<String, Integer> docCounts,
      Map<String, Float> averages) {}

  private static List<String[]> parse(String ranked) {
    List<String[]> out = new ArrayList<>();
    for (String part : ranked.split(" ")) {
      int colon = part.lastIndexOf(':');
      if (colon > 0 && part.startsWith("tool-")) {
        out.add(new String[] {part.substring(0, colon), part.substring(colon + 1)});
      }
    }
    return out;
  }

  private static List<Skill> with(List<Skill> before) {
    List<Skill> out = new ArrayList<>(before);
    out.add(added);
    return out;
  }

  private static Skill skill(String name, Random random, String[] words) {
    return TestSkills.of(
        name,
        "Use when " + MadeUpText.text(random, words, 14) + ".",
        "# " + MadeUpText.text(random, words, 3) + "\n\n" + MadeUpText.text(random, words, 160));
  }
}
