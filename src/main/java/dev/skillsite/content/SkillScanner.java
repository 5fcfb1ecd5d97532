package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks a content tree once and lists the files the loader needs. Searches hidden folders (for
 * {@code .claude/skills}, {@code .claude-plugin/skills}), skips {@code .git} and {@code
 * node_modules} and the root's {@code static/} (files published as they are), and follows no
 * symbolic link: a symlinked SKILL.md gets a warning, other links are ignored. Stateless.
 */
final class SkillScanner {
  static final Set<String> SKILL_FILE_NAMES = Set.of("SKILL.md", "skill.md");
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules");

  /**
   * Most skills one build publishes, so that a huge tree still builds in bounded time and memory.
   */
  static final int MAX_SKILLS = 10_000;

  private final int maxSkills;

  SkillScanner() {
    this(MAX_SKILLS);
  }

  SkillScanner(int maxSkills) {
    this.maxSkills = maxSkills;
  }

  /**
   * @param root a real (symlink-free), absolute directory
   */
  ScanResult scan(Path root) throws IOException {
    List<String> skills = new ArrayList<>();
    List<String> markdown = new ArrayList<>();
    List<String> plugins = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && SKILL_FILE_NAMES.contains(dir.getFileName().toString())) {
              diagnostics.add(
                  Diagnostic.warning(
                      SourcePos.of(RelPaths.of(root, dir)),
                      "not-a-file",
                      dir.getFileName() + " is a folder, not a file; no skill is loaded from it"));
            }
            boolean asIs =
                root.equals(dir.getParent())
                    && dir.getFileName().toString().equals(ContentPaths.STATIC_FOLDER);
            return asIs || !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            String rel = RelPaths.of(root, file);
            if (attrs.isSymbolicLink()) {
              if (SKILL_FILE_NAMES.contains(name)) {
                diagnostics.add(
                    Diagnostic.warning(
                        SourcePos.of(rel),
                        "symlink-skipped",
                        name + " is a symbolic link; links are not followed, so it is not loaded"));
              }
            } else if (attrs.isRegularFile()) {
              if (SKILL_FILE_NAMES.contains(name)) {
                skills.add(rel);
              } else if (name.toLowerCase(Locale.ROOT).endsWith(".md")) {
                markdown.add(rel);
              } else if (name.equals("plugin.json") && rel.endsWith(".claude-plugin/plugin.json")) {
                plugins.add(rel);
              }
            } else if (!attrs.isDirectory()
                && (SKILL_FILE_NAMES.contains(name)
                    || name.toLowerCase(Locale.ROOT).endsWith(".md"))) {
              // a FIFO would block the reader forever; a socket or device is no document either
              diagnostics.add(
                  Diagnostic.warning(
                      SourcePos.of(rel),
                      "not-a-file",
                      name
                          + " is a special file (FIFO, socket or device), not a regular file; it is not read"));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (file.equals(root)) {
              return FileVisitResult.TERMINATE;
            }
            diagnostics.add(
                Diagnostic.warning(
                    SourcePos.of(RelPaths.of(root, file)),
                    "unreadable-path",
                    "cannot read: " + e.getClass().getSimpleName()));
            return FileVisitResult.CONTINUE;
          }
        });
    skills.sort(RelPaths.ORDER);
    markdown.sort(RelPaths.ORDER);
    plugins.sort(RelPaths.ORDER);
    return new ScanResult(
        capped(skillsInDistinctFolders(skills, diagnostics), diagnostics),
        markdown,
        plugins,
        diagnostics);
  }

  /** The first {@code maxSkills} skills in path order; an error on the first one left out. */
  private List<String> capped(List<String> skills, List<Diagnostic> diagnostics) {
    if (skills.size() <= maxSkills) {
      return skills;
    }
    diagnostics.add(
        Diagnostic.error(
            SourcePos.of(skills.get(maxSkills)),
            "too-many-skills",
            "the content holds "
                + skills.size()
                + " skills; the limit is "
                + maxSkills
                + ", so this one and the "
                + (skills.size() - maxSkills - 1)
                + " after it in path order are not built (hint: build --max-skills N raises the"
                + " limit)"));
    return List.copyOf(skills.subList(0, maxSkills));
  }

  /** When a folder has both SKILL.md and skill.md (case-sensitive file systems), SKILL.md wins. */
  private static List<String> skillsInDistinctFolders(
      List<String> skills, List<Diagnostic> diagnostics) {
    Set<String> upper = new java.util.HashSet<>();
    for (String s : skills) {
      if (ContentPaths.fileName(s).equals("SKILL.md")) {
        upper.add(ContentPaths.parent(s));
      }
    }
    List<String> result = new ArrayList<>();
    for (String s : skills) {
      if (ContentPaths.fileName(s).equals("skill.md") && upper.contains(ContentPaths.parent(s))) {
        diagnostics.add(
            Diagnostic.warning(
                SourcePos.of(s),
                "duplicate-skill-file",
                "skill.md ignored: SKILL.md in the same folder is used"));
      } else {
        result.add(s);
      }
    }
    return result;
  }
}
