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

  private final IndexWriter writer;
  private final TermReader terms = new TermReader(Analysis.perField());
  private final Synonyms synonyms = new Synonyms();

  private TriggerTable(IndexWriter writer) {
    this.writer = writer;
  }

  /** Opens the table at {@code where}, creating an empty one if {@code create}. */
  static TriggerTable open(Path where, boolean create) throws IOException {
    Directory dir = FSDirectory.open(where);
    try {
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
    }
    for (String t : new TreeSet<>(terms)) {
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
