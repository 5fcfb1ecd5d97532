package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * "More like this" over the routing index: the source skill's most distinctive words (tf × idf over its
 * name, description, triggers and headings) become a weighted query on the same fields of other skills.
 */
final class SimilarSkills {
  private static final int MAX_TERMS = 25;
  private static final List<Fields.Weighted> FIELDS =
      List.of(
          new Fields.Weighted(Fields.NAME, 2.0f),
          new Fields.Weighted(Fields.DESCRIPTION, 1.5f),
          new Fields.Weighted(Fields.PHRASE, 1.0f),
          new Fields.Weighted(Fields.KEYWORD, 1.5f),
          new Fields.Weighted(Fields.HEADING, 1.0f));
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
        weight.put(e.getKey(), Math.sqrt(e.getValue()) * Idf.of(total, df));
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
      List<Similar> out = new ArrayList<>();
      for (ScoreDoc sd : hits.scoreDocs) {
        if (sd.doc == doc || out.size() >= n) {
          continue;
        }
        List<String> shared =
            top.stream()
                .filter(t -> FIELDS.stream().anyMatch(f -> index.contains(f.field(), t, sd.doc)))
                .sorted(Comparator.comparingDouble((String t) -> -weight.get(t)))
                .map(surface::get)
                .distinct()
                .limit(3)
                .toList();
        out.add(new Similar(index.skill(sd.doc).id(), sd.score, "shares: " + String.join(", ", shared)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
