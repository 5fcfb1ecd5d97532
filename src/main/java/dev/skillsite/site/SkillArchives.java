package dev.skillsite.site;

import dev.skillsite.content.SkillFolder;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
    out.keyed(SiteLayout.archive(skill.id()), key(files.get()), () -> archive(files.get()));
    return true;
  }

  private static byte[] archive(List<SkillFolder.Entry> files) {
    try {
      TarGz tar = new TarGz();
      for (SkillFolder.Entry e : files) {
        tar.add(e.path(), Files.readAllBytes(e.file()), Files.isExecutable(e.file()));
      }
      return tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The archive's key: each file's path in it, whether it is executable, and its stamp (size,
   * modification time, file key), as {@code make} and Git's index tell a file unchanged without
   * reading it. None when a file was modified within {@link #RACY_NANOS} of now (Git's "racy clean"
   * rule: an edit in the same clock tick keeping the size would go unseen) or cannot be stated: the
   * archive is then made again.
   */
  private static Optional<byte[]> key(List<SkillFolder.Entry> files) {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    List<Object> parts = new ArrayList<>();
    parts.add("skill archive");
    try {
      for (SkillFolder.Entry e : files) {
        BasicFileAttributes a = Files.readAttributes(e.file(), BasicFileAttributes.class);
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (modified >= now - RACY_NANOS) {
          return Optional.empty();
        }
        parts.add(e.path());
        parts.add(Files.isExecutable(e.file()));
        parts.add(a.size());
        parts.add(modified);
        parts.add(String.valueOf(a.fileKey()));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return ViewDigest.of(parts);
  }

  private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
}
