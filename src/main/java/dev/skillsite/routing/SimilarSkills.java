package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * "More like this" over the routing index: the source skill's most distinctive words (√tf over its name,
 * description, triggers and headings × idf × (1 + ln(1 + tf in its body))) become a weighted query on the
 * surface ({@link Fields#ALL}) and, weakly, the body of other skills. The reason lists the top words the
 * other skill's surface shares.
 */
final class SimilarSkills {
  private static final int MAX_TERMS = 20;
  private static final List<Fields.Weighted> FIELDS =
      List.of(new Fields.Weighted(Fields.ALL, 1.0f), new Fields.Weighted(Fields.BODY, 0.3f));
  private final RoutingIndex index;

  SimilarSkills(RoutingIndex index) {
    this.index = index;
  }

  List<Similar> similar(SkillId id, int n) {
    var docOpt = index.doc(id);
    if (docOpt.isEmpty() || n <= 0) {
      return List.of();
    }
    int doc = docOpt.get();
    IndexedSkill s = index.skill(doc);
    String text =
        String.join(
            "\n",
            SkillDocument.nameWords(s.name()),
            s.description(),
            String.join("\n", s.phrases()),
            String.join("\n", s.keywords()),
            String.join("\n", s.headings()));
    Map<String, Integer> tf = new HashMap<>();
    Map<String, String> surface = new LinkedHashMap<>();
    for (var line : text.split("\n")) {
      for (var e : index.terms().surfaces(Fields.DESCRIPTION, line).entrySet()) {
        tf.merge(e.getKey(), 1, Integer::sum);
        surface.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    int total = index.size();
    Map<String, Double> weight = new HashMap<>();
    for (var e : tf.entrySet()) {
      int df = index.docFreq(e.getKey());
      if (df > 1 && (df <= 2 || df < total * 0.3)) {
        // words the skill's body keeps coming back to are its topic; a word only its description uses
        // ("proactively", "invoke") is phrasing
        double topical = 1 + Math.log1p(index.freq(Fields.BODY, e.getKey(), doc));
        weight.put(e.getKey(), Math.sqrt(e.getValue()) * Idf.of(total, df) * topical);
      }
    }
    List<String> top =
        weight.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(MAX_TERMS)
            .map(Map.Entry::getKey)
            .toList();
    if (top.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String t : top) {
      for (Fields.Weighted f : FIELDS) {
        q.add(
            new BoostQuery(new TermQuery(new Term(f.field(), t)), (float) (f.boost() * weight.get(t))),
            BooleanClause.Occur.SHOULD);
      }
    }
    try {
      TopDocs hits = index.searcher().search(q.build(), n + 1);
      HitTerms ht = new HitTerms(index, Arrays.stream(hits.scoreDocs).mapToInt(h -> h.doc).toArray());
      List<Similar> out = new ArrayList<>();
      for (ScoreDoc sd : hits.scoreDocs) {
        if (sd.doc == doc || out.size() >= n) {
          continue;
        }
        List<String> shared =
            top.stream()
                .filter(t -> ht.contains(Fields.ALL, t, sd.doc))
                .sorted(Comparator.comparingDouble((String t) -> -weight.get(t)))
                .map(surface::get)
                .distinct()
                .limit(3)
                .toList();
        out.add(new Similar(index.skill(sd.doc).id(), sd.score,
            shared.isEmpty() ? "similar wording" : "shares: " + String.join(", ", shared)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
