package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.FileSystemSync;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The routing side of a patch rebuild: what one changed skill (or a few) changes of the routing
 * answers a build publishes, found and asked in time that depends on the change, not on the
 * collection.
 *
 * <p>Every full or incremental build calls {@link #write} with the index it built; the state lives
 * under {@code .skillsite-cache/patch/routing/} ({@link #DIR}): the index ({@link PatchedIndex}),
 * the tombstones of the documents patches replaced, the {@link NameTable}, the {@link TriggerTable}
 * and {@code state.properties} (the build key and a generation; every part's last commit carries
 * the generation, so a patch killed between two commits leaves a state that does not open, and the
 * next build falls back). It is opened, never read whole.
 *
 * <p>{@link #patch}: for each changed skill (same id and name), its document is replaced in place;
 * when every field's statistics as BM25 reads them are the same before and after (documents with
 * the field, average length as a float: {@link IndexDelta}'s rule), a ranking can change only
 * through a term a changed document holds differently (another frequency, or another length norm
 * where it holds it), so the trigger phrases using such a term ({@link TriggerTable}) are ranked
 * again and every other one is as before. Otherwise: {@link CannotPatch}. The answer is staged:
 * {@link Patched#commit} makes it the state, closing without commit leaves the state as it was.
 */
public final class RoutingPatch {
  /** Where the state lives inside the build cache. */
  public static final String DIR = "patch/routing";

  /** More changed skills than this in one patch: the build falls back. */
  static final int MAX_CHANGED = 16;

  /**
   * Patches that replaced documents since the last full build, at most: the next falls back, and
   * the full build writes one segment again (the compaction). Each such patch adds a segment to the
   * index and one to the tombstones, and every query term is looked up in each: measured on {@code
   * large} (PublishedIndexBench, docs/notes/issue-27.md, session 6), routing a request through the
   * published folder cost 4.2 ms with the base segment alone, 12 ms after 16 patches, 48 ms after
   * 64 (≈ 0.7 ms a segment, the same at any collection size), and the patch itself ≈ 8 ms of CPU
   * more per segment. 16 keeps both within a few per cent of the 2 s budget of a patch build at
   * 100k and a route within 3× at 1×. With the patch segments folded after each patch ({@link
   * PatchFold}: the index keeps the base and one patch segment, the tombstones one segment) no
   * per-segment cost grows with the patches; what does is the fold's merge, O(documents patched
   * since the full build), so the cap is 64 (session 11's notes: the fold's CPU by patch number).
   * Without the fold (-Dskillsite.fold=0), 16.
   */
  static final int MAX_PATCHES = PatchFold.on() ? 64 : 16;

  /**
   * The view after a patch reads the document frequencies it shares with the view before from it
   * ({@link PatchedIndex#sharing}); off only for the figures' paired "before"
   * (-Dskillsite.shareddf=false).
   */
  static final boolean SHARED_DF = !"false".equals(System.getProperty("skillsite.shareddf"));

  /**
   * Each changed skill's old and new documents inverted once a patch (in-memory indexes), for both
   * the terms held differently and the saturated bound ({@link Inverted}); off only for the
   * figures' paired "before" (-Dskillsite.invertonce=false), which inverts each twice.
   */
  static final boolean INVERT_ONCE = !"false".equals(System.getProperty("skillsite.invertonce"));

  /**
   * A changed skill inside a related list's window ({@code FLOOR_DEPTH}) counted as a drift of its
   * own score change rather than refused ({@code Patched.inWindow}); off only for the figures'
   * paired "before" and the tests' comparison (-Dskillsite.nearfloor=false).
   */
  static final boolean NEAR_FLOOR = !"false".equals(System.getProperty("skillsite.nearfloor"));

  /**
   * A record's chosen words checked in their order by consecutive pairs ({@code inOrder}) rather
   * than sorted twice and compared; off only for the figures' paired "before"
   * (-Dskillsite.ordercheck=false). The same answers.
   */
  static final boolean ORDER_CHECK = !"false".equals(System.getProperty("skillsite.ordercheck"));

  /**
   * The index's and the tombstones' next commits prepared (written and synced: Lucene's first
   * phase, {@code Patched#prepare}) on a thread of their own as soon as a patch has replaced its
   * documents, while the caller's export, health side and publishing go on (nothing after {@code
   * apply} writes either index; their readers are Lucene's, safe beside a commit): the syncs' wait
   * leaves the route step. {@link Patched#published} and {@link Patched#commit} wait for it; {@link
   * Patched#close} waits before rolling back. Off (-Dskillsite.preparebehind=false): prepared when
   * {@link Patched#published} asks, on the caller's thread, as before.
   */
  static final boolean PREPARE_BEHIND =
      !"false".equals(System.getProperty("skillsite.preparebehind"));

  private static final String GEN = "skillsite.patch.gen";

  /** The index's commit data: patches that replaced documents since the last full build. */
  private static final String PATCHES = "skillsite.patch.count";

  /**
   * The index's commit data: skills added since the last full build (an added skill's key is the
   * base's size plus this count when it was added: {@link PatchedIndex#ORD}; keys never reused).
   */
  private static final String ADDS = "skillsite.patch.adds";

  private static final String STATE = "state.properties";
  static final String SIMILAR = "similar";

  /**
   * The state's five parts (index, tombstones, triggers, surfaces, similar) committed at once, on a
   * thread each, the state file written once all are durable; off
   * (-Dskillsite.parallelcommit=false) one after another. Safe in any order: each part's last
   * commit carries the generation and {@link Patched}'s constructor refuses a state whose parts'
   * generations are not all the state file's, so a crash that leaves any subset of the parts
   * committed (not only a prefix) is refused and the next build falls back
   * (RoutingPatchTest#aCommitStoppedAfterAnySubsetOfItsPartsCannotPatch).
   */
  static final boolean PARALLEL_COMMIT =
      !"false".equals(System.getProperty("skillsite.parallelcommit"));

  /**
   * {@link Patched#prepareCommit}: the state's tables' next commits are written and synced on a
   * thread while the site's staged files are synced (Lucene's two-phase commit: not visible until
   * {@link Patched#commit} finishes them, dropped when it is closed without); off
   * (-Dskillsite.earlyprepare=false) they are written in the commit, after the site's journal.
   */
  static final boolean EARLY_PREPARE =
      !"false".equals(System.getProperty("skillsite.earlyprepare"));

  /**
   * Tests only: called with a part's name just before it is committed (and with {@code
   * state.properties} before the state file is written); a throw leaves that part as it was, as a
   * crash would.
   */
  static volatile java.util.function.Consumer<String> beforePart = name -> {};

  private static final java.util.concurrent.ExecutorService COMMITS =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "skillsite-state-commit");
            t.setDaemon(true);
            return t;
          });

  /** One part of the state and how to commit it; its wall time once committed. */
  private static final class Part {
    final String name;
    final IORunnable commit;
    volatile long millis = -1;

    Part(String name, IORunnable commit) {
      this.name = name;
      this.commit = commit;
    }

    void run() throws IOException {
      long t = System.nanoTime();
      beforePart.accept(name);
      commit.run();
      millis = (System.nanoTime() - t) / 1_000_000;
    }
  }

  @FunctionalInterface
  private interface IORunnable {
    void run() throws IOException;
  }

  /**
   * Commits every part, at once or one after another; returns only when none is still running, and
   * throws the first failure (the others may have committed: the generations then differ, and the
   * state file is not written).
   */
  private static void commitParts(List<Part> parts, boolean parallel) throws IOException {
    if (!parallel) {
      for (Part p : parts) {
        p.run();
      }
      return;
    }
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (Part p : parts.subList(1, parts.size())) {
      running.add(
          COMMITS.submit(
              () -> {
                p.run();
                return null;
              }));
    }
    Throwable failed = null;
    try {
      parts.get(0).run(); // the first on this thread
    } catch (IOException | RuntimeException | Error e) {
      failed = e;
    }
    for (java.util.concurrent.Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        failed = first(failed, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed = first(failed, e);
      }
    }
    if (failed instanceof IOException e) {
      throw e;
    } else if (failed instanceof RuntimeException e) {
      throw e;
    } else if (failed instanceof Error e) {
      throw e;
    } else if (failed != null) {
      throw new IOException("the patch state's commit was interrupted", failed);
    }
  }

  private static Throwable first(Throwable failed, Throwable next) {
    if (failed == null) {
      return next;
    }
    failed.addSuppressed(next);
    return failed;
  }

  /** The wall time of the last patch's commit and of each part (--timings). */
  record Commit(long millis, Map<String, Long> parts, long prepared) {
    static Commit of(List<Part> parts, long millis, long prepared) {
      Map<String, Long> m = new LinkedHashMap<>();
      parts.forEach(p -> m.put(p.name, p.millis));
      return new Commit(millis, m, prepared);
    }

    /** e.g. {@code state commit 212 ms wall at once: index 3 tomb 2 triggers 150 ...}. */
    @Override
    public String toString() {
      StringBuilder b =
          new StringBuilder("commit " + millis + (PARALLEL_COMMIT ? " at once:" : " in turn:"));
      parts.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v));
      if (prepared >= 0) {
        b.append("; prepared beside the site's syncs ").append(prepared);
      }
      return b.toString();
    }
  }

  private static volatile Commit lastCommit;

  /**
   * How the last patch committed the state in this process since the last call: wall ms in all and
   * per part; "" when none did.
   */
  public static String lastCommit() {
    Commit c = lastCommit;
    lastCommit = null;
    return c == null ? "" : c.toString();
  }

  /**
   * The relative slack on a weight bound ({@link Patched#similarMayChange}): a weight is a product
   * of three doubles, so a ratio of two of them is the ratio of their idfs within a few ulps.
   */
  private static final double SLACK = 1e-9;

  private RoutingPatch() {}

  /**
   * One changed skill: its skill as the state's index holds it, and as it is now. A skill added has
   * no {@code before} ({@link #added}), one removed no {@code after} ({@link #removed}): for
   * routing, a description edit from nothing (to nothing) plus the collection's size moving inside
   * its grid step ({@link #statisticsDiffer} refuses a crossing).
   */
  public record Change(Skill before, Skill after) {
    public Change {
      if (before == null && after == null) {
        throw new IllegalArgumentException("a change with neither side");
      }
    }

    /** A skill the state does not hold, added. */
    public static Change added(Skill skill) {
      return new Change(null, java.util.Objects.requireNonNull(skill));
    }

    /** A skill the state holds, removed. */
    public static Change removed(Skill skill) {
      return new Change(java.util.Objects.requireNonNull(skill), null);
    }

    /** The skill's id (either side's). */
    public SkillId id() {
      return after != null ? after.id() : before.id();
    }
  }

  /**
   * The files a patch changes in the published routing index folder: name relative to the folder →
   * bytes to write, and names to delete.
   */
  public record Published(Map<String, byte[]> written, Set<String> deleted) {
    public boolean isEmpty() {
      return written.isEmpty() && deleted.isEmpty();
    }
  }

  /** What a patch says. */
  public sealed interface Outcome permits Patched, CannotPatch {}

  /** The build must fall back (and write the state again): why. */
  public record CannotPatch(String reason) implements Outcome {}

  /**
   * Writes the patch state for {@code index} (the build's, as published), the trigger phrases the
   * build probed, under key {@code key} (code, configuration and templates: a patch with another
   * key falls back). Replaces any state there.
   */
  public static void write(Path cache, RoutingIndex index, Collection<String> triggers, String key)
      throws IOException {
    write(cache, index, triggers, key, Map.of());
  }

  /**
   * As {@link #write(Path, RoutingIndex, Collection, String)}, with {@code notes}: values the
   * caller keeps beside the state, committed with it ({@link Patched#notes}, {@link
   * Patched#commit(Map)}).
   */
  public static void write(
      Path cache,
      RoutingIndex index,
      Collection<String> triggers,
      String key,
      Map<String, String> notes)
      throws IOException {
    write(cache, index, triggers, key, notes, true);
  }

  /**
   * As {@link #write(Path, RoutingIndex, Collection, String, Map)}; without {@code records} no
   * trigger's ranking is recorded and every patch ranks each asked phrase by a full search (the
   * figures' "before": perf/RouteStepBench).
   */
  public static void write(
      Path cache,
      RoutingIndex index,
      Collection<String> triggers,
      String key,
      Map<String, String> notes,
      boolean records)
      throws IOException {
    Path root = cache.resolve(DIR);
    Files.createDirectories(root);
    Files.deleteIfExists(root.resolve(STATE)); // no state while it is written
    index.writeTo(root.resolve("index"));
    try (Directory dir = FSDirectory.open(root.resolve("tomb"));
        IndexWriter tomb =
            new IndexWriter(
                dir, RoutingIndex.config().setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
      tomb.setLiveCommitData(Map.of(GEN, "0").entrySet());
      tomb.commit();
    }
    List<String> names = new ArrayList<>(index.size());
    for (int d = 0; d < index.size(); d++) {
      names.add(index.skill(d).name());
    }
    NameTable.write(root.resolve("names"), names);
    try (TriggerTable t = TriggerTable.open(root.resolve("triggers"), true)) {
      Synonyms synonyms = new Synonyms();
      // each phrase searched once more (k = 11): in parallel, as the health stage ranks them
      Map<String, byte[]> recorded = new java.util.concurrent.ConcurrentHashMap<>();
      if (records) {
        try {
          new TreeSet<>(triggers)
              .parallelStream()
                  .forEach(
                      q -> {
                        try {
                          recorded.put(q, Recorded.of(index, synonyms, q).bytes());
                        } catch (IOException e) {
                          throw new java.io.UncheckedIOException(e);
                        }
                      });
        } catch (java.io.UncheckedIOException e) {
          throw e.getCause();
        }
      }
      for (String q : new TreeSet<>(triggers)) {
        t.put(q, t.termsOf(q), recorded.getOrDefault(q, new byte[0]));
      }
      t.commit(Map.of(GEN, "0"));
    }
    try (TriggerTable t = TriggerTable.open(root.resolve("surfaces"), true)) {
      for (int d = 0; d < index.size(); d++) {
        IndexedSkill s = index.skill(d);
        t.put(s.id().value(), surfaceTerms(index.terms(), s));
      }
      t.commit(Map.of(GEN, "0"));
    }
    try (SimilarTable t = SimilarTable.open(root.resolve(SIMILAR), true)) {
      // the walks the related stage's queries made, else one made here (its postings read once,
      // only when some skill was not asked: declared related skills, answers carried)
      SimilarSkills similar = null;
      for (int d = 0; d < index.size(); d++) {
        IndexedSkill s = index.skill(d);
        Optional<SimilarSkills.Walk> made = index.takeWalk(d);
        if (made.isEmpty() && similar == null) {
          similar = index.similarSkills();
        }
        SimilarSkills.Walk walk = made.isPresent() ? made.get() : similar.walk(d);
        t.put(s.id().value(), surfaceTerms(index.terms(), s), walk, false);
      }
      t.commit(Map.of(GEN, "0"));
    }
    writeState(root, key, 0, notes);
  }

  private static final String NOTE = "note.";

  private static void writeState(Path root, String key, long gen, Map<String, String> notes)
      throws IOException {
    installState(root, stageState(root, key, gen, notes, false));
  }

  /**
   * The state file written whole to its temporary name; synced when {@code sync} (a patch's: its
   * bytes durable before it is renamed to name the parts' new generations).
   */
  private static Path stageState(
      Path root, String key, long gen, Map<String, String> notes, boolean sync) throws IOException {
    Properties p = new Properties();
    notes.forEach((k, v) -> p.setProperty(NOTE + k, v));
    p.setProperty("key", key);
    p.setProperty("gen", Long.toString(gen));
    Path tmp = root.resolve(STATE + ".tmp");
    try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, "skillsite patch state");
    }
    if (sync) {
      try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.READ)) {
        ch.force(true);
      }
      FileSystemSync.observer().fsynced(List.of(tmp));
    }
    return tmp;
  }

  private static void installState(Path root, Path tmp) throws IOException {
    FileSystemSync.observer().renaming(tmp, root.resolve(STATE));
    Files.move(tmp, root.resolve(STATE), StandardCopyOption.ATOMIC_MOVE);
  }

  /** A note the state under {@code cache} holds ({@link #write}, {@link Patched#commit(Map)}). */
  public static Optional<String> note(Path cache, String name) {
    return readState(cache.resolve(DIR))
        .flatMap(p -> Optional.ofNullable(p.getProperty(NOTE + name)));
  }

  private static Optional<Properties> readState(Path root) {
    try (var in = Files.newBufferedReader(root.resolve(STATE), StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(in);
      return Optional.of(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Patches the state for {@code changes}: {@code added} and {@code removed} are trigger phrases
   * the changed skills now have and no longer have (the caller knows which other skills still hold
   * them; an added phrase is always ranked). {@code top}: hits per ranking (the health check's).
   */
  public static Outcome patch(
      Path cache,
      String key,
      List<Change> changes,
      Collection<String> added,
      Collection<String> removed,
      int top) {
    return patch(cache, key, changes, added, removed, top, PREPARE_BEHIND);
  }

  /**
   * As {@link #patch(Path, String, List, Collection, Collection, int)}, the commits prepared behind
   * ({@link #PREPARE_BEHIND}) or not: for tests that compare the two.
   */
  static Outcome patch(
      Path cache,
      String key,
      List<Change> changes,
      Collection<String> added,
      Collection<String> removed,
      int top,
      boolean prepareBehind) {
    if (changes.isEmpty() || changes.size() > MAX_CHANGED) {
      return new CannotPatch(
          changes.size() + " changed skills (a patch takes 1 to " + MAX_CHANGED + ")");
    }
    PatchCaps.forget();
    Path root = cache.resolve(DIR);
    Optional<Properties> state = readState(root);
    if (state.isEmpty()) {
      return new CannotPatch("no patch state in " + root);
    }
    if (!key.equals(state.get().getProperty("key"))) {
      return new CannotPatch(
          "the patch state was written by another code, configuration or templates");
    }
    String gen = state.get().getProperty("gen", "");
    Patched p = null;
    try {
      Map<String, String> notes = new TreeMap<>();
      for (String k : state.get().stringPropertyNames()) {
        if (k.startsWith(NOTE)) {
          notes.put(k.substring(NOTE.length()), state.get().getProperty(k));
        }
      }
      long open0 = Patched.cpu();
      long wall0 = System.nanoTime();
      p = new Patched(root, key, gen, notes);
      p.parts.put("open", (Patched.cpu() - open0) / 1_000_000); // the state's writers and tables
      p.lastWall = wall0;
      p.wall("open");
      Optional<String> why = p.apply(changes, added, removed, top);
      if (why.isPresent()) {
        p.close();
        return new CannotPatch(why.get());
      }
      if (prepareBehind && p.replaced) {
        p.prepareBehind();
      }
      return p;
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(p);
      return new CannotPatch("the patch state cannot be read: " + e);
    }
  }

  /**
   * A staged patch: the new answers, and the state updated to them once {@link #commit}ted. Close
   * it (committed or not).
   */
  public static final class Patched implements Outcome, Closeable {
    private final Path root;
    private final String key;
    private final long gen;

    /** Patches that replaced documents since the last full build, before this one. */
    private final int patches;

    /** Skills added since the last full build, this patch's counted once added. */
    private int adds;

    private final IndexWriter index;
    private final IndexWriter tomb;
    private final NameTable names;
    private final TriggerTable triggers;
    private final TriggerTable surfaces;
    private final SimilarTable similar;
    private final Set<String> similarMayChange = new TreeSet<>();
    private final Set<String> similarTerms = new TreeSet<>();
    private final Map<String, Integer> similarParts = new LinkedHashMap<>();
    private final Set<String> similarBefore = new TreeSet<>();

    /** Each changed skill's document as it was and as it is: its frequencies and norms by field. */
    private final List<Inverted[]> changedDocs = new ArrayList<>();

    /**
     * Skills whose list {@link #listHolds} cleared while its scores moved or a changed skill came
     * nearer its window: id → {drift, beyond}, recorded at {@link #commit} ({@link
     * SimilarTable#drifted}).
     */
    private final Map<String, double[]> drifted = new TreeMap<>();

    /** Lists the drift bound cleared and refused (for figures). */
    private final Map<String, Integer> drifts = new TreeMap<>();

    /** The walks {@link #similarSkills} made (by document), for {@link #commit}'s records. */
    private final Map<Integer, SimilarSkills.Walk> walksMade =
        new java.util.concurrent.ConcurrentHashMap<>();

    private final Confidence confidence;
    private final List<DirectoryReader> readers = new ArrayList<>();
    private PatchedIndex after;
    private final Map<String, RouteResult> rankings = new LinkedHashMap<>();
    private final Map<String, RouteResult> rankingsBefore = new LinkedHashMap<>();
    private final Set<String> changedTerms = new TreeSet<>();
    private final Set<String> heldBy = new HashSet<>(); // field \0 term, held differently

    /**
     * The changed skills' keys ({@link PatchedIndex#keyOf}: they never move; an added skill's is
     * new, a removed one's is live before only), translated per view ({@link #ordsIn}).
     */
    private final Set<Integer> changedKeys = new TreeSet<>();

    /** The ids of the skills this patch removed. */
    private final Set<String> removedIds = new TreeSet<>();

    /** The ids of the skills this patch added. */
    private final Set<String> addedIds = new TreeSet<>();

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Long> parts = new LinkedHashMap<>();
    private final Map<String, Long> walls = new LinkedHashMap<>();
    private long lastWall = System.nanoTime();
    private final Set<SkillId> changed =
        new TreeSet<>(java.util.Comparator.comparing(SkillId::value));
    private boolean committed;
    private boolean prepared;
    private boolean replaced;

    private final Map<String, String> notes;

    /** The syncs the parts' prepared commits put off ({@link DeferringDirectory}). */
    private final FileSystemSync.Deferred deferred = new FileSystemSync.Deferred();

    /**
     * Wraps the directory of the part at {@code folder}: its syncs put off into {@link #deferred}.
     */
    private java.util.function.UnaryOperator<Directory> deferring(Path folder) {
      return d -> new DeferringDirectory(d, folder, deferred);
    }

    private Patched(Path root, String key, String gen, Map<String, String> notes)
        throws IOException {
      this.root = root;
      this.notes = Map.copyOf(notes);
      this.key = key;
      this.gen = Long.parseLong(gen);
      Directory indexDir =
          deferring(root.resolve("index")).apply(FSDirectory.open(root.resolve("index")));
      Map<String, String> data = SegmentInfos.readLatestCommit(indexDir).getUserData();
      this.confidence = RoutingIndex.confidenceOf(data);
      this.patches = Integer.parseInt(data.getOrDefault(PATCHES, "0"));
      this.adds = Integer.parseInt(data.getOrDefault(ADDS, "0"));
      this.index = new IndexWriter(indexDir, appending(true));
      this.tomb =
          new IndexWriter(
              deferring(root.resolve("tomb")).apply(FSDirectory.open(root.resolve("tomb"))),
              appending(false));
      this.names = NameTable.open(root.resolve("names"));
      this.triggers =
          TriggerTable.open(root.resolve("triggers"), false, deferring(root.resolve("triggers")));
      this.surfaces =
          TriggerTable.open(root.resolve("surfaces"), false, deferring(root.resolve("surfaces")));
      this.similar =
          SimilarTable.open(root.resolve(SIMILAR), false, deferring(root.resolve(SIMILAR)));
      String g = Long.toString(this.gen);
      if (!g.equals(data.getOrDefault(GEN, "0"))
          || !g.equals(SegmentInfos.readLatestCommit(tomb.getDirectory()).getUserData().get(GEN))
          || !g.equals(triggers.commitData().get(GEN))
          || !g.equals(surfaces.commitData().get(GEN))
          || !g.equals(similar.commitData().get(GEN))) {
        close(); // its writers' locks released: the whole build this falls back to writes them
        throw new IOException("the patch state's parts are of different generations");
      }
    }

    private static IndexWriterConfig appending(boolean keepBase) {
      return RoutingIndex.config()
          .setOpenMode(IndexWriterConfig.OpenMode.APPEND)
          .setCommitOnClose(false)
          .setMergePolicy(PatchFold.policy(keepBase)); // no merge but a fold's (PatchFold)
    }

    private PatchedIndex view() throws IOException {
      DirectoryReader r = DirectoryReader.open(index);
      DirectoryReader t = DirectoryReader.open(tomb);
      readers.add(r);
      readers.add(t);
      return new PatchedIndex(r, t, names, confidence);
    }

    private Optional<String> apply(
        List<Change> changes, Collection<String> added, Collection<String> removed, int top)
        throws IOException {
      long t0 = cpu();
      PatchedIndex before = view();
      if (before.size() == 0) {
        return Optional.of("an empty collection");
      }
      if (patches >= MAX_PATCHES) {
        return Optional.of(
            MAX_PATCHES + " patches since the last full build: built whole to compact the index");
      }
      for (Change c : changes) {
        Skill was = c.before();
        Skill is = c.after();
        String id = c.id().value();
        if (was != null
            && is != null
            && (!was.id().equals(is.id()) || !was.name().equals(is.name()))) {
          return Optional.of("a skill's id or name changed: " + was.id().value());
        }
        if (!changed.add(c.id())) {
          return Optional.of("a skill changed twice in one patch: " + id);
        }
        OptionalInt ord = before.ordOf(id);
        Document old = null;
        int key;
        if (was == null) {
          if (ord.isPresent()) {
            return Optional.of("added, but the patch state's index holds it: " + id);
          }
          key = before.baseDocs() + adds; // a key no skill had since the full build
        } else {
          if (ord.isEmpty()) {
            return Optional.of("not in the patch state's index: " + id);
          }
          old = SkillDocument.of(was);
          if (!IndexedSkill.of(old).equals(before.skill(ord.getAsInt()))) {
            return Optional.of("the patch state holds another document for " + id + " than given");
          }
          key = before.keyOf(ord.getAsInt());
        }
        Document now = is == null ? null : SkillDocument.of(is);
        // an add or a removal: an edit from (to) an empty document, every term held differently
        boolean oneSided = old == null || now == null;
        Inverted[] inverted =
            INVERT_ONCE || oneSided ? new Inverted[] {Inverted.of(old), Inverted.of(now)} : null;
        Map<String, Set<String>> byField =
            INVERT_ONCE || oneSided
                ? heldDifferentlyByField(inverted[0], inverted[1])
                : heldDifferentlyByField(old, now);
        Set<String> differ = new TreeSet<>();
        byField.values().forEach(differ::addAll);
        if (!oneSided && differ.isEmpty() && IndexedSkill.of(now).equals(IndexedSkill.of(old))) {
          continue; // the same document (an edit past the indexed text, of a reference…)
        }
        changedTerms.addAll(differ);
        byField.forEach((f, ts) -> ts.forEach(t -> heldBy.add(f + '\u0000' + t)));
        changedKeys.add(key);
        changedDocs.add(
            inverted != null
                ? inverted
                : new Inverted[] {Inverted.of(old), Inverted.of(SkillDocument.of(is))});
        similarTerms.addAll(byField.getOrDefault(Fields.ALL, Set.of()));
        similarTerms.addAll(byField.getOrDefault(Fields.BODY, Set.of()));
        if (old != null) {
          // a copy that was live in a patch segment: marked, a fold drops it (PatchFold)
          tomb.addDocument(
              before.patchedOrds().contains(ord.getAsInt()) ? PatchFold.stale(old) : old);
        }
        if (is == null) {
          index.deleteDocuments(new Term(Fields.ID, id));
          removedIds.add(id);
        } else {
          now = SkillDocument.of(is);
          now.add(new NumericDocValuesField(PatchedIndex.ORD, key));
          if (was == null) {
            index.addDocument(now);
            adds++;
            addedIds.add(id);
          } else {
            index.updateDocument(new Term(Fields.ID, id), now);
          }
        }
        replaced = true;
      }
      if (replaced) {
        long f0 = cpu();
        if (PatchFold.fold(index, tomb)) {
          parts.put("fold", (cpu() - f0) / 1_000_000);
        }
      }
      after = view();
      if (SHARED_DF) {
        after.sharing(before, heldBy); // one df lookup per term a patch, not one per view
      }
      // the terms some field's document frequency moved for in this patch (any field: the router's,
      // confidence's all, body and not_for)
      Set<String> dfMoved = new HashSet<>();
      for (String ft : heldBy) {
        int z = ft.indexOf('\u0000');
        String f = ft.substring(0, z);
        String t = ft.substring(z + 1);
        if (Unmoved.READ_FIELDS && !Unmoved.dfRead(f)) {
          continue; // phrase, keyword: no ranking reads how many documents hold their terms
        }
        if (!dfMoved.contains(t) && before.docFreq(f, t) != after.docFreq(f, t)) {
          dfMoved.add(t);
        }
      }
      long t1 = cpu();
      parts.put("replace", (t1 - t0) / 1_000_000);
      wall("replace");
      Set<String> fields = new TreeSet<>(IndexDelta.indexedFields(readers.get(0)));
      fields.addAll(IndexDelta.indexedFields(readers.get(2)));
      Optional<String> differ = statisticsDiffer(before, after, fields);
      if (differ.isPresent()) {
        return differ;
      }
      triggers.remove(removed);
      triggers.add(added);
      for (Change c : changes) {
        if (c.after() == null) {
          surfaces.remove(List.of(c.id().value()));
          continue;
        }
        IndexedSkill s = IndexedSkill.of(SkillDocument.of(c.after()));
        surfaces.put(s.id().value(), surfaceTerms(after.terms(), s));
        similarMayChange.add(s.id().value());
      }
      long t2 = cpu();
      parts.put("statistics", (t2 - t1) / 1_000_000);
      wall("statistics");
      similarMayChange.addAll(narrowed(before, after));
      similarMayChange.removeAll(removedIds); // no list: its record is dropped at commit
      long t3 = cpu();
      parts.put("similar", (t3 - t2) / 1_000_000);
      wall("similar");
      Unmoved unmoved = new Unmoved(before, after, changedKeys, changedDocs, dfMoved, top);
      int[] pruned = {0};
      Map<String, byte[]> asked =
          new TreeMap<>(
              Unmoved.ON && Unmoved.PRUNE && !changedKeys.isEmpty()
                  ? triggers.usingRecords(changedTerms, unmoved.prune(), pruned)
                  : triggers.usingRecords(changedTerms));
      // every held trigger of a changed skill, old and new (the health side reads X's own probes)
      Set<String> own = new TreeSet<>();
      for (Change c : changes) {
        for (Skill side : java.util.Arrays.asList(c.before(), c.after())) {
          if (side != null) {
            own.addAll(side.triggers().all());
          }
        }
      }
      own.removeAll(removed);
      triggers.recordsOf(own).forEach(asked::putIfAbsent);
      added.forEach(q -> asked.put(q, new byte[0]));
      Router router = Router.over(after, confidence);
      Router was = Router.over(before, confidence);
      Ranker now = new Ranker(after, confidence, top);
      Ranker then = new Ranker(before, confidence, top);
      Map<String, Optional<Recorded>> toRank = new TreeMap<>();
      Map<String, Recorded> toDecide = new TreeMap<>();
      for (Map.Entry<String, byte[]> e : asked.entrySet()) {
        String q = e.getKey();
        Optional<Recorded> rec =
            added.contains(q) ? Optional.empty() : Recorded.parse(e.getValue());
        if (rec.isPresent() && !own.contains(q) && Unmoved.ON) {
          toDecide.put(q, rec.get());
        } else {
          toRank.put(q, rec);
        }
      }
      long t4 = cpu();
      parts.put("asked", (t4 - t3) / 1_000_000);
      wall("asked");
      // the decisions priced before they are made (PatchCaps): a pass over thousands of phrases
      // is refused at once, not after it ran; its price counts against the rankings' budget
      PatchCaps.Work deciding =
          PatchCaps.work(0, toDecide.size(), similarMayChange.size(), before.size());
      Optional<String> tooMany = PatchCaps.refusal(deciding);
      if (tooMany.isPresent()) {
        PatchCaps.priced(deciding);
        return tooMany;
      }
      for (Map.Entry<String, Recorded> e : toDecide.entrySet()) {
        if (!unmoved.test(e.getKey(), e.getValue())) {
          toRank.put(e.getKey(), Optional.of(e.getValue()));
        } // else its ranking is the same before and after: not asked
      }
      long t5 = cpu();
      parts.put("unmoved", (t5 - t4) / 1_000_000);
      wall("unmoved");
      // priced before the work (PatchCaps, branch speed): over budget, refused at once; the
      // decisions above are priced with them
      int made = 2 * toRank.size() - (int) toRank.keySet().stream().filter(added::contains).count();
      PatchCaps.Work priced =
          PatchCaps.work(made, toDecide.size(), similarMayChange.size(), before.size());
      PatchCaps.priced(priced);
      Optional<String> over = PatchCaps.refusal(priced);
      if (over.isPresent()) {
        return over;
      }
      long cpu0 = PatchCaps.threadCpu();
      for (Map.Entry<String, Optional<Recorded>> e : toRank.entrySet()) {
        String q = e.getKey();
        Optional<Recorded> rec = e.getValue();
        rankings.put(q, now.rank(q, rec).orElseGet(() -> router.rank(q, top)));
        if (!added.contains(q)) {
          rankingsBefore.put(q, then.rank(q, rec).orElseGet(() -> was.rank(q, top)));
        }
      }
      PatchCaps.made(priced.withCpu(PatchCaps.threadCpu() - cpu0));
      parts.put("rankings", (cpu() - t5) / 1_000_000);
      wall("rankings");
      counts.put("asked", asked.size() - unmoved.decided);
      counts.put("unmoved", unmoved.decided);
      counts.put("pruned", pruned[0]);
      String[] how = {"no clause", "bound", "saturated", "exact", "not exact"};
      for (int i = 0; i < how.length; i++) {
        counts.put("unmoved: " + how[i], unmoved.by[i]);
      }
      counts.put("re-ranked", now.missed + then.missed);
      counts.put("from records", now.made + then.made);
      counts.put("candidates", now.candidates + then.candidates);
      return Optional.empty();
    }

    /**
     * The route step's counts: rankings asked (phrases), rankings made whole (a search over the
     * postings: "re-ranked", before and after counted apart), made from their records ("from
     * records") and the candidates those scored.
     */
    public Map<String, Integer> counts() {
      return counts;
    }

    /**
     * The CPU (ms, this thread) of {@link #patch}'s parts: open (the state), replace, statistics,
     * similar, asked (the phrases and their records looked up), unmoved (the decisions from
     * records), rankings.
     */
    public Map<String, Long> parts() {
      return parts;
    }

    /**
     * The wall time (ms) of {@link #parts}' parts, each since the one before (--timings: the part's
     * wall beside its CPU tells what it waits on). Mutable: a caller adds its own parts.
     */
    public Map<String, Long> walls() {
      return walls;
    }

    private void wall(String part) {
      long w = System.nanoTime();
      walls.put(part, (w - lastWall) / 1_000_000);
      lastWall = w;
    }

    private static long cpu() {
      return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Trigger phrase → its ranking now, for every phrase whose ranking may have changed. */
    public Map<String, RouteResult> rankings() {
      return rankings;
    }

    /**
     * The same phrases as {@link #rankings} (less the added ones) ranked as before the patch: on
     * the state's index as it was, which ranks as a fresh index of the old skills. What a caller
     * compares to see whether anything it shows of a ranking changed.
     */
    public Map<String, RouteResult> rankingsBefore() {
      return rankingsBefore;
    }

    /** The state's generation this patch starts from; {@link #commit} makes it one more. */
    public long generation() {
      return gen;
    }

    /**
     * The skills (ids) whose similar skills may have changed: the changed ones and those {@link
     * #narrowed} finds; every other skill's list is provably as before (the proof is {@link
     * #narrowed}'s). Not re-computed here: build/RelatedPatch asks {@link #similarSkills} for them.
     */
    public Set<String> similarMayChange() {
      return similarMayChange;
    }

    /**
     * How many skills each case of {@link #narrowed} found (they overlap): for figures and
     * diagnostics.
     */
    public Map<String, Integer> similarMayChangeParts() {
      return similarParts;
    }

    /**
     * The set session 7's rule asked (every walker of a changed term, chooser of one whose
     * frequency moved, and case 3), the changed skills aside: a superset of {@link
     * #similarMayChange} less the changed skills; for tests and figures.
     */
    public Set<String> similarMayChangeBefore() {
      return similarBefore;
    }

    /**
     * The wider set this patch once asked (kept to compare with): the changed skills and every
     * skill whose surface holds a term a changed document holds differently in any field. A
     * superset of {@link #similarMayChange}; costs the surface postings of every changed term.
     */
    public Set<String> similarMayChangeWide() {
      Set<String> out = new TreeSet<>(changedIds());
      out.addAll(surfaces.using(changedTerms));
      return out;
    }

    /**
     * The skills other than the changed ones whose similar list may change. For a skill S not
     * changed, {@link SimilarSkills#similar} reads: S's own stored surface and body frequencies
     * (not changed); the collection's size (the same skills) and each field's document count and
     * quantized average length ({@link #statisticsDiffer} refused otherwise); the background and
     * analysis (fixed by the key); the document frequency in {@code all} and {@code body} of S's
     * surface words (which words are usable, their weights {@code √tf · idf(max df) · topical}, the
     * 20 chosen and, by {@code df_all + df_body}, the walk order and budget); the postings of the
     * walked words (candidates, their frequencies and norms: BM25 scores); whether each of the best
     * {@code 3n + 1} candidates holds each specific chosen word in {@code all} (the shared words
     * filter); ties broken by document, which a patch keeps. Let C be the terms a changed document
     * holds differently in {@code all} or {@code body} (another frequency or, when its norm moved,
     * every term of the field) and D ⊆ C those whose document frequency in either field changed.
     * Then S's list is as before unless
     *
     * <ol>
     *   <li>S walks a term of C (its candidates or scores may change; a changed document's norm or
     *       holding of a walked word is here), or
     *   <li>S chose a term of D (its weight, the walk order, the budget, or the shared-words filter
     *       for a changed candidate that gained or lost a chosen word), or
     *   <li>a term t of D on S's surface that S did not choose may now be chosen: it became usable
     *       (was not usable before this patch or at the full build — every skill with t on its
     *       surface is asked), or it stays usable and its weight may pass S's last chosen one. Its
     *       weight is S's own factors times {@code idf(df)}: for a record the full build made,
     *       {@code w(t) = w_base(t) · idf(df_now) / idf(df_base) ≤ next · r} with {@code next} the
     *       heaviest unchosen usable weight at the full build and {@code df_base} the base
     *       segment's frequency — S is asked when {@code next · r · (1 + SLACK) ≥ cut}; for a
     *       record a patch made, when t's frequency fell in this patch (weights not chosen only
     *       fell since, so they stay behind the cut). When S had no unchosen usable word at its
     *       record, a usable t was chosen: case 2.
     * </ol>
     *
     * Otherwise S's chosen words, weights, walk and candidates' postings are the same, and so is
     * its list. A record stays right: a skill not asked kept its query (so its chosen words, walk
     * and cut), and every skill asked gets a new record at {@link #commit} (a patch's). Cost: the
     * table postings of C (walked) and D (chosen, surface): O(df) of the changed terms.
     */
    private Set<String> narrowed(PatchedIndex before, PatchedIndex after) throws IOException {
      int n = after.size();
      List<String> fields = List.of(Fields.ALL, Fields.BODY);
      Set<String> out = new TreeSet<>();
      try (var reader = similar.reader()) {
        // case 1's records, read once: the skills walking a changed word are their ids
        Map<String, SimilarTable.Record> records = new TreeMap<>();
        for (String t : similarTerms) {
          SimilarTable.records(reader, SimilarTable.WALKED, t, records, out);
        }
        similarParts.put("walk a changed term", out.size());
        Set<String> moved = new TreeSet<>();
        Set<String> crossed = new TreeSet<>();
        Set<String> rising = new TreeSet<>();
        for (String f : fields) { // one sorted batch a view and field (PatchedIndex#docFreqs)
          before.docFreqs(f, similarTerms);
          after.docFreqs(f, similarTerms);
        }
        for (String t : similarTerms) {
          int dfBefore = 0;
          int dfAfter = 0;
          int dfBase = 0;
          boolean differ = false;
          for (String f : fields) {
            int b = before.docFreq(f, t);
            int a = after.docFreq(f, t);
            differ |= a != b;
            dfBefore = Math.max(dfBefore, b);
            dfAfter = Math.max(dfAfter, a);
            dfBase = Math.max(dfBase, after.baseDocFreq(f, t));
          }
          if (!differ) {
            continue;
          }
          moved.add(t);
          if (!SimilarSkills.usable(dfAfter, n)) {
            continue; // cannot be chosen now: only those that chose it (case 2)
          }
          if (!SimilarSkills.usable(dfBefore, n) || !SimilarSkills.usable(dfBase, n)) {
            SimilarTable.with(reader, SimilarTable.SURFACE, t, (cn, p) -> true, crossed);
            continue;
          }
          double r = Idf.of(n, dfAfter) / Idf.of(n, dfBase);
          boolean fell = dfAfter < dfBefore;
          SimilarTable.with(
              reader,
              SimilarTable.SURFACE,
              t,
              (cn, patched) -> cn[1] > 0 && (patched ? fell : cn[1] * r * (1 + SLACK) >= cn[0]),
              rising);
        }
        Set<String> chosen = new TreeSet<>();
        for (String t : moved) {
          SimilarTable.records(reader, SimilarTable.TOP, t, records, chosen);
        }
        similarParts.put("chose a term whose frequency moved", chosen.size());
        similarParts.put("a term became usable", crossed.size());
        similarParts.put("an unchosen term may pass the cut", rising.size());
        Set<String> wide = new TreeSet<>(out);
        wide.addAll(chosen);
        out.clear();
        out.addAll(crossed);
        out.addAll(rising);
        // cases 1 and 2, each skill's recorded query asked whether its list can move
        Set<String> ids = changedIds();
        PatchedStats was = new PatchedStats(before);
        PatchedStats now = new PatchedStats(after);
        chosenFrequencies(records.values(), out, ids, before, after);
        int cleared = 0;
        for (SimilarTable.Record r : records.values()) {
          if (out.contains(r.id()) || ids.contains(r.id())) {
            continue;
          }
          if (listHolds(r, was, now, n)) {
            cleared++;
          } else {
            out.add(r.id());
          }
        }
        wide.addAll(out);
        similarBefore.addAll(wide);
        similarParts.put("asked before their records were read", wide.size());
        similarParts.put("cleared by their recorded query", cleared);
        similarParts.put(
            "cleared by the drift bound", drifts.getOrDefault("cleared by the drift bound", 0));
        similarParts.put(
            "refused by the drift bound", drifts.getOrDefault("refused by the drift bound", 0));
        drifts.forEach(
            (k, v) -> {
              if (k.startsWith("refused: ") || k.startsWith("cleared: ")) {
                similarParts.put(k, v);
              }
            });
      }
      return out;
    }

    /**
     * The document frequencies {@link #listHolds} reads (every chosen word of the records it will
     * check, in {@code all} and {@code body}, on both views) read at once in sorted order ({@link
     * PatchedIndex#docFreqs}) rather than a seek per word as each record asks: the same numbers.
     */
    private static void chosenFrequencies(
        Collection<SimilarTable.Record> records,
        Set<String> asked,
        Set<String> changed,
        PatchedIndex before,
        PatchedIndex after) {
      if (!PatchedIndex.DF_BATCH) {
        return;
      }
      Set<String> words = new HashSet<>();
      for (SimilarTable.Record r : records) {
        if (!asked.contains(r.id()) && !changed.contains(r.id())) {
          r.chosen().forEach(c -> words.add(c.term()));
        }
      }
      for (String f : List.of(Fields.ALL, Fields.BODY)) {
        before.docFreqs(f, words);
        after.docFreqs(f, words);
      }
    }

    /**
     * Whether skill S's list (its record {@code r}) is provably the same on the patched index
     * ({@code now}) as before it ({@code was}), S not changed, the collection statistics held and S
     * not asked by case 3 of {@link #narrowed}. Its query's chosen words are recorded with what
     * their weights are made of (S's own frequencies), so their weights and postings on either
     * index are computed exactly as {@link SimilarSkills} does, from two document frequencies each.
     * The list is the same when:
     *
     * <ol>
     *   <li><b>the chosen words are the same</b>: each is usable on both, and if S chose {@code
     *       MAX_TERMS} words, each whose weight moved is now above the recorded cut (times {@code 1
     *       + SLACK}). The unchosen words weigh at most the cut (at the record at most {@code
     *       next}; since then one only rose when case 3 let it, staying below the cut), and a
     *       chosen word whose weight never moved since the record ties with them as it did then; so
     *       the top {@code MAX_TERMS} are these words, with fewer all usable words are (a word that
     *       becomes usable is case 3's);
     *   <li><b>in the same order</b> (weight, then word) on both: the order scores are summed in,
     *       and the order of the reason's words;
     *   <li><b>the same walk</b>: the walk computed from each word's postings on both indexes is
     *       the same (and the recorded one);
     *   <li><b>every walked word keeps its document frequency in both fields</b>: then its weight
     *       and its BM25 idf in each field are the same, and every skill but the changed ones keeps
     *       its score in S's table (its frequencies and norm are not changed, nor the averages);
     *   <li><b>no changed skill X is, or becomes, one of S's best {@code FLOOR_DEPTH}</b>: X's
     *       score for S before and after (S's walked words against X's frequencies and norms, as
     *       the table adds them) is 0 or below the recorded floor by a relative {@code 1e-5} (float
     *       sums of at most 40 terms are within it). The floor is the {@code FLOOR_DEPTH}-th best
     *       score at the record and is so still: a skill not asked kept every score but changed
     *       skills', and those stayed below it. {@code FLOOR_DEPTH ≥ 3n + 1} for every {@code n}
     *       the related stage asks, so S's window {@code best(3n + 1)} keeps its skills and order,
     *       and every other skill in it keeps its shared words (the reason and the filter).
     * </ol>
     *
     * Then S's similar list (ids, scores, reasons, order) is the one it had. <b>When walked words'
     * frequencies moved</b> (4 fails), S's list still shows the same skills, order and reasons when
     * the drift bound holds. A candidate Y (not changed) scores {@code Σ_t Σ_f W_f(t) · g_f(t, Y)}
     * with {@code W_f(t)} the word's BM25 weight in field f for S's query weight of t and {@code g
     * ∈ [0, 1)} Y's own frequency and length part, which did not move; so Y's score moved by at
     * most {@code δ = Σ_t Σ_f |W_f,after(t) − W_f,before(t)|} over the walked words whose frequency
     * moved, and the difference of two candidates' scores by less than δ too (each word moves both
     * the same way, by at most {@code |ΔW|} apart). The record keeps the best score, the least gap
     * between consecutive scores of its best {@code FLOOR_DEPTH} among pairs holding a listed
     * candidate (one sharing {@code MIN_SHARED} specific words, a property of its own words), its
     * floor, the next score ({@code beyond}: every skill outside its best {@code FLOOR_DEPTH}
     * scored at most that, relative to the floor) and its drift D (the δs of the patches that
     * cleared it since its query made it). With {@code D' = D + δ}: when the gap and {@code floor −
     * beyond} both exceed D' (plus a relative 1e-5 for float sums), no listed candidate changed
     * rank, no other skill entered the best {@code FLOOR_DEPTH}, unlisted ones passing one another
     * moved no listed one, and each changed skill X scores below the floor less D before and D'
     * after: the windows hold the same listed skills in the same order, with the same shared words.
     * The record is kept with D' and {@code beyond' = max(beyond, X's score after)} ({@link
     * SimilarTable#drifted}, no query). S's record stays right though its weights moved: what it
     * records (own frequencies, walk, cut, floor) is what a new record would say, but for {@code
     * cut}, which is the bound the invariants above need. Cost: two document frequencies a chosen
     * word (cached across skills) and a look-up per walked word in each changed document: O(1) a
     * skill.
     */
    private boolean listHolds(SimilarTable.Record r, PatchedStats was, PatchedStats now, int n) {
      List<SimilarSkills.Chosen> chosen = r.chosen();
      if (chosen.isEmpty()) {
        return false;
      }
      int size = 2 * chosen.size(); // no map grows: at most MAX_TERMS words
      Map<String, Double> wb = new HashMap<>(size);
      Map<String, Double> wa = new HashMap<>(size);
      Map<String, Integer> pb = new HashMap<>(size);
      Map<String, Integer> pa = new HashMap<>(size);
      Set<String> idfMoved = new TreeSet<>();
      boolean full = chosen.size() >= 20;
      for (SimilarSkills.Chosen c : chosen) {
        String t = c.term();
        int[] f = frequencies(t, was, now);
        int ab = f[0];
        int bb = f[1];
        int aa = f[2];
        int ba = f[3];
        int dfb = Math.max(ab, bb);
        int dfa = Math.max(aa, ba);
        if (!SimilarSkills.usable(dfb, n) || !SimilarSkills.usable(dfa, n)) {
          return refuse("a chosen word not usable");
        }
        double b = c.weight(n, dfb);
        double a = c.weight(n, dfa);
        if (a != b && full && !(a > r.cut() * (1 + SLACK))) {
          return refuse("a moved weight not above the cut");
        }
        if (ab != aa || bb != ba) {
          idfMoved.add(t);
        }
        wb.put(t, b);
        wa.put(t, a);
        pb.put(t, ab + bb);
        pa.put(t, aa + ba);
      }
      List<String> order;
      if (ORDER_CHECK) {
        order = new ArrayList<>(chosen.size());
        chosen.forEach(c -> order.add(c.term()));
        if (!inOrder(order, wb) || !inOrder(order, wa)) {
          return refuse("the chosen words' order");
        }
      } else {
        order = order(wb);
        if (!order.equals(order(wa))
            || !order.equals(chosen.stream().map(SimilarSkills.Chosen::term).toList())) {
          return refuse("the chosen words' order");
        }
      }
      Set<String> walked = SimilarSkills.walked(order, pb, SimilarSkills.MAX_POSTINGS);
      if (!walked.equals(SimilarSkills.walked(order, pa, SimilarSkills.MAX_POSTINGS))
          || !walked.equals(r.walked())) {
        return refuse("the walk");
      }
      double delta = 0;
      for (String t : walked) {
        if (idfMoved.contains(t)) {
          for (Fields.Weighted f : SimilarSkills.fields()) {
            float b = was.weight(f.field(), t, (float) (f.boost() * wb.get(t)));
            float a = now.weight(f.field(), t, (float) (f.boost() * wa.get(t)));
            delta += Math.abs((double) a - b);
          }
        }
      }
      SimilarSkills.Scores sc = r.scores();
      if (delta > 0 && sc == null) {
        return refuse("no recorded scores"); // a record without its scores: only an exact hold
      }
      double drift = r.drift() + delta;
      double beyond = sc == null ? 0 : sc.beyond();
      boolean inWindow = false;
      if (NEAR_FLOOR && sc != null) {
        double[][] ba = new double[changedDocs.size()][];
        for (int i = 0; i < ba.length; i++) {
          Inverted[] x = changedDocs.get(i);
          double b = score(x[0], order, walked, wb, was);
          double a = score(x[1], order, walked, wa, now);
          ba[i] = new double[] {b, a};
          if (!below(b, r.floor() - r.drift())) {
            String why = inWindow(x, chosen, b, a, r, sc);
            if (why != null) {
              return refuse(why);
            }
            drift += Math.abs(a - b); // X's own move: every difference with X moves by at most it
            inWindow = true;
          }
        }
        for (int i = 0; i < ba.length; i++) {
          if (below(ba[i][0], r.floor() - r.drift())) {
            if (!below(ba[i][1], r.floor() - drift)) {
              return refuse("a changed skill near the floor");
            }
            beyond = Math.max(beyond, ba[i][1]);
          }
        }
      } else {
        for (Inverted[] x : changedDocs) {
          double b = score(x[0], order, walked, wb, was);
          double a = score(x[1], order, walked, wa, now);
          if (!below(b, r.floor() - r.drift()) || !below(a, r.floor() - drift)) {
            return refuse("a changed skill near the floor");
          }
          beyond = Math.max(beyond, a);
        }
      }
      if (drift > 0) {
        double margin = drift + 1e-5 * (sc.best() + drift);
        if (!(sc.gap() > margin) || r.floor() > 0 && !(r.floor() - beyond > margin)) {
          if (inWindow) { // a changed skill's own move, counted apart from the words' drift
            return refuse("a changed skill in the window moved past the gap");
          }
          drifts.merge("refused by the drift bound", 1, Integer::sum);
          return false;
        }
      }
      if (sc != null && (drift != r.drift() || (float) beyond != sc.beyond())) {
        drifted.put(r.id(), new double[] {drift, beyond});
        if (delta > 0) {
          drifts.merge("cleared by the drift bound", 1, Integer::sum);
        }
      }
      if (inWindow) {
        drifts.merge("cleared: a changed skill in the window", 1, Integer::sum);
      }
      return true;
    }

    /**
     * Why a changed skill X that scored (before this patch, {@code b}) not below S's floor cannot
     * be counted as a drift of {@code |a − b|} ({@link #NEAR_FLOOR}), or null when it can. It can
     * when X is one of S's best {@code FLOOR_DEPTH} (so it stays one: see {@link #listHolds}'s
     * drift bound) and shares the same chosen words with S before and after (so it is listed, and
     * with the same reason, exactly when it was). The record's invariant: every score, and every
     * difference of two, moved by at most its drift D since its query; the best {@code FLOOR_DEPTH}
     * are those of the record; every other skill scores at most {@code beyond + D}. So X, not below
     * {@code beyond + D} (relative 1e-5), is one of the best. With the floor 0 (fewer candidates
     * than {@code FLOOR_DEPTH}) every candidate is; X must be one before and after (a skill
     * becoming, or ceasing to be, a candidate shifts the ranks below it).
     */
    private static String inWindow(
        Inverted[] x,
        List<SimilarSkills.Chosen> chosen,
        double b,
        double a,
        SimilarTable.Record r,
        SimilarSkills.Scores sc) {
      if (!(b > 0) || !(a > 0)) {
        return "a changed skill becomes or stops being a candidate";
      }
      if (r.floor() > 0 && !(b > (sc.beyond() + r.drift()) * (1 + 1e-5))) {
        return "a changed skill near the floor";
      }
      Map<String, Integer> was = x[0].freqs().getOrDefault(Fields.ALL, Map.of());
      Map<String, Integer> now = x[1].freqs().getOrDefault(Fields.ALL, Map.of());
      for (SimilarSkills.Chosen c : chosen) {
        if (was.getOrDefault(c.term(), 0) > 0 != now.getOrDefault(c.term(), 0) > 0) {
          return "a changed skill in the window shares other words";
        }
      }
      return null;
    }

    /** The views {@link #frequencies} holds the words' frequencies of. */
    private PatchedStats frequenciesWas;

    private PatchedStats frequenciesNow;

    private final Map<String, int[]> frequencies = new HashMap<>();

    /**
     * Word {@code t}'s document frequencies in {@code all} and {@code body} on {@code was}, then on
     * {@code now}: read once a patch, not once for every record choosing it (thousands share the
     * common words; the views never change).
     */
    private int[] frequencies(String t, PatchedStats was, PatchedStats now) {
      if (was != frequenciesWas || now != frequenciesNow) {
        frequencies.clear();
        frequenciesWas = was;
        frequenciesNow = now;
      }
      int[] f = frequencies.get(t);
      if (f == null) {
        f =
            new int[] {
              was.docFreq(Fields.ALL, t),
              was.docFreq(Fields.BODY, t),
              now.docFreq(Fields.ALL, t),
              now.docFreq(Fields.BODY, t)
            };
        frequencies.put(t, f);
      }
      return f;
    }

    /** False, counting why ({@link #similarMayChangeParts}: "refused: …"). */
    private boolean refuse(String why) {
      drifts.merge("refused: " + why, 1, Integer::sum);
      return false;
    }

    /**
     * Whether {@code terms} are in {@link #order}'s order of {@code weights} (heavier first, then
     * by word): that order is total, so the sorted list equals {@code terms} exactly when each
     * consecutive pair is in order — the same answer as sorting, without the sort.
     */
    static boolean inOrder(List<String> terms, Map<String, Double> weights) {
      for (int i = 1; i < terms.size(); i++) {
        String a = terms.get(i - 1);
        String b = terms.get(i);
        int c = Double.compare(weights.get(b), weights.get(a));
        if (c > 0 || c == 0 && a.compareTo(b) >= 0) {
          return false;
        }
      }
      return true;
    }

    static List<String> order(Map<String, Double> weights) {
      List<String> out = new ArrayList<>(weights.keySet());
      out.sort(
          (a, b) -> {
            int c = Double.compare(weights.get(b), weights.get(a)); // heavier first
            return c != 0 ? c : a.compareTo(b);
          });
      return out;
    }

    /** Whether a skill of {@code score} is outside a window whose last score is {@code floor}. */
    private static boolean below(double score, double floor) {
      return score == 0 || floor > 0 && score < floor * (1 - 1e-5);
    }

    /** The score a query ({@code order}, its {@code walked} words, weights) gives document x. */
    private static double score(
        Inverted x,
        List<String> order,
        Set<String> walked,
        Map<String, Double> weight,
        PatchedStats stats) {
      double sum = 0;
      for (String t : order) {
        if (!walked.contains(t)) {
          continue;
        }
        for (Fields.Weighted f : SimilarSkills.fields()) {
          int freq = x.freqs().getOrDefault(f.field(), Map.of()).getOrDefault(t, 0);
          if (freq > 0) {
            byte norm = (byte) (long) x.norms().getOrDefault(f.field(), 0L);
            sum += stats.score(f.field(), t, (float) (f.boost() * weight.get(t)), freq, norm);
          }
        }
      }
      return sum;
    }

    /** The terms (of any field) a changed skill's document holds differently now. */
    public Set<String> changedTerms() {
      return changedTerms;
    }

    /** The skills patched. */
    public Set<SkillId> changed() {
      return changed;
    }

    /** The ids of the skills this patch added (none had them before it). */
    public Set<String> addedIds() {
      return addedIds;
    }

    /** The ids of the skills this patch removed (no live skill has them after it). */
    public Set<String> removedIds() {
      return removedIds;
    }

    /** The ids of the skills patched (added and removed ones included). */
    public Set<String> changedIds() {
      Set<String> out = new TreeSet<>();
      changed.forEach(id -> out.add(id.value()));
      return out;
    }

    /** Skills in the collection. */
    public int size() {
      return after.size();
    }

    /** The position of a skill in the collection's order (its document in a fresh index). */
    public int ordOf(String id) {
      return after.ordOf(id).orElseThrow();
    }

    /** The stored part of the skill at {@code ord}, as {@link IndexContents#skill} gives it. */
    public IndexContents.StoredSkill skill(int ord) {
      IndexedSkill s = after.skill(ord);
      return new IndexContents.StoredSkill(
          s.id(), s.name(), s.phrases(), s.keywords(), s.headings(), s.notFor());
    }

    /** The postings of {@code term} in {@code field} now, as {@link IndexContents#postings}. */
    public List<IndexContents.Posting> postings(String field, String term) {
      return after.postings(field, term);
    }

    /**
     * The frequency of {@code term} in {@code field} of the skill at each of {@code ords} now (0:
     * not held), as {@link #postings} has it: a seek a skill, not a walk of the term's postings.
     */
    public int[] freqsAt(String field, String term, int[] ords) {
      return after.freqsAt(field, term, ords);
    }

    /** Skills holding {@code term} in {@code field} now: {@link #postings}' size, without them. */
    public int docFreq(String field, String term) {
      return after.docFreq(field, term);
    }

    /** The length norm byte of the skill at {@code ord} in {@code field} now. */
    public byte norm(String field, int ord) {
      return after.norm(field, ord);
    }

    /** Documents with {@code field} and the sum of its lengths now (live documents). */
    public long[] statistics(String field) {
      CollectionStatistics s = after.statistics(List.of(field)).get(field);
      return s == null ? new long[] {0, 0} : new long[] {s.docCount(), s.sumTotalTermFreq()};
    }

    /** A router over the patched index (the same answers as over a fresh index of the skills). */
    public Router router() {
      return Router.over(after, confidence);
    }

    /** The patched index this patch made (for tests: its statistics against a fresh index's). */
    PatchedIndex index() {
      return after;
    }

    /**
     * Similar skills on the patched index: for any skill, the list a fresh index of the edited
     * collection gives ({@link RoutingIndex#similarSkills}: the same words, budget, scores, ties
     * and reasons), reading the postings of that skill's words only. Ask it about {@link
     * #similarMayChange} (every other skill's list is as before).
     */
    public SimilarSkills similarSkills() {
      PatchedIndex at = after;
      return new SimilarSkills(
          new SimilarSkills.Skills() {
            @Override
            public int size() {
              return at.size();
            }

            @Override
            public IndexedSkill skill(int doc) {
              return at.skill(doc);
            }

            @Override
            public TermReader terms() {
              return at.terms();
            }

            @Override
            public Background background() {
              return at.background();
            }

            @Override
            public OptionalInt doc(SkillId id) {
              return at.ordOf(id.value());
            }
          },
          new PatchedStats(at),
          SimilarSkills.MAX_POSTINGS,
          (walk, doc) -> walksMade.put(doc, walk));
    }

    /** The notes the state was written or last committed with. */
    public Map<String, String> notes() {
      return notes;
    }

    /** Makes the patched state the state (the next patch starts from it), its notes kept. */
    public void commit() throws IOException {
      commit(notes);
    }

    /**
     * Starts writing the state's next commits (every part's, synced, not yet visible) on another
     * thread, so that it overlaps what the caller does next (the site's syncs); {@link #commit}
     * waits for it and finishes them, {@link #close} waits for it and drops them. Nothing when
     * switched off ({@link #EARLY_PREPARE}) or started already.
     */
    public void prepareCommit() {
      if (!EARLY_PREPARE || tablesPreparing != null || committed) {
        return;
      }
      tablesPreparing =
          COMMITS.submit(
              () -> {
                long t = System.nanoTime();
                stageTables();
                tablesMillis = (System.nanoTime() - t) / 1_000_000;
                return null;
              });
    }

    private java.util.concurrent.Future<?> tablesPreparing;
    private volatile long tablesMillis = -1;

    /** Waits for {@link #prepareCommit}'s thread, if any; its failure, if it failed. */
    void awaitTables() throws IOException {
      if (tablesPreparing == null) {
        return;
      }
      try {
        tablesPreparing.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        } else if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the patch state was prepared", e);
      }
    }

    /**
     * The similar table's new entries put (as the commit puts them), the index's and tombstones'
     * commits prepared ({@link #prepare}), then each table's next commit written and synced
     * (Lucene's prepareCommit): {@link #prepareCommit}'s thread.
     */
    private void stageTables() throws IOException {
      putSimilar();
      prepare();
      Map<String, String> next = Map.of(GEN, Long.toString(gen + 1));
      triggers.prepareCommit(next);
      surfaces.prepareCommit(next);
      similar.prepareCommit(next);
    }

    /**
     * Waits for the commits being prepared ({@link #prepareCommit}, the index's and tombstones'
     * prepared behind) and returns the syncs they put off ({@link FileSystemSync#on()}): the
     * publish makes them durable with the site's files, before {@link #commit} renames the commit
     * points that name them (which otherwise syncs them itself). The tables' commits not prepared
     * early ({@link #EARLY_PREPARE} off) are prepared in {@link #commit}, their files synced there.
     */
    public FileSystemSync.Deferred prepared() throws IOException {
      awaitTables();
      if (!committed) {
        prepare();
      }
      return deferred;
    }

    /** Makes the patched state the state, with these notes. */
    public void commit(Map<String, String> notes) throws IOException {
      awaitTables();
      if (tablesPreparing == null) {
        prepare();
        if (!committed) {
          putSimilar();
        }
      }
      commitState(notes);
    }

    private void putSimilar() throws IOException {
      if (!committed) {
        for (var e : drifted.entrySet()) {
          if (!similarMayChange.contains(e.getKey())) {
            similar.drifted(e.getKey(), e.getValue()[0], (float) e.getValue()[1]);
          }
        }
      }
      if (!committed) {
        for (String id : removedIds) {
          similar.remove(id);
        }
      }
      if (!committed && !similarMayChange.isEmpty()) {
        SimilarSkills now = similarSkills();
        for (String id : similarMayChange) {
          int ord = after.ordOf(id).orElseThrow();
          // the walk RelatedPatch's query made, else one made now: one query a skill
          SimilarSkills.Walk walk = walksMade.get(ord);
          similar.put(
              id,
              surfaceTerms(after.terms(), after.skill(ord)),
              walk != null ? walk : now.walk(ord),
              true);
        }
      }
    }

    private void commitState(Map<String, String> notes) throws IOException {
      String next = Long.toString(gen + 1);
      List<Part> parts =
          List.of(
              new Part("index", index::commit),
              new Part("tomb", tomb::commit),
              new Part("triggers", () -> triggers.commit(Map.of(GEN, next))),
              new Part("surfaces", () -> surfaces.commit(Map.of(GEN, next))),
              new Part(SIMILAR, () -> similar.commit(Map.of(GEN, next))));
      long start = System.nanoTime();
      // the state file's next bytes written and synced beside the parts' commits (its sync shares
      // their journal commit); renamed into place only once every part is committed
      java.util.concurrent.Future<Path> stateFile =
          COMMITS.submit(() -> stageState(root, key, gen + 1, notes, true));
      try {
        commitParts(parts, PARALLEL_COMMIT);
      } finally {
        awaitStateFile(stateFile);
      }
      beforePart.accept(STATE); // tests: a crash after every part, before the state names them
      installState(root, awaitStateFile(stateFile));
      committed = true;
      lastCommit = Commit.of(parts, (System.nanoTime() - start) / 1_000_000, tablesMillis);
    }

    /** {@link #stageState}'s file, once written and synced; its failure as this thread's. */
    private static Path awaitStateFile(java.util.concurrent.Future<Path> f) throws IOException {
      try {
        return f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException("the state file was not written", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while the state file was written");
      }
    }

    /**
     * The index's and the tombstones' next commits written and synced, not yet made the state
     * (Lucene's two-phase commit: {@link #commit} finishes it, {@link #close} without it rolls it
     * back). Once.
     */
    private void prepare() throws IOException {
      if (preparing != null) {
        awaitPrepared();
        return;
      }
      prepareNow();
    }

    /** The commits being prepared on a thread of their own ({@link #PREPARE_BEHIND}), or null. */
    private java.util.concurrent.FutureTask<Void> preparing;

    /** Starts {@link #prepareNow} on a thread of its own (a daemon: it never holds the JVM). */
    private void prepareBehind() {
      preparing =
          new java.util.concurrent.FutureTask<>(
              () -> {
                prepareNow();
                return null;
              });
      Thread t = new Thread(preparing, "skillsite-prepare");
      t.setDaemon(true);
      t.start();
    }

    /** Waits for {@link #prepareBehind}: its failure is this thread's. */
    private void awaitPrepared() throws IOException {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            preparing.get();
            return;
          } catch (InterruptedException e) {
            interrupted = true; // the commit is half prepared: wait for it, then say so
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof IOException io) {
          throw io;
        }
        if (c instanceof RuntimeException r) {
          throw r;
        }
        if (c instanceof Error err) {
          throw err;
        }
        throw new IOException(c);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void prepareNow() throws IOException {
      if (prepared) {
        return;
      }
      Map<String, String> data =
          new HashMap<>(SegmentInfos.readLatestCommit(index.getDirectory()).getUserData());
      String next = Long.toString(gen + 1);
      data.put(GEN, next);
      if (replaced) {
        data.put(PATCHES, Integer.toString(patches + 1));
      }
      if (adds > 0) {
        data.put(ADDS, Integer.toString(adds));
      }
      index.setLiveCommitData(data.entrySet());
      index.prepareCommit();
      tomb.setLiveCommitData(Map.of(GEN, next).entrySet());
      tomb.prepareCommit();
      prepared = true;
    }

    /**
     * What this patch changes in the site's published routing index {@code published} (its {@code
     * search/lucene/} folder), to publish before {@link #commit}: nothing when no document was
     * replaced (the folder answers as before); else the files that make it this patch's index in
     * the patched layout ({@link PublishedIndex}: read by {@link RoutingIndex#open} as a fresh
     * index of the same skills, refused by a plain Lucene reader). Names relative to {@code
     * published}; O(change).
     */
    public Published published(Path published) throws IOException {
      if (!replaced) {
        return new Published(Map.of(), Set.of());
      }
      prepare();
      PublishedIndex.Changes c =
          PublishedIndex.diff(published, index.getDirectory(), tomb.getDirectory());
      return new Published(c.written(), c.deleted());
    }

    @Override
    public void close() throws IOException {
      IOUtils.close(
          () -> {
            if (preparing != null) {
              awaitPrepared(); // rolled back below once prepared, never while it is written
            }
          },
          () -> IOUtils.close(readers),
          () -> {
            if (tablesPreparing != null) {
              try {
                tablesPreparing.get(); // its writers rolled back below only once it is done
              } catch (java.util.concurrent.ExecutionException e) {
                // nothing committed: dropped with the rest
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          },
          () -> {
            if (index.isOpen()) {
              index.rollback();
            }
          },
          () -> {
            if (tomb.isOpen()) {
              tomb.rollback();
            }
          },
          index.getDirectory(),
          tomb.getDirectory(),
          names,
          triggers,
          surfaces,
          similar);
    }

    boolean committed() {
      return committed;
    }
  }

  /**
   * A trigger phrase's ranking as the full build made it: its best {@link #KEPT} documents (by
   * <em>key</em>: the full build's document, which is its ord there and never moves, {@link
   * PatchedIndex#keyOf}; a reader translates them with its view's {@link PatchedIndex#ordOfKey}, a
   * removed skill's entry naming no one) and scores, one more than the router ranks ({@link
   * Router#MIN_RANKED}), so that the last is the cut every document outside the top stayed at or
   * under; and the phrase's analysed terms ({@link PhraseTerms}: what {@link Unmoved} and {@link
   * Ranker} read instead of analysing it again; null for a record without them). Written with the
   * phrase in the trigger table by every full build ({@link #write}); never changed by a patch (a
   * patch's bound compares with the full build's statistics, the base segment's).
   */
  record Recorded(int[] ords, float[] scores, QueryTerms terms) {
    static final int KEPT = Router.MIN_RANKED + 1;

    /** A record without the phrase's terms (a patch analyses the phrase when it needs them). */
    Recorded(int[] ords, float[] scores) {
      this(ords, scores, null);
    }

    static Recorded of(RoutingIndex index, Synonyms synonyms, String query) throws IOException {
      QueryTerms qt = QueryTerms.of(query, index.terms(), synonyms, Fields.SEARCHED);
      org.apache.lucene.search.ScoreDoc[] sd =
          index.searcher().search(LocalSource.luceneQuery(qt, Fields.SEARCHED), KEPT).scoreDocs;
      int[] ords = new int[sd.length];
      float[] scores = new float[sd.length];
      for (int i = 0; i < sd.length; i++) {
        ords[i] = sd[i].doc; // a fresh index: document = ord
        scores[i] = sd[i].score;
      }
      return new Recorded(ords, scores, qt);
    }

    /**
     * Off only for the figures' paired "before" ({@code -Dskillsite.recordedterms=false}: every
     * phrase analysed again, as before its terms were recorded).
     */
    static final boolean TERMS_READ =
        !"false".equals(System.getProperty("skillsite.recordedterms"));

    /**
     * The phrase's analysed terms as recorded, else as {@code query}'s analysis makes them (the
     * same: {@link PhraseTerms}).
     */
    QueryTerms termsOr(String query, TermReader reader, Synonyms synonyms) {
      return terms != null && TERMS_READ
          ? terms
          : QueryTerms.of(query, reader, synonyms, Fields.SEARCHED);
    }

    /** The top entries, then (when known) the phrase's analysed terms ({@link PhraseTerms}). */
    byte[] bytes() {
      byte[] kept = terms == null ? new byte[0] : PhraseTerms.bytes(terms, Fields.SEARCHED);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 8 * ords.length + kept.length);
      b.put((byte) ords.length);
      for (int i = 0; i < ords.length; i++) {
        b.putInt(ords[i]).putFloat(scores[i]);
      }
      b.put(kept);
      return b.array();
    }

    /**
     * How many leading bytes of a record ({@link #bytes}) hold its top entries (its head, without
     * the terms); 0 for a malformed one.
     */
    static int headLength(byte[] bytes) {
      return bytes.length < 1 || bytes[0] < 0 || bytes[0] > KEPT || bytes.length < 1 + 8 * bytes[0]
          ? 0
          : 1 + 8 * bytes[0];
    }

    /** Empty for no record (a phrase a patch added) or a malformed one. */
    static Optional<Recorded> parse(byte[] bytes) {
      if (bytes.length < 1 || bytes[0] < 0 || bytes[0] > KEPT || bytes.length < 1 + 8 * bytes[0]) {
        return Optional.empty();
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, 1, 8 * bytes[0]);
      int[] ords = new int[bytes[0]];
      float[] scores = new float[bytes[0]];
      for (int i = 0; i < ords.length; i++) {
        ords[i] = b.getInt();
        scores[i] = b.getFloat();
      }
      int tail = 1 + 8 * bytes[0];
      if (tail == bytes.length) {
        return Optional.of(new Recorded(ords, scores));
      }
      Optional<QueryTerms> qt = PhraseTerms.parse(bytes, tail, Fields.SEARCHED);
      return qt.isEmpty() ? Optional.empty() : Optional.of(new Recorded(ords, scores, qt.get()));
    }
  }

  /**
   * Whether a trigger's ranking is provably the same before and after a patch, from its {@link
   * Recorded record} and the changed documents' scores alone (no search, no router): then the
   * phrase is dropped from the asked set (neither {@code rankings()} nor {@code rankingsBefore()}:
   * what every reader of them prints from it is unchanged).
   *
   * <p>The claim. The router's answer for q reads the top k (k = max(top, {@link
   * Router#MIN_RANKED})) documents by score, ties by ord, with their scores; the skill q calls by
   * name; for the top k, which of q's terms they hold; the document frequencies of q's terms
   * ({@link TriggerTable#termsOf}: every analysed form, any field) and the collection's size,
   * background and statistics. Let X be this patch's changed documents and suppose (a) no term of q
   * changed its document frequency in any field in this patch ({@code dfMoved}: exact, by comparing
   * the frequencies before and after of every term a changed document holds differently); (b) q
   * calls no skill of X by name; (c) every document of X matching q before or after scores less
   * than k documents outside X do now. By (a) and the scored fields' document counts and average
   * lengths being unchanged ({@link #statisticsDiffer}), every document outside X scores q exactly
   * as before (its own frequencies and norms did not change); by (c) no document of X is in the top
   * k before or after, nor is one there when it matches neither time; so the top k, their scores,
   * the terms they hold, the frequencies and the invoked skill are the same: the same answer.
   *
   * <p>(c) is checked without scoring anything: a changed document's score before or after is under
   * u = Σ over the scored clauses (f, t, b) it holds then of b · idf_f(df) (a BM25 clause is {@code
   * b · idf · (1 − 1/(1 + tf · norm⁻¹))}; df and the field's document count are the same before and
   * after by (a)), with a float slack; when every clause's frequency is the full build's (the base
   * segment's) and the scored fields' statistics are too, a document no patch replaced scores q
   * exactly as its record says, so k record entries outside X and the replaced documents whose
   * recorded score passes u are k documents above X. When u is too loose, X's exact scores before
   * and after ({@link PatchedIndex#topAmong}) take its place; when records are not exact (an
   * earlier patch moved a clause's frequency), the record's other documents are scored now: any k
   * documents outside X scoring above X's are enough. A changed document holding no clause of q (u
   * = 0) matches it neither time. Per phrase: its terms as its record keeps them (analysed only for
   * a record without them), a set lookup per term, two document frequency lookups per clause, each
   * made once a patch (the asked phrases share terms): no postings, no scorer, no router.
   */
  static final class Unmoved {
    /**
     * Off only for the figures' paired "before" (perf/RouteStepBench: -Dskillsite.unmoved=false).
     */
    static final boolean ON = !"false".equals(System.getProperty("skillsite.unmoved"));

    /**
     * Off only for the figures' paired "before" (-Dskillsite.readfields=false: a term whose
     * document frequency moved in any field, the zero-boost ones too, makes every phrase holding it
     * ranked).
     */
    static final boolean READ_FIELDS = !"false".equals(System.getProperty("skillsite.readfields"));

    /**
     * Off only for the figures' paired "before" (-Dskillsite.prune=false: every phrase sharing a
     * changed term is read and decided by {@link #test}).
     */
    static final boolean PRUNE = !"false".equals(System.getProperty("skillsite.prune"));

    /**
     * Off only for the figures' paired "before" (-Dskillsite.saturatedlast=false: a phrase whose
     * saturated bound failed is decided by the changed documents' exact scores, {@link
     * PatchedIndex#topAmong}, before and after).
     */
    static final boolean SATURATED_LAST =
        !"false".equals(System.getProperty("skillsite.saturatedlast"));

    /**
     * Whether a ranking reads how many documents hold a term in {@code field}: a field searched
     * with a positive boost (the BM25 scores, {@link Router}'s main field), or {@code all}, {@code
     * body} and {@code not_for} ({@link Confidence}'s and {@link Matched}'s document frequencies).
     * The zero-boost {@code phrase} and {@code keyword} fields are read per hit only ({@link
     * HitTerms#contains}, {@link Confidence#SURFACE}): when no changed skill is in the top k before
     * or after, the hits are unchanged documents, which hold what they held. So a removed or added
     * trigger phrase, whose words the description keeps (its {@code light}, {@code all} and {@code
     * shingle} frequencies move, their document counts not), no longer sends every phrase sharing
     * one of its words to be ranked again: those are decided here like any other.
     */
    static boolean dfRead(String field) {
      if (field.equals(Fields.ALL) || field.equals(Fields.BODY) || field.equals(Fields.NOT_FOR)) {
        return true;
      }
      for (Fields.Weighted w : Fields.SEARCHED) {
        if (w.field().equals(field) && w.boost() > 0) {
          return true;
        }
      }
      return false;
    }

    private final PatchedIndex before;
    private final PatchedIndex after;

    /** The changed skills' keys (a record's numbering), and their ords in each view. */
    private final Set<Integer> changed;

    private final Set<Integer> changedBefore;
    private final Set<Integer> changedAfter;

    /** The keys of the documents patches wrote, live after this patch. */
    private final Set<Integer> patchedKeys;

    private final Set<String> dfMoved;
    private final List<Inverted[]> docs;
    private final int k;
    private final Synonyms synonyms = new Synonyms();
    private final Map<String, Long> docCounts = new HashMap<>();
    private final Map<String, Integer> dfs = new HashMap<>();
    private final Map<String, Double> averageLengths = new HashMap<>();
    private final Map<String, Boolean> asBuilt = new HashMap<>();
    int decided;

    /**
     * How {@link #test} decided (counted for its figures; the last a phrase it found moved may
     * count too): no clause a changed document holds, the bound u, the saturated bound, the changed
     * documents' exact scores, the record's others scored now (records not exact).
     */
    final int[] by = new int[5];

    Unmoved(
        PatchedIndex before,
        PatchedIndex after,
        Set<Integer> changed,
        List<Inverted[]> docs,
        Set<String> dfMoved,
        int top) {
      this.before = before;
      this.after = after;
      this.changed = changed;
      this.changedBefore = ordsIn(before, changed);
      this.changedAfter = ordsIn(after, changed);
      this.patchedKeys = after.patchedKeys();
      this.docs = docs;
      this.dfMoved = dfMoved;
      this.k = Math.max(top, Router.MIN_RANKED);
    }

    /**
     * Record entries outside the changed and replaced documents, live after the patch, scoring
     * above {@code bar}.
     */
    private int above(Recorded r, double bar) {
      int n = 0;
      for (int i = 0; i < r.ords().length; i++) {
        if (outside(r.ords()[i]) && r.scores()[i] > bar) {
          n++;
        }
      }
      return n;
    }

    /**
     * Whether the skill of record key {@code key} is one the full build indexed as it is now: not
     * changed here, not replaced since, not removed (a removed skill's entry counts for nothing).
     */
    private boolean outside(int key) {
      return !changed.contains(key)
          && !patchedKeys.contains(key)
          && after.ordOfKey(key).isPresent();
    }

    private long docCount(String field) {
      return docCounts.computeIfAbsent(
          field,
          f -> {
            CollectionStatistics s = after.statistics(List.of(f)).get(f);
            return s == null ? 0L : s.docCount();
          });
    }

    /**
     * Live documents holding {@code term} in {@code field} after the patch, looked up once a patch
     * (the asked phrases share their changed terms).
     */
    private int docFreq(String field, String term) {
      return dfs.computeIfAbsent(field + '\u0000' + term, k -> after.docFreq(field, term));
    }

    /** Whether {@code term}'s frequency in {@code field} is the full build's, once a patch. */
    private boolean asBuilt(String field, String term) {
      return asBuilt.computeIfAbsent(
          field + '\u0000' + term, k -> after.asBuilt(field, term)); // no base-segment seek
    }

    /**
     * A tighter u: each changed document's score for q before and after, computed in double from
     * its own frequencies and length norm ({@link Inverted}) by Lucene's BM25 clause, {@code w · (1
     * − 1/(1 + tf · normInverse))} with {@code w = boost · idf} and {@code normInverse = 1 / (k1 ·
     * (1 − b + b · length / avgdl))} ({@link Bm25.Similarity}: the field's quantized average, the
     * same before and after by {@link #statisticsDiffer}); the max of them. Lucene sums the same
     * clauses' float scores, each within a few float roundings (relative 1e-6) of the double here
     * (1 − 1/(1 + x) loses at most ~1e-7 · (1 + x) / x of it), so with the caller's slack (relative
     * 1e-4) it is above every changed document's score; {@code PositiveInfinity} when a document's
     * norm is unknown (then not used).
     */
    private double saturated(QueryTerms qt) {
      double u = 0;
      for (Inverted[] both : docs) {
        for (Inverted d : both) {
          u =
              Math.max(
                  u, saturatedScore(d, qt, this::docFreq, this::docCount, this::averageLength));
        }
      }
      return u;
    }

    /**
     * {@code d}'s score for {@code qt} in double, each scored field's clauses by Lucene's BM25
     * formula with the collection's document frequencies, document counts and (quantized) average
     * lengths given; {@code PositiveInfinity} when a field it holds has no norm.
     */
    static double saturatedScore(
        Inverted d,
        QueryTerms qt,
        java.util.function.ToIntBiFunction<String, String> docFreq,
        java.util.function.ToLongFunction<String> docCount,
        java.util.function.ToDoubleFunction<String> averageLength) {
      double sum = 0;
      for (Fields.Weighted f : Fields.SEARCHED) {
        if (f.boost() <= 0) {
          continue;
        }
        Map<String, Integer> held = d.freqs().getOrDefault(f.field(), Map.of());
        if (held.isEmpty()) {
          continue;
        }
        Long norm = d.norms().get(f.field());
        if (norm == null) {
          return Double.POSITIVE_INFINITY;
        }
        double normInverse =
            1.0
                / (Bm25.K1
                    * ((1 - Bm25.B)
                        + Bm25.B
                            * org.apache.lucene.util.SmallFloat.byte4ToInt(norm.byteValue())
                            / averageLength.applyAsDouble(f.field())));
        for (Map.Entry<String, Float> e : qt.byField().get(f.field()).entrySet()) {
          Integer tf = held.get(e.getKey());
          if (tf != null) {
            double w =
                (double) f.boost()
                    * e.getValue()
                    * Idf.of(
                        docCount.applyAsLong(f.field()), docFreq.applyAsInt(f.field(), e.getKey()));
            sum += w * (1 - 1 / (1 + tf * normInverse));
          }
        }
      }
      return sum;
    }

    private double averageLength(String field) {
      return averageLengths.computeIfAbsent(
          field,
          f -> {
            CollectionStatistics s = after.statistics(List.of(f)).get(f);
            return s == null
                ? 1.0
                : (double) Bm25.averageLength(s.sumTotalTermFreq(), s.docCount());
          });
    }

    /**
     * What the trigger table needs to leave a phrase out of the asked set before its record is read
     * ({@link TriggerTable#usingRecords(Collection, TriggerTable.Prune)}): a decision {@link #test}
     * would make, from the table's postings and the record's head alone.
     *
     * <p>The claim. Let q be a phrase the table finds for a changed term, T(q) the terms it holds
     * there ({@link TriggerTable#termsOf}: its words and every searched field's analysed terms; so
     * every clause (f, t) of q's query has t in T(q)). Suppose (a) T(q) holds no term of {@code
     * dfMoved} — {@link #test}'s (a); (b) q holds no {@link TriggerTable#INVOKES} term, so it
     * neither starts with a slash nor holds the word "skill", and {@link Invocation#find} finds no
     * skill in it — (b). For a changed document d (before or after), its BM25 score for q is a sum
     * over q's scored clauses (f, t, weight w ≤ 1) that d holds of {@code b_f · w · idf_f(df) · (1
     * − 1/(1 + tf · normInverse))} ({@link #saturated}: d's own tf and norm, the field's quantized
     * average; df is the same before and after by (a)); so it is at most B(q) = Σ over t in T(q) of
     * C(t), C(t) = the largest over changed documents (before, after) of Σ over the scored fields f
     * in which d holds t of {@code b_f · idf_f(df_f(t)) · (1 − 1/(1 + tf · normInverse))} (1 for
     * the last factor when d has no norm there): a clause is counted at most once, every term is
     * non-negative, and a sum of maxima is at least the maximum of sums. B(q) is computed in double
     * as {@link #saturated}, and compared with its slack (relative 1e-4 + 1e-4). If B(q) = 0 no
     * changed document holds a clause of q before or after: decided as {@link #test}'s u = 0. Else,
     * when (c) every scored clause's frequency is the full build's — q holds no term of {@link
     * PatchedIndex#notAsBuilt} (the terms whose patched segments' frequency less the tombstones' is
     * not 0 in some scored field: {@link #asBuilt} false) — the record's documents outside the
     * changed and replaced ones score q as recorded, and when k of them score above B(q) (with the
     * slack), no changed document is in the top k before or after: {@link #test}'s claim (c), which
     * it proves from its own bounds or exact scores. So every phrase left out is one whose ranking
     * is provably the same before and after, and is neither ranked nor returned, as when {@link
     * #test} decides it. Cost: a seek and a postings walk in the table per changed, kept, inexact
     * and weighted term, one frequency lookup per weighted term some candidate holds, one head read
     * per candidate: no stored field, no analysis.
     */
    TriggerTable.Prune prune() throws IOException {
      Set<String> weighted = new HashSet<>();
      for (Inverted[] both : docs) {
        for (Inverted d : both) {
          for (Fields.Weighted f : Fields.SEARCHED) {
            if (f.boost() > 0) {
              weighted.addAll(d.freqs().getOrDefault(f.field(), Map.of()).keySet());
            }
          }
        }
      }
      List<String> scored = new java.util.ArrayList<>();
      for (Fields.Weighted f : Fields.SEARCHED) {
        if (f.boost() > 0) {
          scored.add(f.field());
        }
      }
      Set<String> inexact = after.notAsBuilt(scored);
      double most = Math.max(1.0, Synonyms.WEIGHT);
      return new TriggerTable.Prune() {
        @Override
        public Set<String> kept() {
          return dfMoved;
        }

        @Override
        public Set<String> inexact() {
          return inexact;
        }

        @Override
        public Set<String> weighted() {
          return weighted;
        }

        @Override
        public double weight(String term) {
          double c = 0;
          for (Inverted[] both : docs) {
            for (Inverted d : both) {
              double sum = 0;
              for (Fields.Weighted f : Fields.SEARCHED) {
                Integer tf =
                    f.boost() > 0 ? d.freqs().getOrDefault(f.field(), Map.of()).get(term) : null;
                if (tf == null) {
                  continue;
                }
                Long norm = d.norms().get(f.field());
                double held = 1; // no norm: the clause's weight alone bounds it
                if (norm != null) {
                  double normInverse =
                      1.0
                          / (Bm25.K1
                              * ((1 - Bm25.B)
                                  + Bm25.B
                                      * org.apache.lucene.util.SmallFloat.byte4ToInt(
                                          norm.byteValue())
                                      / averageLength(f.field())));
                  held = 1 - 1 / (1 + tf * normInverse);
                }
                sum +=
                    (double) f.boost()
                        * most
                        * Idf.of(docCount(f.field()), docFreq(f.field(), term))
                        * held;
              }
              c = Math.max(c, sum);
            }
          }
          return c;
        }

        @Override
        public boolean unmoved(org.apache.lucene.util.BytesRef head, double bound) {
          if (changed.isEmpty()) {
            return false;
          }
          if (bound == 0) {
            return true;
          }
          java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head.bytes, head.offset, head.length);
          int n = b.get();
          if (n < 0 || n > Recorded.KEPT || head.length < 1 + 8 * n) {
            return false;
          }
          double bar = bound * (1 + 1e-4) + 1e-4; // saturated()'s slack
          int above = 0;
          for (int i = 0; i < n; i++) {
            int o = b.getInt();
            float score = b.getFloat();
            if (outside(o) && score > bar) {
              above++;
            }
          }
          return above >= k;
        }
      };
    }

    boolean test(String q, Recorded r) {
      if (changed.isEmpty()) {
        return false;
      }
      QueryTerms qt = r.termsOr(q, after.terms(), synonyms);
      for (String w : qt.words()) {
        if (dfMoved.contains(w)) {
          return false;
        }
      }
      for (Map<String, Float> byField : qt.byField().values()) {
        for (String t : byField.keySet()) {
          if (dfMoved.contains(t)) {
            return false;
          }
        }
      }
      OptionalInt invoked = after.invoked(q);
      if (invoked.isPresent() && changedAfter.contains(invoked.getAsInt())) {
        return false;
      }
      OptionalInt invokedBefore = before.invoked(q); // a removed skill was called, or its name's
      if (invokedBefore.isPresent() && changedBefore.contains(invokedBefore.getAsInt())) {
        return false;
      }
      // u: above any score a changed document has for q, before or after (a BM25 clause scores
      // under boost · idf; df and the document count of every scored clause are the same then)
      double u = 0;
      boolean recorded = true; // every clause's frequency the full build's: records are exact
      for (Inverted[] both : docs) {
        for (Inverted d : both) {
          double sum = 0;
          for (Fields.Weighted f : Fields.SEARCHED) {
            if (f.boost() <= 0) {
              continue;
            }
            Map<String, Integer> held = d.freqs().getOrDefault(f.field(), Map.of());
            for (Map.Entry<String, Float> e : qt.byField().get(f.field()).entrySet()) {
              if (held.containsKey(e.getKey())) {
                int df = docFreq(f.field(), e.getKey());
                sum += (double) f.boost() * e.getValue() * Idf.of(docCount(f.field()), df);
              }
            }
          }
          u = Math.max(u, sum);
        }
      }
      if (u > 0) {
        for (Fields.Weighted f : Fields.SEARCHED) {
          if (f.boost() <= 0) {
            continue;
          }
          for (String t : qt.byField().get(f.field()).keySet()) {
            recorded &= asBuilt(f.field(), t);
          }
        }
        if (recorded
            && above(r, u * (1 + 1e-5) + 1e-6) < k
            && above(r, saturated(qt) * (1 + 1e-4) + 1e-4) >= k) {
          decided++; // the changed documents' BM25 clauses with their own tf and length
          by[2]++;
          return true;
        }
        by[recorded ? above(r, u * (1 + 1e-5) + 1e-6) < k ? 3 : 1 : 4]++;
        if (SATURATED_LAST
            && recorded
            && above(r, u * (1 + 1e-5) + 1e-6) < k
            && saturated(qt) < Double.POSITIVE_INFINITY) {
          // the saturated bound is a changed document's score to within its slack: it failed, so
          // that document scores with the record's k-th; exact scores would not decide it (in
          // every 1× figure none did) — ranked, which is always right
          return false;
        }
        if (!recorded || above(r, u * (1 + 1e-5) + 1e-6) < k) {
          // the bound was loose, or records are not exact: the changed documents' exact scores,
          // before and after, and (records not exact) the record's other documents' now
          double best = Double.NEGATIVE_INFINITY;
          for (PatchedIndex at : List.of(before, after)) {
            Set<Integer> ords = at == before ? changedBefore : changedAfter;
            for (org.apache.lucene.search.ScoreDoc d :
                at.topAmong(qt, Fields.SEARCHED, ords.size(), ords)) {
              best = Math.max(best, d.score);
            }
          }
          if (recorded) {
            if (above(r, best) < k) {
              return false;
            }
          } else {
            Set<Integer> others = new TreeSet<>();
            for (int o : r.ords()) {
              if (!changed.contains(o)) {
                after.ordOfKey(o).ifPresent(others::add); // a removed skill's entry: none
              }
            }
            org.apache.lucene.search.ScoreDoc[] sd = after.topAmong(qt, Fields.SEARCHED, k, others);
            if (sd.length < k || !(sd[k - 1].score > best)) {
              return false;
            }
          }
        }
      } else {
        by[0]++;
      }
      decided++;
      return true;
    }
  }

  /**
   * A trigger's ranking on a patched index made from its {@link Recorded record} when that is
   * provably the ranking a full search gives, without walking any postings.
   *
   * <p>The claim. Let R be q's record (the full build's top {@code k + 1} by score, k = {@link
   * Router#MIN_RANKED}), P the documents patches replaced since (the non-base segments' live
   * documents: the changed skills of this patch among them, for the index after it), and U every
   * other document — each exactly the document the full build indexed. The router reads of q's
   * search only its top k (ids, scores: confidence's margin, hits, abstention) and, for those k,
   * which query terms they hold and the collection's document frequencies (read live here, as a
   * fresh index). So if the top k of the candidates C = R's first k ∪ P, each scored alone ({@link
   * PatchedIndex#topAmong}: the same float as a search), is the top k of all documents, the
   * router's answer over C ({@link PatchedIndex.Among}) is its answer over the index.
   *
   * <p>The bound. A document of U outside R's first k scored at most {@code cut} = R's last score
   * at the full build. Since then the collection's size, each scored field's document count and its
   * quantized average length are the same (every patch refuses otherwise: {@link
   * #statisticsDiffer}), and so are U's frequencies and norms; what moved is the document frequency
   * of some terms. Lucene's BM25 clause score is {@code boost · idf(df) · (1 − 1/(1 + tf ·
   * norm⁻¹))}, whose last factor is in [0, 1), so a document's score for q moved by at most δ = Σ
   * over q's clauses (field f, term t, boost b) of {@code b · |idf_f(df_now) − idf_f(df_base)|}
   * (terms held by no document of U at one of the two times count 0: U holds them at neither).
   * Every document of U outside R's first k now scores at most {@code cut + δ}; the candidates'
   * k-th score s_k is exact. If s_k > cut + δ (plus a float slack, 1e-6 relative), no outsider
   * reaches the top k, nor ties it (equal scores rank the lower ord first, so a tie would be
   * unsafe: the bound is strict). When R holds k documents or fewer, every document that matched q
   * at the full build is in R: U's others hold none of q's terms, then and now. Otherwise the
   * ranking is made by a full search (counted "re-ranked").
   *
   * <p>Cost per phrase: the query's analysis, one scorer advance per candidate and clause (|C| ≤ k
   * + 16 · 16, the patch limits), two document-frequency lookups per clause: nothing grows with the
   * collection but log df.
   */
  static final class Ranker {
    private final PatchedIndex at;
    private final PatchedIndex.Among among;
    private final Router router;
    private final int top;
    private final Synonyms synonyms = new Synonyms();
    private final Map<String, Long> docCounts = new HashMap<>();
    int made;
    int missed;
    int candidates;

    Ranker(PatchedIndex at, Confidence confidence, int top) {
      this.at = at;
      this.among = at.among();
      this.router = Router.over(among, confidence);
      this.top = top;
    }

    Optional<RouteResult> rank(String q, Optional<Recorded> record) {
      if (record.isEmpty()) {
        missed++;
        return Optional.empty();
      }
      Recorded r = record.get();
      int k = Math.max(top, Router.MIN_RANKED);
      Set<Integer> c = new TreeSet<>(at.patchedOrds());
      for (int i = 0; i < Math.min(k, r.ords().length); i++) {
        at.ordOfKey(r.ords()[i]).ifPresent(c::add); // keys read in this view's ords; removed: none
      }
      among.set(c);
      candidates += c.size();
      RouteResult out = router.rank(q, top);
      if (r.ords().length > k) {
        org.apache.lucene.search.ScoreDoc[] sd = among.last();
        double cut = r.scores()[k];
        if (sd.length < k || !(sd[k - 1].score > cut + drift(q, r) + 1e-6 * (1 + cut))) {
          missed++;
          return Optional.empty();
        }
      }
      made++;
      return Optional.of(out);
    }

    /**
     * δ of the class comment: how far any unpatched document's score for q moved since the record.
     */
    private double drift(String q, Recorded r) {
      QueryTerms qt = r.termsOr(q, at.terms(), synonyms);
      double d = 0;
      for (Fields.Weighted f : Fields.SEARCHED) {
        if (f.boost() <= 0) {
          continue;
        }
        for (Map.Entry<String, Float> e : qt.byField().get(f.field()).entrySet()) {
          int base = at.baseDocFreq(f.field(), e.getKey());
          if (base == 0) {
            continue;
          }
          int now = at.docFreq(f.field(), e.getKey());
          if (now == 0 || now == base) {
            continue;
          }
          long n = docCount(f.field());
          d += (double) f.boost() * e.getValue() * Math.abs(Idf.of(n, now) - Idf.of(n, base));
        }
      }
      return d * (1 + 1e-6);
    }

    private long docCount(String field) {
      return docCounts.computeIfAbsent(
          field,
          f -> {
            CollectionStatistics s = at.statistics(List.of(f)).get(f);
            return s == null ? 0L : s.docCount();
          });
    }
  }

  /**
   * The words a skill's "more like this" query is made of ({@link SimilarSkills#similar}, as {@link
   * IndexDelta#unaffectedSimilar} reads them).
   */
  static Set<String> surfaceTerms(TermReader terms, IndexedSkill s) {
    Set<String> out = new TreeSet<>();
    for (String line : SimilarSkills.surfaceText(s).split("\n")) {
      out.addAll(terms.surfaces(Fields.DESCRIPTION, line).keySet());
    }
    return out;
  }

  /**
   * The ords in {@code view} of the skills with {@code keys} ({@link PatchedIndex#ordOfKey}); a key
   * no live skill of the view has (removed, or added after it) is skipped.
   */
  static Set<Integer> ordsIn(PatchedIndex view, Collection<Integer> keys) {
    Set<Integer> out = new TreeSet<>();
    for (int key : keys) {
      view.ordOfKey(key).ifPresent(out::add);
    }
    return out;
  }

  /**
   * {@link IndexDelta}'s rule, for the fields a score reads ({@link #scored}): documents with each
   * field and its average length, each on the grid every scorer reads ({@link Bm25#documentCount},
   * {@link Bm25#averageLength}); and the number of skills on its grid, which {@link Confidence},
   * {@link Matched}, {@link Router}'s main field and {@link SimilarSkills}' word choice read. The
   * document count and average length of any other field (the zero-boost {@code phrase} and {@code
   * keyword}, {@code not_for}, …) are read by no score, no confidence feature and no export: a
   * skill gaining its first quoted phrase moves the {@code phrase} field's document count, and that
   * changes nothing a build prints beyond the document frequencies of its terms, which the asked
   * set covers like any other.
   */
  static Optional<String> statisticsDiffer(
      PatchedIndex before, PatchedIndex after, Collection<String> fields) {
    long sx = Bm25.documentCount(before.size());
    long sy = Bm25.documentCount(after.size());
    if (sx != sy) {
      return Optional.of("the number of skills changed (" + sx + " → " + sy + " on the grid)");
    }
    if (before.distinctNames() > 1 != after.distinctNames() > 1) {
      // Confidence's margin reads whether more than one name exists
      return Optional.of("the collection has " + after.distinctNames() + " distinct names now");
    }
    Map<String, CollectionStatistics> a = before.statistics(fields);
    Map<String, CollectionStatistics> b = after.statistics(fields);
    for (String f : fields) {
      if (!scored(f)) {
        continue;
      }
      CollectionStatistics x = a.get(f);
      CollectionStatistics y = b.get(f);
      if (x == null || y == null) {
        if (x != y) {
          return Optional.of("the documents with field " + f + " changed");
        }
        continue;
      }
      // both on the grids every scorer reads (Bm25#documentCount, Bm25#averageLength), as
      // IndexDelta compares them: a count or sum that moves inside its step moves no score
      long nx = Bm25.documentCount(x.docCount());
      long ny = Bm25.documentCount(y.docCount());
      if (nx != ny) {
        return Optional.of(
            "the documents with field " + f + " changed (" + nx + " → " + ny + " on the grid)");
      }
      float ax = Bm25.averageLength(x.sumTotalTermFreq(), x.docCount());
      float ay = Bm25.averageLength(y.sumTotalTermFreq(), y.docCount());
      if (Float.floatToIntBits(ax) != Float.floatToIntBits(ay)) {
        return Optional.of(
            "the average length of field " + f + " changed (" + ax + " → " + ay + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether some BM25 score reads {@code field}'s document count and average length: a field the
   * router searches with a positive boost ({@link Fields#SEARCHED}: the query leaves zero-boost
   * fields out; the browser's manifest lists only these) or one the related lists score ({@link
   * SimilarSkills#fields}: {@code all} and {@code body}). {@link Confidence} and {@link Router}'s
   * main field read the collection's size and document frequencies only.
   */
  static boolean scored(String field) {
    for (List<Fields.Weighted> ws : List.of(Fields.SEARCHED, SimilarSkills.fields())) {
      for (Fields.Weighted w : ws) {
        if (w.field().equals(field) && w.boost() > 0) {
          return true; // LocalSource.luceneQuery leaves zero-boost fields out
        }
      }
    }
    return false;
  }

  /**
   * The terms, in any field, that one document holds another number of times than the other, or
   * holds with another length norm: analysed by the index's own chain, each into an index of its
   * own.
   */
  static Set<String> heldDifferently(Document was, Document is) throws IOException {
    Set<String> out = new TreeSet<>();
    heldDifferentlyByField(was, is).values().forEach(out::addAll);
    return out;
  }

  /** {@link #heldDifferently}, by field. */
  static Map<String, Set<String>> heldDifferentlyByField(Document was, Document is)
      throws IOException {
    Map<String, Map<String, Integer>> a = new HashMap<>();
    Map<String, Long> na = new HashMap<>();
    Map<String, Map<String, Integer>> b = new HashMap<>();
    Map<String, Long> nb = new HashMap<>();
    invert(was, a, na);
    invert(is, b, nb);
    return heldDifferentlyByField(new Inverted(a, na), new Inverted(b, nb));
  }

  /** {@link #heldDifferentlyByField(Document, Document)} of the two documents inverted. */
  static Map<String, Set<String>> heldDifferentlyByField(Inverted was, Inverted is) {
    Map<String, Map<String, Integer>> a = was.freqs();
    Map<String, Long> na = was.norms();
    Map<String, Map<String, Integer>> b = is.freqs();
    Map<String, Long> nb = is.norms();
    Map<String, Set<String>> out = new TreeMap<>();
    Set<String> fields = new TreeSet<>(a.keySet());
    fields.addAll(b.keySet());
    for (String f : fields) {
      Map<String, Integer> x = a.getOrDefault(f, Map.of());
      Map<String, Integer> y = b.getOrDefault(f, Map.of());
      boolean normMoved = !na.getOrDefault(f, 0L).equals(nb.getOrDefault(f, 0L));
      Set<String> terms = new TreeSet<>(x.keySet());
      terms.addAll(y.keySet());
      for (String t : terms) {
        if (normMoved || !x.getOrDefault(t, 0).equals(y.getOrDefault(t, 0))) {
          out.computeIfAbsent(f, k -> new TreeSet<>()).add(t);
        }
      }
    }
    return out;
  }

  /** A document's term frequencies and length norms, by field, as an index holds them. */
  record Inverted(Map<String, Map<String, Integer>> freqs, Map<String, Long> norms) {
    /** No document: the side an add or a removal does not have. */
    static final Inverted NONE = new Inverted(Map.of(), Map.of());

    /** {@code d} inverted; {@link #NONE} for null. */
    static Inverted of(Document d) throws IOException {
      if (d == null) {
        return NONE;
      }
      Map<String, Map<String, Integer>> freqs = new HashMap<>();
      Map<String, Long> norms = new HashMap<>();
      invert(d, freqs, norms);
      return new Inverted(freqs, norms);
    }
  }

  private static void invert(
      Document d, Map<String, Map<String, Integer>> freqs, Map<String, Long> norms)
      throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, RoutingIndex.config())) {
        w.addDocument(d);
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        for (var ctx : r.leaves()) {
          LeafReader leaf = ctx.reader();
          for (FieldInfo fi : leaf.getFieldInfos()) {
            if (fi.getIndexOptions() == IndexOptions.NONE || fi.name.equals(Fields.ID)) {
              continue;
            }
            Terms terms = leaf.terms(fi.name);
            if (terms == null) {
              continue;
            }
            Map<String, Integer> m = freqs.computeIfAbsent(fi.name, k -> new HashMap<>());
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
              PostingsEnum pe = te.postings(null, PostingsEnum.FREQS);
              pe.nextDoc();
              m.put(t.utf8ToString(), pe.freq());
            }
            NumericDocValues n = leaf.getNormValues(fi.name);
            if (n != null && n.advanceExact(0)) {
              norms.put(fi.name, n.longValue());
            }
          }
        }
      }
    }
  }
}
