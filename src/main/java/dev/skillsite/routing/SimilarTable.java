package dev.skillsite.routing;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatDocValuesField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Every skill's "more like this" query as a patch needs it ({@link SimilarSkills.Walk}), inverted:
 * term → the skills whose surface holds it, that chose it, that walk it; and per skill the weight
 * of its last chosen word ({@code cut}), of its heaviest usable word not chosen ({@code next}) and
 * whether the record was made by the full build (its weights against the base segment's document
 * frequencies) or by a patch. Looked up by term only (the postings of the asked terms), never read
 * whole. A small Lucene index beside the routing state's {@link TriggerTable}s; {@link
 * RoutingPatch} keeps it right across patches.
 */
final class SimilarTable implements Closeable {
  private static final String ID = "id";
  private static final String STORED = "key";
  static final String SURFACE = "surface";
  static final String TOP = "top";
  static final String WALKED = "walked";
  private static final String CUT = "cut";
  private static final String NEXT = "next";
  private static final String PATCHED = "patched";
  private static final String CHOSEN = "chosen";
  private static final String FLOOR = "floor";
  private static final String BEST = "best";
  private static final String GAP = "gap";
  private static final String BEYOND = "beyond";
  private static final String DRIFT = "drift";

  /**
   * One skill's record as {@link #records} reads it: its id, {@code cut}, {@code next}, whether a
   * patch made it, its chosen words in its query's order with what their weights are made of, the
   * ones it walked, its walk's {@code floor} and best scores, and {@code drift}: how far each of
   * its candidates' scores may be from the recorded ones (0 when its query made them; a patch that
   * clears the list by a bound on how far they moved adds that bound, {@link #drifted}).
   */
  record Record(
      String id,
      double cut,
      double next,
      boolean patched,
      List<SimilarSkills.Chosen> chosen,
      Set<String> walked,
      float floor,
      SimilarSkills.Scores scores,
      double drift) {}

  private final IndexWriter writer;

  private SimilarTable(IndexWriter writer) {
    this.writer = writer;
  }

  /** Opens the table at {@code where}, creating an empty one if {@code create}. */
  static SimilarTable open(Path where, boolean create) throws IOException {
    return open(where, create, java.util.function.UnaryOperator.identity());
  }

