package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.HealthState;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing part of a patch build ({@link PatchBuild}): given the changed skills (the digest of
 * each one's routing document as the last build indexed it, and its new version), patch the routing
 * state kept in the build cache and say what changed for the pages side, or that it cannot patch.
 * {@link RoutingWire} is the implementation over {@code cache/RoutingPatcher}; {@link #STAND_IN}
 * patches only edits that leave every routing document as it was (tests of the pages side).
 *
 * <p>The answer is <em>staged</em>: nothing under the published site changes until the caller
 * publishes {@link Patched#exportFiles} with its pages ({@code AtomicSiteWriter.patch}) and then
 * calls {@link Outcome#commit}; closing the outcome without committing rolls the state back. A
 * patch killed between the two is seen by the next one (the generation published with the files is
 * not the state's) and falls back.
 */
interface RoutingSeam {
  /**
   * The copy of a changed SKILL.md the last build (or patch) published, read once by the patch
   * ({@link PatchBuild}): {@code read} as {@link ContentLoader#read} gives it, from the folder
   * {@code root} (its source relative to it), which lives as long as the patch (the skill's body is
   * read from it when asked).
   */
  record Published(ContentLoader.Reloaded read, Path root) {}

  /**
   * A changed skill: its id, its routing document's digest last build, its new version, the
   * reader's diagnostics of it (its health section shows those of its SKILL.md) and the content
   * folder its source is relative to (where known: a description edit's findings are placed there),
   * and the published copy of its SKILL.md as the patch read it (when its SKILL.md changed: the
   * routing side does not read it again).
   */
  record Change(
      SkillId id,
      String oldRouting,
      String newRouting,
      Skill now,
      List<Diagnostic> diagnostics,
      Optional<Path> root,
      Optional<Published> published) {
    public Change {
      diagnostics = List.copyOf(diagnostics);
      if (now == null && published.isEmpty()) {
        throw new IllegalArgumentException("a removed skill without its published copy: " + id);
      }
      if (now == null && oldRouting.isEmpty()) {
        throw new IllegalArgumentException("a change with neither side: " + id);
      }
    }

    Change(
        SkillId id,
        String oldRouting,
        String newRouting,
        Skill now,
        List<Diagnostic> diagnostics,
        Optional<Path> root) {
      this(id, oldRouting, newRouting, now, diagnostics, root, Optional.empty());
    }

    Change(
        SkillId id, String oldRouting, String newRouting, Skill now, List<Diagnostic> diagnostics) {
      this(id, oldRouting, newRouting, now, diagnostics, Optional.empty());
    }

    Change(SkillId id, String oldRouting, String newRouting, Skill now) {
      this(id, oldRouting, newRouting, now, List.of());
    }

    /**
     * A skill the last build did not have: no old routing digest ({@code ""}), its new version,
     * diagnostics and content folder.
     */
    static Change added(
        Skill now, String newRouting, List<Diagnostic> diagnostics, Optional<Path> root) {
      return new Change(now.id(), "", newRouting, now, diagnostics, root, Optional.empty());
    }

    /**
     * A skill the last build had and the content no longer has: its routing digest last build and
     * its published SKILL.md as the patch read it (the routing state's document is checked against
     * it); no new version ({@code now} null, {@code newRouting} {@code ""}).
     */
    static Change removed(SkillId id, String oldRouting, Published published) {
      return new Change(
          id, oldRouting, "", null, List.of(), Optional.empty(), Optional.of(published));
    }

    /** Whether the skill is new: the last build had no routing document of it. */
    boolean isAdded() {
      return oldRouting.isEmpty();
    }

    /** Whether the skill is gone: it has no new version. */
    boolean isRemoved() {
      return now == null;
    }

    boolean routingChanged() {
      return !oldRouting.equals(newRouting);
    }
  }

  /**
   * What the routing side changed.
   *
   * @param rankings every trigger phrase ranked again (trigger → skill ids, best first, as the
   *     health check probes it); every other phrase ranks as in the last build
   * @param similar skills whose similar skills are different now (skill → ids), where known (filled
   *     by the similar-skills side; empty until then)
   * @param similarMayChange the skills whose similar skills may differ now ({@code
   *     RoutingPatch.similarMayChange}: the changed ones included); every other list is as before
   * @param health empty when nothing the routing health shows (report pages, skills' health
   *     sections) changed; else why, and the patch must fall back until health is re-rendered
   * @param exportFiles site files to write (the browser search export's changed files, the
   *     generation marker) → bytes
   * @param exportDeleted site files to delete
   * @param similarSkills the patched index's similar skills (valid until the outcome is closed),
   *     for {@link RelatedPatch} to make the lists of {@code similarMayChange} again; empty when no
   *     routing document changed
   * @param healthPatch the health report's pages (and the health state's delta) to publish, and the
   *     skills whose health section is another one now ({@code HealthState}): what {@code health}
   *     does not refuse
   */
  record Patched(
      Map<String, List<SkillId>> rankings,
      Map<SkillId, List<SkillId>> similar,
      Set<SkillId> similarMayChange,
      Optional<String> health,
      Map<String, byte[]> exportFiles,
      List<String> exportDeleted,
      Optional<IndexAnswers.Finder> similarSkills,
      HealthState.Patched healthPatch) {
    static final Patched NOTHING =
        new Patched(
            Map.of(),
            Map.of(),
            Set.of(),
            Optional.empty(),
            Map.of(),
            List.of(),
            Optional.empty(),
            HealthState.Patched.NOTHING);

    /** Without a finder and with nothing for the health report (tests' seams). */
    Patched(
        Map<String, List<SkillId>> rankings,
        Map<SkillId, List<SkillId>> similar,
        Set<SkillId> similarMayChange,
        Optional<String> health,
        Map<String, byte[]> exportFiles,
        List<String> exportDeleted) {
      this(
          rankings,
          similar,
          similarMayChange,
          health,
          exportFiles,
          exportDeleted,
          Optional.empty());
    }

    /** With nothing for the health report (tests' seams). */
    Patched(
        Map<String, List<SkillId>> rankings,
        Map<SkillId, List<SkillId>> similar,
        Set<SkillId> similarMayChange,
        Optional<String> health,
        Map<String, byte[]> exportFiles,
        List<String> exportDeleted,
        Optional<IndexAnswers.Finder> similarSkills) {
      this(
          rankings,
          similar,
          similarMayChange,
          health,
          exportFiles,
          exportDeleted,
          similarSkills,
          HealthState.Patched.NOTHING);
    }

    /** Whether no page but the search export's files can change. */
    boolean pagesUnchanged() {
      return health.isEmpty() && similar.isEmpty() && similarMayChange.isEmpty();
    }
  }

  /**
   * Patches the routing state under {@code site}'s build cache for {@code changes}; the staged
   * answer, or why the change cannot be patched (statistics moved, a description changed, no state,
   * a patch killed before its commit: the build falls back). Nothing O(collection) is read.
   *
   * @param site the published site folder
   * @param key the patch state's key (code, configuration, templates, options)
   */
  Outcome patch(Path site, String key, List<Change> changes) throws IOException;

  /** What {@link #commit} makes of a staged patch: the routing state's own commit. */
  interface Staged extends Closeable {
    void commit() throws IOException;

    /**
     * Starts writing the commit's files (not yet the state) while the caller syncs the site's;
     * {@link #commit} finishes it, closing drops it. Nothing by default.
     */
    default void prepareCommit() {}

    /**
     * Waits for {@link #prepareCommit}'s files: the syncs they put off, which the publish makes
     * durable with the site's files before {@link #commit}. None by default.
     */
    default Optional<dev.skillsite.output.FileSystemSync.Deferred> prepared() throws IOException {
      return Optional.empty();
    }

    /** What the routing step did, for {@code --timings} (e.g. the rankings asked); may be "". */
    default String note() {
      return "";
    }

    Staged NONE =
        new Staged() {
          @Override
          public void commit() {}

          @Override
          public void close() {}
        };
  }

  /**
   * {@link #patch}'s answer: what changed, or why not. Close it: without {@link #commit} (called
   * once the site's journal is written) the routing state stays as it was.
   */
  final class Outcome implements Closeable {
    private final Optional<Patched> patched;
    private final String cannot;
    private final Staged staged;

    private Outcome(Optional<Patched> patched, String cannot, Staged staged) {
      this.patched = patched;
      this.cannot = cannot;
      this.staged = staged;
    }

    static Outcome of(Patched p) {
      return new Outcome(Optional.of(p), "", Staged.NONE);
    }

    static Outcome staged(Patched p, Staged staged) {
      return new Outcome(Optional.of(p), "", staged);
    }

    static Outcome cannot(String why) {
      return new Outcome(Optional.empty(), why, Staged.NONE);
    }

    Optional<Patched> patched() {
      return patched;
    }

    String cannot() {
      return cannot;
    }

    /** What the routing step did, for {@code --timings}; may be "". */
    String note() {
      return staged.note();
    }

    /** Starts the routing state's commit's files: before the site's syncs ({@link #commit}). */
    void prepareCommit() {
      staged.prepareCommit();
    }

    /** The routing state's put-off syncs, its commits prepared: for the site's one sync. */
    Optional<dev.skillsite.output.FileSystemSync.Deferred> prepared() throws IOException {
      return staged.prepared();
    }

    /** Makes the patched routing state the state: after the site's journal is written. */
    void commit() throws IOException {
      staged.commit();
    }

    @Override
    public void close() throws IOException {
      staged.close();
    }
  }

  /** Holds the outcome of a patch build's seam until the build ends, then closes it. */
  final class Held implements Closeable {
    private Optional<Outcome> outcome = Optional.empty();

    void keep(Outcome o) {
      outcome = Optional.of(o);
    }

    @Override
    public void close() throws IOException {
      if (outcome.isPresent()) {
        outcome.get().close();
      }
    }
  }

  /**
   * The pages side's stand-in: nothing changes when no routing document changed; else "cannot
   * patch".
   */
  RoutingSeam STAND_IN =
      (site, key, changes) ->
          changes.stream().anyMatch(Change::routingChanged)
              ? Outcome.cannot(
                  "the routing document of "
                      + changes.stream()
                          .filter(Change::routingChanged)
                          .map(c -> c.id().value())
                          .findFirst()
                          .orElseThrow()
                      + " changed (routing is not patched yet)")
              : Outcome.of(Patched.NOTHING);
}
