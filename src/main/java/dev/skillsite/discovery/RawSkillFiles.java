package dev.skillsite.discovery;

import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The raw SKILL.md of each skill as the site serves it, at {@code skills/<id>/SKILL.md}: the copy
 * the site generator made, or one made here from the content root when it is missing.
 */
final class RawSkillFiles {
  private final Path contentRoot;
  private final Path siteDir;

  RawSkillFiles(Path contentRoot, Path siteDir) {
    this.contentRoot = contentRoot;
    this.siteDir = siteDir;
  }

  /** Site path of the raw file, {@code /} separators. */
  static String sitePath(Skill skill) {
    return "skills/" + skill.id() + "/SKILL.md";
  }

  /**
   * Site path of the skill's archive, which the site generator writes when the skill has files
   * beside its SKILL.md ({@code SiteLayout.archive}).
   */
  static String archivePath(Skill skill) {
    return "skills/" + skill.id() + "/" + skill.id() + ".tar.gz";
  }

  /**
   * The bytes served for {@code skill}, copying the file into the site first when it is not there.
   */
  byte[] bytes(Skill skill) throws IOException {
    Path served = siteDir.resolve(sitePath(skill));
    if (!Files.isRegularFile(served)) {
      Files.createDirectories(served.getParent());
      Files.copy(contentRoot.resolve(skill.source()), served, StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.readAllBytes(served);
  }
}
