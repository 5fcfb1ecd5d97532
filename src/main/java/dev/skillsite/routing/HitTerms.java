package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * For one query: which of the top hits hold which query term in which field, and each term's document
 * frequency, read with one term lookup per (field, term) instead of one per (field, term, hit).
 */
final class HitTerms {
  private record Key(String field, String term) {}

  private record Entry(int docFreq, boolean[] inHit) {}

  private final int[] hits;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final RoutingIndex index;

  HitTerms(RoutingIndex index, int[] hits) {
    this.index = index;
    this.hits = hits.clone();
  }

  int docFreq(String field, String term) {
    return entry(field, term).docFreq();
  }

  /** Document frequency anywhere: the larger of the surface ({@link Fields#ALL}) and body frequencies. */
  int docFreq(String term) {
    return Math.max(docFreq(Fields.ALL, term), docFreq(Fields.BODY, term));
  }

  boolean contains(String field, String term, int doc) {
    int i = indexOf(doc);
    if (i < 0) {
      return index.contains(field, term, doc);
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
    return entries.computeIfAbsent(new Key(field, term), this::read);
  }

  private Entry read(Key k) {
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
