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
 * anchors and which mention terms are distinctive), then parse again, rewrite links, cross-link and render.
 * Results come back in catalog order.
 */
final class DocumentPipeline {
  /** Ids the skill page template gives its own sections, which links may point at. */
  static final Set<String> SKILL_PAGE_IDS = Set.of("ss-main", "ss-install", "ss-body", "ss-toc", "ss-references",
      "ss-related", "ss-mentioned-by", "ss-triggers");

  private final MarkdownRenderer markdown;

  DocumentPipeline(MarkdownRenderer markdown) {
    this.markdown = markdown;
  }

  /**
   * @param anchors per document (content path), the ids its page has
   * @param mentions the distinctive mention terms the documents were cross-linked with
   */
  record Result(List<RenderedSkill> skills, LinkTable links, Map<String, Set<String>> anchors, MentionIndex mentions) {}

  /** What the first pass keeps of a parsed document: its anchors and the mention terms it uses. */
  private record Facts(String path, Set<String> anchors, Set<String> terms) {}

  /**
   * Parses every document twice instead of keeping every syntax tree between the passes: trees are many
   * times larger than their text, and a large collection's would not fit in a small heap.
   */
  Result render(List<Skill> skills, ContentFiles files) {
    MentionIndex all = MentionIndex.of(skills);
    List<List<Facts>> facts = skills.parallelStream()
        .map(s -> sources(s).stream().map(source -> facts(markdown.outline(source), all)).toList())
        .toList();
    Map<String, Set<String>> anchors = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      for (Facts doc : facts.get(i)) {
        anchors.put(doc.path(), pageIds(skills.get(i), doc.path(), doc.anchors()));
      }
    }
    LinkTable links = new LinkTable(skills, anchors, files);
    MentionIndex mentions = distinctive(all, skills, facts);
    List<RenderedSkill> rendered = skills.parallelStream().map(skill -> renderOne(skill, links, mentions)).toList();
    return new Result(rendered, links, Map.copyOf(anchors), mentions);
  }

  /**
   * Renders one skill again after its files changed, against the rest of the site as it was: its own
   * anchors are read anew; which mention terms are distinctive stays as in {@code before}.
   */
  Again renderAgain(Skill skill, List<Skill> skills, Result before, ContentFiles files) {
    Map<String, Set<String>> anchors = new HashMap<>(before.anchors());
    for (SourceDocument source : sources(skill)) {
      anchors.put(source.path(), pageIds(skill, source.path(), Set.copyOf(markdown.outline(source).anchors())));
    }
    LinkTable links = new LinkTable(skills, anchors, files);
    return new Again(renderOne(skill, links, before.mentions()), links);
  }

  /** A skill rendered again, with the link table that knows which content files its pages need copied. */
  record Again(RenderedSkill skill, LinkTable links) {}

  private RenderedSkill renderOne(Skill skill, LinkTable links, MentionIndex mentions) {
    List<SourceDocument> sources = sources(skill);
    List<RenderedSkill.RenderedReference> refs = new ArrayList<>();
    List<Reference> references = skill.references();
    for (int r = 0; r < references.size(); r++) {
      refs.add(new RenderedSkill.RenderedReference(references.get(r),
          markdown.render(markdown.parse(sources.get(r + 1)), links, mentions)));
    }
    return new RenderedSkill(skill, markdown.render(markdown.parse(sources.get(0)), links, mentions), refs);
  }

  /** The ids a document's page has: its headings', and the skill page's own sections for a SKILL.md. */
  private static Set<String> pageIds(Skill skill, String path, Set<String> headingIds) {
    Set<String> ids = new TreeSet<>(headingIds);
    if (path.equals(skill.source())) {
      ids.addAll(SKILL_PAGE_IDS);
    }
    return ids;
  }

  private Facts facts(ParsedDocument doc, MentionIndex all) {
    return new Facts(doc.source().path(), doc.anchors(), markdown.mentionedTerms(doc, all));
  }

  /** Drops the terms that many skills use in passing: they name no one skill in particular. */
  private MentionIndex distinctive(MentionIndex all, List<Skill> skills, List<List<Facts>> facts) {
    Map<String, Integer> spread = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      Set<String> used = new TreeSet<>();
      facts.get(i).forEach(doc -> used.addAll(doc.terms()));
      for (String term : used) {
        if (all.owner(term).filter(skills.get(i).id()::equals).isEmpty()) {
          spread.merge(term, 1, Integer::sum);
        }
      }
    }
    return all.withoutCommon(spread, skills.size());
  }

  /** The skill's body, then its references. */
  private static List<SourceDocument> sources(Skill skill) {
    List<SourceDocument> docs = new ArrayList<>();
    docs.add(new SourceDocument(skill.source(), skill.id(), skill.dir(), skill.body(), Math.max(1, skill.bodyLine())));
    for (Reference ref : skill.references()) {
      docs.add(new SourceDocument(skill.contentPath(ref), skill.id(), skill.dir(), ref.markdown(), 1));
    }
    return docs;
  }
}
