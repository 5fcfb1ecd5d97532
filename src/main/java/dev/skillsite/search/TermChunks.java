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
   * {@code [(3,2), (13,1), (44,4)]} with norms {@code 0x1f} for 3, {@code 0x0a} for 13 and 44 →
   * {@code "3:2,a,v:4|1f0a0a"}: the postings, then each one's norm byte in hex (a scored field's
   * postings carry their documents' norms, so that no file holds a norm per skill).
   */
  static String encode(List<Posting> postings, byte[] norms) {
    return encode(postings, doc -> norms[doc]);
  }

  /** As {@link #encode(List, byte[])}, each document's norm byte from {@code norms}. */
  static String encode(List<Posting> postings, java.util.function.IntUnaryOperator norms) {
    StringBuilder sb = new StringBuilder(encode(postings, true));
    if (!postings.isEmpty()) {
      sb.append('|');
      for (Posting p : postings) {
        int b = norms.applyAsInt(p.doc()) & 0xff;
        sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
      }
    }
    return sb.toString();
  }

  /**
   * The fewest chunk files an export may be capped at: past the cap chunks grow instead. Every file
   * is one more to create, upload and delete; on large (4.4 MB of term data) 2 KB chunks made 2,048
   * files.
   */
  static final int MAX_CHUNKS = 1024;

  /**
   * The most chunk files for a collection of {@code skills}: {@link #MAX_CHUNKS}, or past that four
   * a skill (rounded down to a power of two), so that chunks stay about the target size as a
   * collection grows: a query loads its own terms' postings and little else, not a thousandth of
   * the vocabulary (on large, 2,048 chunks instead of 1,024 took a first query from 110 to 86 KB
   * gzip; at 97,020 skills the term data is ~150 MB, in 65,536 chunks).
   */
  static int maxChunks(int skills) {
    return Math.max(MAX_CHUNKS, Integer.highestOneBit(Math.max(1, 4 * skills)));
  }

  /**
   * The number of chunks for {@code bytes} of term data: a power of two giving chunks of about
   * {@code target}, at most {@link #MAX_CHUNKS}.
   */
  static int count(long bytes, int target) {
    return count(bytes, target, MAX_CHUNKS);
  }

  /** As {@link #count(long, int)}, at most {@code max} (a power of two). */
  static int count(long bytes, int target, int max) {
    int n = 1;
    while (n < max && (long) n * target < bytes) {
      n <<= 1;
    }
    return n;
  }
}
