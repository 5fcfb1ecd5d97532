package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one SKILL.md: size cap ({@value #MAX_BYTES} bytes), strict UTF-8, frontmatter, validation
 * and reference files. Thread-safe; the loader runs it on many files in parallel.
 */
final class SkillReader {
  /**
   * Larger SKILL.md files are an error: 16 MiB, far above any real skill (the largest seen is 160
   * KB).
   */
  static final long MAX_BYTES = 16L << 20;

  private final Path root;
  private final String rootName;
  private final FrontmatterParser parser;
  private final SkillValidator validator;
  private final ReferenceFinder references;

  SkillReader(
      Path root, FrontmatterParser parser, SkillValidator validator, ReferenceFinder references) {
    this.root = root;
    this.rootName = root.getFileName() == null ? "skill" : root.getFileName().toString();
    this.parser = parser;
    this.validator = validator;
    this.references = references;
  }

  /** The parsed skill, or a {@link ContentException} carrying the error that skips it. */
  SkillDraft read(String source) throws ContentException {
    String dir = ContentPaths.parent(source);
    String folderName = dir.isEmpty() ? rootName : ContentPaths.fileName(dir);
    List<Diagnostic> diagnostics = new ArrayList<>();
    String text = SourceText.read(root.resolve(source), source, MAX_BYTES, diagnostics);
    Frontmatter fm = parser.parse(text, source);
    SkillHeader header = validator.validate(fm, source, folderName);
    diagnostics.addAll(header.warnings());
    return new SkillDraft(
        source, dir, header, fm, references.find(dir, source, diagnostics), diagnostics);
  }
}
