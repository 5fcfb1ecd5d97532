package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A routing index updated in place, read as the index a full build of the same skills would make.
 *
 * <p>The index is the full build's one segment (the <em>base</em>: document {@code i} is skill
 * {@code i}) followed by small segments a patch added: a changed skill's document is deleted where
 * it was and added again, with its <em>key</em> in the doc value {@link #ORD}: its position in the
 * base (a skill the full build held), or a number from {@code baseDocs} up (a skill added since,
 * each its own). A removed skill's document is deleted and not added again. Beside it, the
 * <em>tombstones</em>: an index of exactly the deleted documents, as they were indexed. Three
 * things then make every answer the router reads equal to a fresh index's:
 *
 * <ul>
 *   <li>statistics: Lucene's term and field statistics still count deleted documents until a merge;
 *       here each is the index's minus the tombstones' (documents with a field, sum of lengths,
 *       document frequency), which is what a fresh index of the live documents counts. A document's
 *       own frequencies and length norm are the same in any index, so each BM25 score is computed
 *       from the same numbers;
 *   <li>order: a document is named by its <em>ord</em>, its position among the live skills in the
 *       collection's order (id order), and equal scores rank the lower ord first (Lucene ranks the
 *       lower document first, and in a fresh index document = ord). Without adds and removals the
 *       ord is the key; with them each view renumbers ({@link #ordOfBase}): a base skill's ord is
 *       its position less the removed positions before it plus the added skills sorting before it
 *       by id;
 *   <li>names: the skills of a name come from the {@link NameTable} (a patch never renames), less
 *       the removed, plus the added skills' own names.
 * </ul>
 *
 * Clauses of a query whose term only deleted documents hold are left out: in a fresh index the term
 * does not exist and its clause scores nothing. {@code PatchedIndexTest} checks the whole against a
 * fresh index on every trigger and eval request.
 */
final class PatchedIndex implements RoutingSource {
  /** The numeric doc value holding a patched document's key (the base segment has none). */
  static final String ORD = "skillsite_ord";

  private final DirectoryReader reader;
  private final IndexReader tomb;
  private final NameTable names;
  private final Confidence confidence;
  private final IndexSearcher searcher;
  private final TermReader termReader = new TermReader(Analysis.perField());
  private final Background background = Background.standard();
  private final Invocation invocation;
  private final int baseDocs;

  /** The live patched document of each replaced base position (key below {@code baseDocs}). */
  private final Map<Integer, Integer> docOfKey = new HashMap<>();

  /** The key of each live document past the base segment. */
  private final Map<Integer, Integer> keyOfDoc = new HashMap<>();

  /** The ord of each live document past the base segment. */
  private final Map<Integer, Integer> ordOfDoc = new HashMap<>();

  /** Base positions whose skill was removed (deleted, no live copy), ascending. */
  private final int[] removed;

  /**
   * The added skills (keys from {@code baseDocs} up) in id order: each one's live document, how
   * many base skills sort before it by id ({@code addedAt}, ascending), its ord, its name.
   */
  private final int[] addedDoc;

  private final int[] addedAt;
  private final int[] addedOrd;
  private final String[] addedName;

  /** The ord of each added skill, by its key. */
  private final Map<Integer, Integer> addedOrdOfKey = new HashMap<>();

  /** Whether a skill was added or removed since the full build: ords are not keys. */
  private final boolean renumbered;

  private final int distinct;
  private final Map<Integer, IndexedSkill> stored = new ConcurrentHashMap<>();
  private final Map<Integer, List<Matched.Candidate>> candidates = new ConcurrentHashMap<>();
  private final Map<String, Integer> dfs = new ConcurrentHashMap<>();
  private final Map<String, Integer> baseDfs = new ConcurrentHashMap<>();
  private final Map<String, TermStates> termStates = new ConcurrentHashMap<>();
  private final Map<String, long[]> tombStats = new ConcurrentHashMap<>();
  private final Map<String, Map<BytesRef, long[]>> tombTerms = new ConcurrentHashMap<>();
  private static final Map<BytesRef, long[]> TOO_MANY = Map.of();
  private static final long[] NOT_HELD = {0, 0};

  /**
   * Each term's per-segment states built once a view ({@link #termQuery}); off only for the
   * figures' paired "before" (-Dskillsite.termstates=false).
   */
  static final boolean TERM_STATES = !"false".equals(System.getProperty("skillsite.termstates"));

  /**
   * The tombstones' term statistics read from one pass over a field's terms, and each field's
   * collection statistics once a view ({@link #tombStats}, {@link LiveSearcher}); off only for the
   * figures' paired "before" (-Dskillsite.tombterms=false: two tombstone seeks per term and view,
   * the collection statistics read again for every term query a ranking weighs).
   */
  static final boolean TOMB_TERMS = !"false".equals(System.getProperty("skillsite.tombterms"));

  /**
   * Many terms' document frequencies read at once in sorted order, one terms enum per segment
   * ({@link #docFreqs}); off only for the figures' paired "before" (-Dskillsite.dfbatch=false: a
   * new enum and a seek per segment for every term).
   */
  static final boolean DF_BATCH = !"false".equals(System.getProperty("skillsite.dfbatch"));

  /**
   * The most terms a field of the tombstones may hold to be read whole ({@link #tombStats}); past
   * it each term is sought. The tombstones are the documents replaced since the full build (at most
   * {@code MAX_PATCHES} patches'): a few thousand terms a field.
   */
  static final long TOMB_TERMS_MAX = 1 << 18;

  /**
   * The hits' terms read a leaf at a time ({@link HitSeeks}); off only for the figures' paired
   * "before" (-Dskillsite.hitseeks=false: one seek per field, term and hit).
   */
  static final boolean HIT_SEEKS = !"false".equals(System.getProperty("skillsite.hitseeks"));

  /**
   * The view this one reads unchanged frequencies from ({@link #sharing}): null for none. With it,
   * {@link #moved}: the (field \0 term) keys whose live document frequency may differ from it.
   */
  private PatchedIndex earlier;

  private java.util.Set<String> moved = java.util.Set.of();

  /**
   * Over {@code reader} (base segment first, then patched ones), whose deleted documents are {@code
   * tomb}'s; the caller keeps the readers and table open while this is used.
   */
  PatchedIndex(DirectoryReader reader, IndexReader tomb, NameTable names, Confidence confidence)
      throws IOException {
    this.reader = reader;
    this.tomb = tomb;
    this.names = names;
    this.confidence = confidence;
    List<LeafReaderContext> leaves = reader.leaves();
    if (leaves.isEmpty() || leaves.get(0).reader().getFieldInfos().fieldInfo(ORD) != null) {
      throw new IOException("the patched index does not start with its base segment");
    }
    LeafReader base = leaves.get(0).reader();
    this.baseDocs = base.maxDoc();
    List<Integer> added = new java.util.ArrayList<>();
    for (LeafReaderContext ctx : leaves.subList(1, leaves.size())) {
      LeafReader leaf = ctx.reader();
      NumericDocValues keys = leaf.getNumericDocValues(ORD);
      if (keys == null) {
        if (leaf.numDocs() == 0) {
          continue;
        }
        throw new IOException("a patched segment without keys");
      }
      Bits live = leaf.getLiveDocs();
      for (int d = keys.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = keys.nextDoc()) {
        if (live == null || live.get(d)) {
          int key = (int) keys.longValue();
          keyOfDoc.put(ctx.docBase + d, key);
          if (key < baseDocs) {
            docOfKey.put(key, ctx.docBase + d);
          } else {
            added.add(ctx.docBase + d);
          }
        }
      }
    }
    // removed: a base document deleted with no live copy; one pass over the base's live bits
    Bits baseLive = base.getLiveDocs();
    int[] gone = new int[0];
    int n = 0;
    for (int b = 0; baseLive != null && b < baseDocs; b++) {
      if (!baseLive.get(b) && !docOfKey.containsKey(b)) {
        if (n == gone.length) {
          gone = Arrays.copyOf(gone, Math.max(4, 2 * n));
        }
        gone[n++] = b;
      }
    }
    this.removed = Arrays.copyOf(gone, n);
    // added: in id order, each placed after the base skills whose ids sort before its id
    var stored = reader.storedFields();
    String[][] idName = new String[added.size()][];
    for (int i = 0; i < idName.length; i++) {
      var d = stored.document(added.get(i), java.util.Set.of(Fields.ID, Fields.DISPLAY_NAME));
      idName[i] = new String[] {d.get(Fields.ID), d.get(Fields.DISPLAY_NAME), "" + added.get(i)};
    }
    Arrays.sort(idName, Comparator.comparing((String[] a) -> a[0]));
    var baseStored = base.storedFields();
    this.addedDoc = new int[idName.length];
    this.addedAt = new int[idName.length];
    this.addedOrd = new int[idName.length];
    this.addedName = new String[idName.length];
    for (int j = 0; j < idName.length; j++) {
      int lo = 0;
      int hi = baseDocs;
      while (lo < hi) { // the base is in id order; deleted documents keep their stored id
        int mid = (lo + hi) >>> 1;
        String id = baseStored.document(mid, java.util.Set.of(Fields.ID)).get(Fields.ID);
        if (id.compareTo(idName[j][0]) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      addedDoc[j] = Integer.parseInt(idName[j][2]);
      addedAt[j] = lo;
      addedOrd[j] = lo - below(removed, lo) + j;
      addedName[j] = idName[j][1];
    }
    this.renumbered = removed.length > 0 || addedDoc.length > 0;
    keyOfDoc.forEach(
        (doc, key) -> {
          if (key < baseDocs) {
            ordOfDoc.put(doc, ordOfBase(key));
          }
        });
    for (int j = 0; j < addedDoc.length; j++) {
      ordOfDoc.put(addedDoc[j], addedOrd[j]);
      addedOrdOfKey.put(keyOfDoc.get(addedDoc[j]), addedOrd[j]);
    }
    this.searcher = new LiveSearcher(reader);
    int longest = names.longest();
    for (String name : addedName) {
      List<String> w = Invocation.words(name);
      if (Invocation.names(w)) {
        longest = Math.max(longest, w.size()); // a removal keeps it: a longer bound finds the same
      }
    }
    this.invocation = new Invocation(renumbered ? this::firstKeyed : names::firstKeyed, longest);
    this.distinct = renumbered ? countDistinct(baseStored) : names.distinct();
  }

  /** How many of the sorted {@code values} are below {@code x}. */
  private static int below(int[] values, int x) {
    int i = Arrays.binarySearch(values, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && values[i - 1] == x) {
      i--;
    }
    return i;
  }

  /** How many of the sorted {@code values} are at most {@code x}. */
  private static int atMost(int[] values, int x) {
    int i = Arrays.binarySearch(values, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < values.length && values[i + 1] == x) {
      i++;
    }
    return i + 1;
  }

  /**
   * The ord of the live skill at base position {@code b} (its own document or a patched copy): the
   * live base skills before it plus the added skills sorting before it by id.
   */
  private int ordOfBase(int b) {
    return renumbered ? b - below(removed, b) + atMost(addedAt, b) : b;
  }

  private boolean isRemoved(int b) {
    return Arrays.binarySearch(removed, b) >= 0;
  }

  /** The first live skill among base {@code positions} (ascending) and the added ones matching. */
  private OptionalInt first(int[] positions, java.util.function.IntPredicate addedMatches) {
    int best = Integer.MAX_VALUE;
    for (int b : positions) {
      if (!isRemoved(b)) {
        best = ordOfBase(b); // ords keep the base's order
        break;
      }
    }
    for (int j = 0; j < addedOrd.length && addedOrd[j] < best; j++) {
      if (addedMatches.test(j)) {
        best = addedOrd[j];
      }
    }
    return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** The first live skill whose name has this {@link Invocation#key}, or null. */
  private Integer firstKeyed(String key) {
    OptionalInt f =
        first(
            names.positionsKeyed(key),
            j -> {
              List<String> w = Invocation.words(addedName[j]);
              return Invocation.names(w) && Invocation.key(w).equals(key);
            });
    return f.isPresent() ? f.getAsInt() : null;
  }

  /** The full build's distinct names, less those only removed skills had, plus new added ones. */
  private int countDistinct(org.apache.lucene.index.StoredFields baseStored) throws IOException {
    java.util.Set<String> touched = new java.util.HashSet<>(Arrays.asList(addedName));
    for (int b : removed) {
      touched.add(
          baseStored.document(b, java.util.Set.of(Fields.DISPLAY_NAME)).get(Fields.DISPLAY_NAME));
    }
    int d = names.distinct();
    for (String name : touched) {
      d += (docNamed(name).isPresent() ? 1 : 0) - (names.positionsNamed(name).length > 0 ? 1 : 0);
    }
    return d;
  }

  /** The confidence (threshold) the index was built with. */
  Confidence confidence() {
    return confidence;
  }

  /** The Lucene document of the skill at {@code ord}. */
  int docOf(int ord) {
    if (!renumbered) {
      return docOfKey.getOrDefault(ord, ord);
    }
    int j = Arrays.binarySearch(addedOrd, ord);
    if (j >= 0) {
      return addedDoc[j];
    }
    // the first base position whose ord reaches it (ordOfBase never falls as b grows), past the
    // removed ones (a removed position shares the ord of the next live one)
    int lo = 0;
    int hi = baseDocs;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ordOfBase(mid) < ord) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    while (lo < baseDocs && isRemoved(lo)) {
      lo++;
    }
    if (lo >= baseDocs || ordOfBase(lo) != ord) {
      throw new IllegalArgumentException("no live skill at ord " + ord);
    }
    return docOfKey.getOrDefault(lo, lo);
  }

  /**
   * The key of the skill at {@code ord}: its base position, or for an added skill the number its
   * patched document holds in {@link #ORD}. Keys never move; a patch writes a replaced skill's
   * document with its key.
   */
  int keyOf(int ord) {
    int doc = docOf(ord);
    return doc < baseDocs ? doc : keyOfDoc.get(doc);
  }

  /**
   * The ord of the skill with key {@code key} ({@link #keyOf}'s inverse) in this view; empty when
   * no live skill has it (removed, or added after this view).
   */
  OptionalInt ordOfKey(int key) {
    if (key < 0) {
      return OptionalInt.empty();
    }
    if (key < baseDocs) {
      return isRemoved(key) ? OptionalInt.empty() : OptionalInt.of(ordOfBase(key));
    }
    Integer ord = addedOrdOfKey.get(key);
    return ord == null ? OptionalInt.empty() : OptionalInt.of(ord);
  }

  /** Documents in the full build's base segment: the first key an added skill may not take. */
  int baseDocs() {
    return baseDocs;
  }

  /** The keys of the live documents patches wrote (replaced or added: not in the base segment). */
  java.util.Set<Integer> patchedKeys() {
    return java.util.Set.copyOf(keyOfDoc.values());
  }

  /** The ord of a live Lucene document. */
  int ordOf(int doc) {
    return doc < baseDocs ? ordOfBase(doc) : ordOfDoc.get(doc);
  }

  /** The ord of the live document with that skill id. */
  OptionalInt ordOf(String id) {
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        Terms terms = ctx.reader().terms(Fields.ID);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(id))) {
          continue;
        }
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        Bits live = ctx.reader().getLiveDocs();
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            return OptionalInt.of(ordOf(ctx.docBase + d));
          }
        }
      }
      return OptionalInt.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields' statistics as BM25 reads them (live documents only); absent fields left out. */
  Map<String, CollectionStatistics> statistics(Collection<String> fields) {
    Map<String, CollectionStatistics> out = new HashMap<>();
    try {
      for (String f : fields) {
        CollectionStatistics s = searcher.collectionStatistics(f);
        if (s != null) {
          out.put(f, s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The live postings of {@code term} in {@code field}, by ord ({@link IndexContents#postings}'s
   * order): what a fresh index of the same skills holds.
   */
  List<IndexContents.Posting> postings(String field, String term) {
    List<IndexContents.Posting> out = new java.util.ArrayList<>();
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        Terms terms = ctx.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(term))) {
          continue;
        }
        Bits live = ctx.reader().getLiveDocs();
        PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            out.add(new IndexContents.Posting(ordOf(ctx.docBase + d), pe.freq()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingInt(IndexContents.Posting::doc));
    return out;
  }

  /**
   * The frequency of {@code term} in {@code field} in the live document of each of {@code ords} (0:
   * not held), as {@link #postings} gives it for those documents: one seek and one advance a
   * document, whatever the term's document frequency.
   */
  int[] freqsAt(String field, String term, int[] ords) {
    int[] out = new int[ords.length];
    List<LeafReaderContext> leaves = reader.leaves();
    BytesRef bytes = new BytesRef(term);
    try {
      for (int i = 0; i < ords.length; i++) {
        int doc = docOf(ords[i]);
        LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Terms terms = ctx.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(bytes)) {
          continue;
        }
        int local = doc - ctx.docBase;
        PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
        if (pe.advance(local) == local) {
          out[i] = pe.freq();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** One term's live postings by ord (ascending), with each document's length norm byte. */
  record Scored(int[] ords, int[] freqs, byte[] norms) {}

  /**
   * The live postings of {@code term} in {@code field} by ord with their length norms, for scoring
   * them (a similar-skills query): one pass over the term's postings in each segment.
   */
  Scored scored(String field, String term) {
    int n = 0;
    int[] ords = new int[16];
    int[] freqs = new int[16];
    byte[] norms = new byte[16];
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        Terms terms = ctx.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(term))) {
          continue;
        }
        Bits live = ctx.reader().getLiveDocs();
        NumericDocValues nv = ctx.reader().getNormValues(field);
        PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            if (n == ords.length) {
              ords = Arrays.copyOf(ords, 2 * n);
              freqs = Arrays.copyOf(freqs, 2 * n);
              norms = Arrays.copyOf(norms, 2 * n);
            }
            ords[n] = ordOf(ctx.docBase + d);
            freqs[n] = pe.freq();
            norms[n++] = nv != null && nv.advanceExact(d) ? (byte) nv.longValue() : 0;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the base segment's documents come in ord order; a patched one's anywhere among them
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] o = ords;
    Arrays.sort(order, Comparator.comparingInt(i -> o[i]));
    Scored out = new Scored(new int[n], new int[n], new byte[n]);
    for (int i = 0; i < n; i++) {
      out.ords()[i] = ords[order[i]];
      out.freqs()[i] = freqs[order[i]];
      out.norms()[i] = norms[order[i]];
    }
    return out;
  }

  /**
   * Which of the skills at {@code ords} hold {@code term} in {@code field}: one seek per segment
   * holding any of them, then the term's postings advanced through them in order.
   */
  boolean[] contains(String field, String term, int[] ords) {
    boolean[] out = new boolean[ords.length];
    Integer[] byDoc = new Integer[ords.length];
    int[] docs = new int[ords.length];
    for (int i = 0; i < ords.length; i++) {
      byDoc[i] = i;
      docs[i] = docOf(ords[i]);
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> docs[i]));
    List<LeafReaderContext> leaves = reader.leaves();
    try {
      int i = 0;
      while (i < byDoc.length) {
        LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(docs[byDoc[i]], leaves));
        int end = ctx.docBase + ctx.reader().maxDoc();
        int j = i;
        while (j < byDoc.length && docs[byDoc[j]] < end) {
          j++;
        }
        Terms terms = ctx.reader().terms(field);
        TermsEnum te = terms == null ? null : terms.iterator();
        if (te != null && te.seekExact(new BytesRef(term))) {
          PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
          int at = -1;
          for (int k = i; k < j; k++) {
            int local = docs[byDoc[k]] - ctx.docBase;
            if (at < local) {
              at = pe.advance(local);
            }
            out[byDoc[k]] = at == local;
          }
        }
        i = j;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** How often the skill at {@code ord} holds {@code term} in {@code field} (0 if not). */
  int freq(String field, String term, int ord) {
    int doc = docOf(ord);
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
    try {
      Terms terms = ctx.reader().terms(field);
      if (terms == null) {
        return 0;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(new BytesRef(term))) {
        return 0;
      }
      int local = doc - ctx.docBase;
      PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
      return pe.advance(local) == local ? pe.freq() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The length norm byte of the skill at {@code ord} in {@code field} (0 without one). */
  byte norm(String field, int ord) {
    int doc = docOf(ord);
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
    try {
      NumericDocValues nv = ctx.reader().getNormValues(field);
      return nv != null && nv.advanceExact(doc - ctx.docBase) ? (byte) nv.longValue() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Documents holding {@code term} in {@code field} when the full build wrote the base segment (its
   * deleted documents still count there: the segment is never merged).
   */
  int baseDocFreq(String field, String term) {
    if (earlier != null) {
      return earlier.baseDocFreq(field, term); // the same base segment: one seek a patch
    }
    return baseDfs.computeIfAbsent(
        field + '\u0000' + term,
        k -> {
          try {
            return reader.leaves().get(0).reader().docFreq(new Term(field, term));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * Whether {@code term}'s live document frequency in {@code field} is the base segment's ({@link
   * #docFreq} == {@link #baseDocFreq}): the patched segments' frequencies less the tombstones' sum
   * to 0. Seeks only the small segments a patch wrote, not the base one.
   */
  boolean asBuilt(String field, String term) {
    try {
      Term t = new Term(field, term);
      List<LeafReaderContext> leaves = reader.leaves();
      long d = -tombStats(t)[0];
      for (int i = 1; i < leaves.size(); i++) {
        d += leaves.get(i).reader().docFreq(t);
      }
      return d == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every term whose frequency is not the full build's in some field of {@code fields}: {@link
   * #asBuilt} is false for (field, term) exactly when the term is here. Read by walking the patched
   * segments' and the tombstones' terms (small: the documents patches replaced), no seek.
   */
  java.util.Set<String> notAsBuilt(java.util.Collection<String> fields) throws IOException {
    java.util.Set<String> out = new java.util.HashSet<>();
    List<LeafReaderContext> leaves = reader.leaves();
    for (String field : fields) {
      Map<org.apache.lucene.util.BytesRef, Long> net = new HashMap<>();
      for (int i = 1; i < leaves.size(); i++) {
        addAll(leaves.get(i).reader().terms(field), 1, net);
      }
      addAll(MultiTerms.getTerms(tomb, field), -1, net);
      net.forEach(
          (t, d) -> {
            if (d != 0) {
              out.add(t.utf8ToString());
            }
          });
    }
    return out;
  }

  private static void addAll(Terms terms, int sign, Map<org.apache.lucene.util.BytesRef, Long> net)
      throws IOException {
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    for (org.apache.lucene.util.BytesRef t = te.next(); t != null; t = te.next()) {
      net.merge(
          org.apache.lucene.util.BytesRef.deepCopyOf(t), (long) sign * te.docFreq(), Long::sum);
    }
  }

  /** Live documents holding {@code term} in {@code field}. */
  int docFreq(String field, String term) {
    // a view never changes: each (field, term) is looked up once (a terms-dictionary seek in
    // every segment and the tombstones; the route step asks the same terms for many phrases)
    String key = field + '\u0000' + term;
    if (earlier != null && !moved.contains(key)) {
      return earlier.docFreq(field, term); // no document changed its holding of the term
    }
    return dfs.computeIfAbsent(
        key,
        k -> {
          try {
            // the base segment's count (shared with the view before the patch) plus the
            // patched segments', less the tombstones': reader.docFreq − tomb.docFreq
            Term t = new Term(field, term);
            List<LeafReaderContext> leaves = reader.leaves();
            long d = (long) baseDocFreq(field, term) - tombStats(t)[0];
            for (int i = 1; i < leaves.size(); i++) {
              d += leaves.get(i).reader().docFreq(t);
            }
            return Math.toIntExact(d);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * Reads the live document frequency of each of {@code terms} in {@code field} at once into this
   * view's cache, so that {@link #docFreq} answers them without a seek: the terms in sorted order,
   * one terms enum a segment reused for all of them (a blocktree enum keeps the frames of the term
   * before, so sorted seeks share their prefixes' blocks; a new enum per term was most of a
   * similar-list check). The same counts as {@link #docFreq}'s: the base segment's plus the patched
   * segments' less the tombstones'. A view sharing an earlier one's frequencies ({@link #sharing})
   * passes the terms it shares to it and counts the moved ones as {@link #docFreq} does. Does
   * nothing with -Dskillsite.dfbatch=false.
   */
  void docFreqs(String field, Collection<String> terms) {
    if (!DF_BATCH || terms.isEmpty()) {
      return;
    }
    if (earlier != null) {
      List<String> shared = new java.util.ArrayList<>();
      for (String t : terms) {
        if (moved.contains(field + '\u0000' + t)) {
          docFreq(field, t);
        } else {
          shared.add(t);
        }
      }
      earlier.docFreqs(field, shared);
      return;
    }
    List<BytesRef> todo = new java.util.ArrayList<>();
    for (String t : terms) {
      if (!dfs.containsKey(field + '\u0000' + t)) {
        todo.add(new BytesRef(t));
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    todo.sort(Comparator.naturalOrder()); // the terms dictionary's order (UTF-8 bytes)
    long[] live = new long[todo.size()];
    int[] base = new int[todo.size()];
    try {
      List<LeafReaderContext> leaves = reader.leaves();
      for (int li = 0; li < leaves.size(); li++) {
        Terms ts = leaves.get(li).reader().terms(field);
        if (ts == null) {
          continue;
        }
        TermsEnum te = ts.iterator();
        for (int i = 0; i < todo.size(); i++) {
          if (te.seekExact(todo.get(i))) {
            int df = te.docFreq();
            live[i] += df;
            if (li == 0) {
              base[i] = df;
            }
          }
        }
      }
      for (int i = 0; i < todo.size(); i++) {
        BytesRef b = todo.get(i);
        String t = b.utf8ToString();
        live[i] -= tombStats(new Term(field, b))[0];
        baseDfs.putIfAbsent(field + '\u0000' + t, base[i]);
        dfs.putIfAbsent(field + '\u0000' + t, Math.toIntExact(live[i]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new view of the same readers, nothing read yet (no frequency, statistic or term state kept):
   * for tests that compare what a view reads first with what a fresh index holds.
   */
  PatchedIndex unread() throws IOException {
    return new PatchedIndex(reader, tomb, names, confidence);
  }

  /**
   * The live statistics a ranking's weight reads for {@code term} in {@code field} (its {@link
   * TermStates} counts less the tombstones', as {@link LiveSearcher#termStatistics}), or null when
   * no live document holds it.
   */
  TermStatistics termStatistics(String field, String term) {
    try {
      Term t = new Term(field, term);
      TermStates s = TermStates.build(searcher, t, true);
      if (s.docFreq() == 0 || s.docFreq() == tombStats(t)[0]) {
        return null;
      }
      return searcher.termStatistics(t, s.docFreq(), s.totalTermFreq());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tombstones' document frequency and total frequency of {@code term}: what Lucene's
   * statistics count of deleted documents. With -Dskillsite.tombterms (the default) read from one
   * pass over the field's terms in the tombstones, kept for this view (a term they do not hold: 0,
   * 0), unless the field holds more than {@link #TOMB_TERMS_MAX} terms; otherwise a seek per term,
   * kept.
   */
  long[] tombStats(Term term) {
    if (TOMB_TERMS) {
      Map<BytesRef, long[]> all = tombTerms.computeIfAbsent(term.field(), this::readTomb);
      if (all != TOO_MANY) {
        return all.getOrDefault(term.bytes(), NOT_HELD);
      }
    }
    return tombStats.computeIfAbsent(
        term.field() + '\u0000' + term.text(),
        k -> {
          try {
            return new long[] {tomb.docFreq(term), tomb.totalTermFreq(term)};
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Every term of {@code field} in the tombstones with its {df, ttf}, or TOO_MANY. */
  private Map<BytesRef, long[]> readTomb(String field) {
    try {
      long size = 0;
      for (LeafReaderContext ctx : tomb.leaves()) {
        Terms ts = ctx.reader().terms(field);
        if (ts != null) {
          long n = ts.size();
          if (n < 0) {
            return TOO_MANY;
          }
          size += n;
        }
      }
      if (size > TOMB_TERMS_MAX) {
        return TOO_MANY;
      }
      Map<BytesRef, long[]> out = new HashMap<>();
      for (LeafReaderContext ctx : tomb.leaves()) {
        Terms ts = ctx.reader().terms(field);
        if (ts == null) {
          continue;
        }
        TermsEnum te = ts.iterator();
        for (BytesRef b = te.next(); b != null; b = te.next()) {
          long[] s = out.computeIfAbsent(BytesRef.deepCopyOf(b), k -> new long[2]);
          s[0] += te.docFreq();
          s[1] += te.totalTermFreq();
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the document frequencies this view shares with {@code before}, a view of the same state
   * before one patch, from it (a lookup per term a patch, not one per view): the base segment's
   * always (the full build's one segment, never merged: the same in both), and the live one of
   * every (field \0 term) not in {@code heldDifferently} — the keys some changed document holds
   * with another frequency or length, the only ones whose live frequency can differ (a document
   * counts in a term's frequency when it holds it; only the changed documents were replaced).
   *
   * @throws IOException when the two views do not start with the same base segment
   */
  void sharing(PatchedIndex before, java.util.Set<String> heldDifferently) throws IOException {
    LeafReader a = reader.leaves().get(0).reader();
    LeafReader b = before.reader.leaves().get(0).reader();
    if (!(a instanceof org.apache.lucene.index.SegmentReader sa)
        || !(b instanceof org.apache.lucene.index.SegmentReader sb)
        || !sa.getSegmentName().equals(sb.getSegmentName())
        || a.maxDoc() != b.maxDoc()) {
      throw new IOException("the two views do not share their base segment");
    }
    this.earlier = before;
    this.moved = heldDifferently;
  }

  @Override
  public TermReader terms() {
    return termReader;
  }

  @Override
  public int size() {
    return reader.numDocs();
  }

  @Override
  public int distinctNames() {
    return distinct;
  }

  @Override
  public Background background() {
    return background;
  }

  @Override
  public IndexedSkill skill(int ord) {
    return stored.computeIfAbsent(
        ord,
        o -> {
          try {
            return IndexedSkill.of(reader.storedFields().document(docOf(o)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public List<Matched.Candidate> candidates(int ord) {
    return candidates.computeIfAbsent(ord, o -> Matched.candidates(termReader, skill(o)));
  }

  @Override
  public Ranked rank(String query, QueryTerms qt, List<Fields.Weighted> fields, int k) {
    OrdCollector top = new OrdCollector(k);
    try {
      searcher.search(query(qt, fields), top);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ranked(query, top.hits());
  }

  /** {@code sd} (the top hits by score) as {@link #rank} answers them: invocation, hit terms. */
  private Ranked ranked(String query, ScoreDoc[] sd) {
    OptionalInt invoked = invocation.find(query);
    if (invoked.isPresent()) {
      sd = RoutingSource.invokedFirst(sd, invoked.getAsInt());
    }
    int[] ords = Arrays.stream(sd).mapToInt(h -> h.doc).toArray();
    return new Ranked(sd, invoked.isPresent(), hitTerms(ords, List.of(), List.of()));
  }

  /** The skill {@code query} calls by name (put first whatever its score), if it calls one. */
  OptionalInt invoked(String query) {
    return invocation.find(query);
  }

  /** The ords of the live documents patches wrote (replaced or added: not in the base segment). */
  java.util.Set<Integer> patchedOrds() {
    return java.util.Set.copyOf(ordOfDoc.values());
  }

  /**
   * The best {@code k} of the skills at {@code ords} alone for the query, scores as {@link #rank}
   * gives them (equal scores the lower ord first): each candidate scored alone, by advancing the
   * query's scorer to it in its segment (O(candidates · clauses · log df), no postings walked). The
   * same score as a search: Lucene scores a document as the sum, in a double, of its clauses' float
   * scores, each the same {@code BM25Scorer} computation whichever scorer reads it; only the order
   * of that sum differs between scorers, and a sum of a few floats whose exponents are within 2^25
   * of each other (clause scores here lie between ~1e-3 and ~1e2) is exact in a double in any
   * order, so the float it is cast to is the same.
   */
  ScoreDoc[] topAmong(
      QueryTerms qt, List<Fields.Weighted> fields, int k, Collection<Integer> ords) {
    int[] docs = ords.stream().mapToInt(this::docOf).sorted().distinct().toArray();
    List<ScoreDoc> hits = new java.util.ArrayList<>();
    try {
      Query q = searcher.rewrite(query(qt, fields));
      org.apache.lucene.search.Weight w = searcher.createWeight(q, ScoreMode.COMPLETE, 1f);
      List<LeafReaderContext> leaves = reader.leaves();
      org.apache.lucene.search.Scorer[] scorers =
          new org.apache.lucene.search.Scorer[leaves.size()];
      boolean[] made = new boolean[leaves.size()];
      for (int doc : docs) {
        int li = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext ctx = leaves.get(li);
        if (!made[li]) {
          scorers[li] = w.scorer(ctx);
          made[li] = true;
        }
        org.apache.lucene.search.Scorer s = scorers[li];
        if (s == null) {
          continue;
        }
        int local = doc - ctx.docBase;
        var it = s.iterator();
        int at = it.docID() < local ? it.advance(local) : it.docID();
        if (at == local) {
          hits.add(new ScoreDoc(ordOf(doc), s.score()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hits.sort(OrdCollector.WORST_FIRST.reversed());
    return hits.subList(0, Math.min(k, hits.size())).toArray(ScoreDoc[]::new);
  }

  /**
   * This index, ranking among a set of skills only ({@link Among#set}): every other answer is this
   * index's. What {@link RoutingPatch} asks when a ranking's recorded top and the replaced
   * documents provably hold the whole top.
   */
  Among among() {
    return new Among();
  }

  /** See {@link #among}. */
  final class Among implements RoutingSource {
    private Collection<Integer> ords = List.of();
    private ScoreDoc[] last = new ScoreDoc[0];

    /** Ranks among {@code ords} from now on. */
    void set(Collection<Integer> ords) {
      this.ords = ords;
      this.last = new ScoreDoc[0];
    }

    /** The hits by score the last {@link #rank} found (before the invoked skill was put first). */
    ScoreDoc[] last() {
      return last;
    }

    @Override
    public TermReader terms() {
      return PatchedIndex.this.terms();
    }

    @Override
    public int size() {
      return PatchedIndex.this.size();
    }

    @Override
    public int distinctNames() {
      return PatchedIndex.this.distinctNames();
    }

    @Override
    public Background background() {
      return PatchedIndex.this.background();
    }

    @Override
    public IndexedSkill skill(int doc) {
      return PatchedIndex.this.skill(doc);
    }

    @Override
    public List<Matched.Candidate> candidates(int doc) {
      return PatchedIndex.this.candidates(doc);
    }

    @Override
    public Ranked rank(String query, QueryTerms qt, List<Fields.Weighted> fields, int k) {
      last = topAmong(qt, fields, k, ords);
      return ranked(query, last);
    }

    @Override
    public OptionalInt docNamed(String name) {
      return PatchedIndex.this.docNamed(name);
    }

    @Override
    public HitTerms hitTerms(int[] docs, Collection<String> terms, Collection<String> fields) {
      return PatchedIndex.this.hitTerms(docs, terms, fields);
    }

    @Override
    public Map<String, Double> contributions(QueryTerms qt, List<Fields.Weighted> fields, int doc) {
      return PatchedIndex.this.contributions(qt, fields, doc);
    }
  }

  @Override
  public OptionalInt docNamed(String name) {
    if (!renumbered) {
      return names.firstNamed(name);
    }
    return first(names.positionsNamed(name), j -> addedName[j].equals(name));
  }

  @Override
  public HitTerms hitTerms(int[] ords, Collection<String> terms, Collection<String> fields) {
    if (HIT_SEEKS) {
      HitSeeks seeks = new HitSeeks(ords);
      return HitTerms.reading(
          ords,
          key ->
              new HitTerms.Entry(
                  docFreq(key.field(), key.term()), seeks.holding(key.field(), key.term())),
          this::contains);
    }
    return HitTerms.reading(
        ords,
        key -> {
          boolean[] in = new boolean[ords.length];
          for (int i = 0; i < ords.length; i++) {
            in[i] = contains(key.field(), key.term(), ords[i]);
          }
          return new HitTerms.Entry(docFreq(key.field(), key.term()), in);
        },
        this::contains);
  }

  /**
   * Which of one query's hits hold a term, as {@link #contains} answers for each, read as a fresh
   * index's {@link HitTerms} reads them: the hits in document order, one seek per leaf holding any
   * of them (not one per hit), one postings advance per hit; each leaf and field's {@link
   * TermsEnum} and {@link PostingsEnum} made once for all the query's terms and reused (a new
   * blocktree enum per lookup was most of a ranking made from records).
   */
  private final class HitSeeks {
    private final int[] docs;
    private final int[] leafOf;
    private final int[] order;
    private final Map<String, TermsEnum[]> enums = new HashMap<>();
    private final Map<String, PostingsEnum[]> postings = new HashMap<>();

    HitSeeks(int[] ords) {
      List<LeafReaderContext> leaves = reader.leaves();
      docs = new int[ords.length];
      leafOf = new int[ords.length];
      for (int i = 0; i < ords.length; i++) {
        docs[i] = docOf(ords[i]);
        leafOf[i] = ReaderUtil.subIndex(docs[i], leaves);
      }
      order =
          java.util.stream.IntStream.range(0, ords.length)
              .boxed()
              .sorted(Comparator.comparingInt(i -> docs[i]))
              .mapToInt(Integer::intValue)
              .toArray();
    }

    boolean[] holding(String field, String term) {
      List<LeafReaderContext> leaves = reader.leaves();
      boolean[] in = new boolean[docs.length];
      TermsEnum[] te = enums.computeIfAbsent(field, f -> new TermsEnum[leaves.size()]);
      PostingsEnum[] pe = postings.computeIfAbsent(field, f -> new PostingsEnum[leaves.size()]);
      BytesRef b = new BytesRef(term);
      try {
        int leaf = -1;
        boolean found = false;
        int cur = -1;
        for (int i : order) {
          int l = leafOf[i];
          if (l != leaf) {
            leaf = l;
            cur = -1;
            found = false;
            if (te[l] == null) {
              Terms terms = leaves.get(l).reader().terms(field);
              te[l] = terms == null ? TermsEnum.EMPTY : terms.iterator();
            }
            if (te[l].seekExact(b)) {
              pe[l] = te[l].postings(pe[l], PostingsEnum.NONE);
              found = true;
            }
          }
          if (!found) {
            continue;
          }
          int local = docs[i] - leaves.get(l).docBase;
          if (cur < local) {
            cur = pe[l].advance(local);
          }
          in[i] = cur == local;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return in;
    }
  }

  /**
   * Each searched field's part of the skill at {@code ord}'s score, explained on the live
   * statistics (as {@link LocalSource#contributions} on a fresh index).
   */
  @Override
  public Map<String, Double> contributions(QueryTerms qt, List<Fields.Weighted> fields, int ord) {
    try {
      return LocalSource.contributions(searcher.explain(query(qt, fields), docOf(ord)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the skill at {@code ord} holds {@code term} in {@code field}. */
  boolean contains(String field, String term, int ord) {
    int doc = docOf(ord);
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
    try {
      Terms terms = ctx.reader().terms(field);
      if (terms == null) {
        return false;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(new BytesRef(term))) {
        return false;
      }
      int local = doc - ctx.docBase;
      return te.postings(null, PostingsEnum.NONE).advance(local) == local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link LocalSource#luceneQuery} without the clauses no live document can match (their terms
   * would not exist in a fresh index).
   */
  private Query query(QueryTerms qt, List<Fields.Weighted> fields) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Fields.Weighted f : fields) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        if (docFreq(f.field(), e.getKey()) > 0) {
          b.add(
              new BoostQuery(termQuery(f.field(), e.getKey()), f.boost() * e.getValue()),
              BooleanClause.Occur.SHOULD);
        }
      }
    }
    return b.build();
  }

  /**
   * A term's query with its per-segment states built once for this view ({@link TermStates}: a seek
   * in every segment; the route step scores the same terms for many phrases). Lucene's TermQuery
   * builds the same states when given none, and reads the same statistics from them.
   */
  private TermQuery termQuery(String field, String term) {
    Term t = new Term(field, term);
    if (!TERM_STATES) {
      return new TermQuery(t);
    }
    return new TermQuery(
        t,
        termStates.computeIfAbsent(
            field + '\u0000' + term,
            k -> {
              try {
                return TermStates.build(searcher, t, true);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
  }

  /** A searcher whose statistics leave out the deleted documents (the tombstones'). */
  private final class LiveSearcher extends IndexSearcher {
    LiveSearcher(IndexReader reader) {
      super(reader);
      setSimilarity(Bm25.similarity());
    }

    /**
     * Each field's live statistics, read once: a view's readers are opened once and never reopened
     * (the writers' later changes are not seen by them), so no statistic it reads can change while
     * it is used; an absent field maps to empty.
     */
    private final Map<String, java.util.Optional<CollectionStatistics>> fieldStats =
        new ConcurrentHashMap<>();

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
      if (!TOMB_TERMS) {
        return live(field);
      }
      try {
        return fieldStats
            .computeIfAbsent(
                field,
                f -> {
                  try {
                    return java.util.Optional.ofNullable(live(f));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .orElse(null);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private CollectionStatistics live(String field) throws IOException {
      CollectionStatistics all = super.collectionStatistics(field);
      Terms gone = MultiTerms.getTerms(tomb, field);
      if (all == null || gone == null) {
        return all;
      }
      long docCount = all.docCount() - gone.getDocCount();
      if (docCount <= 0) {
        return null;
      }
      return new CollectionStatistics(
          field,
          getIndexReader().numDocs(),
          docCount,
          all.sumTotalTermFreq() - gone.getSumTotalTermFreq(),
          all.sumDocFreq() - gone.getSumDocFreq());
    }

    /**
     * The live statistics of {@code term}: its counts in every segment ({@code docFreq} and {@code
     * totalTermFreq}, from the term's {@link TermStates}, built once a view by {@link #termQuery})
     * less the tombstones', read once a view ({@link #tombStats}). A ranking's weight reads them
     * for every clause; they cannot change while the view is used: its index and tombstone readers
     * are point-in-time readers opened once (a writer's later documents, deletions and folds are
     * not seen by them, and the route step writes nothing until its commit), so every ranking of a
     * patch reads the numbers the first one read, and scores stay bit for bit a fresh index's.
     */
    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq)
        throws IOException {
      long[] gone = tombStats(term);
      return new TermStatistics(term.bytes(), docFreq - gone[0], totalTermFreq - gone[1]);
    }
  }

  /**
   * The top {@code k} by score, equal scores the lower ord first, as a fresh index ranks; skips
   * documents that cannot enter (scoring below the k-th) but not those that tie with it.
   */
  private final class OrdCollector extends SimpleCollector {
    private static final Comparator<ScoreDoc> WORST_FIRST =
        Comparator.comparingDouble((ScoreDoc h) -> h.score)
            .thenComparing(Comparator.comparingInt((ScoreDoc h) -> h.doc).reversed());

    private final int k;
    private final PriorityQueue<ScoreDoc> queue = new PriorityQueue<>(WORST_FIRST);
    private Scorable scorer;
    private int docBase;

    OrdCollector(int k) {
      this.k = k;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.TOP_SCORES;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      docBase = context.docBase;
    }

    @Override
    public void setScorer(Scorable scorer) throws IOException {
      this.scorer = scorer;
      raiseFloor();
    }

    @Override
    public void collect(int doc) throws IOException {
      float score = scorer.score();
      int ord = ordOf(docBase + doc);
      ScoreDoc hit = new ScoreDoc(ord, score);
      if (queue.size() < k) {
        queue.add(hit);
      } else if (WORST_FIRST.compare(hit, queue.peek()) > 0) {
        queue.poll();
        queue.add(hit);
      } else {
        return;
      }
      raiseFloor();
    }

    private void raiseFloor() throws IOException {
      if (scorer != null && queue.size() == k && k > 0) {
        scorer.setMinCompetitiveScore(queue.peek().score);
      }
    }

    ScoreDoc[] hits() {
      ScoreDoc[] out = queue.toArray(ScoreDoc[]::new);
      Arrays.sort(out, WORST_FIRST.reversed());
      return out;
    }
  }
}
