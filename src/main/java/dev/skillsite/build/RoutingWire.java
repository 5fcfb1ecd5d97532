package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.cache.RoutingPatcher;
import dev.skillsite.check.DescriptionFacts;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.FileTrees;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.search.SearchIndexWriter;
import dev.skillsite.site.HealthState;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SkillPagesPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing seam over {@code cache/RoutingPatcher}: what a patch build does when a changed
 * skill's routing document changed, and what every cached build records for it ({@link #record}).
 *
 * <p>A patch ({@link #patch}): each changed skill's old version is read from the SKILL.md copy the
 * published site holds ({@code skills/ID/SKILL.md}) and proved to be what the last build indexed
 * (its routing digest equals the recorded one); its routing document is replaced in the patched
 * index, the triggers sharing a changed term ranked again, the search export's files holding them
 * made again ({@code RoutingPatcher.patch}). The health side patches a description edit whose
 * triggers stay (the listing total, its collision findings' places; {@link #descriptionMoves}) and
 * refuses what it cannot show yet: changed triggers, when_to_use, model-invocation flag or SKILL.md
 * diagnostics, a description edit moving its lint, a suggestion or shared words, and any re-ranked
 * trigger whose {@link dev.skillsite.check.ProbeOutcome} moved ({@link HealthProbes#changed}). The
 * answer is staged: the export files and the generation marker ({@link #PUBLISHED}, the state's
 * generation plus one) are published by the caller, then {@link RoutingSeam.Outcome#commit} commits
 * the state. A patch whose published generation is not the state's (killed between the journal and
 * the commit) cannot patch: the build falls back and records again.
 */
final class RoutingWire implements RoutingSeam {
  /**
   * The generation of the routing state the published site matches (site path): written as 0 by
   * every recording build, as the next generation by every patch, with its files.
   */
  static final String PUBLISHED = BuildCache.FOLDER + "/patch/routing.published";

  private final ContentLoader loader = new ContentLoader();
  private final Optional<Path> templates;
  private final boolean healthInputs;
  private long healthCpu;

  /** What the last patch's health side read and wrote ({@code HealthState.counts}; --timings). */
  private String healthCounts = "";

  private long prepCpu; // the seam's work before the routing state (published copies read, …)

  /**
   * The route step's phases' counters ({@link #snap}): its start, the state patched, health, files.
   */
  private final long[][] marks = new long[4][];

  /** With the packaged templates. */
  RoutingWire() {
    this(Optional.empty(), true);
  }

  /**
   * @param templates the user's templates folder (health pages are rendered again with them)
   */
  RoutingWire(Optional<Path> templates) {
    this(templates, true);
  }

  /**
   * @param healthInputs false only in tests of the pages side of a description edit: the health
   *     side's refusal of changed health inputs ({@link #healthInputsDiffer}) is skipped (the
   *     health report and sections are then not what a clean build writes)
   */
  RoutingWire(boolean healthInputs) {
    this(Optional.empty(), healthInputs);
  }

  private RoutingWire(Optional<Path> templates, boolean healthInputs) {
    this.templates = templates;
    this.healthInputs = healthInputs;
  }

  /**
   * Records the routing patch state of a cached full or incremental build into {@code staging}: the
   * routing index, the triggers the health stage probed ({@code answers}), the search export's term
   * data size ({@code termBytes}; when the export was the published one used again, the size the
   * published state recorded), the health probes. Without a known size nothing is recorded (a patch
   * then falls back).
   */
  static void record(
      Path staging,
      Path published,
      String key,
      Catalog catalog,
      RoutingIndex index,
      IndexAnswers answers,
      OptionalLong termBytes)
      throws IOException {
    Path cache = staging.resolve(BuildCache.FOLDER);
    OptionalLong bytes =
        termBytes.isPresent()
            ? termBytes
            : RoutingPatcher.recordedTermBytes(published.resolve(BuildCache.FOLDER));
    if (bytes.isEmpty()) {
      return;
    }
    RoutingPatcher.record(cache, index, answers.rankedQueries(), bytes.getAsLong(), key);
    HealthProbes.write(cache.resolve(HealthProbes.FILE), catalog);
    Path marker = staging.resolve(PUBLISHED);
    Files.createDirectories(marker.getParent());
    Files.writeString(marker, "0\n", StandardCharsets.UTF_8);
  }

  @Override
  public Outcome patch(Path site, String key, List<Change> changes) throws IOException {
    marks[0] = snap();
    long prep0 = threadCpu();
    List<Change> routed = new ArrayList<>();
    for (Change c : changes) {
      if (c.routingChanged() || healthOnly(site, c)) {
        routed.add(c);
      }
    }
    if (routed.isEmpty()) {
      return Outcome.of(Patched.NOTHING);
    }
    Path cache = site.resolve(BuildCache.FOLDER);
    Optional<RecordTable> opened = RecordTable.open(cache.resolve(HealthProbes.FILE));
    if (opened.isEmpty()) {
      return Outcome.cannot("no routing health state in the build cache");
    }
    // the old SKILL.md copies are read there, lazily (a skill's body is read when first asked)
    Path olds = Files.createTempDirectory("skillsite-before");
    Optional<RecordTable> probesDelta = RecordTable.open(site.resolve(HealthProbes.DELTA));
    try (RecordTable table = opened.get();
        java.io.Closeable closeDelta =
            () -> {
              if (probesDelta.isPresent()) {
                probesDelta.get().close();
              }
            }) {
      HealthProbes.View probes = new HealthProbes.View(table, probesDelta);
      List<RoutingPatch.Change> patch = new ArrayList<>();
      Map<String, SearchIndexWriter.Display> shown = new LinkedHashMap<>();
      List<Described> described = new ArrayList<>();
      Moves moves = new Moves();
      List<SkillId> oneSided = new ArrayList<>(); // skills added or removed
      for (Change c : routed) {
        if (c.isAdded()) { // no published copy: a description edit from nothing, for routing
          moves.add(probes, null, c.now());
          patch.add(RoutingPatch.Change.added(c.now()));
          shown.put(
              c.id().value(), ExportStage.display(c.now(), HealthProbes.summaries(table, c.id())));
          oneSided.add(c.id());
          continue;
        }
        Optional<ContentLoader.Reloaded> was = before(site, olds, c);
        if (was.isEmpty()
            || !RoutingIndex.skillDigests(List.of(was.get().skill()))
                .get(0)
                .equals(c.oldRouting())) {
          return Outcome.cannot(
              "the published SKILL.md of "
                  + c.id().value()
                  + " is not what the last build indexed");
        }
        if (c.isRemoved()) { // to nothing
          moves.add(probes, was.get().skill(), null);
          patch.add(RoutingPatch.Change.removed(was.get().skill()));
          oneSided.add(c.id());
          continue;
        }
        Optional<String> why =
            healthInputs ? healthInputsDiffer(was.get(), c) : Optional.<String>empty();
        if (why.isPresent()) {
          return Outcome.cannot(why.get());
        }
        if (!was.get().skill().triggers().equals(c.now().triggers())) {
          moves.add(probes, was.get().skill(), c.now());
        }
        if (!was.get().skill().description().equals(c.now().description())
            || !Objects.equals(
                was.get().skill().stringKey("when_to_use"), c.now().stringKey("when_to_use"))) {
          if (c.root().isEmpty()) {
            return Outcome.cannot(
                c.id().value()
                    + "'s description changed (no content folder to place its findings)");
          }
          described.add(
              new Described(
                  was.get().skill(),
                  c.now(),
                  DescriptionFacts.of(
                      c.published()
                          .map(RoutingSeam.Published::root)
                          .orElse(olds.resolve(c.id().value())),
                      was.get().skill()),
                  DescriptionFacts.of(c.root().get(), c.now())));
        }
        patch.add(new RoutingPatch.Change(was.get().skill(), c.now()));
        shown.put(
            c.id().value(), ExportStage.display(c.now(), HealthProbes.summaries(table, c.id())));
      }
      prepCpu = threadCpu() - prep0;
      RoutingPatcher.Result r =
          RoutingPatcher.patch(cache, site, key, patch, shown, moves.added(), moves.removed());
      if (r instanceof RoutingPatcher.CannotPatch c) {
        return Outcome.cannot(c.reason());
      }
      RoutingPatcher.Patched p = (RoutingPatcher.Patched) r;
      marks[1] = snap();
      try {
        long gen = p.generation();
        if (publishedGeneration(site) != gen) {
          p.close();
          return Outcome.cannot(
              "the published site is not at the routing state's generation "
                  + gen
                  + " (a patch was killed before its state was committed)");
        }
        long cpu0 = threadCpu();
        Optional<String> health;
        HealthState.Patched healthPatch = HealthState.Patched.NOTHING;
        Optional<HealthState> hs = oneSided.isEmpty() ? HealthState.open(site) : Optional.empty();
        healthCounts = "";
        if (!oneSided.isEmpty()) {
          // the report's counts, its rows of the skill and its rivals' entries: not patched yet
          health =
              Optional.of(
                  "a skill added or removed ("
                      + oneSided.get(0).value()
                      + "): health pages are not patched for it");
        } else if (hs.isEmpty()) {
          health = HealthProbes.changed(table, p.rankingsBefore(), p.rankings());
          if (!described.isEmpty() || !moves.now().isEmpty()) {
            health = Optional.of("a description changed and the last build left no health state");
          }
        } else {
          try (HealthState state = hs.get()) {
            HealthProbes.Decision d =
                HealthProbes.decide(
                    probes,
                    state,
                    p.rankingsBefore(),
                    p.rankings(),
                    moves.was(),
                    moves.now(),
                    moves.changed.keySet());
            health = d.cannot().map(why -> why + " (health pages are not patched for it)");
            List<HealthState.Reach> reach = new ArrayList<>();
            if (health.isEmpty()) {
              health =
                  moves.unreached(
                      state,
                      p.rankings(),
                      reach,
                      published(site, olds, moves),
                      id ->
                          routed.stream()
                              .filter(c -> c.id().equals(id) && c.root().isPresent())
                              .findFirst()
                              .map(
                                  c ->
                                      dev.skillsite.check.DescriptionFacts.of(
                                              c.root().get(), c.now())
                                          .key()
                                          .toString()));
            }
            // the entries to make again: of skills whose reachability a moved top may change, and
            // of unreachable skills whose rival's description changed (its shared words)
            Set<SkillId> remake = new TreeSet<>(java.util.Comparator.comparing(SkillId::value));
            remake.addAll(d.reach());
            for (Described x : described) {
              SkillId id = x.now().id();
              if (state.rivalOfUnreachable(id)) {
                state.unreachableOf(id).ifPresent(remake::addAll);
              }
            }
            remake.removeIf(moves.changed::containsKey); // made again by Moves.unreached
            if (health.isEmpty() && !remake.isEmpty()) {
              // each skill as the report reads it now: a changed one's new version (its triggers
              // may be the same: a description edit, a rival whose words the entries show)
              Map<SkillId, Skill> current = new java.util.HashMap<>();
              routed.forEach(c -> current.put(c.id(), c.now()));
              java.util.function.Function<SkillId, Optional<Skill>> pub =
                  published(site, olds, moves);
              health =
                  reachOf(
                      remake,
                      state,
                      p,
                      reach,
                      id -> current.containsKey(id) ? Optional.of(current.get(id)) : pub.apply(id),
                      id -> descriptionKey(site, olds, id));
            }
            if (health.isEmpty()) {
              HealthState.Result hr =
                  patchHealth(site, olds, state, d.rows(), d.edits(), reach, described, moves);
              health = hr.patched().isEmpty() ? Optional.of(hr.cannot()) : Optional.empty();
              healthPatch = hr.patched().orElse(HealthState.Patched.NOTHING);
              // a changed skill's page is made again: with the section a patch gave it, if one did
              Map<SkillId, List<RoutingHealthView.SkillHealth>> sections =
                  new LinkedHashMap<>(healthPatch.sections());
              for (Change c : routed) {
                if (!sections.containsKey(c.id())) {
                  state.patchedSection(c.id()).ifPresent(x -> sections.put(c.id(), x));
                }
              }
              Map<String, byte[]> healthFiles = new LinkedHashMap<>(healthPatch.files());
              if (!moves.now().isEmpty()) {
                healthFiles.put(HealthProbes.DELTA, probes.deltaWith(moves.now()));
              }
              healthPatch = healthPatch.with(healthFiles, sections);
            }
            healthCounts = " (" + state.counts() + ")";
          }
        }
        healthCpu = threadCpu() - cpu0;
        marks[2] = snap();
        Map<String, byte[]> files = new LinkedHashMap<>();
        p.files().forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        files.putAll(p.luceneFiles()); // search/lucene in the patched layout (PublishedIndex)
        files.put(PUBLISHED, ((gen + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, List<SkillId>> rankings = new LinkedHashMap<>();
        p.rankings()
            .forEach(
                (q, list) -> rankings.put(q, list.stream().map(IndexAnswers.Ranked::id).toList()));
        Set<SkillId> similar = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        p.similarMayChange().forEach(id -> similar.add(new SkillId(id)));
        marks[3] = snap();
        return Outcome.staged(
            new Patched(
                rankings,
                Map.of(),
                similar,
                health,
                files,
                p.luceneDeleted(),
                Optional.of(p.similarSkills()),
                healthPatch),
            new Staged() {
              @Override
              public void prepareCommit() {
                p.prepareCommit();
              }

              @Override
              public java.util.Optional<dev.skillsite.output.FileSystemSync.Deferred> prepared()
                  throws IOException {
                return java.util.Optional.of(p.prepared());
              }

              @Override
              public void commit() throws IOException {
                p.commit();
              }

              @Override
              public String note() {
                // the route step's CPU outside the routing state's parts (--timings)
                return p.note()
                    + String.format(
                        java.util.Locale.ROOT,
                        "; CPU ms before the state %d, health side %d%s; the state: %s; health: %s;"
                            + " files: %s; state parts' wall ms %s",
                        prepCpu / 1_000_000,
                        healthCpu / 1_000_000,
                        healthCounts,
                        since(marks[0], marks[1]),
                        since(marks[1], marks[2]),
                        since(marks[2], marks[3]),
                        p.walls());
              }

              @Override
              public void close() throws IOException {
                p.close();
              }
            });
      } catch (IOException | RuntimeException e) {
        p.close(); // a refusal is always correct: the build falls back
        return Outcome.cannot("the routing health state cannot be read: " + e);
      }
    } finally {
      FileTrees.delete(olds);
    }
  }

  /** The most skills {@link #reachOf} makes again in one patch (each: all its triggers' tops). */
  private static final int REACH_REMADE = 256;

  /**
   * A reachable skill no change touched that none of its triggers routes to first now (another
   * skill's edit took its last trigger: replicas' near-ties at 113×) is inserted unreachable as a
   * changed one is ({@link Moves#lost}: its entry from all its triggers' rankings now, its finding
   * at its published SKILL.md's description key) instead of refusing the patch ({@code
   * -Dskillsite.reachlost=false}: refused).
   */
  static final boolean REACH_LOST = !"false".equals(System.getProperty("skillsite.reachlost"));

  /**
   * Adds to {@code reach} what the report shows now of each skill no change touched whose
   * reachability or unreachable entry a moved top may change ({@link HealthProbes.Decision#reach}):
   * every trigger of it (its published SKILL.md, as the check probes them) ranked now — from the
   * patch's rankings, else on the patched index (a phrase the patch did not ask ranks as before) —
   * and its entry made from them as the check makes it ({@code UnreachableEntry}): rewritten in
   * place, or deleted when a trigger reaches it now. Why not, if not: no readable published copy or
   * rival, or a reachable skill none of whose triggers reaches it now (its entry would be inserted
   * at its description key: not done for a skill no change touched).
   */
  private static Optional<String> reachOf(
      Set<SkillId> ids,
      HealthState state,
      RoutingPatcher.Patched p,
      List<HealthState.Reach> reach,
      java.util.function.Function<SkillId, Optional<Skill>> skills,
      java.util.function.Function<SkillId, Optional<String>> where) {
    if (ids.size() > REACH_REMADE) {
      return Optional.of(
          ids.size()
              + " unreachable entries or reachabilities to make again (over "
              + REACH_REMADE
              + ")");
    }
    Map<String, Optional<SkillId>> tops = new java.util.HashMap<>();
    Map<String, List<IndexAnswers.Ranked>> ranked = new java.util.HashMap<>();
    for (SkillId id : ids) {
      Optional<Skill> s = skills.apply(id);
      if (s.isEmpty()) {
        return Optional.of(
            id.value() + "'s reachability may move and its published SKILL.md cannot be read");
      }
      if (Boolean.TRUE.equals(s.get().frontmatter().get("disable-model-invocation"))) {
        continue; // called by name only: never listed unreachable
      }
      List<String> all = s.get().triggers().all();
      List<Optional<SkillId>> takenBy = new ArrayList<>();
      for (String t : all) {
        Optional<SkillId> top = tops.get(t);
        if (top == null) {
          List<IndexAnswers.Ranked> r = p.rankings().get(t);
          if (r == null) {
            r = p.rankNow(t);
          }
          top = r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).id());
          tops.put(t, top);
          ranked.put(t, r);
        }
        takenBy.add(top);
      }
      boolean reached = takenBy.contains(Optional.of(id));
      if (!state.unreachable(id)) {
        if (reached) {
          continue; // reachable before and now: the report shows nothing of it
        }
        if (REACH_LOST) {
          // unreachable now: inserted as a changed skill gone unreachable is (every trigger of it
          // ranked now above; its place, its description key, from its published copy)
          Optional<String> no = Moves.lost(s.get(), ranked, reach, skills, where);
          if (no.isPresent()) {
            return no;
          }
          continue;
        }
        return Optional.of(
            id.value()
                + " is unreachable now: none of its triggers routes to it first (reachability of"
                + " a skill no change touched)");
      }
      if (reached) {
        reach.add(new HealthState.Reach(id, Optional.empty(), Optional.empty()));
        continue;
      }
      Optional<dev.skillsite.check.Unreachable> u =
          dev.skillsite.check.UnreachableEntry.of(id, all, takenBy, skills);
      Optional<String> rivalName = u.flatMap(x -> x.rival()).flatMap(skills).map(Skill::name);
      if (u.isEmpty() || (u.get().rival().isPresent() && rivalName.isEmpty())) {
        return Optional.of(id.value() + " stays unreachable and its rival cannot be read");
      }
      reach.add(
          new HealthState.Reach(
              id,
              Optional.of(
                  new RoutingHealthView.Lost(
                      s.get().name(),
                      HealthState.healthHref(id),
                      dev.skillsite.check.UnreachableEntry.reason(
                          u.get(), r -> rivalName.orElse("")),
                      u.get().rival().map(HealthState::healthHref).orElse(""))),
              Optional.of(dev.skillsite.check.UnreachableEntry.finding(u.get()))));
    }
    return Optional.empty();
  }

  /**
   * Whether a change whose routing document stays changes what the health check reads of its
   * SKILL.md: its triggers (a "Use when" clause of its {@code when_to_use}: probed, not indexed),
   * its {@code when_to_use} (its listing entry), its model-invocation flag or its SKILL.md warnings
   * (its health section). Such a change goes through the seam like a routed one. Reads the
   * published copy only when its bytes differ from the content's SKILL.md (O(1) a change).
   */
  private boolean healthOnly(Path site, Change c) throws IOException {
    if (c.root().isEmpty()) {
      return false;
    }
    Path copy = site.resolve(SiteLayout.rawSkill(c.id()));
    Path now = c.root().get().resolve(c.now().source());
    if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(now, LinkOption.NOFOLLOW_LINKS)
        || Files.mismatch(copy, now) == -1) {
      return false;
    }
    Path olds = Files.createTempDirectory("skillsite-health");
    try {
      Optional<ContentLoader.Reloaded> was = before(site, olds, c);
      if (was.isEmpty()) {
        return true; // the seam refuses it with its reason
      }
      Skill b = was.get().skill();
      return !b.triggers().equals(c.now().triggers())
          || !Objects.equals(b.stringKey("when_to_use"), c.now().stringKey("when_to_use"))
          || healthInputsDiffer(was.get(), c).isPresent();
    } finally {
      FileTrees.delete(olds);
    }
  }

  /** The CPU the last patch's health side took (this thread, ns; for benchmarks). */
  long healthCpu() {
    return healthCpu;
  }

  /**
   * This thread's counters now, for the route step's note (--timings): wall ns, CPU ns, the
   * collectors' pause time (ms, every collector), bytes read and written through system calls
   * ({@code rchar}, {@code wchar} of /proc/thread-self/io: page cache included, memory-mapped reads
   * not), page faults (minor, major: a major one waits on the disk) of /proc/thread-self/stat and
   * the time it waited runnable for a CPU (ns, the second number of /proc/thread-self/schedstat);
   * -1 where the system does not tell. Wall less CPU, that wait and the collector's pauses is what
   * the thread waited on otherwise (the disk, a lock, a sleep).
   */
  static long[] snap() {
    long[] s = {System.nanoTime(), threadCpu(), 0, -1, -1, -1, -1, -1};
    for (java.lang.management.GarbageCollectorMXBean gc :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      s[2] += Math.max(0, gc.getCollectionTime());
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
        if (line.startsWith("rchar:")) {
          s[3] = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("wchar:")) {
          s[4] = Long.parseLong(line.substring(6).trim());
        }
      }
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      s[5] = Long.parseLong(f[7]); // minflt (field 10; f[0] is field 3)
      s[6] = Long.parseLong(f[9]); // majflt (field 12)
      s[7] = Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      // not Linux: the counters stay -1
    }
    return s;
  }

  /** What {@code to} counted since {@code from} ({@link #snap}), as the route step's note shows. */
  static String since(long[] from, long[] to) {
    return String.format(
        java.util.Locale.ROOT,
        "wall %d ms, CPU %d, waiting for a CPU %d, GC %d, read %d KB, written %d KB,"
            + " faults %d minor %d major",
        (to[0] - from[0]) / 1_000_000,
        (to[1] - from[1]) / 1_000_000,
        (to[7] - from[7]) / 1_000_000,
        to[2] - from[2],
        (to[3] - from[3]) / 1024,
        (to[4] - from[4]) / 1024,
        to[5] - from[5],
        to[6] - from[6]);
  }

  private static long threadCpu() {
    java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
  }

  /**
   * A skill whose description changed, its triggers, flags and SKILL.md diagnostics the same: the
   * two versions and what the health check reads from each ({@link DescriptionFacts}).
   */
  private record Described(
      Skill before, Skill now, DescriptionFacts factsBefore, DescriptionFacts factsNow) {}

  /**
   * The health pages and sections {@code rows} change, with the sections the pages record has, and
   * the listing total {@code described} moves; refused when a described skill changes anything else
   * the report or a health section shows.
   */
  private HealthState.Result patchHealth(
      Path site,
      Path olds,
      HealthState state,
      List<HealthState.Row> rows,
      List<HealthState.PairEdit> edits,
      List<HealthState.Reach> reach,
      List<Described> described,
      Moves moves)
      throws IOException {
    int probeCount = moves.probeCount();
    if (rows.isEmpty()
        && described.isEmpty()
        && probeCount == 0
        && edits.isEmpty()
        && reach.isEmpty()) {
      return state.patch(rows, templates, id -> Optional.empty());
    }
    Optional<SkillPagesPatch.State> pages = SkillPagesPatch.State.open(site);
    if (pages.isEmpty()) {
      return new HealthState.Result(
          Optional.empty(), "the last build left no pages record (health sections)");
    }
    try (SkillPagesPatch.State record = pages.get()) {
      java.util.function.Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections =
          id -> {
            try {
              return record.health(id);
            } catch (IOException e) {
              return Optional.empty();
            }
          };
      List<HealthState.ListingEdit> listing = new ArrayList<>();
      Map<SkillId, List<RoutingHealthView.SkillHealth>> replaced = new LinkedHashMap<>();
      java.util.function.Function<SkillId, Optional<Skill>> skills = published(site, olds, moves);
      // the rows of listed triggers a changed skill dropped go, whether or not they were ranked
      // again (their section shows them)
      edits = new ArrayList<>(edits);
      for (Described d : described) {
        SkillId id = d.now().id();
        Optional<List<RoutingHealthView.SkillHealth>> section =
            state.patchedSection(id).or(() -> sections.apply(id));
        if (section.isEmpty()) {
          continue;
        }
        Optional<String> no = moves.dropped(id, d.now().name(), section.get(), edits);
        if (no.isPresent()) {
          return new HealthState.Result(Optional.empty(), no.get());
        }
      }
      // the collision findings of rows that go, taken from their owner's section first (a
      // described skill's findings are then placed where its new description has them; another
      // skill's row that moves to a new rival gets its finding where the old one was)
      Map<SkillId, Map<String, dev.skillsite.model.SourcePos>> places = new LinkedHashMap<>();
      for (HealthState.PairEdit e : edits) {
        if (e.added()) {
          continue;
        }
        SkillId id = e.owner();
        List<RoutingHealthView.SkillHealth> was =
            replaced.containsKey(id)
                ? replaced.get(id)
                : state.patchedSection(id).or(() -> sections.apply(id)).orElse(List.of());
        String message =
            HealthState.findingMessage(
                e.trigger(), e.rival(), e.rivalScore(), e.ownerScore(), e.kind());
        String code = e.kind().equals("ambiguous") ? "trigger-ambiguous" : "trigger-collision";
        List<RoutingHealthView.SkillHealth> now = new ArrayList<>();
        int gone = 0;
        for (RoutingHealthView.SkillHealth h : was) {
          List<RoutingHealthView.Finding> kept = new ArrayList<>();
          for (RoutingHealthView.Finding f : h.findings()) {
            if (gone == 0 && f.code().equals(code) && f.message().equals(message)) {
              gone++;
              placeOf(f)
                  .ifPresent(
                      at ->
                          places
                              .computeIfAbsent(id, k -> new LinkedHashMap<>())
                              .put(e.trigger(), at));
            } else {
              kept.add(f);
            }
          }
          now.add(new RoutingHealthView.SkillHealth(h.rivals(), kept));
        }
        if (gone == 0) {
          Optional<String> rival = skills.apply(e.rival()).map(Skill::name);
          if (rival.isEmpty()
              || !dev.skillsite.check.ProbeOutcome.namesRival(e.trigger(), rival.get())) {
            return new HealthState.Result(
                Optional.empty(),
                id.value() + "'s finding of \"" + e.trigger() + "\" is not the one shown");
          }
        }
        replaced.put(id, now);
      }
      Optional<String> unplaced =
          placeGained(olds, edits, replaced, moves, skills, places, state, sections);
      if (unplaced.isPresent()) {
        return new HealthState.Result(Optional.empty(), unplaced.get());
      }
      for (Described d : described) {
        places.put(d.now().id(), d.factsNow().triggers());
        Set<String> remade = new TreeSet<>(); // pairs whose suggestion Edits makes again
        for (HealthState.PairEdit e : edits) {
          if (e.owner().equals(d.now().id()) || e.rival().equals(d.now().id())) {
            SkillId other = e.owner().equals(d.now().id()) ? e.rival() : e.owner();
            remade.add("../" + other.value() + "/index.html");
          }
        }
        Optional<String> why = descriptionMoves(state, d, sections, remade);
        if (why.isPresent()) {
          return new HealthState.Result(Optional.empty(), why.get());
        }
        listing.add(
            new HealthState.ListingEdit(
                d.now().name(), d.factsNow().entrySize() - d.factsBefore().entrySize()));
        SkillId id = d.now().id();
        List<RoutingHealthView.SkillHealth> was =
            replaced.containsKey(id)
                ? replaced.get(id)
                : state.patchedSection(id).or(() -> sections.apply(id)).orElseThrow();
        Optional<List<RoutingHealthView.SkillHealth>> now = placed(was, d);
        if (now.isEmpty()) {
          return new HealthState.Result(
              Optional.empty(),
              id.value() + "'s collision findings move among its other findings (not patched yet)");
        }
        if (!now.get().equals(was) || replaced.containsKey(id)) {
          replaced.put(id, now.get());
        }
      }
      return state.patch(
          rows, listing, replaced, probeCount, edits, reach, skills, places, templates, sections);
    }
  }

  /**
   * The places of the findings of rows a skill no change touched gains ({@code HealthProbes}: a
   * listed trigger that now collides), where no row of the same trigger went (its place is taken
   * from the finding that went): the trigger's place in the published SKILL.md copy ({@link
   * DescriptionFacts}, as the check places it), in the file its section's other findings name. Why
   * not, if not.
   */
  private static Optional<String> placeGained(
      Path olds,
      List<HealthState.PairEdit> edits,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> replaced,
      Moves moves,
      java.util.function.Function<SkillId, Optional<Skill>> skills,
      Map<SkillId, Map<String, dev.skillsite.model.SourcePos>> places,
      HealthState state,
      java.util.function.Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>>
          sections) {
    for (HealthState.PairEdit e : edits) {
      SkillId id = e.owner();
      if (!e.added()
          || moves.changed.containsKey(id)
          || places.getOrDefault(id, Map.of()).containsKey(e.trigger())) {
        continue;
      }
      Optional<Skill> s = skills.apply(id); // copies the published SKILL.md under olds
      List<RoutingHealthView.SkillHealth> section =
          replaced.containsKey(id)
              ? replaced.get(id)
              : state.patchedSection(id).or(() -> sections.apply(id)).orElse(List.of());
      Set<String> files = new TreeSet<>();
      for (RoutingHealthView.SkillHealth h : section) {
        for (RoutingHealthView.Finding f : h.findings()) {
          placeOf(f)
              .map(dev.skillsite.model.SourcePos::path)
              .filter(x -> x.equals("SKILL.md") || x.endsWith("/SKILL.md"))
              .ifPresent(files::add);
        }
      }
      if (s.isEmpty() || files.size() != 1) {
        return Optional.of(
            id.value()
                + "'s trigger \""
                + e.trigger()
                + "\" now collides and its SKILL.md's place is not known (a collision came)");
      }
      dev.skillsite.model.SourcePos at =
          DescriptionFacts.of(olds.resolve("published").resolve(id.value()), s.get())
              .triggers()
              .get(e.trigger());
      if (at == null) {
        return Optional.of(id.value() + " does not list \"" + e.trigger() + "\" where it was read");
      }
      places
          .computeIfAbsent(id, k -> new LinkedHashMap<>())
          .put(
              e.trigger(),
              new dev.skillsite.model.SourcePos(files.iterator().next(), at.line(), at.col()));
    }
    return Optional.empty();
  }

  /**
   * Where a collision finding is ({@code path:line:col}), for the finding of the same trigger with
   * another rival; empty for a finding of another severity (the new one is a warning) or place.
   */
  private static Optional<dev.skillsite.model.SourcePos> placeOf(RoutingHealthView.Finding f) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(.+):([1-9][0-9]{0,8}):([1-9][0-9]{0,8})$")
            .matcher(f.where());
    if (!f.severity().equals("warning") || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new dev.skillsite.model.SourcePos(
            m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  /**
   * What the changed skills' trigger edits move of the health check's probes: for each trigger a
   * changed skill gained or lost, the skills that had it ({@link #was}) and have it ({@link #now}),
   * the triggers new to the collection and gone from it (the routing state's trigger table), and
   * the count of probes (every skill's triggers: the report's lead). O(the changed skills'
   * triggers) record lookups.
   */
  private static final class Moves {
    private final Map<String, List<HealthProbes.Probe>> was = new java.util.TreeMap<>();
    private final Map<String, List<HealthProbes.Probe>> now = new java.util.TreeMap<>();
    final Map<SkillId, Skill> changed = new LinkedHashMap<>();
    private final Map<SkillId, Skill> before = new LinkedHashMap<>();
    private int probeCount;

    /**
     * A changed skill's triggers as they were ({@code then}; null for a skill added) and are
     * ({@code is}; null for one removed).
     */
    void add(HealthProbes.View view, Skill then, Skill is) throws IOException {
      SkillId id = is != null ? is.id() : then.id();
      List<String> thenAll = then == null ? List.of() : then.triggers().all();
      List<String> isAll = is == null ? List.of() : is.triggers().all();
      if (is != null) {
        changed.put(id, is);
      }
      if (then != null) {
        before.put(id, then);
      }
      probeCount += isAll.size() - thenAll.size();
      Set<String> touched = new TreeSet<>(thenAll);
      touched.addAll(isAll);
      List<HealthProbes.Probe> mine = is == null ? List.of() : probesOf(is);
      for (String t : touched) {
        if (!was.containsKey(t)) {
          List<HealthProbes.Probe> recorded = view.probes(t);
          was.put(t, recorded);
          now.put(t, recorded);
        }
        List<HealthProbes.Probe> list = new ArrayList<>();
        for (HealthProbes.Probe p : now.get(t)) {
          if (!p.owner().equals(id)) {
            list.add(p);
          }
        }
        for (int i = 0; i < isAll.size(); i++) {
          if (isAll.get(i).equals(t)) {
            list.add(mine.get(i));
          }
        }
        now.put(t, list);
      }
    }

    private static List<HealthProbes.Probe> probesOf(Skill s) {
      int listed = s.triggers().phrases().size() + s.triggers().keywords().size();
      List<HealthProbes.Probe> out = new ArrayList<>();
      for (int i = 0; i < s.triggers().all().size(); i++) {
        out.add(new HealthProbes.Probe(s.id(), i < listed));
      }
      return out;
    }

    Map<String, List<HealthProbes.Probe>> was() {
      return was;
    }

    Map<String, List<HealthProbes.Probe>> now() {
      return now;
    }

    int probeCount() {
      return probeCount;
    }

    /** Triggers no skill had and one has now (the routing state ranks them). */
    List<String> added() {
      return was.keySet().stream()
          .filter(t -> was.get(t).isEmpty() && !now.get(t).isEmpty())
          .toList();
    }

    /** Triggers a skill had and none has now. */
    List<String> removed() {
      return was.keySet().stream()
          .filter(t -> !was.get(t).isEmpty() && now.get(t).isEmpty())
          .toList();
    }

    /**
     * Why a skill whose triggers changed may now read otherwise in the report, if it may: it was
     * listed unreachable (its entry lists its triggers), none of its triggers ranked again routes
     * to it first (it may be unreachable now: every trigger of it is ranked again when its triggers
     * field changed, see RoutingPatch), a trigger it gained was not ranked again, or a listed
     * trigger it dropped had a collision row (checked on its section, {@link #droppedRows}).
     */
    Optional<String> unreached(
        HealthState state,
        Map<String, List<IndexAnswers.Ranked>> rankings,
        List<HealthState.Reach> reach,
        java.util.function.Function<SkillId, Optional<Skill>> skills,
        java.util.function.Function<SkillId, Optional<String>> where) {
      for (Skill s : changed.values()) {
        String name = s.id().value();
        if (state.unreachable(s.id())) {
          // its entry made again from its triggers' rankings now: all of them ranked again
          List<String> all = s.triggers().all();
          List<Optional<SkillId>> takenBy = new ArrayList<>();
          for (String t : all) {
            List<IndexAnswers.Ranked> r = rankings.get(t);
            if (r == null) {
              return Optional.of(
                  name
                      + " is listed unreachable and its trigger \""
                      + t
                      + "\" was not ranked again");
            }
            takenBy.add(r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).id()));
          }
          if (all.isEmpty()) {
            return Optional.of(name + " is listed unreachable and has no trigger now");
          }
          if (takenBy.contains(Optional.of(s.id()))) {
            reach.add(new HealthState.Reach(s.id(), Optional.empty(), Optional.empty()));
            continue;
          }
          Optional<dev.skillsite.check.Unreachable> u =
              dev.skillsite.check.UnreachableEntry.of(s.id(), all, takenBy, skills);
          Optional<String> rivalName = u.flatMap(x -> x.rival()).flatMap(skills).map(Skill::name);
          if (u.isEmpty() || (u.get().rival().isPresent() && rivalName.isEmpty())) {
            return Optional.of(name + " stays unreachable and its rival cannot be read");
          }
          reach.add(
              new HealthState.Reach(
                  s.id(),
                  Optional.of(
                      new RoutingHealthView.Lost(
                          s.name(),
                          HealthState.healthHref(s.id()),
                          dev.skillsite.check.UnreachableEntry.reason(
                              u.get(), r -> rivalName.orElse("")),
                          u.get().rival().map(HealthState::healthHref).orElse(""))),
                  Optional.of(dev.skillsite.check.UnreachableEntry.finding(u.get()))));
          continue;
        }
        Set<String> had = new TreeSet<>(before.get(s.id()).triggers().all());
        boolean reached = false;
        for (String t : s.triggers().all()) {
          List<IndexAnswers.Ranked> r = rankings.get(t);
          if (r == null) {
            if (!had.contains(t)) {
              return Optional.of(name + "'s new trigger \"" + t + "\" was not ranked again");
            }
            continue;
          }
          reached |= !r.isEmpty() && r.get(0).id().equals(s.id());
        }
        if (!reached) {
          // unreachable now: its entry and finding made from all its triggers' rankings (every
          // one ranked again when its triggers changed), inserted in id order (HealthState)
          Optional<String> no = lost(s, rankings, reach, skills, where);
          if (no.isPresent()) {
            return no;
          }
        }
      }
      return Optional.empty();
    }

    /**
     * Adds to {@code reach} the entry of {@code s}, reachable before and routed to first by none of
     * its triggers now ({@code UnreachableEntry}, as the check makes it), its finding at its
     * description key ({@code where}); why not, if not.
     */
    private static Optional<String> lost(
        Skill s,
        Map<String, List<IndexAnswers.Ranked>> rankings,
        List<HealthState.Reach> reach,
        java.util.function.Function<SkillId, Optional<Skill>> skills,
        java.util.function.Function<SkillId, Optional<String>> where) {
      String name = s.id().value();
      List<String> all = s.triggers().all();
      if (all.isEmpty() || Boolean.TRUE.equals(s.frontmatter().get("disable-model-invocation"))) {
        return Optional.of(name + " has no trigger now or is called by name only (reachability)");
      }
      List<Optional<SkillId>> takenBy = new ArrayList<>();
      for (String t : all) {
        List<IndexAnswers.Ranked> r = rankings.get(t);
        if (r == null) {
          return Optional.of(
              name + " is unreachable now and its trigger \"" + t + "\" was not ranked again");
        }
        takenBy.add(r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).id()));
      }
      Optional<dev.skillsite.check.Unreachable> u =
          dev.skillsite.check.UnreachableEntry.of(s.id(), all, takenBy, skills);
      Optional<String> rivalName = u.flatMap(x -> x.rival()).flatMap(skills).map(Skill::name);
      Optional<String> at = where.apply(s.id());
      if (u.isEmpty() || (u.get().rival().isPresent() && rivalName.isEmpty()) || at.isEmpty()) {
        return Optional.of(
            name + " is unreachable now and its rival or description key cannot be read");
      }
      reach.add(
          HealthState.Reach.lost(
              s.id(),
              new RoutingHealthView.Lost(
                  s.name(),
                  HealthState.healthHref(s.id()),
                  dev.skillsite.check.UnreachableEntry.reason(u.get(), r -> rivalName.orElse("")),
                  u.get().rival().map(HealthState::healthHref).orElse("")),
              dev.skillsite.check.UnreachableEntry.finding(u.get()),
              at.get()));
      return Optional.empty();
    }

    /**
     * Adds to {@code edits} a deleted row for each collision row {@code section} shows of a listed
     * trigger the changed skill no longer lists (unless one is there already); why it cannot, if it
     * cannot (a rival's href that does not read, two skills of one name).
     */
    Optional<String> dropped(
        SkillId id,
        String name,
        List<RoutingHealthView.SkillHealth> section,
        List<HealthState.PairEdit> edits) {
      Skill s = changed.get(id);
      if (s == null) {
        return Optional.empty();
      }
      Set<String> listed = new TreeSet<>(s.triggers().phrases());
      listed.addAll(s.triggers().keywords());
      String page = SiteLayout.skill(id);
      for (RoutingHealthView.SkillHealth h : section) {
        for (RoutingHealthView.Pair p : h.rivals()) {
          for (RoutingHealthView.Shared r : p.triggers()) {
            if (!r.owner().equals(name) || listed.contains(r.trigger())) {
              continue;
            }
            if (p.first().equals(p.second())) {
              return Optional.of(
                  id.value() + " no longer lists \"" + r.trigger() + "\" (a pair of one name)");
            }
            String other = p.firstHref().equals("index.html") ? p.secondHref() : p.firstHref();
            java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\.\\./([a-z0-9.-]+)/index\\.html").matcher(other);
            if (!m.matches()) {
              return Optional.of(id.value() + "'s section names a rival it cannot read");
            }
            SkillId rival = new SkillId(m.group(1));
            if (!page.equals(SiteLayout.skill(id))) {
              return Optional.of(id.value() + "'s page is not where it was");
            }
            boolean there =
                edits.stream()
                    .anyMatch(
                        e ->
                            !e.added()
                                && e.owner().equals(id)
                                && e.rival().equals(rival)
                                && e.trigger().equals(r.trigger()));
            if (!there) {
              edits.add(
                  new HealthState.PairEdit(
                      id, rival, r.trigger(), false, r.ownerScore(), r.rivalScore(), r.kind()));
            }
          }
        }
      }
      return Optional.empty();
    }
  }

  /**
   * {@code section} with its collision findings placed where their triggers are in the new
   * description ({@code SourceLocator.text}, as {@code RoutingRule} places them); empty when a
   * finding is not where the old description had it, or when a moved finding would change places
   * with another (the findings are in position order, then severity and message).
   */
  private static Optional<List<RoutingHealthView.SkillHealth>> placed(
      List<RoutingHealthView.SkillHealth> section, Described d) {
    List<RoutingHealthView.SkillHealth> out = new ArrayList<>();
    for (RoutingHealthView.SkillHealth h : section) {
      List<RoutingHealthView.Finding> findings = new ArrayList<>();
      List<int[]> before = new ArrayList<>();
      List<int[]> after = new ArrayList<>();
      for (RoutingHealthView.Finding f : h.findings()) {
        int[] was = place(f.where());
        RoutingHealthView.Finding now = f;
        if (f.code().equals("trigger-collision") || f.code().equals("trigger-ambiguous")) {
          Optional<String> t = collisionTrigger(f.message());
          if (t.isEmpty()
              || !d.factsBefore().triggers().containsKey(t.get())
              || !d.factsNow().triggers().containsKey(t.get())
              || !d.factsBefore().triggers().get(t.get()).toString().equals(f.where())) {
            return Optional.empty();
          }
          String where = d.factsNow().triggers().get(t.get()).toString();
          now =
              new RoutingHealthView.Finding(
                  f.skill(), f.href(), where, f.severity(), f.code(), f.message());
        }
        if (was.length == 0 || !f.where().startsWith(d.now().source() + ":")) {
          if (!now.where().equals(f.where())) {
            return Optional.empty();
          }
        }
        before.add(was);
        after.add(place(now.where()));
        findings.add(now);
      }
      // the order stays: positions as ordered as before, ties only where there were ties
      for (int i = 1; i < findings.size(); i++) {
        if (!findings.get(i).where().equals(h.findings().get(i).where())
            || !findings.get(i - 1).where().equals(h.findings().get(i - 1).where())) {
          int cmpBefore = compare(h.findings().get(i - 1).where(), h.findings().get(i).where());
          int cmpAfter = compare(findings.get(i - 1).where(), findings.get(i).where());
          if (cmpAfter > 0 || (cmpAfter == 0) != (cmpBefore == 0)) {
            return Optional.empty();
          }
        }
      }
      out.add(new RoutingHealthView.SkillHealth(h.rivals(), findings));
    }
    return Optional.of(out);
  }

  /** {@code path:line:col} as {line, col}; empty when it does not read so. */
  private static int[] place(String where) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(":([0-9]+):([0-9]+)$").matcher(where);
    return m.find()
        ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}
        : new int[0];
  }

  /** Two places in one file's order (path, line, column); places of two files by path. */
  private static int compare(String a, String b) {
    int[] pa = place(a);
    int[] pb = place(b);
    if (pa.length == 0 || pb.length == 0) {
      return a.compareTo(b) == 0 ? 0 : Integer.MAX_VALUE; // unknown: refuse any move
    }
    String fa = a.substring(0, a.length() - (":" + pa[0] + ":" + pa[1]).length());
    String fb = b.substring(0, b.length() - (":" + pb[0] + ":" + pb[1]).length());
    int c = fa.compareTo(fb);
    if (c != 0) {
      return c;
    }
    return pa[0] != pb[0] ? Integer.compare(pa[0], pb[0]) : Integer.compare(pa[1], pb[1]);
  }

  /** The trigger a collision finding's message names ({@code check.RoutingRule}'s wording). */
  private static Optional<String> collisionTrigger(String message) {
    if (!message.startsWith("trigger \"")) {
      return Optional.empty();
    }
    for (String tail : List.of("\" routes to '", "\" is ambiguous: '")) {
      int at = message.indexOf(tail);
      if (at > 0) {
        return Optional.of(message.substring("trigger \"".length(), at));
      }
    }
    return Optional.empty();
  }

  /**
   * Why a description edit (triggers the same) changes what the health report or a health section
   * shows besides the listing total, if it may: its lint or the places of its findings (compared on
   * the skill alone, before and after), a suggestion of one of its collision pairs (it follows
   * whether each description names the pair's triggers), the shared words of an unreachable skill
   * it wins over (its description's words).
   */
  private static Optional<String> descriptionMoves(
      HealthState state,
      Described d,
      java.util.function.Function<SkillId, Optional<List<RoutingHealthView.SkillHealth>>> sections,
      Set<String> remade) {
    SkillId id = d.now().id();
    String name = id.value();
    if (!d.factsBefore().sameFindings(d.factsNow())) {
      return Optional.of(
          name + "'s description lint or the places of its findings change (not patched yet)");
    }
    if (state.rivalOfUnreachable(id) && state.unreachableOf(id).isEmpty()) {
      // (with the lists, the entries naming it were made again by reachOf)
      return Optional.of(
          name + " wins over an unreachable skill whose entry shows its description's words");
    }
    Optional<List<RoutingHealthView.SkillHealth>> section =
        state.patchedSection(id).or(() -> sections.apply(id));
    if (section.isEmpty()) {
      return Optional.of("no recorded health section of " + name);
    }
    String before = d.before().description().toLowerCase(java.util.Locale.ROOT);
    String now = d.now().description().toLowerCase(java.util.Locale.ROOT);
    for (RoutingHealthView.SkillHealth h : section.get()) {
      for (RoutingHealthView.Pair p : h.rivals()) {
        if (remade.contains(p.firstHref()) || remade.contains(p.secondHref())) {
          continue; // its rows change: its suggestion is made again
        }
        for (RoutingHealthView.Shared s : p.triggers()) {
          String t = s.trigger().toLowerCase(java.util.Locale.ROOT);
          if (before.contains(t) != now.contains(t)) {
            return Optional.of(
                name
                    + "'s description now "
                    + (now.contains(t) ? "names" : "no longer names")
                    + " \""
                    + s.trigger()
                    + "\" (a collision suggestion may change)");
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The skill as the published site's SKILL.md copy reads (the file the last build copied, put
   * under {@code root} at its content path and parsed the way the build parsed it), with its
   * diagnostics; empty without a copy or when it does not read. {@code root} must stay until the
   * skill's body was read.
   */
  private Optional<ContentLoader.Reloaded> before(Path site, Path root, Change c)
      throws IOException {
    if (c.published().isPresent()) { // read once by the patch (PatchBuild)
      return Optional.of(c.published().get().read());
    }
    Path copy = site.resolve(SiteLayout.rawSkill(c.id()));
    if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path at = root.resolve(c.id().value()).resolve(c.now().source());
    Files.createDirectories(at.getParent());
    Files.copy(copy, at);
    return loader.read(
        root.resolve(c.id().value()),
        c.id(),
        c.now().source(),
        c.now().collectionId(),
        List.of(),
        c.now().declaredRelated());
  }

  /**
   * Each skill as the report reads it after the patch: a changed skill's new version, any other
   * skill's published copy ({@link #published(Path, Path, SkillId)}), each read once.
   */
  private java.util.function.Function<SkillId, Optional<Skill>> published(
      Path site, Path olds, Moves moves) {
    Map<SkillId, Optional<Skill>> known = new java.util.HashMap<>();
    moves.changed.forEach((id, s) -> known.put(id, Optional.of(s)));
    return id -> known.computeIfAbsent(id, x -> published(site, olds, x));
  }

  /**
   * Where the description key of a skill the patch did not change sits ({@code source:line:col}, as
   * the check places its unreachable finding): its source as the last build recorded it ({@link
   * PatchState}), the line in its published SKILL.md copy (the same bytes); empty when either does
   * not read.
   */
  private Optional<String> descriptionKey(Path site, Path olds, SkillId id) {
    Optional<String> source = PatchState.sourceOf(site, id);
    Optional<Skill> s = published(site, olds, id);
    if (source.isEmpty() || s.isEmpty()) {
      return Optional.empty();
    }
    dev.skillsite.model.SourcePos key =
        dev.skillsite.check.DescriptionFacts.of(
                olds.resolve("published").resolve(id.value()), s.get())
            .key();
    return Optional.of(
        new dev.skillsite.model.SourcePos(source.get(), key.line(), key.col()).toString());
  }

  /**
   * A skill the patch did not change as the published site's SKILL.md copy reads (its name,
   * description and triggers: what a collision pair shows of it); empty without a readable copy.
   */
  private Optional<Skill> published(Path site, Path olds, SkillId id) {
    try {
      Path copy = site.resolve(SiteLayout.rawSkill(id));
      if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      Path root = olds.resolve("published").resolve(id.value());
      Files.createDirectories(root);
      Files.copy(copy, root.resolve("SKILL.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return loader
          .read(root, id, "SKILL.md", "published", List.of(), List.of())
          .map(ContentLoader.Reloaded::skill);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Why the health check's inputs other than rankings, the description, when_to_use and the
   * triggers (patched: {@link #descriptionMoves}, {@link Moves}) differ for a changed skill: the
   * model-invocation flag, the reader's diagnostics of its SKILL.md (its health section).
   */
  private static Optional<String> healthInputsDiffer(ContentLoader.Reloaded was, Change c) {
    Skill before = was.skill();
    Skill now = c.now();
    String id = now.id().value();
    if (!Objects.equals(
        before.frontmatter().get("disable-model-invocation"),
        now.frontmatter().get("disable-model-invocation"))) {
      return Optional.of(id + "'s disable-model-invocation changed");
    }
    if (c.published().isEmpty()
        && !own(was.diagnostics(), now.source()).equals(own(c.diagnostics(), now.source()))) {
      return Optional.of(id + "'s SKILL.md warnings changed (its health section shows them)");
    }
    // with the published copy read by PatchBuild, its pages side replaces changed warnings in the
    // health section (SkillPagesPatch; the health report lists none but lint codes: refused there)
    return Optional.empty();
  }

  private static List<Diagnostic> own(List<Diagnostic> all, String source) {
    return all.stream().filter(d -> d.pos().path().equals(source)).toList();
  }

  /** The generation the published site's files match; -1 without a readable marker. */
  private static long publishedGeneration(Path site) {
    try {
      String text = Files.readString(site.resolve(PUBLISHED), StandardCharsets.UTF_8).trim();
      return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
