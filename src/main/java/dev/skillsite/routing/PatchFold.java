package dev.skillsite.routing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.util.IOSupplier;

/**
 * The patch state's segments folded: the segments patches added to the routing index merged into
 * one (never the base segment: its document {@code i} is skill {@code i}), and the tombstones made
 * exactly the base segment's deleted documents again, so that what a patch pays per segment (a
 * term's seek in each: df, {@code TermStates}, scorers) stops growing with the patches before it.
 *
 * <p>Exact by construction. {@link PatchedIndex} reads every statistic as the index's less the
 * tombstones' ("index − tombstones = a fresh index of the live documents"). Before a fold the index
 * holds the base segment (every document the full build wrote, live or not) and the patch segments
 * (every document a patch wrote, live or not); the tombstones hold one copy of each deleted
 * document: the base copy of every patched skill, plus, for a skill patched again, the copy that
 * was live in a patch segment — that one is {@linkplain #stale marked} when it is added. A merge of
 * the patch segments drops their deleted documents (Lucene's merge keeps live ones only), so the
 * marked copies are deleted from the tombstones and the tombstones merged too (a deleted document
 * counts in Lucene's statistics until its segment is merged): after the fold the index is the base
 * segment + the live patched documents, and the tombstones the base copies of the patched skills.
 * The marker is a doc value, which no term or field statistic counts. A fold is part of the patch's
 * staged state: committed with it, or rolled back with it.
 */
final class PatchFold {
  /** The doc value marking a tombstone whose document was in a patch segment. */
  static final String STALE = "skillsite_stale";

  /**
   * Fold when the patch segments reach this many (2: after every patch but the first, one patch
   * segment is left); 0 never folds (the figures' "before", -Dskillsite.fold=0).
   */
  static final int FOLD_AT = Integer.getInteger("skillsite.fold", 2);

  private PatchFold() {}

  /** Whether folding is on. */
  static boolean on() {
    return FOLD_AT > 0;
  }

  /** {@code doc} marked as the tombstone of a document that was in a patch segment. */
  static Document stale(Document doc) {
    doc.add(new NumericDocValuesField(STALE, 1));
    return doc;
  }

  /**
   * The writers' merge policy: no merge but {@link #fold}'s, and no segment dropped when all its
   * documents are deleted (its deleted documents are in the tombstones until a fold merges it). The
   * index's ({@code base}) never merges its first segment and folds the others when they are {@link
   * #FOLD_AT} or more; the tombstones' merges all its segments into one when they are two or more
   * or hold a deleted document.
   */
  static Policy policy(boolean base) {
    return new Policy(base);
  }

  /** See {@link #policy}. */
  static final class Policy extends FilterMergePolicy {
    private final boolean base;
    private boolean folded;

    private Policy(boolean base) {
      super(NoMergePolicy.INSTANCE);
      this.base = base;
    }

    @Override
    public boolean keepFullyDeletedSegment(IOSupplier<CodecReader> reader) {
      return true;
    }

    @Override
    public MergeSpecification findMerges(
        MergeTrigger trigger, SegmentInfos infos, MergeContext context) {
      return null;
    }

    @Override
    public MergeSpecification findForcedMerges(
        SegmentInfos infos,
        int maxSegmentCount,
        Map<SegmentCommitInfo, Boolean> segmentsToMerge,
        MergeContext context)
        throws IOException {
      List<SegmentCommitInfo> all = infos.asList();
      List<SegmentCommitInfo> rest = all.subList(Math.min(base ? 1 : 0, all.size()), all.size());
      boolean deletions = false;
      for (SegmentCommitInfo s : rest) {
        if (context.getMergingSegments().contains(s)) {
          return null;
        }
        deletions |= s.getDelCount() > 0 || context.numDeletesToMerge(s) > 0;
      }
      boolean fold =
          base
              ? rest.size() >= Math.max(2, FOLD_AT)
              : rest.size() >= 2 || (deletions && !rest.isEmpty());
      if (!fold) {
        return null; // folded already, or not yet due
      }
      folded = true;
      MergeSpecification spec = new MergeSpecification();
      spec.add(new OneMerge(List.copyOf(rest)));
      return spec;
    }
  }

  /**
   * Folds when the index's patch segments reach {@link #FOLD_AT}: they are merged into one, the
   * marked tombstones deleted and the tombstones merged into one. Both writers must use {@link
   * #policy} (the index's with its base).
   *
   * @return whether it folded
   */
  static boolean fold(IndexWriter index, IndexWriter tomb) throws IOException {
    if (!on()) {
      return false;
    }
    Policy p = (Policy) index.getConfig().getMergePolicy();
    p.folded = false;
    index.forceMerge(1, true); // flushes this patch's documents first; the policy keeps the base
    if (!p.folded) {
      return false;
    }
    tomb.deleteDocuments(NumericDocValuesField.newSlowExactQuery(STALE, 1));
    tomb.forceMerge(1, true);
    return true;
  }
}