  /** {@link #open(Path, boolean)}, its folder wrapped by {@code wrap} (a patch's: its syncs). */
  static SimilarTable open(
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
      return new SimilarTable(new IndexWriter(dir, config));
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /**
   * Holds skill {@code id}'s record (replacing any): its surface words, its query's {@code walk};
   * {@code patched} when a patch made it (its weights are not against the base frequencies).
   */
  void put(String id, Collection<String> surface, SimilarSkills.Walk walk, boolean patched)
      throws IOException {
    Document d = new Document();
    d.add(new KeywordField(ID, id, Field.Store.NO));
    d.add(new StoredField(STORED, id));
    for (String t : new TreeSet<>(surface)) {
      d.add(new KeywordField(SURFACE, t, Field.Store.NO));
    }
    for (String t : walk.top()) {
      d.add(new KeywordField(TOP, t, Field.Store.NO));
    }
    for (String t : walk.walked()) {
      d.add(new KeywordField(WALKED, t, Field.Store.NO));
    }
    d.add(new DoubleDocValuesField(CUT, walk.cut()));
    d.add(new DoubleDocValuesField(NEXT, walk.next()));
    d.add(new NumericDocValuesField(PATCHED, patched ? 1 : 0));
    d.add(new BinaryDocValuesField(CHOSEN, encode(id, walk)));
    d.add(new FloatDocValuesField(FLOOR, walk.floor()));
    d.add(new FloatDocValuesField(BEST, walk.scores().best()));
    d.add(new FloatDocValuesField(GAP, walk.scores().gap()));
    d.add(new FloatDocValuesField(BEYOND, walk.scores().beyond()));
    d.add(new DoubleDocValuesField(DRIFT, 0));
    writer.updateDocument(new Term(ID, id), d);
  }

  /**
   * Records that skill {@code id}'s list held while its candidates' scores moved: each may now be
   * {@code drift} from the recorded one, and so may the difference of any two (the record's words,
   * walk and best scores kept); {@code floor − beyond − drift} is at most how far every skill
   * outside its best {@code FLOOR_DEPTH} is below the last of them. Doc-value updates only: no
   * query, no surface.
   */
  void drifted(String id, double drift, float beyond) throws IOException {
    writer.updateDocValues(
        new Term(ID, id),
        new DoubleDocValuesField(DRIFT, drift),
        new FloatDocValuesField(BEYOND, beyond));
  }

  /** Drops skill {@code id}'s record (a skill removed). */
  void remove(String id) throws IOException {
    writer.deleteDocuments(new Term(ID, id));
  }

  /** A point-in-time reader of the table (with what was put so far); close it. */
  DirectoryReader reader() throws IOException {
    return DirectoryReader.open(writer);
  }

  /**
   * Adds to {@code out} the skills holding {@code term} in {@code field} for which {@code keep}
   * says yes to ({@code cut}, {@code next}) and whether a patch made the record. Costs the term's
   * postings.
   */
  static void with(
      DirectoryReader reader,
      String field,
      String term,
      BiPredicate<double[], Boolean> keep,
      Set<String> out) {
    postings(
        reader,
        field,
        term,
        (leaf, docs) -> {
          NumericDocValues cut = leaf.getNumericDocValues(CUT);
          NumericDocValues next = leaf.getNumericDocValues(NEXT);
          NumericDocValues patched = leaf.getNumericDocValues(PATCHED);
          BinaryDocValues chosen = leaf.getBinaryDocValues(CHOSEN);
          for (int d = docs.next(); d != PostingsEnum.NO_MORE_DOCS; d = docs.next()) {
            cut.advanceExact(d);
            next.advanceExact(d);
            patched.advanceExact(d);
            double[] cn = {
              Double.longBitsToDouble(cut.longValue()), Double.longBitsToDouble(next.longValue())
            };
            if (keep.test(cn, patched.longValue() == 1)) {
              out.add(idOf(leaf, chosen, d));
            }
          }
        });
  }

  /**
   * Document {@code d}'s skill id: from the head of its {@link #CHOSEN} bytes (no stored-fields
   * block decompressed), else (a record without its query) its stored key. {@code chosen} is the
   * leaf's, advanced in document order.
   */
  private static String idOf(LeafReader leaf, BinaryDocValues chosen, int d) throws IOException {
    if (chosen != null && chosen.advanceExact(d)) {
      BytesRef b = chosen.binaryValue();
      return new DataInputStream(new ByteArrayInputStream(b.bytes, b.offset, b.length)).readUTF();
    }
    return leaf.storedFields().document(d).get(STORED);
  }

  /** The live documents of one leaf holding a term, in order. */
  private interface Docs {
    /** The next one, {@link PostingsEnum#NO_MORE_DOCS} after the last. */
    int next() throws IOException;
  }

  /** What {@link #postings} does with each leaf holding the term. */
  private interface LeafVisitor {
    void visit(LeafReader leaf, Docs docs) throws IOException;
  }

  /** Visits the live documents holding {@code term} in {@code field}, leaf by leaf. */
  private static void postings(
      DirectoryReader reader, String field, String term, LeafVisitor visitor) {
    try {
      BytesRef b = new BytesRef(term);
      for (LeafReaderContext ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        Terms terms = leaf.terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(b)) {
          continue;
        }
        Bits live = leaf.getLiveDocs();
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        visitor.visit(
            leaf,
            () -> {
              int d = pe.nextDoc();
              while (d != PostingsEnum.NO_MORE_DOCS && live != null && !live.get(d)) {
                d = pe.nextDoc();
              }
              return d;
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record's id, then its chosen words (the id here spares a stored-fields read). */
  private static BytesRef encode(String id, SimilarSkills.Walk walk) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      var out = new DataOutputStream(bytes);
      out.writeUTF(id);
      out.writeShort(walk.chosen().size());
      for (SimilarSkills.Chosen c : walk.chosen()) {
        out.writeUTF(c.term());
        out.writeInt(c.tf());
        out.writeInt(c.bodyFreq());
        out.writeBoolean(walk.walked().contains(c.term()));
      }
      return new BytesRef(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds to {@code out} (by id) the records of the skills holding {@code term} in {@code field}.
   * Costs the term's postings and a record read for each.
   */
  static void records(DirectoryReader reader, String field, String term, Map<String, Record> out) {
    records(reader, field, term, out, null);
  }

  /**
   * As above, and adds to {@code ids} (when not null) the id of every skill holding the term,
   * whether its record was read now or before: one postings walk for both.
   */
  static void records(
      DirectoryReader reader, String field, String term, Map<String, Record> out, Set<String> ids) {
    postings(
        reader,
        field,
        term,
        (leaf, docs) -> {
          BinaryDocValues chosen = leaf.getBinaryDocValues(CHOSEN);
          Columns columns = null; // the leaf's doc values, opened at its first record read
          for (int d = docs.next(); d != PostingsEnum.NO_MORE_DOCS; d = docs.next()) {
            if (chosen == null || !chosen.advanceExact(d)) {
              // a record without its query (an older state): asked, never cleared
              String id = leaf.storedFields().document(d).get(STORED);
              out.putIfAbsent(id, new Record(id, 0, 0, true, List.of(), Set.of(), 0f, null, 0));
              if (ids != null) {
                ids.add(id);
              }
              continue;
            }
            BytesRef bytes = chosen.binaryValue();
            var in =
                new DataInputStream(
                    new ByteArrayInputStream(bytes.bytes, bytes.offset, bytes.length));
            String id = in.readUTF();
            if (ids != null) {
              ids.add(id);
            }
            if (!out.containsKey(id)) {
              if (columns == null) {
                columns = new Columns(leaf);
              }
              out.put(id, read(columns, d, id, in));
            }
          }
        });
  }

  /**
   * One leaf's doc values a record is read from, each opened once and advanced in document order (a
   * term's postings), not opened again for every record.
   */
  private static final class Columns {
    final NumericDocValues cut;
    final NumericDocValues next;
    final NumericDocValues patched;
    final NumericDocValues floor;
    final NumericDocValues[] scores;
    final NumericDocValues drift;

    Columns(LeafReader leaf) throws IOException {
      cut = leaf.getNumericDocValues(CUT);
      next = leaf.getNumericDocValues(NEXT);
      patched = leaf.getNumericDocValues(PATCHED);
      floor = leaf.getNumericDocValues(FLOOR);
      scores =
          new NumericDocValues[] {
            leaf.getNumericDocValues(BEST),
            leaf.getNumericDocValues(GAP),
            leaf.getNumericDocValues(BEYOND)
          };
      drift = leaf.getNumericDocValues(DRIFT);
    }
  }

  private static Record read(Columns columns, int d, String id, DataInputStream in)
      throws IOException {
    NumericDocValues cut = columns.cut;
    NumericDocValues next = columns.next;
    NumericDocValues patched = columns.patched;
    NumericDocValues floor = columns.floor;
    cut.advanceExact(d);
    next.advanceExact(d);
    patched.advanceExact(d);
    floor.advanceExact(d);
    float[] scores = new float[3];
    boolean scored = true;
    for (int i = 0; i < 3; i++) {
      NumericDocValues v = columns.scores[i];
      scored &= v != null && v.advanceExact(d);
      scores[i] = scored ? Float.intBitsToFloat((int) v.longValue()) : 0f;
    }
    NumericDocValues drift = columns.drift;
    scored &= drift != null && drift.advanceExact(d);
    int count = in.readShort();
    List<SimilarSkills.Chosen> words = new ArrayList<>(count);
    Set<String> walked = new HashSet<>();
    for (int i = 0; i < count; i++) {
      SimilarSkills.Chosen c = new SimilarSkills.Chosen(in.readUTF(), in.readInt(), in.readInt());
      words.add(c);
      if (in.readBoolean()) {
        walked.add(c.term());
      }
    }
    return new Record(
        id,
        Double.longBitsToDouble(cut.longValue()),
        Double.longBitsToDouble(next.longValue()),
        patched.longValue() == 1,
        words,
        walked,
        Float.intBitsToFloat((int) floor.longValue()),
        scored ? new SimilarSkills.Scores(scores[0], scores[1], scores[2]) : null,
        scored ? Double.longBitsToDouble(drift.longValue()) : 0);
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

  @Override
  public void close() throws IOException {
    if (writer.isOpen()) {
      writer.rollback();
    }
    writer.getDirectory().close();
  }
}
