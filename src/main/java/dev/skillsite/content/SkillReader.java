package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.MarkdownText;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** Bodies shorter than this (in chars) are held in memory: reading them again costs more. */
  private static final int HELD_BELOW = 512;

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
    Frontmatter without =
        new Frontmatter(
            fm.values(), fm.keyPositions(), fm.valuePositions(), "", fm.bodyLine(), fm.warnings());
    return new SkillDraft(
        source,
        dir,
        header,
        without,
        body(source, text, fm.body()),
        references.find(dir, source, diagnostics),
        diagnostics);
  }

  /**
   * The body as a text read again from the SKILL.md when asked for (the catalog does not hold a
   * registry's bodies): the text after its start, which is kept; held as it is when short, or when
   * it is not the end of the file as read (an unclosed frontmatter's body is joined from lines).
   */
  private MarkdownText body(String source, String text, String body) {
    int from = text.length() - body.length();
    if (body.length() < HELD_BELOW
        || from < 0
        || !SourceText.markdown(text.substring(from)).equals(body)) {
      return MarkdownText.of(body);
    }
    return MarkdownText.reread(
        body,
        () -> {
          try {
            String now = SourceText.read(root.resolve(source), source, MAX_BYTES);
            return SourceText.markdown(now.substring(Math.min(from, now.length())));
          } catch (ContentException e) {
            throw new UncheckedIOException(
                new IOException(e.diagnostic().format() + " (the file changed during the build)"));
          }
        });
  }
}
