package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/**
 * {@code RoutingPatch.Unmoved}'s tighter bound: a changed document's score for a phrase computed in
 * double from its own frequencies and length norm by Lucene's BM25 clause is the score Lucene gives
 * it (within 1e-5 relative), so with the decision's slack (1e-4) it is above it, never below. On
 * {@code large}: every pair of a seeded sample of skills and trigger phrases that the skill
 * matches.
 */
class SaturatedBoundTest {
  @Test
  void theSaturatedScoreIsLucenesScoreWithinItsSlack() throws Exception {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    List<String> phrases = new ArrayList<>();
    for (Skill s : skills) {
      phrases.addAll(s.triggers().phrases());
    }
    java.util.Random random = new java.util.Random(27);
    Synonyms synonyms = new Synonyms();
    TermReader reader = new TermReader(Analysis.perField());
    int compared = 0;
    double worst = 0;
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      IndexSearcher searcher = index.searcher();
      IndexReader r = searcher.getIndexReader();
      for (int i = 0; i < 400; i++) {
        int doc = random.nextInt(skills.size()); // a fresh index: document = ord
        RoutingPatch.Inverted d = RoutingPatch.Inverted.of(SkillDocument.of(skills.get(doc)));
        // a phrase of the skill itself (it matches) or of another one
        List<String> own = skills.get(doc).triggers().phrases();
        String q =
            !own.isEmpty() && random.nextBoolean()
                ? own.get(random.nextInt(own.size()))
                : phrases.get(random.nextInt(phrases.size()));
        QueryTerms qt = QueryTerms.of(q, reader, synonyms, Fields.SEARCHED);
        Query query = LocalSource.luceneQuery(qt, Fields.SEARCHED);
        float lucene = searcher.explain(query, doc).getValue().floatValue();
        double ours =
            RoutingPatch.Unmoved.saturatedScore(
                d,
                qt,
                (f, t) -> {
                  try {
                    return r.docFreq(new Term(f, t));
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                f -> {
                  try {
                    return r.getDocCount(f);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                f -> {
                  try {
                    return Bm25.averageLength(r.getSumTotalTermFreq(f), r.getDocCount(f));
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        if (lucene > 0) {
          compared++;
          worst = Math.max(worst, Math.abs(ours - lucene) / lucene);
        }
        assertTrue(
            ours * (1 + 1e-4) + 1e-4 >= lucene, q + " on " + doc + ": " + ours + " < " + lucene);
        assertTrue(
            Math.abs(ours - lucene) <= 1e-5 * lucene + 1e-6,
            q + " on " + doc + ": " + ours + " vs " + lucene);
      }
    }
    assertTrue(compared > 100, "matched pairs: " + compared);
    assertTrue(worst < 1e-5, "worst relative difference " + worst);
  }
}
