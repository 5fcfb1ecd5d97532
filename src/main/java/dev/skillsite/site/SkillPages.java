package dev.skillsite.site;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.HtmlBlock;
import dev.skillsite.site.view.InstallView;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.ReferencePage;
import dev.skillsite.site.view.RelatedCard;
import dev.skillsite.site.view.SkillPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The views of a skill's page and of its reference sub-pages. */
final class SkillPages {
  private final Catalog catalog;
  private final SiteInput input;
  private final InstallCommand install;
  private final Backlinks backlinks;
  private final InstallTargets targets;
  private final Map<SkillId, Skill> byId;
  private final AuditViews audit;

  SkillPages(SiteInput input, InstallCommand install, Backlinks backlinks) {
    this.catalog = input.catalog();
    this.input = input;
    this.install = install;
    this.backlinks = backlinks;
    this.targets = new InstallTargets(catalog.config(), install);
    this.audit = new AuditViews(input.audit());
    this.byId =
        catalog.skills().stream()
            .collect(Collectors.toMap(Skill::id, Function.identity(), (a, b) -> a));
  }

  /**
   * @param rawCopy whether the SKILL.md is copied beside the page
   * @param archive whether the skill's archive is written beside the page
   */
  SkillPage skill(RenderedSkill rendered, boolean rawCopy, boolean archive) {
    Skill s = rendered.skill();
    String page = SiteLayout.skill(s.id());
    List<LinkView> refs = references(rendered);
    List<SkillId> mentions = backlinks.of(s.id());
    List<LinkView> mentionedBy =
        mentions.stream()
            .limit(MENTIONED_BY)
            .map(byId::get)
            .map(
                o ->
                    new LinkView(
                        Urls.relative(page, SiteLayout.skill(o.id())),
                        o.name(),
                        SkillSummary.of(o, catalog.config().summaries())))
            .toList();
    return new SkillPage(
        s.id().value(),
        s.name(),
        s.description(),
        s.triggers().phrases(),
        s.triggers().keywords(),
        s.triggers().clauses(),
        s.triggers().notFor(),
        install(s, page, rawCopy, archive),
        install.sourceUrl(s).orElse(""),
        s.source(),
        rawCopy ? Urls.relative(page, SiteLayout.rawSkill(s.id())) : "",
        s.license().orElse(""),
        allowedTools(s),
        FrontmatterText.others(s.frontmatter()),
        collection(s, page),
        HtmlBlock.of(rendered.body()),
        refs,
        related(s, page),
        mentionedBy,
        health(s, page),
        SkillSummary.of(s, catalog.config().summaries()),
        audit.skill(s.id(), page),
        s.triggers().fallback(),
        Boolean.TRUE.equals(s.frontmatter().get("disable-model-invocation")),
        mentions.size() - mentionedBy.size());
  }

  /** The links of a skill's page to its reference pages. */
  static List<LinkView> references(RenderedSkill rendered) {
    Skill s = rendered.skill();
    String page = SiteLayout.skill(s.id());
    return rendered.references().stream()
        .map(
            r ->
                new LinkView(
                    Urls.relative(page, SiteLayout.reference(s.id(), r.reference().path())),
                    r.reference().title(),
                    r.reference().path()))
        .toList();
  }

  private InstallView install(Skill s, String page, boolean rawCopy, boolean archive) {
    Optional<InstallTargets.Download> download =
        archive
            ? Optional.of(new InstallTargets.Download(SiteLayout.archive(s.id()), true))
            : rawCopy
                ? Optional.of(new InstallTargets.Download(SiteLayout.rawSkill(s.id()), false))
                : Optional.empty();
    return targets.view(s, catalog.collection(s.collectionId()), download, page);
  }

  ReferencePage reference(RenderedSkill rendered, RenderedSkill.RenderedReference ref) {
    return reference(rendered, ref, install.sourceUrl(rendered.skill()));
  }

  /** {@link #reference} of a skill whose SKILL.md is at {@code sourceUrl} in its repository. */
  static ReferencePage reference(
      RenderedSkill rendered, RenderedSkill.RenderedReference ref, Optional<String> sourceUrl) {
    Skill s = rendered.skill();
    String page = SiteLayout.reference(s.id(), ref.reference().path());
    List<LinkView> siblings = new ArrayList<>();
    for (Reference other : siblings(s.references(), ref.reference())) {
      siblings.add(
          new LinkView(
              Urls.relative(page, SiteLayout.reference(s.id(), other.path())),
              other.title(),
              other.path()));
    }
    String source =
        sourceUrl
            .map(
                u ->
                    u.substring(0, u.lastIndexOf('/') + 1)
                        + Urls.encodePath(ref.reference().path()))
            .orElse("");
    String skillHref = Urls.relative(page, SiteLayout.skill(s.id()));
    return new ReferencePage(
        ref.reference().title(),
        ref.reference().path(),
        new LinkView(skillHref, s.name(), ""),
        source,
        HtmlBlock.of(ref.doc()),
        siblings,
        s.references().size(),
        skillHref + "#ss-references-title");
  }

  /**
   * The files a reference page lists beside itself: all of the skill's files when there are at most
   * {@link #SIBLINGS} of them; else the files of its own folder, and of those at most {@link
   * #SIBLINGS} around it (in the skill's order). Every page listing every file would make a skill
   * with hundreds of references cost hundreds squared links; the skill's page keeps the full list.
   */
  static List<Reference> siblings(List<Reference> all, Reference current) {
    if (all.size() <= SIBLINGS) {
      return all;
    }
    String folder = folder(current.path());
    List<Reference> near =
        all.stream()
            .filter(r -> r.path().startsWith(folder) && r.path().indexOf('/', folder.length()) < 0)
            .toList();
    if (near.size() <= SIBLINGS) {
      return near;
    }
    int at = near.indexOf(current);
    int from = Math.max(0, Math.min(at - SIBLINGS / 2, near.size() - SIBLINGS));
    return near.subList(from, from + SIBLINGS);
  }

  /** The most skills a page lists under "Mentioned by"; the rest are counted. */
  static final int MENTIONED_BY = 200;

  /** The most files a reference page lists beside itself. */
  static final int SIBLINGS = 30;

  private static String folder(String path) {
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  private List<RelatedCard> related(Skill s, String page) {
    List<RelatedCard> cards = new ArrayList<>();
    for (RelatedSkill r : input.related(s.id())) {
      Skill o = byId.get(r.id());
      if (o == null || o.id().equals(s.id())) {
        continue;
      }
      cards.add(
          new RelatedCard(
              Urls.relative(page, SiteLayout.skill(o.id())),
              o.name(),
              SkillSummary.of(o, catalog.config().summaries()),
              r.reason(),
              r.declared(),
              install.repoLabel(),
              PageViews.count(catalog.config().stars()),
              PageViews.count(catalog.config().forks())));
    }
    return cards;
  }

  private List<RoutingHealthView.SkillHealth> health(Skill s, String page) {
    return input
        .health()
        .map(h -> h.skill(s.id(), other -> Urls.relative(page, SiteLayout.skill(other))))
        .stream()
        .toList();
  }

  private LinkView collection(Skill s, String page) {
    return catalog
        .collection(s.collectionId())
        .map(
            (Collection c) ->
                new LinkView(
                    Urls.relative(page, SiteLayout.collection(c.id())),
                    c.name(),
                    c.description().orElse("")))
        .orElse(new LinkView("", "", ""));
  }

  static String allowedTools(Skill s) {
    Object tools = s.frontmatter().get("allowed-tools");
    return tools == null ? "" : FrontmatterText.text(tools);
  }
}
