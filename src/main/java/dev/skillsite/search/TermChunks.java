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
   * Postings per block of a long list: past this many, a list starts with a skip table so that the
   * engine can read the postings of one document (a block) without decoding the whole list.
   */
  static final int BLOCK = 128;

  /**
   * {@code [(3,2), (13,1), (44,4)]} → {@code "3:2,a,v:4"}; without frequencies when {@code freqs}
   * is false. A list of more than {@link #BLOCK} postings starts with its skip table (see {@link
   * #docs}).
   */
  static String encode(List<Posting> postings, boolean freqs) {
    StringBuilder body = new StringBuilder();
    StringBuilder skips = docs(postings, freqs, body);
    return skips.append(body).toString();
  }

  /**
   * {@code [(3,2), (13,1), (44,4)]} with norms {@code 0x1f} for 3, {@code 0x0a} for 13 and 44 →
   * {@code "3:2,a,v:4|1f0a0a"}: the postings, then each one's norm byte in hex (a scored field's
   * postings carry their documents' norms, so that no file holds a norm per skill).
   */
  static String encode(List<Posting> postings, byte[] norms) {
    StringBuilder body = new StringBuilder();
    StringBuilder sb = docs(postings, true, body).append(body);
    if (!postings.isEmpty()) {
      sb.append('|');
      for (Posting p : postings) {
        int b = norms[p.doc()] & 0xff;
        sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
      }
    }
    return sb.toString();
  }

  /**
   * Writes the document deltas (and frequencies) into {@code body}; returns the skip table that
   * goes before them: empty for a list of at most {@link #BLOCK} postings, else {@code
   * "!n,len,base1.off1,base2.off2…;"} in base 36: the number of postings, the length of the
   * document part, and for every block after the first the document before it (its deltas start
   * from there) and where it starts in the document part, each as the difference from the block
   * before's (small numbers take fewer digits and gzip better). Block {@code b} holds postings
   * {@code b*BLOCK} up to {@code (b+1)*BLOCK - 1}; their norms are at the same positions after
   * {@code |}.
   */
  private static StringBuilder docs(List<Posting> postings, boolean freqs, StringBuilder body) {
    StringBuilder skips = new StringBuilder();
    int prev = 0;
    int base = 0;
    int offset = 0;
    for (int i = 0; i < postings.size(); i++) {
      Posting p = postings.get(i);
      if (i > 0) {
        body.append(',');
      }
      if (i > 0 && i % BLOCK == 0) {
        skips
            .append(',')
            .append(Integer.toString(prev - base, 36))
            .append('.')
            .append(Integer.toString(body.length() - offset, 36));
        base = prev;
        offset = body.length();
      }
      body.append(Integer.toString(p.doc() - prev, 36));
      if (freqs && p.freq() != 1) {
        body.append(':').append(Integer.toString(p.freq(), 36));
      }
      prev = p.doc();
    }
    if (postings.size() <= BLOCK) {
      return new StringBuilder();
    }
    return new StringBuilder("!")
        .append(Integer.toString(postings.size(), 36))
        .append(',')
        .append(Integer.toString(body.length(), 36))
        .append(skips)
        .append(';');
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
