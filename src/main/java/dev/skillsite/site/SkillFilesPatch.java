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
import java.util.Set;
import java.util.TreeSet;

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
    return archivePath(skill.id());
  }

  /** The site path of the archive of the skill {@code id}. */
  public static String archivePath(dev.skillsite.model.SkillId id) {
    return SiteLayout.archive(id);
  }

  /**
   * Whether the published archive of the skill {@code id} in {@code published} lists {@code
   * inSkill} (a path in the skill's folder): a file the site was made from, whichever build or
   * patch last wrote the archive. False when the skill has no archive.
   */
  public static boolean archived(Path published, dev.skillsite.model.SkillId id, String inSkill)
      throws IOException {
    Path archive = published.resolve(archivePath(id));
    if (!Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    for (TarGz.Listed l : TarGz.listing(Files.readAllBytes(archive))) {
      if (l.path().equals(inSkill)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stages what an edit of {@code changed} (content paths of files of {@code skill}, none of them
   * Markdown) changes in the site {@code published}: its archive and the copies of those files.
   */
  public static Outcome stage(
      Path contentRoot, Skill skill, List<String> changed, Path published, Path staging)
      throws IOException {
    return stage(contentRoot, skill, changed, Set.of(), published, staging);
  }

  /**
   * As {@link #stage(Path, Skill, List, Path, Path)}, with {@code references} (content paths of
   * reference files added or deleted, whose pages, lists and sitemap entries the caller patches)
   * let through the archive's list.
   */
  public static Outcome stage(
      Path contentRoot,
      Skill skill,
      List<String> changed,
      Set<String> references,
      Path published,
      Path staging)
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
      if (files.isPresent() && files.get().size() > 1) {
        String inSkill = skill.dir().isEmpty() ? "" : skill.dir() + "/";
        boolean first =
            files.get().stream()
                .map(e -> inSkill + e.path())
                .filter(p -> !p.equals(skill.source()))
                .allMatch(changed::contains);
        if (first) {
          return Outcome.refuse(
              "its first file beside its SKILL.md was added: the skill is served as an archive"
                  + " from now (its page's download link and install view, the discovery"
                  + " entry's type, url and digest are not patched)");
        }
      }
      return Outcome.refuse(
          "the skill had no archive (too many files, too big or unreadable): a file may have been"
              + " added");
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
    ContentFiles content = new ContentFiles(Optional.of(contentRoot));
    Set<String> addedOrRemoved = new TreeSet<>();
    if (!oldList.equals(newList)) {
      Optional<String> why =
          addedOrRemoved(
              contentRoot, skill, changed, references, oldList, newList, published, addedOrRemoved);
      if (why.isPresent()) {
        return Outcome.refuse(why.get());
      }
    }
    List<String> staged = new ArrayList<>();
    for (String path : changed) {
      String inSkill = skill.dir().isEmpty() ? path : path.substring(skill.dir().length() + 1);
      if (addedOrRemoved.contains(inSkill)) {
        continue; // not published as a copy: no document names it (addedOrRemoved)
      }
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

  /**
   * Whether the archive's list changed only by files added or deleted that a patch follows: each
   * listed as changed, not Markdown (a reference: its page, the sitemaps, {@code skills.json}), its
   * executable bit the same where it stays, the skill not at the content root (whose documents may
   * link anywhere), no published copy of a deleted one, and no document of the skill (its SKILL.md,
   * its references) naming the file (a link or a mention that would resolve differently: the page,
   * the copies, the health findings of mentioned files). Fills {@code paths} (in the skill's
   * folder) and gives empty, else why not.
   */
  private static Optional<String> addedOrRemoved(
      Path contentRoot,
      Skill skill,
      List<String> changed,
      Set<String> references,
      List<String> oldList,
      List<String> newList,
      Path published,
      Set<String> paths)
      throws IOException {
    Set<String> was = new TreeSet<>(oldList);
    Set<String> now = new TreeSet<>(newList);
    Set<String> gone = new TreeSet<>(was);
    gone.removeAll(now);
    Set<String> come = new TreeSet<>(now);
    come.removeAll(was);
    Set<String> names = new TreeSet<>();
    for (String entry : gone) {
      names.add(entry.endsWith(" x") ? entry.substring(0, entry.length() - 2) : entry);
    }
    for (String entry : come) {
      String path = entry.endsWith(" x") ? entry.substring(0, entry.length() - 2) : entry;
      if (!names.add(path)) {
        return Optional.of(path + " was made executable or not");
      }
    }
    if (skill.dir().isEmpty()) {
      return Optional.of("files of a skill at the content root were added or removed");
    }
    String text =
        Files.readString(
            contentRoot.resolve(skill.source()), java.nio.charset.StandardCharsets.UTF_8);
    for (String path : names) {
      String full = skill.dir() + "/" + path;
      String lower = path.toLowerCase(java.util.Locale.ROOT);
      if (!changed.contains(full)) {
        return Optional.of(full + " was added or removed but is not listed as changed");
      }
      if ((lower.endsWith(".md") || lower.endsWith(".markdown")) && !references.contains(full)) {
        return Optional.of(
            full
                + " was added or removed: a Markdown file (a reference's page, the sitemaps and"
                + " skills.json are not patched)");
      }
      if (Files.exists(published.resolve(SiteLayout.file(skill.id(), path)))) {
        return Optional.of(full + " was deleted and its copy is published (links to it change)");
      }
      String name = path.substring(path.lastIndexOf('/') + 1);
      boolean named = text.contains(name);
      for (var ref : skill.references()) {
        named |= ref.markdown().contains(name);
      }
      if (named) {
        return Optional.of(
            full
                + " was added or removed and the skill's documents name it (links and mentioned"
                + " files change)");
      }
    }
    paths.addAll(names);
    return Optional.empty();
  }
}
