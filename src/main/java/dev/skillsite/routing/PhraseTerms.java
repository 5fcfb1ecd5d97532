package dev.skillsite.routing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trigger phrase's analysed terms ({@link QueryTerms}) as bytes, kept in its record by the full
 * build so that a patch's {@link RoutingPatch.Unmoved} decision reads them instead of running the
 * analysis chains again. A phrase's terms depend on the analysis alone (no index statistics), and
 * the patch state is keyed by the code that wrote it, so the kept terms are the ones a patch would
 * make.
 *
 * <p>The layout: the confidence's words, then the terms of each distinct analysis chain ({@link
 * Analysis#chainOf}) in the order {@link Fields#SEARCHED} first names it, each term with one byte
 * for its weight (1 typed, 2 a synonym's, {@link Synonyms#WEIGHT}). Fields of one chain share its
 * terms, as {@link QueryTerms#of} makes them.
 */
final class PhraseTerms {
  private static final byte TYPED = 1;
  private static final byte SYNONYM = 2;

  private PhraseTerms() {}

  /** {@code qt} as bytes; empty when a weight is neither 1 nor a synonym's (not kept). */
  static byte[] bytes(QueryTerms qt, List<Fields.Weighted> fields) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeShort(qt.words().size());
      for (String w : qt.words()) {
        out.writeUTF(w);
      }
      List<String> chains = new ArrayList<>();
      for (Fields.Weighted f : fields) {
        String chain = Analysis.chainOf(f.field());
        if (chains.contains(chain)) {
          continue;
        }
        chains.add(chain);
        Map<String, Float> terms = qt.byField().get(f.field());
        out.writeShort(terms.size());
        for (Map.Entry<String, Float> e : terms.entrySet()) {
          out.writeUTF(e.getKey());
          if (e.getValue() == 1f) {
            out.writeByte(TYPED);
          } else if (e.getValue() == Synonyms.WEIGHT) {
            out.writeByte(SYNONYM);
          } else {
            return new byte[0];
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  /** The terms {@link #bytes} kept, for {@code fields}; empty for none or a malformed record. */
  static Optional<QueryTerms> parse(byte[] bytes, int from, List<Fields.Weighted> fields) {
    if (from >= bytes.length) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new java.io.ByteArrayInputStream(bytes, from, bytes.length - from))) {
      int n = in.readUnsignedShort();
      List<String> words = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        words.add(in.readUTF());
      }
      Map<String, Map<String, Float>> byChain = new LinkedHashMap<>();
      Map<String, Map<String, Float>> byField = new LinkedHashMap<>();
      for (Fields.Weighted f : fields) {
        String chain = Analysis.chainOf(f.field());
        Map<String, Float> terms = byChain.get(chain);
        if (terms == null) {
          int m = in.readUnsignedShort();
          Map<String, Float> read = new LinkedHashMap<>();
          for (int i = 0; i < m; i++) {
            String t = in.readUTF();
            byte w = in.readByte();
            if (w != TYPED && w != SYNONYM) {
              return Optional.empty();
            }
            read.put(t, w == TYPED ? 1f : Synonyms.WEIGHT);
          }
          terms = Map.copyOf(read);
          byChain.put(chain, terms);
        }
        byField.put(f.field(), terms);
      }
      if (in.available() != 0) {
        return Optional.empty();
      }
      return Optional.of(new QueryTerms(byField, List.copyOf(words)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
