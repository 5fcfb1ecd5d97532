package dev.skillsite.build;

import dev.skillsite.model.ContentPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference files ({@code *.md} beside a SKILL.md, as the loader's reference finder takes them)
 * a patch build's changed paths add to or delete from skills of the last build: a changed Markdown
 * file that is not one of its skill's recorded references is added; a recorded reference that is no
 * longer there is deleted (a deleted file is told from a folder or a link by the record: only a
 * path the last build read as a reference counts). Paths the finder would not take as a plain
 * reference (a hidden folder, {@code node_modules}, a {@code skill.md}, {@code .markdown}) give
 * their reason instead.
 */
final class ReferenceFiles {
  /** The loader's cap on a skill's references ({@code ReferenceFinder.MAX_REFERENCES}). */
  static final int MAX_REFERENCES = 500;

  private final Map<PatchState.SkillRecord, TreeSet<String>> added = new TreeMap<>(BY_DIR);
  private final Map<PatchState.SkillRecord, TreeSet<String>> deleted = new TreeMap<>(BY_DIR);

  private static final java.util.Comparator<PatchState.SkillRecord> BY_DIR =
      java.util.Comparator.comparing(PatchState.SkillRecord::source);

  /** Whether {@code rel} (a content path) is Markdown a reference finder reads. */
  static boolean markdown(String rel) {
    return rel.toLowerCase(Locale.ROOT).endsWith(".md");
  }

  /**
   * Notes a changed path of {@code owner} that {@code exists} or not: empty when it is no change of
   * the skill's references or one this class follows, else why a patch cannot follow it.
   */
  Optional<String> note(PatchState.SkillRecord owner, String rel, boolean exists) {
    boolean recorded = owner.references().contains(rel);
    if (exists == recorded || rel.equals(owner.source())) {
      return Optional.empty(); // an edit in place (or not a reference at all)
    }
    String inSkill = owner.dir().isEmpty() ? rel : rel.substring(owner.dir().length() + 1);
    for (String segment : inSkill.split("/")) {
      if (segment.startsWith(".") || segment.equals("node_modules")) {
        return Optional.of(rel + " was added or deleted in a hidden or skipped folder");
      }
    }
    if (ContentPaths.fileName(rel).equalsIgnoreCase("skill.md")) {
      return Optional.of(rel + " is a skill file, not a reference");
    }
    (exists ? added : deleted).computeIfAbsent(owner, k -> new TreeSet<>()).add(rel);
    return Optional.empty();
  }

  boolean isEmpty() {
    return added.isEmpty() && deleted.isEmpty();
  }

  /** Whether {@code owner}'s references change. */
  boolean changes(PatchState.SkillRecord owner) {
    return added.containsKey(owner) || deleted.containsKey(owner);
  }

  /**
   * {@code owner}'s reference files now (content paths, in the finder's order: by path), or why
   * they cannot be patched.
   */
  List<String> now(PatchState.SkillRecord owner) {
    // the scanner's order: UTF-8 byte order, which is code point order
    TreeSet<String> all =
        new TreeSet<>(
            (a, b) -> java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    all.addAll(owner.references());
    all.removeAll(deleted.getOrDefault(owner, new TreeSet<>()));
    all.addAll(added.getOrDefault(owner, new TreeSet<>()));
    return new ArrayList<>(all);
  }

  /** The references added to {@code owner} (content paths). */
  java.util.Set<String> added(PatchState.SkillRecord owner) {
    return added.getOrDefault(owner, new TreeSet<>());
  }

  /** The references deleted from {@code owner} (content paths). */
  java.util.Set<String> deleted(PatchState.SkillRecord owner) {
    return deleted.getOrDefault(owner, new TreeSet<>());
  }

  /**
   * What a patch does not follow yet, for the skills whose references change ({@code unlinked}:
   * whether no other skill's document links into a skill folder, {@link
   * SkillPagesPatch.State#unlinked}); empty when none. A first reference of a skill of its SKILL.md
   * alone is followed: the archive comes (SkillFilesPatch, the page's download, the discovery
   * entry).
   */
  Optional<String> refusal(java.util.function.Predicate<String> unlinked) {
    for (PatchState.SkillRecord r : union()) {
      if (!unlinked.test(r.dir())) {
        return Optional.of(
            r.id()
                + ": "
                + (added.containsKey(r)
                    ? "reference " + added.get(r).first() + " added"
                    : "reference " + deleted.get(r).first() + " deleted")
                + ", and another skill's document links into its folder (a link may resolve or"
                + " break)");
      }
      List<String> now = now(r);
      if (now.size() > MAX_REFERENCES || r.references().size() > MAX_REFERENCES) {
        return Optional.of(
            r.id() + " has more than " + MAX_REFERENCES + " references (which are published)");
      }
    }
    return Optional.empty();
  }

  private List<PatchState.SkillRecord> union() {
    TreeMap<PatchState.SkillRecord, Boolean> all = new TreeMap<>(BY_DIR);
    added.keySet().forEach(r -> all.put(r, true));
    deleted.keySet().forEach(r -> all.put(r, true));
    return new ArrayList<>(all.keySet());
  }
}
