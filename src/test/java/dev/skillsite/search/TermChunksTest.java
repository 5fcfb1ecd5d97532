package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.routing.IndexContents.Posting;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link TermChunks#splice}: an encoded postings list with some documents' postings changed, added
 * or dropped is what encoding the changed list writes, with and without frequencies and norms.
 */
class TermChunksTest {
  @Test
  void spliceIsTheEncodingOfTheChangedList() {
    Random r = new Random(27);
    for (int round = 0; round < 4000; round++) {
      int docs = 1 + r.nextInt(round % 3 == 0 ? 6 : 3000);
      TreeMap<Integer, int[]> before = new TreeMap<>(); // doc → {freq, norm}
      double held = r.nextDouble();
      for (int d = 0; d < docs; d++) {
        if (r.nextDouble() < held) {
          before.put(d, new int[] {r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 1, r.nextInt(256)});
        }
      }
      TreeMap<Integer, int[]> after = new TreeMap<>(before);
      int changes = 1 + r.nextInt(4);
      int[] at = r.ints(changes * 2L, 0, docs).distinct().limit(changes).sorted().toArray();
      int[] freqs = new int[at.length];
      int[] norms = new int[at.length];
      for (int i = 0; i < at.length; i++) {
        freqs[i] = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 1 : 50);
        norms[i] = (byte) r.nextInt(256);
        if (freqs[i] == 0) {
          after.remove(at[i]);
        } else {
          after.put(at[i], new int[] {freqs[i], norms[i] & 0xff});
        }
      }
      for (int form = 0; form < 3; form++) {
        boolean withFreqs = form != 0;
        boolean withNorms = form == 2;
        String was = encode(before, withFreqs, withNorms);
        String now = encode(after, withFreqs, withNorms);
        assertEquals(
            now,
            TermChunks.splice(was, withFreqs, withNorms, at, freqs, norms),
            () -> was + " at " + java.util.Arrays.toString(at));
      }
    }
  }

  @Test
  void spliceKnownCases() {
    // [(3,2), (13,1), (44,4)]: 13 dropped; 20 added; 3 made 1; 0 added before all
    assertEquals(
        "3:2,15:4", TermChunks.splice("3:2,a,v:4", true, false, ints(13), ints(0), ints(0)));
    assertEquals(
        "3:2,a,7,o:4", TermChunks.splice("3:2,a,v:4", true, false, ints(20), ints(1), ints(0)));
    assertEquals("3,a,v:4", TermChunks.splice("3:2,a,v:4", true, false, ints(3), ints(1), ints(0)));
    assertEquals(
        "0:5,3:2,a,v:4|ff1f0a0a",
        TermChunks.splice("3:2,a,v:4|1f0a0a", true, true, ints(0), ints(5), ints(255)));
    assertEquals("", TermChunks.splice("3|1f", true, true, ints(3), ints(0), ints(0)));
    assertEquals("5|02", TermChunks.splice("", true, true, ints(5), ints(1), ints(2)));
  }

  /**
   * {@link TermChunks#entries}: a chunk as {@link SearchIndexWriter} writes it is split into each
   * term's key and value as written, which joined again are the chunk; a chunk it cannot split
   * safely (an escape, whitespace, a nested value, a term twice) is left to the JSON reader.
   */
  @Test
  void entriesAreTheChunkAsWritten() {
    com.google.gson.Gson gson = new com.google.gson.Gson();
    Random r = new Random(30);
    String[] words = {"a", "zeta", "b2", "日本", "naïve", "x-y", "z", "mm", "q_q", "0"};
    for (int round = 0; round < 300; round++) {
      TreeMap<String, String> written = new TreeMap<>();
      int n = r.nextInt(12);
      for (int i = 0; i < n; i++) {
        String t = words[r.nextInt(words.length)] + (r.nextBoolean() ? "" : r.nextInt(100));
        com.google.gson.JsonElement[] slots = new com.google.gson.JsonElement[2 + r.nextInt(4)];
        slots[0] = r.nextBoolean() ? new com.google.gson.JsonPrimitive(r.nextInt(5000)) : null;
        slots[1] = new com.google.gson.JsonPrimitive(1 + r.nextInt(9000));
        for (int s = 2; s < slots.length; s++) {
          slots[s] = r.nextBoolean() ? null : new com.google.gson.JsonPrimitive("3:2,a,v:4|1f0a0a");
        }
        written.put(t, gson.toJson(SearchIndexWriter.termEntry(slots)));
      }
      java.util.StringJoiner j = new java.util.StringJoiner(",", "{", "}");
      written.forEach((t, v) -> j.add(gson.toJson(t) + ":" + v));
      String chunk = j.toString();
      TreeMap<String, TermChunks.Written> split = TermChunks.entries(chunk).orElseThrow();
      assertEquals(written.keySet(), split.keySet(), chunk);
      java.util.StringJoiner again = new java.util.StringJoiner(",", "{", "}");
      split.forEach(
          (t, w) -> {
            assertEquals(written.get(t), w.value(), chunk);
            assertEquals(gson.toJson(t), w.key(), chunk);
            again.add(w.key() + ":" + w.value());
          });
      assertEquals(chunk, again.toString());
    }
    assertEquals(java.util.Optional.of(new TreeMap<>()), TermChunks.entries("{}"));
    for (String refused :
        new String[] {
          "{\"a\\u003cb\":[1,2]}", // '<' escaped: a string's end is not its next quote
          "{\"a\": [1,2]}", // whitespace
          "{\"a\":[[1],\"b\"],\"c\":[2]}", // a nested value
          "{\"a\":[1],\"a\":[2]}", // a term twice
          "{\"a\":1}", // not an array
          "{\"a\":[1],}",
          "[1]"
        }) {
      assertEquals(java.util.Optional.empty(), TermChunks.entries(refused), refused);
    }
  }

  private static int[] ints(int... v) {
    return v;
  }

  private static String encode(TreeMap<Integer, int[]> postings, boolean freqs, boolean norms) {
    List<Posting> list = new ArrayList<>();
    postings.forEach((d, fn) -> list.add(new Posting(d, fn[0])));
    return norms
        ? TermChunks.encode(list, doc -> postings.get(doc)[1])
        : TermChunks.encode(list, freqs);
  }
}
