package dev.skillsite.build;

import dev.skillsite.discovery.LlmsTxtPatch;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.ListPatch;
import dev.skillsite.site.ListState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For {@link PatchBuild}: every list page and data file showing a changed skill's card or catalog
 * entry, staged ({@link ListPatch}: home, collection and A–Z pages, {@code skills.json}, {@code
 * catalog.js}, the trigger index pages of a reworded trigger; {@link LlmsTxtPatch}: {@code
 * llms.txt}), or the reason it cannot be patched. The collections list, sitemaps and the audit
 * pages show nothing a patch that keeps names, collections and audit findings changes.
 */
final class CardPatch {
  private final ListPatch lists;

  CardPatch(Optional<Path> userTemplates) {
    this.lists = new ListPatch(userTemplates);
  }

  /**
   * Stages into {@code staging} what changes in the published {@code site} when {@code changed}
   * skills are as given and the skills of {@code related} relate to those ids now.
   */
  ListPatch.Outcome stage(
      Path site,
      SiteConfig config,
      Map<SkillId, Skill> changed,
      Map<SkillId, List<SkillId>> related,
      Path staging)
      throws IOException {
    ListPatch.Outcome out = lists.stage(site, config, changed, related, staging);
    if (!(out instanceof ListPatch.Staged staged)) {
      return out;
    }
    Optional<ListState> opened = ListState.open(site);
    if (opened.isEmpty()) {
      return new ListPatch.Refused("the last build left no list state");
    }
    try (ListState state = opened.get()) {
      Optional<List<String>> llms = LlmsTxtPatch.stage(site, state, config, changed, staging);
      if (llms.isEmpty()) {
        return new ListPatch.Refused("llms.txt does not list a changed skill where the state says");
      }
      List<String> all = new ArrayList<>(staged.paths());
      all.addAll(llms.get());
      all.sort(null);
      return new ListPatch.Staged(List.copyOf(all), staged.added(), staged.deleted());
    }
  }
}
