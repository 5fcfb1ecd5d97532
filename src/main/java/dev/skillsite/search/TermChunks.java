package dev.skillsite.search;

import dev.skillsite.routing.IndexContents.Posting;
import java.util.List;

/**
 * How term data is split and encoded for the browser: a term lives in chunk {@code fnv1a(term) mod chunks}
 * (FNV-1a over UTF-16 units, the same in {@code search-engine.js}), so a query loads only the chunks of its
 * own terms; postings are base-36 document deltas, with {@code :freq} (base 36) when the frequency is not 1.
 */
final class TermChunks {
  private TermChunks() {}

  static int chunkOf(String term, int chunks) {
    int h = 0x811c9dc5;
    for (int i = 0; i < term.length(); i++) {
      h ^= term.charAt(i);
      h *= 0x01000193;
    }
    return (int) (Integer.toUnsignedLong(h) % chunks);
  }

  /** {@code [(3,2), (13,1), (44,4)]} → {@code "3:2,a,v:4"}; without frequencies when {@code freqs} is false. */
  static String encode(List<Posting> postings, boolean freqs) {
    StringBuilder sb = new StringBuilder();
    int prev = 0;
    for (Posting p : postings) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(Integer.toString(p.doc() - prev, 36));
      if (freqs && p.freq() != 1) {
        sb.append(':').append(Integer.toString(p.freq(), 36));
      }
      prev = p.doc();
    }
    return sb.toString();
  }

  /** The number of chunks for {@code bytes} of term data: a power of two giving chunks of about {@code target}. */
  static int count(long bytes, int target) {
    int n = 1;
    while (n < 4096 && (long) n * target < bytes) {
      n <<= 1;
    }
    return n;
  }
}
