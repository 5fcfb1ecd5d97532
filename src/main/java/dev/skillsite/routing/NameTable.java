package dev.skillsite.routing;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The skill names of a collection, looked up without reading them all: for each name (and each
 * name's {@link Invocation#key}) every skill (position in the collection's order) that has it, the
 * first first. Kept on disk beside the patched routing index ({@link PatchedIndex}) and written
 * once per full build: a patch that adds or removes a skill reads the next skill of a name from
 * here ({@link #positionsNamed}) and the added skills' names from its own documents.
 */
final class NameTable implements Closeable {
  private static final String NAME = "name";
  private static final String KEY = "key";
  private static final String FIRST = "first";
  private static final String LONGEST = "skillsite.longest";
  private static final String DISTINCT = "skillsite.distinct";

  private final Directory dir;
  private final DirectoryReader reader;
  private final int longest;
  private final int distinct;

  private NameTable(Directory dir) throws IOException {
    this.dir = dir;
    this.reader = DirectoryReader.open(dir);
    Map<String, String> data = reader.getIndexCommit().getUserData();
    this.longest = Integer.parseInt(data.getOrDefault(LONGEST, "0"));
    this.distinct = Integer.parseInt(data.getOrDefault(DISTINCT, "0"));
  }

  /** Writes the table of {@code names} (each skill's name, in the collection's order). */
  static void write(Path where, List<String> names) throws IOException {
    try (Directory d = FSDirectory.open(where)) {
      write(d, names);
    }
  }

  /**
   * The table of {@code names} held in memory: for a reader of a published patched index ({@link
   * PublishedIndex}), which reads every skill's stored fields when it opens anyway.
   */
  static NameTable inMemory(List<String> names) throws IOException {
    Directory d = new ByteBuffersDirectory();
    try {
      write(d, names);
      return new NameTable(d);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private static void write(Directory d, List<String> names) throws IOException {
    Set<String> distinct = new HashSet<>();
    int longest = 0;
    // one entry a skill and field, in the collection's order: a name's postings list its skills
    // first to last (one writer thread, no merge reordering: documents keep the order added)
    try (IndexWriter w =
        new IndexWriter(
            d,
            new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMergePolicy(new LogByteSizeMergePolicy()))) { // merges neighbours only
      for (int doc = 0; doc < names.size(); doc++) {
        distinct.add(names.get(doc));
        w.addDocument(entry(NAME, names.get(doc), doc));
        List<String> words = Invocation.words(names.get(doc));
        if (Invocation.names(words)) {
          w.addDocument(entry(KEY, Invocation.key(words), doc));
          longest = Math.max(longest, words.size());
        }
      }
      w.setLiveCommitData(
          Map.of(LONGEST, Integer.toString(longest), DISTINCT, Integer.toString(distinct.size()))
              .entrySet());
      w.commit();
    }
  }

  private static Document entry(String field, String value, int first) {
    Document d = new Document();
    d.add(new KeywordField(field, value, Field.Store.NO));
    d.add(new StoredField(FIRST, first));
    return d;
  }

  static NameTable open(Path where) throws IOException {
    Directory d = FSDirectory.open(where);
    try {
      return new NameTable(d);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /** The first skill with this frontmatter name. */
  OptionalInt firstNamed(String name) {
    return first(NAME, name);
  }

  /**
   * The first skill whose name has this {@link Invocation#key}, or null (for {@link Invocation}).
   */
  Integer firstKeyed(String key) {
    OptionalInt f = first(KEY, key);
    return f.isPresent() ? f.getAsInt() : null;
  }

  /** The most words an invocable name has. */
  int longest() {
    return longest;
  }

  /** How many different names the collection holds. */
  int distinct() {
    return distinct;
  }

  /** Every skill with this frontmatter name, first to last. */
  int[] positionsNamed(String name) {
    return positions(NAME, name);
  }

  /** Every skill whose name has this {@link Invocation#key}, first to last. */
  int[] positionsKeyed(String key) {
    return positions(KEY, key);
  }

  private int[] positions(String field, String value) {
    try {
      Terms terms = MultiTerms.getTerms(reader, field);
      if (terms == null) {
        return new int[0];
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(new BytesRef(value))) {
        return new int[0];
      }
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      int[] out = new int[te.docFreq()];
      int n = 0;
      for (int doc = pe.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = pe.nextDoc()) {
        out[n++] = reader.storedFields().document(doc).getField(FIRST).numericValue().intValue();
      }
      out = java.util.Arrays.copyOf(out, n);
      java.util.Arrays.sort(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private OptionalInt first(String field, String value) {
    try {
      Terms terms = MultiTerms.getTerms(reader, field);
      if (terms == null) {
        return OptionalInt.empty();
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(new BytesRef(value))) {
        return OptionalInt.empty();
      }
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      int doc = pe.nextDoc();
      return OptionalInt.of(
          reader.storedFields().document(doc).getField(FIRST).numericValue().intValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
