package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * The postings and length norms of some fields read once into plain arrays, so that document
 * frequencies, per-document term frequencies and BM25 scores cost a hash lookup and array reads
 * instead of a terms-dictionary seek each. Scores are Lucene's {@link BM25Similarity} (with {@link
 * Bm25}'s k1, b and quantized average length), computed the same way. Immutable and thread-safe
 * once built.
 */
final class TermStats implements SimilarStats {
  /** The documents holding one term (ascending) and how often each holds it. */
  /** One term's documents (in order) and frequencies in them. */
  record Postings(int[] docs, int[] freqs) {}

  /**
   * @param normInverse per document, BM25's {@code 1 / (k1 · (1 - b + b · length / average
   *     length))}
   * @param docCount documents that have the field
   */
  private record FieldStats(Map<String, Postings> terms, float[] normInverse, int docCount) {}

  private static final Postings NONE = new Postings(new int[0], new int[0]);
  private final Map<String, FieldStats> fields;

  private TermStats(Map<String, FieldStats> fields) {
    this.fields = fields;
  }

  /** Reads every term of {@code fieldNames} from {@code reader}. */
  static TermStats read(IndexReader reader, List<String> fieldNames) {
    Map<String, FieldStats> fields = new HashMap<>();
    try {
      for (String field : fieldNames) {
        fields.put(
            field,
            new FieldStats(
                postings(reader, field), normInverse(reader, field), docCount(reader, field)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TermStats(fields);
  }

  /** Every term of {@code field} with its postings, read once. */
  static Map<String, Postings> postings(IndexReader reader, String field) throws IOException {
    Map<String, Postings> out = new HashMap<>();
    PostingsEnum pe = null;
    for (LeafReaderContext ctx : reader.leaves()) {
      Terms terms = ctx.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      while (te.next() != null) {
        int[] docs = new int[te.docFreq()];
        int[] freqs = new int[docs.length];
        pe = te.postings(pe, PostingsEnum.FREQS);
        int n = 0;
        for (int d = pe.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS && n < docs.length;
            d = pe.nextDoc()) {
          docs[n] = ctx.docBase + d;
          freqs[n++] = pe.freq();
        }
        out.merge(te.term().utf8ToString(), new Postings(docs, freqs), TermStats::concat);
      }
    }
    return out;
  }

  private static int docCount(IndexReader reader, String field) throws IOException {
    int n = 0;
    for (LeafReaderContext ctx : reader.leaves()) {
      Terms terms = ctx.reader().terms(field);
      n += terms == null ? 0 : terms.getDocCount();
    }
    return n;
  }

  private static float[] normInverse(IndexReader reader, String field) throws IOException {
    long sumTotalTermFreq = 0;
    for (LeafReaderContext ctx : reader.leaves()) {
      Terms terms = ctx.reader().terms(field);
      sumTotalTermFreq += terms == null ? 0 : terms.getSumTotalTermFreq();
    }
    int docCount = docCount(reader, field);
    float avgdl = Bm25.averageLength(sumTotalTermFreq, docCount);
    float[] out = new float[reader.maxDoc()];
    for (LeafReaderContext ctx : reader.leaves()) {
      NumericDocValues norms = ctx.reader().getNormValues(field);
      for (int d = 0; norms != null && d < ctx.reader().maxDoc(); d++) {
        if (norms.advanceExact(d)) {
          out[ctx.docBase + d] = normInverse((byte) norms.longValue(), avgdl);
        }
      }
    }
    return out;
  }

  /**
   * BM25's {@code 1 / (k1 · (1 - b + b · length / average length))} of a document whose length norm
   * byte is {@code norm}.
   */
  static float normInverse(byte norm, float avgdl) {
    float length = SmallFloat.byte4ToInt(norm);
    return 1f / (Bm25.K1 * ((1 - Bm25.B) + Bm25.B * length / avgdl));
  }

  /** Leaves come in ascending document order, so appending keeps the documents sorted. */
  private static Postings concat(Postings a, Postings b) {
    int[] docs = Arrays.copyOf(a.docs(), a.docs().length + b.docs().length);
    int[] freqs = Arrays.copyOf(a.freqs(), docs.length);
    System.arraycopy(b.docs(), 0, docs, a.docs().length, b.docs().length);
    System.arraycopy(b.freqs(), 0, freqs, a.freqs().length, b.freqs().length);
    return new Postings(docs, freqs);
  }

  @Override
  public void addScores(String field, String term, float boost, ScoreTable table) {
    FieldStats f = field(field);
    Postings p = f.terms().getOrDefault(term, NONE);
    if (p.docs().length == 0) {
      return;
    }
    float weight = weight(f.docCount(), p.docs().length, boost);
    for (int i = 0; i < p.docs().length; i++) {
      int doc = p.docs()[i];
      table.add(doc, score(weight, p.freqs()[i], f.normInverse()[doc]));
    }
  }

  /**
   * BM25's idf of a term {@code df} of {@code docCount} documents hold, times {@code boost}: N on
   * its grid ({@link Bm25#documentCount}), as {@link Bm25.Similarity} computes it.
   */
  static float weight(int docCount, int df, float boost) {
    long n = Bm25.documentCount(docCount);
    return boost * (float) Math.log(1 + (n - df + 0.5D) / (df + 0.5D));
  }

  /** A document's BM25 score for a term of that weight it holds {@code freq} times. */
  static float score(float weight, int freq, float normInverse) {
    return weight - weight / (1f + freq * normInverse);
  }

  @Override
  public int[] docs(String field, String term) {
    return postings(field, term).docs();
  }

  /**
   * The terms document {@code doc} holds in {@code field} among those at most {@code maxDocFreq}
   * documents hold: a look-up per such term of the field.
   */
  List<String> termsOf(String field, int doc, int maxDocFreq) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Postings> e : field(field).terms().entrySet()) {
      int[] docs = e.getValue().docs();
      if (docs.length <= maxDocFreq && Arrays.binarySearch(docs, doc) >= 0) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  @Override
  public int docFreq(String field, String term) {
    return postings(field, term).docs().length;
  }

  @Override
  public int freq(String field, String term, int doc) {
    Postings p = postings(field, term);
    int i = Arrays.binarySearch(p.docs(), doc);
    return i < 0 ? 0 : p.freqs()[i];
  }

  @Override
  public boolean contains(String field, String term, int doc) {
    return Arrays.binarySearch(postings(field, term).docs(), doc) >= 0;
  }

  private Postings postings(String field, String term) {
    return field(field).terms().getOrDefault(term, NONE);
  }

  private FieldStats field(String field) {
    FieldStats f = fields.get(field);
    if (f == null) {
      throw new IllegalArgumentException("field not read: " + field);
    }
    return f;
  }
}
