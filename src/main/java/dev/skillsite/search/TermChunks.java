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

  /** A term chunk's entry as written: the term's JSON string, then its value, as they stand. */
  record Written(String key, String value) {}

  /**
   * The entries of a term chunk's object as {@link SearchIndexWriter} writes it ({@code
   * {"term":[…],…}}, compact; each entry a flat array of numbers and postings strings, which hold
   * no quote, bracket or backslash): each term → its key and value as written, split where one
   * entry's array ends and the next key starts ({@code ],"}) with {@link String#indexOf} (no JSON
   * tree, no character loop of ours: a cold patch reads tens of chunks). Empty when the text is not
   * so (a backslash anywhere, an entry that is not {@code "key":[…]}): the caller reads it as JSON.
   */
  static java.util.Optional<java.util.TreeMap<String, Written>> entries(String object) {
    java.util.TreeMap<String, Written> out = new java.util.TreeMap<>();
    int n = object.length();
    if (n < 2 || object.charAt(0) != '{' || object.charAt(n - 1) != '}') {
      return java.util.Optional.empty();
    }
    if (n == 2) {
      return java.util.Optional.of(out);
    }
    if (object.indexOf('\\') >= 0) {
      return java.util.Optional.empty(); // an escape: a string's end is not its next quote
    }
    int start = 1;
    while (start < n - 1) {
      int cut = object.indexOf("],\"", start);
      int end = cut < 0 ? n - 1 : cut + 1; // the entry is [start, end)
      int keyEnd = object.indexOf('"', start + 1) + 1;
      if (object.charAt(start) != '"'
          || keyEnd <= start + 1
          || keyEnd + 2 > end
          || object.charAt(keyEnd) != ':'
          || object.charAt(keyEnd + 1) != '['
          || object.charAt(end - 1) != ']') {
        return java.util.Optional.empty();
      }
      String key = object.substring(start, keyEnd);
      Written w = new Written(key, object.substring(keyEnd + 1, end));
      if (out.put(key.substring(1, key.length() - 1), w) != null) {
        return java.util.Optional.empty(); // a term twice: not written by SearchIndexWriter
      }
      start = end + 1;
    }
    return start == n ? java.util.Optional.of(out) : java.util.Optional.empty();
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
   * Encoded postings ({@link #encode(List, boolean)}'s form, or with {@code norms} {@link
   * #encode(List, java.util.function.IntUnaryOperator)}'s) with the postings of the documents
   * {@code docs} (ascending) made {@code freqs} (0: the document does not hold the term) and, with
   * norms, {@code normBytes}: exactly what encoding the changed list writes. One pass over the
   * string; every other posting is copied as written (only the delta after a changed document is
   * written again), no posting is decoded to an object.
   */
  static String splice(
      String encoded, boolean withFreqs, boolean norms, int[] docs, int[] freqs, int[] normBytes) {
    String p = encoded;
    String hex = "";
    if (norms && !encoded.isEmpty()) {
      int bar = encoded.indexOf('|');
      p = encoded.substring(0, bar);
      hex = encoded.substring(bar + 1);
    }
    StringBuilder op = new StringBuilder(p.length() + 16 * docs.length);
    StringBuilder oh = new StringBuilder(norms ? hex.length() + 2 * docs.length : 0);
    int c = 0; // the next change
    int prev = 0; // the document of the last posting read
    int written = 0; // the document of the last posting written
    int runStart = -1; // the first posting of the run copied as written (its offset in p)
    int runEnd = -1;
    int runHex = -1; // its first norm's offset in hex
    int k = 0; // postings read
    int pos = 0;
    while (pos < p.length()) {
      if (c == docs.length && written == prev) {
        // no change left and the next delta's base unchanged: every posting from here on keeps
        // its delta and norm, so the rest is copied as written (what the loop would do, one
        // posting at a time)
        if (runStart < 0) {
          runStart = pos;
          runHex = 2 * k;
        }
        runEnd = p.length();
        k = norms ? hex.length() / 2 : k;
        break;
      }
      int end = p.indexOf(',', pos);
      if (end < 0) {
        end = p.length();
      }
      int cut = end;
      if (withFreqs) {
        for (int i = pos; i < end; i++) {
          if (p.charAt(i) == ':') {
            cut = i;
            break;
          }
        }
      }
      int doc = prev + Integer.parseInt(p, pos, cut, 36);
      boolean changed = false;
      while (c < docs.length && docs[c] <= doc) {
        if (runStart >= 0) {
          flush(op, p, runStart, runEnd, oh, hex, runHex, k, norms);
          runStart = -1;
        }
        if (freqs[c] > 0) {
          put(op, oh, docs[c] - written, withFreqs, freqs[c], norms, normBytes[c]);
          written = docs[c];
        }
        changed |= docs[c] == doc;
        c++;
      }
      if (!changed) {
        if (written == prev) {
          if (runStart < 0) {
            runStart = pos;
            runHex = 2 * k;
          }
          runEnd = end;
        } else { // the delta from the document written before it changed
          if (runStart >= 0) {
            flush(op, p, runStart, runEnd, oh, hex, runHex, k, norms);
            runStart = -1;
          }
          if (op.length() > 0) {
            op.append(',');
          }
          op.append(Integer.toString(doc - written, 36)).append(p, cut, end);
          if (norms) {
            oh.append(hex, 2 * k, 2 * k + 2);
          }
        }
        written = doc;
      }
      prev = doc;
      k++;
      pos = end + 1;
    }
    if (runStart >= 0) {
      flush(op, p, runStart, runEnd, oh, hex, runHex, k, norms);
    }
    for (; c < docs.length; c++) {
      if (freqs[c] > 0) {
        put(op, oh, docs[c] - written, withFreqs, freqs[c], norms, normBytes[c]);
        written = docs[c];
      }
    }
    return norms && op.length() > 0 ? op.append('|').append(oh).toString() : op.toString();
  }

  /**
   * Copies the postings {@code p[from, to)} as written, and their norms up to posting {@code k}.
   */
  private static void flush(
      StringBuilder op,
      String p,
      int from,
      int to,
      StringBuilder oh,
      String hex,
      int hexFrom,
      int k,
      boolean norms) {
    if (op.length() > 0) {
      op.append(',');
    }
    op.append(p, from, to);
    if (norms) {
      oh.append(hex, hexFrom, 2 * k);
    }
  }

  private static void put(
      StringBuilder op,
      StringBuilder oh,
      int delta,
      boolean withFreqs,
      int freq,
      boolean norms,
      int norm) {
    if (op.length() > 0) {
      op.append(',');
    }
    op.append(Integer.toString(delta, 36));
    if (withFreqs && freq != 1) {
      op.append(':').append(Integer.toString(freq, 36));
    }
    if (norms) {
      int b = norm & 0xff;
      oh.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
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
