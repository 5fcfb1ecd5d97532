package dev.skillsite.site;

import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.ParsedDocument;
import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Renders every skill's body and references, in parallel, parsing each document once: which mention terms
 * are distinctive is counted first from the documents' text; a document's own anchors are known as soon as it
 * is parsed, and a link to another document's anchor is taken as valid while rendering and checked once every
 * document is parsed (a document with such a link that turned out broken is rendered again: rare). The result
 * is what rendering against the complete link table gives. Results come back in catalog order.
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

  /** A document rendered before every anchor was known, with the anchors of other documents it relied on. */
  private record Draft(SourceDocument source, RenderedDocument doc, List<Map.Entry<String, String>> relied) {
    boolean holds(LinkTable links) {
      return relied.stream().allMatch(a -> links.hasAnchor(a.getKey(), a.getValue()));
    }
  }

  /**
   * Syntax trees are not kept between documents: they are many times larger than their text, and a large
   * collection's would not fit in a small heap.
   */
  Result render(List<Skill> skills, ContentFiles files) {
    return render(skills, files, () -> false);
  }

  /**
   * Like {@link #render(List, ContentFiles)}, giving up (with {@link CancellationException}) once {@code stop}
   * says the result is no longer wanted: checked before each skill.
   */
  Result render(List<Skill> skills, ContentFiles files, BooleanSupplier stop) {
    MentionIndex all = MentionIndex.of(skills);
    List<Set<String>> used = skills.parallelStream().map(s -> {
      Set<String> terms = new TreeSet<>();
      sources(s).forEach(doc -> terms.addAll(markdown.mentionedTerms(doc.markdown(), all)));
      return terms;
    }).toList();
    MentionIndex mentions = distinctive(all, skills, used);
    Map<String, Set<String>> anchors = new ConcurrentHashMap<>();
    LinkTable links = new LinkTable(skills, anchors, files);
    List<List<Draft>> drafts = skills.parallelStream()
        .map(skill -> {
          if (stop.getAsBoolean()) {
            throw new CancellationException("documents no longer wanted");
          }
          return sources(skill).stream().map(source -> draft(skill, source, links, anchors, mentions)).toList();
        })
        .toList();
    List<RenderedSkill> rendered = new ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      List<RenderedDocument> docs = drafts.get(i).stream()
          .map(d -> d.holds(links) ? d.doc() : markdown.render(markdown.parse(d.source()), links, mentions))
          .toList();
      rendered.add(assemble(skills.get(i), docs));
    }
    return new Result(rendered, links, Map.copyOf(anchors), mentions);
  }

  /** Parses and renders one document, publishing its anchors and assuming other documents' anchors exist. */
  private Draft draft(Skill skill, SourceDocument source, LinkTable links, Map<String, Set<String>> anchors,
      MentionIndex mentions) {
    ParsedDocument parsed = markdown.parse(source);
    Set<String> own = pageIds(skill, source.path(), parsed.anchors());
    anchors.put(source.path(), own);
    List<Map.Entry<String, String>> relied = new ArrayList<>();
    LinkTargets assuming = new LinkTargets() {
      @Override
      public Optional<String> page(String from, String target) {
        return links.page(from, target);
      }

      @Override
      public boolean hasAnchor(String target, String anchor) {
        if (links.documentOf(target).equals(source.path())) {
          return own.contains(anchor);
        }
        relied.add(Map.entry(target, anchor));
        return true;
      }

      @Override
      public Optional<String> file(String from, String target) {
        return links.file(from, target);
      }

      @Override
      public boolean exists(String target) {
        return links.exists(target);
      }

      @Override
      public String skill(String from, SkillId id) {
        return links.skill(from, id);
      }
    };
    return new Draft(source, markdown.render(parsed, assuming, mentions), relied);
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
    return assemble(skill, sources(skill).stream()
        .map(source -> markdown.render(markdown.parse(source), links, mentions))
        .toList());
  }

  /** The skill with its rendered documents: body first, then references in order. */
  private static RenderedSkill assemble(Skill skill, List<RenderedDocument> docs) {
    List<RenderedSkill.RenderedReference> refs = new ArrayList<>();
    List<Reference> references = skill.references();
    for (int r = 0; r < references.size(); r++) {
      refs.add(new RenderedSkill.RenderedReference(references.get(r), docs.get(r + 1)));
    }
    return new RenderedSkill(skill, docs.get(0), refs);
  }

  /** The ids a document's page has: its headings', and the skill page's own sections for a SKILL.md. */
  private static Set<String> pageIds(Skill skill, String path, Set<String> headingIds) {
    Set<String> ids = new TreeSet<>(headingIds);
    if (path.equals(skill.source())) {
      ids.addAll(SKILL_PAGE_IDS);
    }
    return ids;
  }

  /** Drops the terms that many skills use in passing: they name no one skill in particular. */
  private static MentionIndex distinctive(MentionIndex all, List<Skill> skills, List<Set<String>> used) {
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
