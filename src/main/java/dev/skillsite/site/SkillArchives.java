package dev.skillsite.site;

import dev.skillsite.content.SkillFolder;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code .tar.gz} of a skill with files beside its SKILL.md (references, scripts, assets), for
 * agents and readers to install from the site: the skill folder as {@link SkillFolder} finds it,
 * {@code SKILL.md} at its root. A skill that is only its SKILL.md, or too big for clients ({@link
 * SkillFolder#MAX_FILES}, {@link SkillFolder#MAX_BYTES}), gets none. Stateless.
 */
final class SkillArchives {
  private final Optional<Path> root;

  SkillArchives(Optional<Path> contentRoot) {
    this.root = contentRoot;
  }

  /**
   * Writes the archive of {@code skill} at {@link SiteLayout#archive}; returns whether there is
   * one.
   */
  boolean write(Skill skill, SiteFiles out) {
    Optional<List<SkillFolder.Entry>> files = root.flatMap(r -> SkillFolder.files(r, skill));
    if (files.isEmpty() || files.get().size() < 2) {
      return false;
    }
    try {
      TarGz tar = new TarGz();
      for (SkillFolder.Entry e : files.get()) {
        tar.add(e.path(), Files.readAllBytes(e.file()), Files.isExecutable(e.file()));
      }
      out.write(SiteLayout.archive(skill.id()), tar.finish());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
