package dev.skillsite.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.CollectionStatistics;

/**
 * The postings a "more like this" query reads, from a {@link PatchedIndex} and only as asked: a
 * term's postings (with their documents' length norms) when the query walks it, a seek for a
 * frequency or a document's holding it otherwise. Statistics are the live ones (what a fresh index
 * of the same skills counts), so every score is {@link TermStats}'s on a fresh index, bit for bit.
 * Costs the postings of the walked terms (at most {@link SimilarSkills#MAX_POSTINGS} a query) and a
 * seek per other question; nothing grows with the collection but those postings. Thread-safe.
 */
final class PatchedStats implements SimilarStats {
  private final PatchedIndex index;

  /** Per field: documents with it and the average length BM25 reads. */
  private record Field(int docCount, float avgdl) {}

  private final Map<String, Field> fields = new ConcurrentHashMap<>();
  private final Map<String, PatchedIndex.Scored> postings = new ConcurrentHashMap<>();
  private final Map<String, Integer> docFreqs = new ConcurrentHashMap<>();

  /**
   * Per walked term: each posting's BM25 denominator {@code 1 + freq · normInverse}, made once a
   * patch and read by every list that walks the term ({@link #addScores}); {@code
   * -Dskillsite.scoreden=false} makes it per list as before.
   */
  static final boolean SCORE_DEN = !"false".equals(System.getProperty("skillsite.scoreden"));

  private final Map<String, float[]> dens = new ConcurrentHashMap<>();

  /**
   * The caches above keyed by term within a map per field rather than by a {@code field \0 term}
   * string made at every look-up (a related list asks thousands); {@code
   * -Dskillsite.fieldkeys=false} for the joined keys. The same answers either way.
   */
  static final boolean FIELD_KEYS = !"false".equals(System.getProperty("skillsite.fieldkeys"));

  private final Map<String, Map<String, PatchedIndex.Scored>> postingsByField =
      new ConcurrentHashMap<>();
  private final Map<String, Map<String, Integer>> docFreqsByField = new ConcurrentHashMap<>();
  private final Map<String, Map<String, float[]>> densByField = new ConcurrentHashMap<>();

  private static <V> Map<String, V> of(Map<String, Map<String, V>> byField, String field) {
    Map<String, V> m = byField.get(field);
    return m != null ? m : byField.computeIfAbsent(field, f -> new ConcurrentHashMap<>());
  }

  PatchedStats(PatchedIndex index) {
    this.index = index;
  }

  private Field field(String name) {
    return fields.computeIfAbsent(
        name,
        f -> {
          CollectionStatistics s = index.statistics(List.of(f)).get(f);
          if (s == null) {
            return new Field(0, 1f);
          }
          return new Field(
              (int) s.docCount(), Bm25.averageLength(s.sumTotalTermFreq(), s.docCount()));
        });
  }

  private PatchedIndex.Scored postings(String field, String term) {
    if (FIELD_KEYS) {
      Map<String, PatchedIndex.Scored> m = of(postingsByField, field);
      PatchedIndex.Scored p = m.get(term);
      return p != null ? p : m.computeIfAbsent(term, t -> index.scored(field, t));
    }
    return postings.computeIfAbsent(field + '\u0000' + term, k -> index.scored(field, term));
  }

  @Override
  public int docFreq(String field, String term) {
    if (FIELD_KEYS) {
      Map<String, Integer> m = of(docFreqsByField, field);
      Integer df = m.get(term);
      return df != null ? df : m.computeIfAbsent(term, t -> index.docFreq(field, t));
    }
    return docFreqs.computeIfAbsent(field + '\u0000' + term, k -> index.docFreq(field, term));
  }

  /** The postings of {@code term} read so far (by {@link #addScores}), else null. */
  private PatchedIndex.Scored held(String field, String term) {
    if (FIELD_KEYS) {
      Map<String, PatchedIndex.Scored> m = postingsByField.get(field);
      return m == null ? null : m.get(term);
    }
    return postings.get(field + '\u0000' + term);
  }

