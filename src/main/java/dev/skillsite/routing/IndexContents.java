package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.util.SmallFloat;

/**
 * What a re-implementation of {@link Router} outside the JVM needs, read from the Lucene index
 * itself rather than recomputed: each field's terms with their postings, document counts, sums of
 * term frequencies and the encoded length norms BM25 scores with, plus the stored skill data and
 * the background frequencies. The browser search ({@code dev.skillsite.search}) is exported from
 * this.
 */
public final class IndexContents {
  /** One document holding a term {@code freq} times. */
  public record Posting(int doc, int freq) {}

  /**
   * A field's statistics as BM25 uses them.
   *
   * @param norms per document, the one-byte length norm Lucene stored (decode with {@link
   *     #lengthTable})
   */
  public record FieldStats(int docCount, long sumTotalTermFreq, byte[] norms) {}

  /** The stored part of a skill: what the matched phrase is chosen from. */
  public record StoredSkill(
      SkillId id,
      String name,
      List<String> phrases,
      List<String> keywords,
      List<String> headings,
      List<String> notFor) {}

  private final RoutingIndex index;

  public IndexContents(RoutingIndex index) {
    this.index = index;
  }

  public int size() {
    return index.size();
  }

  public StoredSkill skill(int doc) {
    IndexedSkill s = index.skill(doc);
    return new StoredSkill(s.id(), s.name(), s.phrases(), s.keywords(), s.headings(), s.notFor());
  }

  /** Every term of {@code field}, sorted, with its postings in document order. */
  public Map<String, List<Posting>> postings(String field) {
    Map<String, List<Posting>> out = new TreeMap<>();
    try {
      TermStats.postings(index.reader(), field)
          .forEach(
              (term, p) -> {
                List<Posting> list = new ArrayList<>(p.docs().length);
                for (int i = 0; i < p.docs().length; i++) {
                  list.add(new Posting(p.docs()[i], p.freqs()[i]));
                }
                out.put(term, list);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The statistics of {@code field}, summed over the index's segments. */
  public FieldStats stats(String field) {
    IndexReader reader = index.reader();
    int docCount = 0;
    long sum = 0;
    byte[] norms = new byte[reader.maxDoc()];
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        Terms terms = ctx.reader().terms(field);
        if (terms != null) {
          docCount += terms.getDocCount();
          sum += terms.getSumTotalTermFreq();
        }
        NumericDocValues nv = ctx.reader().getNormValues(field);
        for (int d = 0; nv != null && d < ctx.reader().maxDoc(); d++) {
          if (nv.advanceExact(d)) {
            norms[ctx.docBase + d] = (byte) nv.longValue();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FieldStats(docCount, sum, norms);
  }

  /** Lucene's BM25 length table: the field length each of the 256 norm bytes stands for. */
  public static int[] lengthTable() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      t[i] = SmallFloat.byte4ToInt((byte) i);
    }
    return t;
  }

  /**
   * The background document frequencies {@link Confidence} uses, and how many skills they count.
   */
  /** The index's threshold (see {@link RoutingIndex#confidence}). */
  public Confidence confidence() {
    return index.confidence();
  }

  public Background background() {
    return index.background();
  }
}
