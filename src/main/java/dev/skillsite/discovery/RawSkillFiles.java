package dev.skillsite.discovery;

import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * The raw SKILL.md of each skill as the site serves it, at {@code skills/<id>/SKILL.md}: the copy
 * the site generator made, or one made here from the content root when it is missing.
 */
final class RawSkillFiles {
  private final Path contentRoot;
  private final Path siteDir;
  private final Function<String, Path> site;

  /**
   * @param site where the file of the site at a site path is, to read it (in {@code siteDir}, or
   *     the published file a site updated in place keeps)
   */
  RawSkillFiles(Path contentRoot, Path siteDir, Function<String, Path> site) {
    this.contentRoot = contentRoot;
    this.siteDir = siteDir;
    this.site = site;
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
    Path served = site.apply(sitePath(skill));
    if (!Files.isRegularFile(served)) {
      served = siteDir.resolve(sitePath(skill));
      Files.createDirectories(served.getParent());
      Files.copy(contentRoot.resolve(skill.source()), served, StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.readAllBytes(served);
  }
}
