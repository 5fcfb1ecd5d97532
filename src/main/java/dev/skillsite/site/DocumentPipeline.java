package dev.skillsite.site;

import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.ParsedDocument;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders every skill's body and references, in parallel, in two passes: parse all (to know every page's
 * anchors), then rewrite links, cross-link and render. Results come back in catalog order.
 */
final class DocumentPipeline {
  /** Ids the skill page template gives its own sections, which links may point at. */
  static final Set<String> SKILL_PAGE_IDS = Set.of("ss-main", "ss-install", "ss-body", "ss-toc", "ss-references",
      "ss-related", "ss-mentioned-by", "ss-triggers");

  private final MarkdownRenderer markdown;

  DocumentPipeline(MarkdownRenderer markdown) {
    this.markdown = markdown;
  }

  record Result(List<RenderedSkill> skills, LinkTable links) {}

  Result render(List<Skill> skills, ContentFiles files) {
    List<List<ParsedDocument>> parsed = skills.parallelStream().map(this::parse).toList();
    Map<String, Set<String>> anchors = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      for (ParsedDocument doc : parsed.get(i)) {
        Set<String> ids = new TreeSet<>(doc.anchors());
        if (doc.source().path().equals(skills.get(i).source())) {
          ids.addAll(SKILL_PAGE_IDS);
        }
        anchors.put(doc.source().path(), ids);
      }
    }
    LinkTable links = new LinkTable(skills, anchors, files);
    MentionIndex mentions = distinctive(MentionIndex.of(skills), skills, parsed);
    List<Integer> order = java.util.stream.IntStream.range(0, skills.size()).boxed().toList();
    List<RenderedSkill> rendered = order.parallelStream().map(i -> {
      List<ParsedDocument> docs = parsed.get(i);
      List<RenderedSkill.RenderedReference> refs = new ArrayList<>();
      List<Reference> references = skills.get(i).references();
      for (int r = 0; r < references.size(); r++) {
        refs.add(new RenderedSkill.RenderedReference(references.get(r),
            markdown.render(docs.get(r + 1), links, mentions)));
      }
      return new RenderedSkill(skills.get(i), markdown.render(docs.get(0), links, mentions), refs);
    }).toList();
    return new Result(rendered, links);
  }

  /** Drops the terms that many skills use in passing: they name no one skill in particular. */
  private MentionIndex distinctive(MentionIndex all, List<Skill> skills, List<List<ParsedDocument>> parsed) {
    List<Set<String>> used = java.util.stream.IntStream.range(0, skills.size()).parallel().mapToObj(i -> {
      Set<String> terms = new TreeSet<>();
      parsed.get(i).forEach(doc -> terms.addAll(markdown.mentionedTerms(doc, all)));
      return terms;
    }).toList();
    Map<String, Integer> spread = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      for (String term : used.get(i)) {
        if (all.owner(term).filter(skills.get(i).id()::equals).isEmpty()) {
          spread.merge(term, 1, Integer::sum);
        }
      }
    }
    return all.withoutCommon(spread, skills.size());
  }

  private List<ParsedDocument> parse(Skill skill) {
    List<ParsedDocument> docs = new ArrayList<>();
    docs.add(markdown.parse(new SourceDocument(skill.source(), skill.id(), skill.dir(), skill.body(),
        Math.max(1, skill.bodyLine()))));
    for (Reference ref : skill.references()) {
      docs.add(markdown.parse(new SourceDocument(ReferencePaths.contentPath(skill, ref), skill.id(), skill.dir(),
          ref.markdown(), 1)));
    }
    return docs;
  }
}
