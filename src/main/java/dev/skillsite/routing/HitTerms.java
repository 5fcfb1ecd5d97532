package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * For one query: which of the top hits hold which query term in which field, and each term's
 * document frequency, read with one term lookup per (field, term) instead of one per (field, term,
 * hit).
 */
final class HitTerms {
  /** A term of a field. */
  record Key(String field, String term) {}

  /** How many documents hold a term, and which of the hits do. */
  record Entry(int docFreq, boolean[] inHit) {}

  /** Whether a document other than the hits holds a term. */
  interface Outside {
    boolean contains(String field, String term, int doc);
  }

  private final int[] hits;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final Function<Key, Entry> reader;
  private final Outside outside;

  HitTerms(RoutingIndex index, int[] hits) {
    this.hits = hits.clone();
    this.reader = k -> read(index, k);
    this.outside = index::contains;
  }

  private HitTerms(int[] hits, Map<Key, Entry> known) {
    this.hits = hits.clone();
    this.entries.putAll(known);
    this.reader = k -> new Entry(0, new boolean[this.hits.length]);
    this.outside = (field, term, doc) -> false;
  }

  private HitTerms(int[] hits, Function<Key, Entry> reader, Outside outside) {
    this.hits = hits.clone();
    this.reader = reader;
    this.outside = outside;
  }

  /**
   * For a source that reads each (field, term) of {@code hits} when first asked ({@code reader})
   * and answers for any other document with {@code outside}.
   */
  static HitTerms reading(int[] hits, Function<Key, Entry> reader, Outside outside) {
    return new HitTerms(hits, reader, outside);
  }

  /**
   * What another source read for {@code hits}: a (field, term) not in {@code known} is held by no
   * document, and no document but the hits is known to hold anything.
   */
  static HitTerms given(int[] hits, Map<Key, Entry> known) {
    return new HitTerms(hits, known);
  }

  int docFreq(String field, String term) {
    return entry(field, term).docFreq();
  }

  /**
   * Document frequency anywhere: the larger of the surface ({@link Fields#ALL}) and body
   * frequencies.
   */
  int docFreq(String term) {
    return Math.max(docFreq(Fields.ALL, term), docFreq(Fields.BODY, term));
  }

  boolean contains(String field, String term, int doc) {
    int i = indexOf(doc);
    if (i < 0) {
      return outside.contains(field, term, doc);
    }
    return entry(field, term).inHit()[i];
  }

  private int indexOf(int doc) {
    for (int i = 0; i < hits.length; i++) {
      if (hits[i] == doc) {
        return i;
      }
    }
    return -1;
  }

  private Entry entry(String field, String term) {
    return entries.computeIfAbsent(new Key(field, term), reader);
  }

  private Entry read(RoutingIndex index, Key k) {
    boolean[] in = new boolean[hits.length];
    int df = 0;
    try {
      for (LeafReaderContext ctx : index.reader().leaves()) {
        Terms terms = ctx.reader().terms(k.field());
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(k.term()))) {
          continue;
        }
        df += te.docFreq();
        int[] order = sortedHitOrder();
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        int cur = -1;
        for (int i : order) {
          int local = hits[i] - ctx.docBase;
          if (local < 0 || local >= ctx.reader().maxDoc()) {
            continue;
          }
          if (cur < local) {
            cur = pe.advance(local);
          }
          if (cur == PostingsEnum.NO_MORE_DOCS) {
            break;
          }
          in[i] = cur == local;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Entry(df, in);
  }

  private int[] sortedHitOrder() {
    Integer[] idx = new Integer[hits.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Integer.compare(hits[a], hits[b]));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }
}
