package dev.skillsite.check;

import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.model.SkillId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Link targets as the site would publish them, for checking only: every skill body and reference file is
 * a page with the heading ids the renderer gives it; a skill folder stands for its SKILL.md; any other
 * regular file in the content tree is a file. The hrefs returned are the content paths themselves.
 */
final class ContentLinkTargets implements LinkTargets {
  private final Path root;
  private final Map<String, Set<String>> anchorsByPage;
  private final Map<String, String> skillFileByDir;

  /**
   * @param anchorsByPage heading ids of every published Markdown document, by content path
   * @param skillFileByDir the SKILL.md of each skill folder
   */
  ContentLinkTargets(Path root, Map<String, Set<String>> anchorsByPage, Map<String, String> skillFileByDir) {
    this.root = root;
    this.anchorsByPage = Map.copyOf(anchorsByPage);
    this.skillFileByDir = Map.copyOf(skillFileByDir);
  }

  @Override
  public Optional<String> page(String from, String target) {
    return Optional.of(pageOf(target)).filter(anchorsByPage::containsKey);
  }

  @Override
  public boolean hasAnchor(String target, String anchor) {
    return anchorsByPage.getOrDefault(pageOf(target), Set.of()).contains(anchor);
  }

  @Override
  public Optional<String> file(String from, String target) {
    return Files.isRegularFile(root.resolve(target)) ? Optional.of(target) : Optional.empty();
  }

  @Override
  public boolean exists(String target) {
    return Files.exists(root.resolve(target));
  }

  @Override
  public String skill(String from, SkillId id) {
    return id.value();
  }

  private String pageOf(String target) {
    return skillFileByDir.getOrDefault(target, target);
  }
}
