package dev.skillsite.build;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing part of a patch build ({@link PatchBuild}): given the changed skills (the digest of
 * each one's routing document as the last build indexed it, and its new version), update the
 * routing state kept in the build cache and say what changed for the pages side, or that it cannot
 * patch. The routing side's {@code routing/RoutingPatch} plugs in here (one adapter: see {@link
 * #STAND_IN} and docs/notes/issue-27.md); until then the stand-in patches only edits that leave
 * every routing document as it was.
 */
interface RoutingSeam {
  /** A changed skill: its id, its routing document's digest last build, its new version. */
  record Change(SkillId id, String oldRouting, String newRouting, Skill now) {
    boolean routingChanged() {
      return !oldRouting.equals(newRouting);
    }
  }

  /**
   * What the routing side changed: trigger rankings (trigger → skill ids, best first) and similar
   * skills (skill → ids) that are different now, and the browser search export's files to write
   * (site path → bytes) or delete. Empty maps when no routing document changed.
   */
  record Patched(
      Map<String, List<SkillId>> rankings,
      Map<SkillId, List<SkillId>> similar,
      Map<String, byte[]> exportFiles,
      List<String> exportDeleted) {
    static final Patched NOTHING = new Patched(Map.of(), Map.of(), Map.of(), List.of());

    boolean pagesUnchanged() {
      return rankings.isEmpty() && similar.isEmpty();
    }
  }

  /**
   * Updates the routing state under {@code cacheDir} for {@code changes}; the answer, or why the
   * change cannot be patched (statistics moved, too many terms, no state: the build falls back).
   * Nothing O(collection) may be read.
   *
   * @param cacheDir the published site's build cache folder
   */
  Outcome patch(Path cacheDir, List<Change> changes) throws IOException;

  /** {@link #patch}'s answer: what changed, or why not. */
  record Outcome(Optional<Patched> patched, String cannot) {
    static Outcome of(Patched p) {
      return new Outcome(Optional.of(p), "");
    }

    static Outcome cannot(String why) {
      return new Outcome(Optional.empty(), why);
    }
  }

  /**
   * Until the routing side's patch is wired in: nothing changes when no routing document changed;
   * else "cannot patch".
   */
  RoutingSeam STAND_IN =
      (cacheDir, changes) ->
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
