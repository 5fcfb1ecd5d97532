package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.MarkdownText;
import dev.skillsite.model.Reference;
import dev.skillsite.model.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a skill's reference files: every {@code *.md} in its folder tree other than its SKILL.md,
 * not inside a nested skill's folder (a file belongs to the nearest skill folder above it), sorted
 * by path. At most {@value #MAX_REFERENCES} per skill and {@value #MAX_BYTES} bytes each; more
 * gives a warning. Files that are not valid UTF-8 are skipped with a warning. Immutable after
 * construction, thread-safe.
 */
final class ReferenceFinder {
  static final int MAX_REFERENCES = 500;
  static final long MAX_BYTES = 4L << 20;

  private final Path root;
  private final Map<String, List<String>> bySkillDir = new HashMap<>();

  /**
   * @param markdownFiles every non-SKILL Markdown file, sorted
   * @param skillDirs the folders that hold a SKILL.md
   */
  ReferenceFinder(Path root, List<String> markdownFiles, Collection<String> skillDirs) {
    this.root = root;
    Set<String> dirs = new HashSet<>(skillDirs);
    for (String file : markdownFiles) {
      owner(file, dirs)
          .ifPresent(dir -> bySkillDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(file));
    }
  }

  private static java.util.Optional<String> owner(String file, Set<String> dirs) {
    String dir = ContentPaths.parent(file);
    while (true) {
      if (dirs.contains(dir)) {
        return java.util.Optional.of(dir);
      }
      if (dir.isEmpty()) {
        return java.util.Optional.empty();
      }
      dir = ContentPaths.parent(dir);
    }
  }

  /** Reads the references of the skill in {@code skillDir}; problems go to {@code diagnostics}. */
  List<Reference> find(String skillDir, String skillSource, List<Diagnostic> diagnostics) {
    List<String> files = bySkillDir.getOrDefault(skillDir, List.of());
    if (files.size() > MAX_REFERENCES) {
      diagnostics.add(
          Diagnostic.warning(
              SourcePos.of(skillSource),
              "too-many-references",
              "skill folder has "
                  + files.size()
                  + " Markdown files; only the first "
                  + MAX_REFERENCES
                  + " are published"));
      files = files.subList(0, MAX_REFERENCES);
    }
    List<Reference> references = new ArrayList<>(files.size());
    for (String file : files) {
      try {
        String text = SourceText.markdown(SourceText.read(root.resolve(file), file, MAX_BYTES));
        String path = skillDir.isEmpty() ? file : file.substring(skillDir.length() + 1);
        references.add(
            new Reference(
                path,
                HeadingTitle.of(text).orElse(ContentPaths.fileName(file)),
                MarkdownText.reread(text, () -> reread(file))));
      } catch (ContentException e) {
        Diagnostic d = e.diagnostic();
        diagnostics.add(
            Diagnostic.warning(
                d.pos(), "reference-skipped", "reference not published: " + d.message()));
      }
    }
    return references;
  }

  /**
   * A reference's text read again (the catalog does not hold it): as when it was loaded, unless the
   * file changed since; a file that can no longer be read fails the build that asks for it.
   */
  private String reread(String file) {
    try {
      return SourceText.markdown(SourceText.read(root.resolve(file), file, MAX_BYTES));
    } catch (ContentException e) {
      throw new UncheckedIOException(
          new IOException(e.diagnostic().format() + " (the file changed during the build)"));
    }
  }
}
