package dev.skillsite.search;

import dev.skillsite.routing.IndexContents.Posting;
import java.util.List;

/**
 * How term data is split and encoded for the browser: a term lives in chunk {@code fnv1a(term) mod
 * chunks} (FNV-1a over UTF-16 units, the same in {@code search-engine.js}), so a query loads only
 * the chunks of its own terms; postings are base-36 document deltas, with {@code :freq} (base 36)
 * when the frequency is not 1.
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

  /**
   * {@code [(3,2), (13,1), (44,4)]} → {@code "3:2,a,v:4"}; without frequencies when {@code freqs}
   * is false.
   */
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

  /**
   * The most chunk files an export has: past it chunks grow instead. Every file is one more to
   * create, upload and delete; on large (4.4 MB of term data) 2 KB chunks made 2,048 files.
   */
  static final int MAX_CHUNKS = 1024;

  /**
   * The number of chunks for {@code bytes} of term data: a power of two giving chunks of about
   * {@code target}, at most {@link #MAX_CHUNKS}.
   */
  static int count(long bytes, int target) {
    int n = 1;
    while (n < MAX_CHUNKS && (long) n * target < bytes) {
      n <<= 1;
    }
    return n;
  }
}
