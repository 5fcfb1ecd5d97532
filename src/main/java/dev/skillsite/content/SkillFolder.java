package dev.skillsite.content;

import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files that make up a skill as an agent installs it: every regular file of its folder, found
 * without following symbolic links, leaving out hidden files and folders ({@code .git}, {@code
 * .env}) and the folders of skills nested in it. Paths are relative to the skill folder with {@code
 * /} separators, sorted; the skill's own file is first and named {@code SKILL.md}. Stateless.
 */
public final class SkillFolder {
  /** The most files an installable skill may have: clients refuse larger archives. */
  public static final int MAX_FILES = 1000;

  /** The most bytes (all files together) an installable skill may have. */
  public static final long MAX_BYTES = 50L * 1024 * 1024;

  /** One file: its path in the installed skill and where it is in the content tree. */
  public record Entry(String path, Path file, long size) {}

  private SkillFolder() {}

  /**
   * The files of {@code skill} under {@code contentRoot}; empty when there are more than {@link
   * #MAX_FILES}, more than {@link #MAX_BYTES}, or the folder cannot be read.
   */
  public static Optional<List<Entry>> files(Path contentRoot, Skill skill) {
    Path dir = skill.dir().isEmpty() ? contentRoot : contentRoot.resolve(skill.dir());
    Path own = contentRoot.resolve(skill.source());
    List<Entry> found = new ArrayList<>();
    long[] bytes = {0};
    try {
      found.add(new Entry("SKILL.md", own, Files.size(own)));
      bytes[0] = found.get(0).size();
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (d.equals(dir)) {
                return FileVisitResult.CONTINUE;
              }
              boolean hidden = d.getFileName().toString().startsWith(".");
              boolean nestedSkill =
                  SkillScanner.SKILL_FILE_NAMES.stream()
                      .anyMatch(n -> Files.isRegularFile(d.resolve(n), LinkOption.NOFOLLOW_LINKS));
              return hidden || nestedSkill
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()
                  || f.getFileName().toString().startsWith(".")
                  || f.equals(own)) {
                return FileVisitResult.CONTINUE;
              }
              String rel = dir.relativize(f).toString().replace('\\', '/');
              if (rel.equalsIgnoreCase("SKILL.md")) {
                return FileVisitResult.CONTINUE; // a second spelling beside the skill's own file
              }
              found.add(new Entry(rel, f, attrs.size()));
              bytes[0] += attrs.size();
              return found.size() > MAX_FILES || bytes[0] > MAX_BYTES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return Optional.empty();
    }
    if (found.size() > MAX_FILES || bytes[0] > MAX_BYTES) {
      return Optional.empty();
    }
    List<Entry> rest = new ArrayList<>(found.subList(1, found.size()));
    rest.sort((a, b) -> a.path().compareTo(b.path()));
    List<Entry> all = new ArrayList<>();
    all.add(found.get(0));
    all.addAll(rest);
    return Optional.of(List.copyOf(all));
  }
}
