package dev.skillsite.build;

import dev.skillsite.model.ContentPaths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A changed path that no skill of the last build holds, told apart when it is in a skill folder the
 * build would load now: a skill added. A patch refuses it (the whole build adds the skill) with the
 * reason a clean build's output differs far from the new skill: one more routing document moves
 * each scored field's document count, which every BM25 score reads (idf), so scores printed on
 * other skills' pages and the health pages move, and the skill lists' counts and cards after it
 * change on every page (docs/notes/issue-27.md, session 12, branch added: the survey).
 */
final class AddedSkill {
  /** The file names the scanner loads a skill from (SkillScanner.SKILL_FILE_NAMES). */
  private static final Set<String> SKILL_FILES = Set.of("SKILL.md", "skill.md");

  /** Folders the scanner does not enter (SkillScanner: {@code .git}, {@code node_modules}). */
  private static final Set<String> SKIPPED = Set.of(".git", "node_modules");

  private AddedSkill() {}

  /**
   * The content path of the nearest folder holding {@code file} (itself included when a folder)
   * that has a regular SKILL.md, when the scanner would enter it ("" for the root); empty when
   * there is none or the scanner skips the path ({@code .git}, {@code node_modules}, the root's
   * {@code static/}).
   *
   * @param root the content folder, real
   * @param file an absolute path under {@code root} (it may not exist: a deleted file)
   */
  static Optional<String> folderOf(Path root, Path file) {
    if (!file.startsWith(root) || file.equals(root)) {
      return Optional.empty();
    }
    Path rel = root.relativize(file);
    if (rel.getName(0).toString().equals(ContentPaths.STATIC_FOLDER) && rel.getNameCount() > 1) {
      return Optional.empty(); // published as it is
    }
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (SKIPPED.contains(rel.getName(i).toString())) {
        return Optional.empty();
      }
    }
    for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
      for (String name : SKILL_FILES) {
        if (Files.isRegularFile(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(root.relativize(dir).toString().replace('\\', '/'));
        }
      }
    }
    return Optional.empty();
  }

  /** The refusal of {@code rel}, a path in {@code folder}: a skill the last build did not have. */
  static String refusal(String rel, String folder) {
    return rel
        + " is in "
        + (folder.isEmpty() ? "the content folder" : folder)
        + ", a skill added (its SKILL.md is no skill of the last build): one more routing"
        + " document changes each scored field's document count, which every routing score reads,"
        + " and the skill lists' counts and pages (not patched)";
  }
}
