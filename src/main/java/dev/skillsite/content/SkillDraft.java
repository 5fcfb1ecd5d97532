package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.MarkdownText;
import dev.skillsite.model.Reference;
import java.util.List;

/**
 * A SKILL.md that parsed and validated, before ids and collections are assigned.
 *
 * @param source path of the SKILL.md relative to the content root
 * @param dir its folder ({@code ""} at the root)
 * @param frontmatter its frontmatter, without the body's text (an empty {@code body})
 * @param body the body's text (see {@link MarkdownText})
 * @param diagnostics warnings about the file and its references
 */
record SkillDraft(
    String source,
    String dir,
    SkillHeader header,
    Frontmatter frontmatter,
    MarkdownText body,
    List<Reference> references,
    List<Diagnostic> diagnostics) {
  SkillDraft {
    references = List.copyOf(references);
    diagnostics = List.copyOf(diagnostics);
  }

  String name() {
    return header.name();
  }
}
