package dev.skillsite.check;

import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.ParsedDocument;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The link diagnostics a build reports: every skill body and reference file goes through the site's
 * {@link MarkdownRenderer}, which flags broken relative links and anchors, missing files and images, and
 * links that leave the skill folder.
 */
final class LinkRule implements Rule {
  private final MarkdownRenderer renderer;

  LinkRule(MarkdownRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    List<SourceDocument> docs = context.catalog().skills().stream()
        .flatMap(s -> SkillDocuments.of(s).stream())
        .toList();
    List<ParsedDocument> parsed = docs.parallelStream().map(renderer::parse).toList();
    Map<String, Set<String>> anchors = new HashMap<>();
    parsed.forEach(p -> anchors.put(p.source().path(), p.anchors()));
    Map<String, String> skillFiles = new HashMap<>();
    for (Skill s : context.catalog().skills()) {
      skillFiles.put(s.dir(), s.source());
    }
    ContentLinkTargets targets = new ContentLinkTargets(context.root(), anchors, skillFiles);
    MentionIndex none = MentionIndex.none();
    return parsed.parallelStream()
        .flatMap(p -> renderer.render(p, targets, none).diagnostics().stream())
        .toList();
  }
}
