package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.SlowCodecReaderWrapper;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene routing index: one document per skill (fields in {@link Fields}, analysis in {@link
 * Analysis}), searched with BM25 (k1 = 1.2, b = 0.75) per field.
 */
public final class RoutingIndex implements Closeable {
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final TermReader termReader;
  private final List<IndexedSkill> skills;
  private final Map<SkillId, Integer> docOf;
  private final int distinctNames;
  private final Background background = Background.standard();
  private final Map<Integer, List<Matched.Candidate>> candidates = new ConcurrentHashMap<>();
  private final Confidence confidence;

  /**
   * A published index a patch build changed ({@link PublishedIndex}), read through its {@link
   * PatchedIndex}; empty for an index as a full build writes it.
   */
  private final Optional<PatchedIndex> patched;

  private final Closeable resources;

  /**
   * The walk of each similar query {@link #similarSkills} made, packed ({@link
   * SimilarSkills#pack}), by document, until {@link RoutingPatch#write} takes it: the full build
   * scores each skill's query once (the related stage's), not again for the routing state.
   */
  private final AtomicReferenceArray<byte[]> walks;

  /**
   * The commit data key of a collection's own threshold; absent for the default one (same bytes as
   * before).
   */
  static final String THRESHOLD = "skillsite.threshold";