  @Override
  public int freq(String field, String term, int doc) {
    PatchedIndex.Scored p = held(field, term);
    if (p != null) {
      int i = Arrays.binarySearch(p.ords(), doc);
      return i < 0 ? 0 : p.freqs()[i];
    }
    return index.freq(field, term, doc);
  }

  @Override
  public boolean contains(String field, String term, int doc) {
    PatchedIndex.Scored p = held(field, term);
    if (p != null) {
      return Arrays.binarySearch(p.ords(), doc) >= 0;
    }
    return index.contains(field, term, doc);
  }

  @Override
  public boolean[] contains(String field, String term, int[] docs) {
    PatchedIndex.Scored p = held(field, term);
    if (p != null) {
      boolean[] out = new boolean[docs.length];
      for (int i = 0; i < docs.length; i++) {
        out[i] = Arrays.binarySearch(p.ords(), docs[i]) >= 0;
      }
      return out;
    }
    return index.contains(field, term, docs);
  }

  @Override
  public void addScores(String field, String term, float boost, ScoreTable table) {
    addScores(field, term, boost, table, SCORE_DEN);
  }

  /**
   * {@link #addScores}, the denominators kept across lists ({@code reuse}, {@link #SCORE_DEN}) or
   * made per posting each time: the same scores, bit for bit (tests compare the two).
   */
  void addScores(String field, String term, float boost, ScoreTable table, boolean reuse) {
    PatchedIndex.Scored p = postings(field, term);
    if (p.ords().length == 0) {
      return;
    }
    Field f = field(field);
    float weight = TermStats.weight(f.docCount(), p.ords().length, boost);
    if (reuse) {
      int[] ords = p.ords();
      float[] den =
          FIELD_KEYS
              ? of(densByField, field).computeIfAbsent(term, k -> denominators(p, f))
              : dens.computeIfAbsent(field + '\u0000' + term, k -> denominators(p, f));
      for (int i = 0; i < ords.length; i++) {
        table.add(ords[i], weight - weight / den[i]);
      }
      return;
    }
    for (int i = 0; i < p.ords().length; i++) {
      table.add(
          p.ords()[i],
          TermStats.score(weight, p.freqs()[i], TermStats.normInverse(p.norms()[i], f.avgdl())));
    }
  }

  /**
   * Each posting's {@code 1f + freq · normInverse(norm)}, the float {@link TermStats#score} divides
   * by, computed as it computes it (same operations, same order: the same bits), the norm's inverse
   * once per distinct norm byte.
   */
  private static float[] denominators(PatchedIndex.Scored p, Field f) {
    float[] inverse = new float[256];
    boolean[] known = new boolean[256];
    float[] out = new float[p.ords().length];
    for (int i = 0; i < out.length; i++) {
      int b = p.norms()[i] & 0xFF;
      if (!known[b]) {
        inverse[b] = TermStats.normInverse(p.norms()[i], f.avgdl());
        known[b] = true;
      }
      out[i] = 1f + p.freqs()[i] * inverse[b];
    }
    return out;
  }

  /**
   * The BM25 score {@link #addScores} would add for a document holding {@code term} {@code freq}
   * times in {@code field} with length norm {@code norm} (0 when {@code freq} is 0).
   */
  float score(String field, String term, float boost, int freq, byte norm) {
    if (freq == 0) {
      return 0f;
    }
    Field f = field(field);
    float weight = TermStats.weight(f.docCount(), docFreq(field, term), boost);
    return TermStats.score(weight, freq, TermStats.normInverse(norm, f.avgdl()));
  }

  /**
   * The BM25 weight {@link #addScores} gives {@code term} in {@code field} for a query weight
   * {@code boost} (0 when no document holds it): a holder's score for it is this times a factor in
   * [0, 1) of its own frequency and length.
   */
  float weight(String field, String term, float boost) {
    int df = docFreq(field, term);
    return df == 0 ? 0f : TermStats.weight(field(field).docCount(), df, boost);
  }

  @Override
  public int[] docs(String field, String term) {
    return postings(field, term).ords();
  }
}
