package dev.skillsite.site;

import dev.skillsite.content.SkillFolder;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A patch build's share of the site for an edit to files of one skill that are not Markdown
 * (scripts, assets, data): the skill's archive made again and the published copies of the changed
 * files, written into a staging folder, read against the published site and nothing else. It
 * refuses (and the build falls back) whenever the edit could change more than these files: a file
 * added, removed or made executable (the archive's list, links that resolve, health's "mentioned
 * files"), a published copy that could no longer be published or a file that could become so, a
 * skill without an archive. Stateless.
 */
public final class SkillFilesPatch {
  /** The files staged (site paths), the new archive's bytes, or why the edit cannot be patched. */
  public record Outcome(List<String> staged, Optional<byte[]> archive, Optional<String> refused) {
    static Outcome refuse(String why) {
      return new Outcome(List.of(), Optional.empty(), Optional.of(why));
    }
  }

  private SkillFilesPatch() {}

  /** The site path of a skill's archive. */
  public static String archivePath(Skill skill) {
    return SiteLayout.archive(skill.id());
  }

  /**
   * Stages what an edit of {@code changed} (content paths of files of {@code skill}, none of them
   * Markdown) changes in the site {@code published}: its archive and the copies of those files.
   */
  public static Outcome stage(
      Path contentRoot, Skill skill, List<String> changed, Path published, Path staging)
      throws IOException {
    String archivePath = SiteLayout.archive(skill.id());
    Path oldArchive = published.resolve(archivePath);
    Optional<List<SkillFolder.Entry>> files = SkillFolder.files(contentRoot, skill);
    if (!Files.isRegularFile(oldArchive, LinkOption.NOFOLLOW_LINKS)) {
      // a skill of its SKILL.md alone is served as that file: nothing here changes while it stays
      // alone (its copy is the pages side's, its digest in the discovery index the caller's)
      if (files.isPresent()
          && files.get().size() == 1
          && changed.stream().allMatch(skill.source()::equals)) {
        return new Outcome(List.of(), Optional.empty(), Optional.empty());
      }
      return Outcome.refuse(
          "the skill had no archive (only its SKILL.md, or too big): a file may have been added");
    }
    if (files.isEmpty() || files.get().size() < 2) {
      return Outcome.refuse("the skill's folder is no longer one archive (too big, unreadable)");
    }
    Map<String, TarGz.Listed> before = new HashMap<>();
    List<String> oldList = new ArrayList<>();
    for (TarGz.Listed l : TarGz.listing(Files.readAllBytes(oldArchive))) {
      before.put(l.path(), l);
      oldList.add(l.path() + (l.executable() ? " x" : ""));
    }
    List<String> newList = new ArrayList<>();
    for (SkillFolder.Entry e : files.get()) {
      newList.add(e.path() + (Files.isExecutable(e.file()) ? " x" : ""));
    }
    if (!oldList.equals(newList)) {
      return Outcome.refuse("files of the skill were added, removed or made executable");
    }
    ContentFiles content = new ContentFiles(Optional.of(contentRoot));
    List<String> staged = new ArrayList<>();
    for (String path : changed) {
      String inSkill = skill.dir().isEmpty() ? path : path.substring(skill.dir().length() + 1);
      TarGz.Listed was = before.get(inSkill);
      long size = Files.size(contentRoot.resolve(path));
      if (was == null) {
        return Outcome.refuse(path + " is not one of the skill's archived files");
      }
      if ((was.size() <= ContentFiles.MAX_BYTES) != (size <= ContentFiles.MAX_BYTES)) {
        return Outcome.refuse(path + " crossed the size a linked file is published up to");
      }
      String copy = SiteLayout.file(skill.id(), inSkill);
      if (Files.isRegularFile(published.resolve(copy), LinkOption.NOFOLLOW_LINKS)) {
        Optional<Path> source = content.publishable(path, skill.dir());
        if (source.isEmpty()) {
          return Outcome.refuse(path + " is published as a copy but can no longer be");
        }
        Path to = staging.resolve(copy);
        Files.createDirectories(to.getParent());
        Files.copy(source.get(), to);
        staged.add(copy);
      }
    }
    TarGz tar = new TarGz();
    for (SkillFolder.Entry e : files.get()) {
      tar.add(e.path(), Files.readAllBytes(e.file()), Files.isExecutable(e.file()));
    }
    byte[] archive = tar.finish();
    Path to = staging.resolve(archivePath);
    Files.createDirectories(to.getParent());
    Files.write(to, archive);
    staged.add(archivePath);
    return new Outcome(staged, Optional.of(archive), Optional.empty());
  }
}