  private RoutingIndex(Directory directory) throws IOException {
    this.patched = Optional.empty();
    this.resources = () -> {};
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(Bm25.similarity());
    this.analyzer = Analysis.perField();
    this.termReader = new TermReader(analyzer);
    this.skills = readStored(reader);
    Map<SkillId, Integer> ids = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      ids.putIfAbsent(skills.get(i).id(), i);
    }
    this.docOf = Collections.unmodifiableMap(ids);
    this.distinctNames = (int) skills.stream().map(IndexedSkill::name).distinct().count();
    this.confidence = confidenceOf(reader.getIndexCommit().getUserData());
    this.walks = new AtomicReferenceArray<>(skills.size());
  }

  /**
   * A patched published index: the skills and names by ord, every ranking from {@code opened}'s
   * view; Lucene's reader and searcher are not exposed (they would count replaced documents).
   */
  private RoutingIndex(PublishedIndex.Opened opened) throws IOException {
    this.patched = Optional.of(opened.index());
    this.resources = opened.resources();
    this.directory = new ByteBuffersDirectory();
    this.reader = DirectoryReader.open(emptyIndex(directory));
    this.searcher = new IndexSearcher(reader);
    this.analyzer = Analysis.perField();
    this.termReader = opened.index().terms();
    this.skills = opened.skills();
    Map<SkillId, Integer> ids = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      ids.putIfAbsent(skills.get(i).id(), i);
    }
    this.docOf = Collections.unmodifiableMap(ids);
    this.distinctNames = opened.index().distinctNames();
    this.confidence = opened.index().confidence();
    this.walks = new AtomicReferenceArray<>(0);
  }

  private static Directory emptyIndex(Directory d) throws IOException {
    try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      w.commit();
    }
    return d;
  }

  /**
   * Where a {@link Router} over this index reads: the index itself, or the view of a patched one.
   */
  RoutingSource source() {
    return patched.isPresent() ? patched.get() : new LocalSource(this);
  }

  /** Whether this is a published index a patch build changed ({@link PublishedIndex}). */
  public boolean patched() {
    return patched.isPresent();
  }

  /**
   * Lucene's view, for what reads the index itself (export, similar skills, statistics): a fresh
   * index's only.
   */
  private void requireFresh() {
    if (patched.isPresent()) {
      throw new IllegalStateException(
          "a patched routing index is read through route and eval only (build the site again)");
    }
  }

  /** The confidence an index's commit data says it was built with. */
  static Confidence confidenceOf(Map<String, String> commitData) {
    String t = commitData.get(THRESHOLD);
    return t == null ? Confidence.DEFAULT : Confidence.DEFAULT.withThreshold(Double.parseDouble(t));
  }

  /** Documents made ahead of the writer at a time. */
  private static final int BATCH = 256;

  /** Skills per part at least, when the documents are inverted on several cores. */
  private static final int PART = 192;

  /**
   * Parts at most. How many parts a collection is inverted in depends on its size only, never on
   * the machine's cores: the merged index's stored fields and segment info differ with the number
   * of parts, and the same content must give the same bytes on a laptop and in CI. Two: four parts
   * built {@code large} 0.1 s slower on two cores (interleaved A/B, 10 pairs), the merge of more
   * parts costing more than the inversion saves.
   */
  static final int MAX_PARTS = 2;

  /**
   * Indexes the skills in memory, in list order (document i is skill i). The same skills give the
   * same index bytes: content-derived segment ids and diagnostics ({@link ReproducibleIds}, {@link
   * ReproducibleCodec}). A large collection is inverted in parts on all cores (each part a
   * contiguous run of skills, into an index of its own), and the parts are merged, in order, by one
   * writer with those ids.
   */
  public static RoutingIndex build(List<Skill> skills) {
    return build(skills, Confidence.DEFAULT);
  }

  /**
   * As {@link #build(List)}, for a collection that sets its own threshold ({@link #confidence}).
   */
  public static RoutingIndex build(List<Skill> skills, Confidence confidence) {
    return invert(skills, confidence).merge();
  }

  /** With {@code parts} parts ({@code <= 1}: one writer adds every document). */
  static RoutingIndex build(List<Skill> skills, int parts) {
    return invert(skills, parts, Confidence.DEFAULT).merge();
  }

  /**
   * The first half of {@link #build}: a large collection's documents inverted in parts on all
   * cores. The second half, {@link Inverted#merge}, runs on one thread, so a caller can start other
   * work between them. The index will keep {@code confidence}'s threshold.
   */
  public static Inverted invert(List<Skill> skills, Confidence confidence) {
    return invert(skills, confidence, contentSeed(skills));
  }

  /**
   * As {@link #invert(List, Confidence)}, with the skills' {@link #contentSeed} already computed.
   */
  public static Inverted invert(List<Skill> skills, Confidence confidence, byte[] seed) {
    return invert(skills, parts(skills.size()), confidence, seed);
  }

  /**
   * How many parts {@code skills} skills are inverted in (1: no parts, one writer adds every
   * document).
   */
  static int parts(int skills) {
    return Math.max(1, Math.min(MAX_PARTS, skills / PART));
  }

  private static Inverted invert(List<Skill> skills, int parts, Confidence confidence) {
    return invert(skills, parts, confidence, contentSeed(skills));
  }

  private static Inverted invert(
      List<Skill> skills, int parts, Confidence confidence, byte[] seed) {
    return new Inverted(skills, parts <= 1 ? List.of() : partials(skills, parts), confidence, seed);
  }

  /** Skills whose documents are inverted (in parts), not yet one index. */
  public static final class Inverted {
    private final List<Skill> skills;
    private final List<Directory> partial;
    private final Confidence confidence;
    private final byte[] seed;

    private Inverted(
        List<Skill> skills, List<Directory> partial, Confidence confidence, byte[] seed) {
      this.skills = skills;
      this.partial = partial;
      this.confidence = confidence;
      this.seed = seed.clone();
    }

    /**
     * The index: the parts merged in order (or, for a small collection, every document added) by
     * one writer. Once only: the parts are released.
     */
    public RoutingIndex merge() {
      // read back as one buffer per file: every term lookup clones its input, and a clone of a
      // many-buffer
      // input copies the whole buffer list (most of a query's cost, measured)
      Directory dir =
          new ByteBuffersDirectory(
              new SingleInstanceLockFactory(),
              ByteBuffersDataOutput::new,
              ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
      try {
        try {
          ReproducibleIds.run(
              seed,
              () -> {
                try (IndexWriter writer = new IndexWriter(dir, config())) {
                  if (partial.isEmpty()) {
                    addAll(writer, skills);
                  } else {
                    addParts(writer, partial);
                  }
                  writer.forceMerge(1);
                  if (confidence.threshold() != Confidence.DEFAULT.threshold()) {
                    writer.setLiveCommitData(
                        Map.of(THRESHOLD, Double.toString(confidence.threshold())).entrySet());
                  }
                }
                return null;
              });
        } finally {
          IOUtils.close(partial);
        }
        return new RoutingIndex(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Documents made on all cores, a batch at a time, and added by this one thread in list order. */
  private static void addAll(IndexWriter writer, List<Skill> skills) throws IOException {
    for (int from = 0; from < skills.size(); from += BATCH) {
      for (Document d :
          skills.subList(from, Math.min(skills.size(), from + BATCH)).parallelStream()
              .map(SkillDocument::of)
              .toList()) {
        writer.addDocument(d);
      }
    }
  }

  private static void addParts(IndexWriter writer, List<Directory> parts) throws IOException {
    List<DirectoryReader> readers = new ArrayList<>();
    try {
      List<CodecReader> leaves = new ArrayList<>();
      for (Directory d : parts) {
        DirectoryReader r = DirectoryReader.open(d);
        readers.add(r);
        for (LeafReaderContext leaf : r.leaves()) {
          leaves.add(SlowCodecReaderWrapper.wrap(leaf.reader()));
        }
      }
      writer.addIndexes(leaves.toArray(CodecReader[]::new));
    } finally {
      IOUtils.close(readers);
    }
  }

  static IndexWriterConfig config() {
    IndexWriterConfig config = new IndexWriterConfig(Analysis.perField());
    config.setSimilarity(Bm25.similarity());
    config.setCodec(new ReproducibleCodec());
    config.setMergeScheduler(new SerialMergeScheduler());
    config.setRAMBufferSizeMB(256);
    config.setUseCompoundFile(false);
    config.setCommitOnClose(true);
    return config;
  }

  /**
   * The skills split into {@code parts} contiguous runs, each indexed on its own thread into an
   * index of its own (one segment, documents in order). Their ids are Lucene's usual random ones:
   * only the merged index, written with content-derived ids, is kept.
   */
  private static List<Directory> partials(List<Skill> skills, int parts) {
    List<List<Skill>> runs = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      runs.add(skills.subList(skills.size() * i / parts, skills.size() * (i + 1) / parts));
    }
    return runs.parallelStream()
        .map(
            run -> {
              Directory d = new ByteBuffersDirectory();
              try (IndexWriter writer = new IndexWriter(d, config())) {
                for (Skill s : run) {
                  writer.addDocument(SkillDocument.of(s));
                }
                writer.forceMerge(1);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return d;
            })
        .toList();
  }

  /**
   * What the index is made of: each skill's document (every field's name and text, {@link
   * SkillDocument#of}: the body up to its indexed window, its headings, triggers, name, source,
   * description), digested per skill on all cores, then together; an edit past the window that adds
   * no heading leaves it as it was. The index's ids derive from it, and the same seed and code give
   * the same index bytes.
   */
  static byte[] contentSeed(List<Skill> skills) {
    return seedOf(skillDigests(skills));
  }

  /**
   * Each skill's part of {@link #contentSeed}, in order: a digest of everything its document is
   * made of. Two builds whose digests for a skill are equal index the same document for it.
   */
  public static List<String> skillDigests(List<Skill> skills) {
    return skills.parallelStream()
        .map(
            s ->
                HexFormat.of()
                    .formatHex(ReproducibleIds.seedOf(documentParts(SkillDocument.of(s)))))
        .toList();
  }

  /** Every field of a document as "name NUL text", in order: what its digest is made of. */
  private static List<String> documentParts(Document doc) {
    List<String> parts = new ArrayList<>();
    for (IndexableField f : doc.getFields()) {
      String text = f.stringValue();
      parts.add(f.name() + '\u0000' + (text != null ? text : String.valueOf(f.numericValue())));
    }
    return parts;
  }

  /** The {@link #contentSeed} of skills whose {@link #skillDigests} are {@code digests}. */
  public static byte[] seedOf(List<String> digests) {
    return ReproducibleIds.seedOf(digests);
  }

  /**
   * Writes the index files into {@code dir} (created if missing, existing index files replaced).
   */
  public void writeTo(Path dir) throws IOException {
    requireFresh();
    Files.createDirectories(dir);
    try (Directory out = FSDirectory.open(dir)) {
      for (String old : out.listAll()) {
        out.deleteFile(old);
      }
      String[] files = directory.listAll();
      Arrays.sort(files);
      for (String f : files) {
        if (!f.equals("write.lock")) {
          out.copyFrom(directory, f, f, IOContext.DEFAULT);
        }
      }
      out.sync(Arrays.stream(out.listAll()).toList());
    }
  }

  /**
   * The index written by {@link #writeTo} in {@code dir}, read into memory, if it holds exactly
   * {@code skills} (the same ids in the same order); the caller vouches that it was built from them
   * by this code (the build cache's key). Empty when it cannot be read or does not match.
   */
  public static Optional<RoutingIndex> reuse(Path dir, List<Skill> skills) {
    Directory copy =
        new ByteBuffersDirectory(
            new SingleInstanceLockFactory(),
            ByteBuffersDataOutput::new,
            ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || PublishedIndex.isPatched(dir)) {
        // a patched index is not read back: the build writes the full index again
        copy.close();
        return Optional.empty();
      }
      try (Directory fs = FSDirectory.open(dir)) {
        for (String f : fs.listAll()) {
          copy.copyFrom(fs, f, f, IOContext.READONCE);
        }
      }
      RoutingIndex index = new RoutingIndex(copy);
      try {
        for (LeafReaderContext leaf : index.reader.leaves()) {
          leaf.reader().checkIntegrity(); // every file's checksum: a damaged index is built again
        }
        boolean same = index.skills.size() == skills.size();
        for (int i = 0; same && i < skills.size(); i++) {
          same = index.skills.get(i).id().equals(skills.get(i).id());
        }
        if (!same) {
          index.close();
          return Optional.empty();
        }
      } catch (IOException | RuntimeException e) {
        IOUtils.closeWhileHandlingException(index);
        return Optional.empty();
      }
      return Optional.of(index);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(copy);
      return Optional.empty();
    }
  }

  /**
   * Opens an index written by {@link #writeTo}, or one a patch build changed in place ({@link
   * PublishedIndex}): either answers as a fresh index of its skills.
   */
  public static RoutingIndex open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no routing index at " + dir);
    }
    if (PublishedIndex.isPatched(dir)) {
      PublishedIndex.Opened opened = PublishedIndex.open(dir);
      try {
        return new RoutingIndex(opened);
      } catch (IOException | RuntimeException e) {
        IOUtils.closeWhileHandlingException(opened.resources());
        throw e;
      }
    }
    Directory fs = FSDirectory.open(dir);
    try {
      if (!DirectoryReader.indexExists(fs)) {
        throw new IOException(
            "no routing index in " + dir + " (build writes one to OUT/search/lucene)");
      }
      return new RoutingIndex(fs);
    } catch (IOException | RuntimeException e) {
      fs.close();
      throw e;
    }
  }

  /**
   * Related skills by shared vocabulary of their names, descriptions, triggers and headings. Reads
   * the index's postings on each call: to ask about many skills, keep one {@link #similarSkills()}.
   */
  public List<Similar> similar(SkillId id, int n) {
    return similarSkills().similar(id, n);
  }

  /**
   * A finder of similar skills that reads the surface and body postings into memory once: for
   * asking about many skills. It holds them until dropped.
   */
  public SimilarSkills similarSkills() {
    requireFresh();
    return new SimilarSkills(
        this,
        TermStats.read(reader, List.of(Fields.ALL, Fields.BODY)),
        (walk, doc) -> walks.set(doc, SimilarSkills.pack(walk)));
  }

  /**
   * The walk a query of {@link #similarSkills} made for skill {@code doc}, taken (the next call
   * says none); empty when none was made.
   */
  Optional<SimilarSkills.Walk> takeWalk(int doc) {
    byte[] w = doc < walks.length() ? walks.getAndSet(doc, null) : null;
    return w == null ? Optional.empty() : Optional.of(SimilarSkills.unpack(w));
  }

  public int size() {
    return skills.size();
  }

  /**
   * When a skill fires in this collection: the calibrated default, or the threshold its {@code
   * skillsite.yaml} sets ({@code routing.threshold}), kept in the index so that {@code route
   * --index} and the browser search use it too.
   */
  public Confidence confidence() {
    return confidence;
  }

  /** Whether a skill of that frontmatter name is indexed. */
  public boolean hasSkillNamed(String name) {
    return docNamed(name).isPresent();
  }

  /**
   * The first document of the skill with that frontmatter name (copies of a skill share a name).
   */
  OptionalInt docNamed(String name) {
    return IntStream.range(0, skills.size())
        .filter(d -> skills.get(d).name().equals(name))
        .findFirst();
  }

  /** How rare words are among skills in general (for {@link Confidence}). */
  Background background() {
    return background;
  }

  /** How many different skill names the index holds (copies of a skill share a name). */
  int distinctNames() {
    return distinctNames;
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, directory, resources);
  }

  IndexSearcher searcher() {
    requireFresh();
    return searcher;
  }

  TermReader terms() {
    return termReader;
  }

  /** The phrases, keywords, name and headings of a skill, analyzed once and kept. */
  List<Matched.Candidate> candidates(int doc) {
    return candidates.computeIfAbsent(doc, d -> Matched.candidates(termReader, skills.get(d)));
  }

  IndexedSkill skill(int doc) {
    return skills.get(doc);
  }

  Optional<Integer> doc(SkillId id) {
    return Optional.ofNullable(docOf.get(id));
  }

  IndexReader reader() {
    requireFresh();
    return reader;
  }

  /**
   * Skills using {@code term} anywhere (at least: the larger of the surface and body frequencies).
   */
  int docFreq(String term) {
    return Math.max(docFreq(Fields.ALL, term), docFreq(Fields.BODY, term));
  }

  /** Documents containing {@code term} in {@code field}. */
  int docFreq(String field, String term) {
    requireFresh();
    try {
      return reader.docFreq(new Term(field, term));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether document {@code doc} holds {@code term} in {@code field}. */
  boolean contains(String field, String term, int doc) {
    requireFresh();
    try {
      for (var ctx : reader.leaves()) {
        LeafReader leaf = ctx.reader();
        int local = doc - ctx.docBase;
        if (local < 0 || local >= leaf.maxDoc()) {
          continue;
        }
        Terms terms = leaf.terms(field);
        if (terms == null) {
          return false;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(term))) {
          return false;
        }
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        return pe.advance(local) == local;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<IndexedSkill> readStored(IndexReader reader) throws IOException {
    List<IndexedSkill> out = new ArrayList<>(reader.maxDoc());
    StoredFields stored = reader.storedFields();
    for (int i = 0; i < reader.maxDoc(); i++) {
      out.add(IndexedSkill.of(stored.document(i)));
    }
    return out;
  }
}
