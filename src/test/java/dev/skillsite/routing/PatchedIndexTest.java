package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusRequests;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PatchedIndex} after skills are added and removed (not yet wired into {@link RoutingPatch}:
 * the patch state's index and tombstones written here as a patch would write them). On {@code
 * large} in id order, a sequence: a skill added (its key past the base), a base skill sorting
 * before it removed (every later ord moves down), a base skill after it replaced under its key, the
 * added skill removed, then added again under a new key. After each, the view answers as a fresh
 * index of the live skills: the skill at every ord, the ord of every id, every name's first skill,
 * the distinct names, and every trigger, eval request and name invocation ranked and routed the
 * same (ids, scores, ties, confidences, abstention, matched phrases). Whether each step kept the
 * grids ({@link RoutingPatch#statisticsDiffer}) is printed, not required: from 882 skills, whose
 * count grid step is 2 rounded up, an add always moves it, and the view's statistics are the live
 * ones either way.
 */
@Tag("corpus")
class PatchedIndexTest {
  private static final int TOP = 5;

  @TempDir Path cache;

  @Test
  void skillsAddedAndRemovedAnswerAsAFreshIndex() throws IOException {
    // in id order, as a site's catalog holds them (a fresh index's ord = position by id)
    List<Skill> all = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/large")));
    all.sort((x, y) -> x.id().compareTo(y.id()));
    int at = all.size() / 2;
    Skill added = all.get(at);
    List<Skill> base = new ArrayList<>(all);
    base.remove(at);
    List<String> queries = queries(all, at);
    try (State st = new State(cache, base)) {
      st.add(added);
      st.check(queries, "added " + added.id().value());
      // a base skill before it removed: the added skill's ord and every later one move down
      st.remove(all.get(at - 7));
      st.check(queries, "removed before it");
      // a base skill after it replaced: its patched copy keeps its key, its ord is renumbered
      Skill b = all.get(at + 5);
      Skill edited = SkillEdits.bodyWordReplaced(b);
      assertTrue(!edited.equals(b), "an edit");
      st.replace(b, edited);
      st.check(queries, "replaced after it");
      st.remove(added);
      st.check(queries, "the added skill removed");
      st.add(added);
      st.check(queries, "added again");
    }
  }

  /**
   * Every trigger, every eval request, and a slash command and a "NAME skill" for each skill within
   * 20 of {@code at} (the changed ones among them) and each of a duplicated name.
   */
  private static List<String> queries(List<Skill> skills, int at) throws IOException {
    Set<String> q = CorpusRequests.triggersAndEval(skills, Path.of("../shared/eval/large.jsonl"));
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    skills.forEach(s -> seen.merge(s.name(), 1, Integer::sum));
    for (int i = 0; i < skills.size(); i++) {
      Skill s = skills.get(i);
      if (Math.abs(i - at) > 20 && seen.get(s.name()) < 2) {
        continue;
      }
      q.add("/" + s.name());
      q.add("use the " + s.name() + " skill for this");
    }
    return List.copyOf(q);
  }

  /** A patch state's index, tombstones and names, written as a patch writes them. */
  private static final class State implements AutoCloseable {
    private final Path root;
    private final List<Skill> live;
    private final int baseDocs;
    private final Confidence confidence;
    private final NameTable names;
    private final List<String> patched = new ArrayList<>(); // ids with a live patched document
    private final List<java.io.Closeable> open = new ArrayList<>(); // readers, then directories
    private PatchedIndex view;
    private DirectoryReader reader; // the view's index reader
    private int nextKey;

    State(Path dir, List<Skill> base) throws IOException {
      try (RoutingIndex fresh = RoutingIndex.build(base)) {
        RoutingPatch.write(dir, fresh, List.of(), "code+config");
      }
      this.root = dir.resolve(RoutingPatch.DIR);
      this.live = new ArrayList<>(base);
      this.baseDocs = base.size();
      this.nextKey = baseDocs;
      try (FSDirectory d = FSDirectory.open(root.resolve("index"))) {
        this.confidence = RoutingIndex.confidenceOf(SegmentInfos.readLatestCommit(d).getUserData());
      }
      this.names = NameTable.open(root.resolve("names"));
      this.view = view();
    }

    private PatchedIndex view() throws IOException {
      FSDirectory rd = FSDirectory.open(root.resolve("index"));
      FSDirectory td = FSDirectory.open(root.resolve("tomb"));
      DirectoryReader r = DirectoryReader.open(rd);
      DirectoryReader t = DirectoryReader.open(td);
      reader = r;
      open.add(0, r);
      open.add(0, t);
      open.add(rd);
      open.add(td);
      return new PatchedIndex(r, t, names, confidence);
    }

    private interface Op {
      void apply(IndexWriter index, IndexWriter tomb) throws IOException;
    }

    /**
     * Applies and commits {@code op}; prints whether the grids held ({@link
     * RoutingPatch#statisticsDiffer}: at {@code large}, under 1,024 skills, the document count is
     * exact, so an add or a removal always moves it; the view answers as a fresh index either way).
     */
    private void step(Op op) throws IOException {
      IndexWriter index = writer("index", true);
      IndexWriter tomb = writer("tomb", false);
      op.apply(index, tomb);
      index.commit();
      tomb.commit();
      index.close();
      tomb.close();
      PatchedIndex before = view;
      view = view();
      Set<String> fields = new TreeSet<>(IndexDelta.indexedFields(reader));
      System.out.println(
          "grids: " + RoutingPatch.statisticsDiffer(before, view, fields).orElse("held"));
    }

    private IndexWriter writer(String part, boolean base) throws IOException {
      IndexWriterConfig c =
          RoutingIndex.config()
              .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
              .setCommitOnClose(false)
              .setMergePolicy(PatchFold.policy(base));
      FSDirectory d = FSDirectory.open(root.resolve(part));
      open.add(d);
      return new IndexWriter(d, c);
    }

    void add(Skill s) throws IOException {
      int key = nextKey;
      step(
          (index, tomb) -> {
            Document d = SkillDocument.of(s);
            d.add(new NumericDocValuesField(PatchedIndex.ORD, key));
            index.addDocument(d);
          });
      nextKey++;
      live.add(s);
      live.sort((x, y) -> x.id().compareTo(y.id()));
      patched.add(s.id().value());
    }

    void remove(Skill s) throws IOException {
      boolean wasPatched = patched.contains(s.id().value());
      step(
          (index, tomb) -> {
            Document old = SkillDocument.of(s);
            tomb.addDocument(wasPatched ? PatchFold.stale(old) : old);
            index.deleteDocuments(new Term(Fields.ID, s.id().value()));
          });
      live.remove(s);
      patched.remove(s.id().value());
    }

    void replace(Skill was, Skill now) throws IOException {
      int key = view.keyOf(view.ordOf(was.id().value()).getAsInt());
      boolean wasPatched = patched.contains(was.id().value());
      step(
          (index, tomb) -> {
            Document old = SkillDocument.of(was);
            tomb.addDocument(wasPatched ? PatchFold.stale(old) : old);
            Document d = SkillDocument.of(now);
            d.add(new NumericDocValuesField(PatchedIndex.ORD, key));
            index.updateDocument(new Term(Fields.ID, was.id().value()), d);
          });
      live.set(live.indexOf(was), now);
      patched.add(now.id().value());
    }

    void check(List<String> queries, String step) throws IOException {
      try (RoutingIndex fresh = RoutingIndex.build(live)) {
        assertEquals(fresh.size(), view.size(), step + ": size");
        for (int ord = 0; ord < live.size(); ord++) {
          assertEquals(fresh.skill(ord), view.skill(ord), step + ": skill at " + ord);
          assertEquals(
              ord, view.ordOf(live.get(ord).id().value()).getAsInt(), step + ": ord of " + ord);
        }
        for (Skill k : live) {
          assertEquals(
              fresh.docNamed(k.name()), view.docNamed(k.name()), step + ": named " + k.name());
        }
        assertEquals(fresh.distinctNames(), view.distinctNames(), step + ": distinct names");
        Router want = new Router(fresh);
        Router got = Router.over(view, confidence);
        for (String q : queries) {
          assertEquals(want.rank(q, TOP), got.rank(q, TOP), step + ": rank: " + q);
          assertEquals(want.route(q, TOP), got.route(q, TOP), step + ": route: " + q);
        }
        System.out.println(step + ": " + queries.size() + " queries as a fresh index");
      }
    }

    @Override
    public void close() throws IOException {
      for (java.io.Closeable c : open) {
        c.close();
      }
      names.close();
    }
  }
}
