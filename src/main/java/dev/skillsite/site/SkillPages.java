package dev.skillsite.site;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.HtmlBlock;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.ReferencePage;
import dev.skillsite.site.view.RelatedCard;
import dev.skillsite.site.view.SkillPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The views of a skill's page and of its reference sub-pages. */
final class SkillPages {
  private final Catalog catalog;
  private final SiteInput input;
  private final InstallCommand install;
  private final Backlinks backlinks;
  private final Map<SkillId, Skill> byId;

  SkillPages(SiteInput input, InstallCommand install, Backlinks backlinks) {
    this.catalog = input.catalog();
    this.input = input;
    this.install = install;
    this.backlinks = backlinks;
    this.byId = catalog.skills().stream().collect(Collectors.toMap(Skill::id, Function.identity(), (a, b) -> a));
  }

  /** @param rawCopy whether the SKILL.md is copied beside the page */
  SkillPage skill(RenderedSkill rendered, boolean rawCopy) {
    Skill s = rendered.skill();
    String page = SiteLayout.skill(s.id());
    List<LinkView> refs = rendered.references().stream()
        .map(r -> new LinkView(Urls.relative(page, SiteLayout.reference(s.id(), r.reference().path())),
            r.reference().title(), r.reference().path()))
        .toList();
    List<LinkView> mentionedBy = backlinks.of(s.id()).stream()
        .map(byId::get)
        .map(o -> new LinkView(Urls.relative(page, SiteLayout.skill(o.id())), o.name(),
            Summaries.clip(o.description(), Summaries.ONE_LINE)))
        .toList();
    return new SkillPage(s.id().value(), s.name(), s.description(), s.triggers().phrases(), s.triggers().keywords(),
        s.triggers().useWhen(), s.triggers().notFor(), install.command(s), install.sourceUrl(s).orElse(""),
        s.source(), rawCopy ? Urls.relative(page, SiteLayout.rawSkill(s.id())) : "", s.license().orElse(""),
        allowedTools(s), FrontmatterText.others(s.frontmatter()), collection(s, page), HtmlBlock.of(rendered.body()),
        refs, related(s, page), mentionedBy, health(s, page));
  }

  ReferencePage reference(RenderedSkill rendered, RenderedSkill.RenderedReference ref) {
    Skill s = rendered.skill();
    String page = SiteLayout.reference(s.id(), ref.reference().path());
    List<LinkView> siblings = new ArrayList<>();
    for (Reference other : s.references()) {
      siblings.add(new LinkView(Urls.relative(page, SiteLayout.reference(s.id(), other.path())), other.title(),
          other.path()));
    }
    String source = install.sourceUrl(s)
        .map(u -> u.substring(0, u.lastIndexOf('/') + 1) + Urls.encodePath(ref.reference().path()))
        .orElse("");
    return new ReferencePage(ref.reference().title(), ref.reference().path(),
        new LinkView(Urls.relative(page, SiteLayout.skill(s.id())), s.name(), ""), source,
        HtmlBlock.of(ref.doc()), siblings);
  }

  private List<RelatedCard> related(Skill s, String page) {
    List<RelatedCard> cards = new ArrayList<>();
    for (RelatedSkill r : input.related(s.id())) {
      Skill o = byId.get(r.id());
      if (o == null || o.id().equals(s.id())) {
        continue;
      }
      cards.add(new RelatedCard(Urls.relative(page, SiteLayout.skill(o.id())), o.name(),
          Summaries.clip(o.description(), Summaries.ONE_LINE), r.reason(), r.declared(), install.repoLabel(),
          PageViews.count(catalog.config().stars()), PageViews.count(catalog.config().forks())));
    }
    return cards;
  }

  private List<Object> health(Skill s, String page) {
    return input.health()
        .map(h -> h.skill(s.id(), other -> Urls.relative(page, SiteLayout.skill(other))))
        .stream().toList();
  }

  private LinkView collection(Skill s, String page) {
    return catalog.collection(s.collectionId())
        .map((Collection c) -> new LinkView(Urls.relative(page, SiteLayout.collection(c.id())), c.name(),
            c.description().orElse("")))
        .orElse(new LinkView("", "", ""));
  }

  private static String allowedTools(Skill s) {
    Object tools = s.frontmatter().get("allowed-tools");
    return tools == null ? "" : FrontmatterText.text(tools);
  }
}
