package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * What an edit of a few skills' documents can change of the router's answers: the routing index
 * {@code before} the edit beside the index {@code after} it, where the skills {@code changed} hold
 * other documents and every other skill the same one, at the same place.
 *
 * <p>A router's answer to a query reads: the query's terms (analysis is code alone, not the index);
 * for each term and field its document frequency, the postings and length norms of the documents
 * holding it, and the field's collection statistics (documents with the field, average length as
 * {@link Bm25#averageLength} quantizes it); the stored fields and names of the hits; the number of
 * skills and of distinct names. So when (1) every field's collection statistics are equal in both
 * indexes, (2) no changed skill changed its name, and (3) no term of the query (in any analysis
 * chain, synonyms included) is held by a changed skill's document before or after the edit in any
 * field, then no quantity the answer reads differs and the answer is the same, bit for bit: an
 * unchanged document's score is a function of its own postings and norms, the terms' frequencies
 * and the field statistics alone; the changed documents match the query neither before nor after.
 * {@link #unaffected} says when all three hold; {@code IndexDeltaTest} checks it against a full
 * recompute.
 *
 * <p>(1) fails when an edit moves a field's average length across a line of its grid ({@link
 * Bm25#averageLength}: 8 bits of mantissa): every score in the collection moves then, and an exact
 * answer needs the query asked again. With the exact float it failed for nearly every edit that
 * changes a document's length; on the grid, for a few in a thousand at 100,000 skills.
 */
public final class IndexDelta {
  private final RoutingIndex before;
  private final RoutingIndex after;
  private final int[] changedDocs;
  private final List<String> fields;
  private final Optional<String> statisticsDiffer;
  private final Synonyms synonyms = new Synonyms();
  private final Map<String, Boolean> heldByChanged = new ConcurrentHashMap<>();

  private IndexDelta(
      RoutingIndex before,
      RoutingIndex after,
      int[] changedDocs,
      List<String> fields,
      Optional<String> statisticsDiffer) {
    this.before = before;
    this.after = after;
    this.changedDocs = changedDocs;
    this.fields = fields;
    this.statisticsDiffer = statisticsDiffer;
  }

  /**
   * The delta between two indexes of the same skills in the same order, {@code changed} the ones
   * whose documents differ; empty when the skills or their order differ (an added, removed or moved
   * skill shifts documents: ties at the cut of the top hits could fall otherwise).
   */
  public static Optional<IndexDelta> of(
      RoutingIndex before, RoutingIndex after, Set<SkillId> changed) {
    if (before.size() != after.size()
        || before.reader().maxDoc() != before.size()
        || after.reader().maxDoc() != after.size()) {
      return Optional.empty();
    }
    List<Integer> docs = new ArrayList<>();
    Optional<String> differ = Optional.empty();
    for (int d = 0; d < after.size(); d++) {
      IndexedSkill was = before.skill(d);
      IndexedSkill is = after.skill(d);
      if (!was.id().equals(is.id())) {
        return Optional.empty();
      }
      if (changed.contains(is.id())) {
        docs.add(d);
        if (!was.name().equals(is.name()) && differ.isEmpty()) {
          differ = Optional.of("the name of " + is.id().value() + " changed");
        }
      }
    }
    Set<String> fields = new TreeSet<>(indexedFields(before.reader()));
    fields.addAll(indexedFields(after.reader()));
    if (differ.isEmpty()) {
      differ = statistics(before.reader(), after.reader(), fields);
    }
    return Optional.of(
        new IndexDelta(
            before,
            after,
            docs.stream().mapToInt(Integer::intValue).toArray(),
            List.copyOf(fields),
            differ));
  }

  /**
   * Why no answer carries over, when none does: the first field whose collection statistics differ,
   * or a changed name.
   */
  public Optional<String> statisticsDiffer() {
    return statisticsDiffer;
  }

  /** How many skills' documents changed. */
  public int changed() {
    return changedDocs.length;
  }

  /**
   * Whether the router answers {@code query} on the index after the edit exactly as on the index
   * before it (see the class comment for why this is sound). Thread-safe.
   */
  public boolean unaffected(String query) {
    if (statisticsDiffer.isPresent()) {
      return false;
    }
    if (changedDocs.length == 0) {
      return true;
    }
    QueryTerms qt = QueryTerms.of(query, after.terms(), synonyms, Fields.SEARCHED);
    Set<String> terms = new HashSet<>(qt.words());
    for (Map<String, Float> byField : qt.byField().values()) {
      terms.addAll(byField.keySet());
    }
    for (String t : terms) {
      if (heldByChanged.computeIfAbsent(t, this::heldByChanged)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@link SimilarSkills#similar} answers for skill {@code id} on the index after the edit
   * exactly as on the index before it: the collection statistics are the same, the skill is not a
   * changed one, and no term of its surface text (name, description, triggers, headings: the words
   * its "more like this" query is made of) is one a changed document holds differently (see {@link
   * #unaffected}). Then every document frequency, frequency and norm the similarity reads, and so
   * every score and shared word, is the same. Thread-safe.
   */
  public boolean unaffectedSimilar(SkillId id) {
    if (statisticsDiffer.isPresent()) {
      return false;
    }
    Optional<Integer> doc = after.doc(id);
    if (doc.isEmpty()) {
      return false;
    }
    for (int d : changedDocs) {
      if (d == doc.get()) {
        return false;
      }
    }
    if (changedDocs.length == 0) {
      return true;
    }
    for (String line : SimilarSkills.surfaceText(after.skill(doc.get())).split("\n")) {
      for (String t : after.terms().surfaces(Fields.DESCRIPTION, line).keySet()) {
        if (heldByChanged.computeIfAbsent(t, this::heldByChanged)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether some changed document's part of a score for {@code term} can differ: in some field, its
   * frequency of the term differs before and after the edit (so may the term's document frequency),
   * or it holds the term and its length norm in that field differs.
   */
  private boolean heldByChanged(String term) {
    try {
      for (int d : changedDocs) {
        for (String f : fields) {
          int was = freq(before.reader(), f, term, d);
          int is = freq(after.reader(), f, term, d);
          if (was != is || (is > 0 && norm(before.reader(), f, d) != norm(after.reader(), f, d))) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How often document {@code doc} holds {@code term} in {@code field}; 0 when not. */
  private static int freq(IndexReader reader, String field, String term, int doc)
      throws IOException {
    LeafReaderContext ctx = leaf(reader, doc);
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
  }

  /** The length norm of document {@code doc} in {@code field}, as BM25 reads it; 0 without one. */
  private static long norm(IndexReader reader, String field, int doc) throws IOException {
    LeafReaderContext ctx = leaf(reader, doc);
    NumericDocValues norms = ctx.reader().getNormValues(field);
    return norms != null && norms.advanceExact(doc - ctx.docBase) ? norms.longValue() : 0;
  }

  private static LeafReaderContext leaf(IndexReader reader, int doc) {
    List<LeafReaderContext> leaves = reader.leaves();
    return leaves.get(ReaderUtil.subIndex(doc, leaves));
  }

  /** The fields {@code reader} indexes (RoutingPatch asks the same). */
  static Set<String> indexedFields(IndexReader reader) {
    Set<String> out = new TreeSet<>();
    for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
      if (fi.getIndexOptions() != IndexOptions.NONE) {
        out.add(fi.name);
      }
    }
    return out;
  }

  /**
   * The first field whose statistics as BM25 reads them differ: documents with the field and the
   * average length, each on its grid, as {@link Bm25#documentCount} and {@link Bm25#averageLength}
   * give them to every scorer.
   */
  private static Optional<String> statistics(
      IndexReader before, IndexReader after, Set<String> fields) {
    try {
      for (String f : fields) {
        Terms a = MultiTerms.getTerms(before, f);
        Terms b = MultiTerms.getTerms(after, f);
        if (a == null || b == null) {
          if (a != b) {
            return Optional.of("field " + f + " is in one index only");
          }
          continue;
        }
        if (Bm25.documentCount(a.getDocCount()) != Bm25.documentCount(b.getDocCount())) {
          return Optional.of("the documents with field " + f + " changed");
        }
        if (Float.floatToIntBits(averageLength(a)) != Float.floatToIntBits(averageLength(b))) {
          return Optional.of(
              "the average length of field "
                  + f
                  + " changed ("
                  + averageLength(a)
                  + " → "
                  + averageLength(b)
                  + ")");
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float averageLength(Terms t) throws IOException {
    return Bm25.averageLength(t.getSumTotalTermFreq(), t.getDocCount());
  }
}
