package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.RelatedSkill;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The related skills a patch changes: for each skill whose similar skills may have changed ({@code
 * RoutingPatch.Patched.similarMayChange}), its list made again as {@link RelatedSkillsStage} makes
 * it — declared skills first (its recorded ones, or a changed skill's declared names resolved
 * again), then similar skills from the patched index ({@code RoutingPatcher.Patched#similarSkills},
 * which reads the postings of that skill's words only) — and kept where it differs from the
 * recorded one ({@link RelatedState}). Most patches change none. Cost: one "more like this" query
 * per skill asked (at most {@code SimilarSkills.MAX_POSTINGS} postings each) and a state look-up.
 */
final class RelatedPatch {
  /** Skills by id, as the state and the answer order them. */
  static final Comparator<SkillId> BY_ID = Comparator.comparing(SkillId::value);

  /**
   * More lists patched since the last full build than this: the build falls back (and records every
   * list again), so the file patches rewrite stays small.
   */
  static final int MAX_PATCHED = 4096;

  /**
   * More lists that may change than this in one patch: the build falls back. Each costs a "more
   * like this" query on the patched index (2–4 ms of CPU on {@code large} in a fresh JVM, up to
   * {@code SimilarSkills.MAX_POSTINGS} postings at scale), so this bounds what relating adds to a
   * patch; an edit touching a word hundreds of skills' surfaces use exceeds it (see
   * docs/notes/issue-27.md: recording which skills walk and rank each word narrows the set). With
   * {@code PatchCaps.PRICED_RELATED} the route step prices them (its budget) and this is its
   * ceiling, {@link #MAX_PATCHED}; off, 512.
   */
  static final int MAX_ASKED = dev.skillsite.routing.PatchCaps.maxSimilar();

  /**
   * More lists that change than this in one patch: the build falls back. Each changed list makes
   * its skill's page again (a page of another skill), so this bounds the pages a patch renders for
   * related lists, as {@code MAX_ASKED} did when it bounded the lists asked (with {@code
   * PatchCaps.PRICED_RELATED}: asked lists are priced by the route step, changed ones bounded
   * here).
   */
  static final int MAX_CHANGED = dev.skillsite.routing.PatchCaps.MAX_SIMILAR;

  private RelatedPatch() {}

  /** What a patch of the related lists says. */
  sealed interface Outcome permits Patched, Refused {}

  /**
   * The lists that change (skill → its new list, by id), and whether the state file was staged
   * ({@link RelatedState#PATCHED}, to publish with the pages; none when no list changed).
   */
  record Patched(Map<SkillId, List<RelatedSkill>> changed, Optional<String> staged)
      implements Outcome {}

  /** The build must fall back: why. */
  record Refused(String reason) implements Outcome {}

  /**
   * The related lists of {@code mayChange} (skill ids) made again with {@code similar} (the patched
   * index's finder), {@code changed} the patched skills as they are now (their declared names
   * resolved again); the new state staged into {@code staging} when a list changed.
   */
  static Outcome patch(
      RelatedState state,
      Collection<String> mayChange,
      IndexAnswers.Finder similar,
      Collection<Skill> changed,
      Path staging)
      throws IOException {
    if (mayChange.size() > MAX_ASKED) {
      return new Refused(
          mayChange.size() + " skills' related lists may change, more than " + MAX_ASKED);
    }
    Map<SkillId, Skill> now = new HashMap<>();
    changed.forEach(s -> now.put(s.id(), s));
    Map<SkillId, List<RelatedSkill>> out = new TreeMap<>(BY_ID);
    for (String value : new TreeSet<>(mayChange)) {
      SkillId id = new SkillId(value);
      Optional<List<RelatedSkill>> recorded = state.list(id);
      if (recorded.isEmpty()) {
        return new Refused("no related skills recorded for " + value);
      }
      List<SkillId> declared = new ArrayList<>();
      Skill skill = now.get(id);
      if (skill != null) {
        for (String name : skill.declaredRelated()) {
          declared.addAll(state.named(name));
        }
      } else {
        for (RelatedSkill r : recorded.get()) {
          if (r.declared()) {
            declared.add(r.id());
          }
        }
      }
      List<RelatedSkill> list =
          RelatedSkillsStage.related(id, declared, similar, BuildPipeline.RELATED);
      if (!list.equals(recorded.get())) {
        out.put(id, list);
      }
    }
    if (out.isEmpty()) {
      return new Patched(Map.of(), Optional.empty());
    }
    if (out.size() > MAX_CHANGED) {
      return new Refused(out.size() + " skills' related lists change, more than " + MAX_CHANGED);
    }
    if (state.patchedLists() + out.size() > MAX_PATCHED) {
      return new Refused(
          "more than " + MAX_PATCHED + " related lists patched since the last build");
    }
    state.stage(staging, out);
    return new Patched(out, Optional.of(RelatedState.PATCHED));
  }
}
