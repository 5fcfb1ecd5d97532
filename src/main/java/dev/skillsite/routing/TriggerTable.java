package dev.skillsite.routing;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The distinct trigger phrases a build probes, looked up by term: which of them a query term of any
 * analysis chain (synonyms included) of theirs is. A phrase whose terms no changed document holds
 * differently is ranked as before when the statistics are the same ({@link IndexDelta}'s rule), so
 * a patch asks only the phrases this finds for the terms it changed. A small Lucene index: one
 * document per phrase, its terms as keywords.
 */
final class TriggerTable implements Closeable {
  private static final String TERM = "term";
  private static final String PHRASE = "phrase";
  private static final String STORED = "text";
  private static final String RECORD = "rank";

  /**
   * The record's head (its top entries, no terms: {@link RoutingPatch.Recorded#head}) as a doc
   * value, read by {@link #usingRecords(Collection, Prune)} without the stored fields.
   */
  private static final String HEAD = "head";

  /**
   * A term every phrase that may call a skill by name holds ({@link #mayInvoke}): never pruned. No
   * analysed term starts with a control character.
   */
  static final String INVOKES = "\u0001invokes";

  private final IndexWriter writer;
  private final TermReader terms = new TermReader(Analysis.perField());
  private final Synonyms synonyms = new Synonyms();

  private TriggerTable(IndexWriter writer) {
    this.writer = writer;
  }

  /** Opens the table at {@code where}, creating an empty one if {@code create}. */
  static TriggerTable open(Path where, boolean create) throws IOException {
    return open(where, create, java.util.function.UnaryOperator.identity());
  }

  /** {@link #open(Path, boolean)}, its folder wrapped by {@code wrap} (a patch's: its syncs). */
  static TriggerTable open(
      Path where, boolean create, java.util.function.UnaryOperator<Directory> wrap)
      throws IOException {
    Directory dir = FSDirectory.open(where);
    try {
      dir = wrap.apply(dir);
      IndexWriterConfig config =
          new IndexWriterConfig()
              .setOpenMode(
                  create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
              .setCommitOnClose(false);
      return new TriggerTable(new IndexWriter(dir, config));
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /**
   * Every term the router reads for {@code query}: its words (the confidence's) and each searched
   * field's terms, synonyms included (what {@link IndexDelta#unaffected} checks).
   */
  Set<String> termsOf(String query) {
    QueryTerms qt = QueryTerms.of(query, terms, synonyms, Fields.SEARCHED);
    Set<String> out = new HashSet<>(qt.words());
    for (Map<String, Float> byField : qt.byField().values()) {
      out.addAll(byField.keySet());
    }
    return out;
  }

  /** Adds the phrases (a phrase already held stays once). */
  void add(Collection<String> phrases) throws IOException {
    for (String p : phrases) {
      put(p, termsOf(p));
    }
  }

  /**
   * Holds {@code key} as using {@code terms} (replacing what it used). The table of skills' surface
   * terms ({@link RoutingPatch}) is kept this way, a skill id a key.
   */
  void put(String key, Collection<String> terms) throws IOException {
    put(key, terms, new byte[0]);
  }

  /**
   * As {@link #put(String, Collection)}, with {@code record} kept beside the key ({@link
   * #usingRecords}: a phrase's recorded ranking, {@link RoutingPatch}).
   */
  void put(String key, Collection<String> terms, byte[] record) throws IOException {
    Document d = new Document();
    d.add(new KeywordField(PHRASE, key, Field.Store.NO));
    d.add(new StoredField(STORED, key));
    if (record.length > 0) {
      d.add(new StoredField(RECORD, record));
      int head = RoutingPatch.Recorded.headLength(record);
      if (head > 0) {
        d.add(
            new org.apache.lucene.document.BinaryDocValuesField(
                HEAD, new BytesRef(record, 0, head)));
      }
    }
    Set<String> held = new TreeSet<>(terms);
    if (mayInvoke(key)) {
      held.add(INVOKES);
    }
    for (String t : held) {
      d.add(new KeywordField(TERM, t, Field.Store.NO));
    }
    writer.updateDocument(new Term(PHRASE, key), d);
  }

  void remove(Collection<String> phrases) throws IOException {
    for (String p : phrases) {
      writer.deleteDocuments(new Term(PHRASE, p));
    }
  }

  /** The phrases (keys) held that use any of {@code changed} (their {@link #termsOf}). */
  Set<String> using(Collection<String> changed) {
    return usingRecords(changed).keySet();
  }

  /**
   * The phrases (keys) held that use any of {@code changed}, each with the record {@link
   * #put(String, Collection, byte[])} kept (empty when none), sorted by phrase.
   */
  java.util.SortedMap<String, byte[]> usingRecords(Collection<String> changed) {
    java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Terms t = MultiTerms.getTerms(reader, TERM);
      if (t == null) {
        return out;
      }
      StoredFields stored = reader.storedFields();
      TermsEnum te = t.iterator();
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      for (String term : changed) {
        if (!te.seekExact(new BytesRef(term))) {
          continue;
        }
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if ((live == null || live.get(d))) {
            Document doc = stored.document(d);
            String key = doc.get(STORED);
            if (!out.containsKey(key)) {
              BytesRef r = doc.getBinaryValue(RECORD);
              out.put(key, r == null ? new byte[0] : BytesRef.deepCopyOf(r).bytes);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Whether {@code phrase} may call a skill by name: {@link Invocation#find} finds nothing in a
   * phrase that neither starts with a slash nor holds the word "skill".
   */
  static boolean mayInvoke(String phrase) {
    String t = phrase.strip();
    return t.startsWith("/") || Invocation.words(phrase).contains("skill");
  }

  /**
   * What {@link #usingRecords(Collection, Prune)} needs to leave a phrase out unread: {@link
   * RoutingPatch.Unmoved#prune} gives it, with the proof.
   */
  interface Prune {
    /** Terms whose holders are never left out (their rankings may move whatever the bound). */
    Set<String> kept();

    /**
     * Terms whose holders are left out only when no changed document holds any of their terms
     * (their records may not be exact).
     */
    Set<String> inexact();

    /** The terms a changed document holds in some scored field. */
    Set<String> weighted();

    /** The most {@code term} adds to a changed document's score for a phrase holding it. */
    double weight(String term);

    /**
     * Whether a phrase whose changed documents score at most {@code bound} (none holds a term of it
     * when 0) is proved unmoved by its record's head.
     */
    boolean unmoved(BytesRef head, double bound);
  }

  /**
   * As {@link #usingRecords(Collection)}, less the phrases {@code prune} proves unmoved from the
   * postings of this table and each phrase's record head alone (no stored field read, no analysis):
   * {@code pruned[0]} counts them. A phrase is left out when it holds no term of {@link Prune#kept}
   * nor {@link #INVOKES}, has a record head, and either holds no term of {@link Prune#weighted}
   * (bound 0) or holds no term of {@link Prune#inexact} and {@link Prune#unmoved} holds for the sum
   * of {@link Prune#weight} over the weighted terms it holds.
   */
  java.util.SortedMap<String, byte[]> usingRecords(
      Collection<String> changed, Prune prune, int[] pruned) {
    java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Terms t = MultiTerms.getTerms(reader, TERM);
      if (t == null) {
        return out;
      }
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      org.apache.lucene.util.FixedBitSet asked =
          new org.apache.lucene.util.FixedBitSet(reader.maxDoc());
      TermsEnum te = t.iterator();
      for (String term : changed) {
        if (te.seekExact(new BytesRef(term))) {
          PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
          for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
            if (live == null || live.get(d)) {
              asked.set(d);
            }
          }
        }
      }
      // the phrases that may be left out: asked, not holding a kept term, with a head
      org.apache.lucene.util.FixedBitSet may = asked.clone();
      java.util.List<String> never = new java.util.ArrayList<>(prune.kept());
      never.add(INVOKES);
      clear(te, never, may);
      org.apache.lucene.util.FixedBitSet exact = may.clone();
      clear(te, prune.inexact(), exact);
      double[] bound = new double[reader.maxDoc()];
      org.apache.lucene.util.FixedBitSet weighted =
          new org.apache.lucene.util.FixedBitSet(reader.maxDoc());
      for (String w : prune.weighted()) {
        if (!te.seekExact(new BytesRef(w))) {
          continue;
        }
        double c = Double.NaN;
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (may.get(d)) {
            if (Double.isNaN(c)) {
              c = prune.weight(w); // looked up only for a term some candidate holds
            }
            bound[d] += c;
            weighted.set(d);
          }
        }
      }
      org.apache.lucene.index.BinaryDocValues heads =
          org.apache.lucene.index.MultiDocValues.getBinaryValues(reader, HEAD);
      org.apache.lucene.util.FixedBitSet left =
          new org.apache.lucene.util.FixedBitSet(reader.maxDoc());
      if (heads != null) {
        for (int d = may.nextSetBit(0);
            d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
            d =
                d + 1 < may.length()
                    ? may.nextSetBit(d + 1)
                    : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
          if (!heads.advanceExact(d)) {
            continue; // no record: asked
          }
          if (!weighted.get(d) || (exact.get(d) && prune.unmoved(heads.binaryValue(), bound[d]))) {
            left.set(d);
          }
        }
      }
      StoredFields stored = reader.storedFields();
      for (int d = asked.nextSetBit(0);
          d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          d =
              d + 1 < asked.length()
                  ? asked.nextSetBit(d + 1)
                  : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
        if (left.get(d)) {
          pruned[0]++;
          continue;
        }
        Document doc = stored.document(d);
        BytesRef r = doc.getBinaryValue(RECORD);
        out.put(doc.get(STORED), r == null ? new byte[0] : BytesRef.deepCopyOf(r).bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Clears in {@code docs} every document holding one of {@code terms}. */
  private static void clear(
      TermsEnum te, Collection<String> terms, org.apache.lucene.util.FixedBitSet docs)
      throws IOException {
    for (String term : terms) {
      if (te.seekExact(new BytesRef(term))) {
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          docs.clear(d);
        }
      }
    }
  }

  /** Of {@code phrases}, those held, each with its record (empty when none), sorted. */
  java.util.SortedMap<String, byte[]> recordsOf(Collection<String> phrases) {
    java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Terms t = MultiTerms.getTerms(reader, PHRASE);
      if (t == null) {
        return out;
      }
      StoredFields stored = reader.storedFields();
      TermsEnum te = t.iterator();
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      for (String p : phrases) {
        if (out.containsKey(p) || !te.seekExact(new BytesRef(p))) {
          continue;
        }
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            BytesRef r = stored.document(d).getBinaryValue(RECORD);
            out.put(p, r == null ? new byte[0] : BytesRef.deepCopyOf(r).bytes);
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** How many phrases are held. */
  int size() {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      return reader.numDocs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the last commit recorded. */
  Map<String, String> commitData() throws IOException {
    return SegmentInfos.readLatestCommit(writer.getDirectory()).getUserData();
  }

  void commit(Map<String, String> data) throws IOException {
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /**
   * Writes and syncs the next commit, with {@code data}, not yet visible: {@link #commit} (any
   * data: the prepared one is kept) finishes it, closing without drops it.
   */
  void prepareCommit(Map<String, String> data) throws IOException {
    writer.setLiveCommitData(data.entrySet());
    writer.prepareCommit();
  }

  void rollback() throws IOException {
    writer.rollback();
  }

  @Override
  public void close() throws IOException {
    if (writer.isOpen()) {
      writer.rollback();
    }
    writer.getDirectory().close();
  }
}
