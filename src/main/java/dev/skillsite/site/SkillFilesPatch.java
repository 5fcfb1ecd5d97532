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
 * refuses (and the build falls back) whenever the edit could change more than these files and what
 * its caller follows: a file added or removed that is not listed as changed, that the skill's
 * documents name (links that resolve) or that is Markdown but a reference the caller patches, a
 * file made executable, a published copy that could no longer be published or a file that could
 * become so, a skill without an archive that does not get its first one. A first file beside a
 * SKILL.md alone makes the archive, the last one deleted drops it ({@link Outcome#served}: the
 * caller patches the page's download and the discovery entry). Stateless.
 */
public final class SkillFilesPatch {
  /**
   * The files staged (site paths), the new archive's bytes, or why the edit cannot be patched; and
   * whether the skill's download changed kind ({@code served}): an archive from now (a first file
   * beside its SKILL.md: {@code archive} present) or its SKILL.md alone (its last file deleted: the
   * archive, at {@code deleted}, is to be deleted from the site).
   */
  public record Outcome(
      List<String> staged,
      Optional<byte[]> archive,
      Optional<String> refused,
      boolean served,
      List<String> deleted) {
    Outcome(List<String> staged, Optional<byte[]> archive, Optional<String> refused) {
      this(staged, archive, refused, false, List.of());
    }

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
   * Whether a whole build of the content at {@code contentRoot} serves {@code skill}'s folder as an
   * archive ({@link SkillArchives}: a readable folder, not too big, with files beside its
   * SKILL.md).
   */
  public static boolean archives(Path contentRoot, Skill skill) {
    Optional<List<SkillFolder.Entry>> files = SkillFolder.files(contentRoot, skill);
    return files.isPresent() && files.get().size() > 1;
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
    String skillMd =
        skill.dir().isEmpty() ? skill.source() : skill.source().substring(skill.dir().length() + 1);
    boolean first = false; // the archive comes: the skill was its SKILL.md alone
    Map<String, TarGz.Listed> before = new HashMap<>();
    List<String> oldList = new ArrayList<>();
    List<String> newList = new ArrayList<>();
    if (files.isPresent()) {
      for (SkillFolder.Entry e : files.get()) {
        newList.add(e.path() + (Files.isExecutable(e.file()) ? " x" : ""));
      }
    }
    if (!Files.isRegularFile(oldArchive, LinkOption.NOFOLLOW_LINKS)) {
      // a skill of its SKILL.md alone is served as that file: nothing here changes while it stays
      // alone (its copy is the pages side's, its digest in the discovery index the caller's)
      if (files.isPresent()
          && files.get().size() == 1
          && changed.stream().allMatch(skill.source()::equals)) {
        return new Outcome(List.of(), Optional.empty(), Optional.empty());
      }
      String inSkill = skill.dir().isEmpty() ? "" : skill.dir() + "/";
      first =
          files.isPresent()
              && files.get().size() > 1
              && files.get().stream()
                  .map(e -> inSkill + e.path())
                  .filter(p -> !p.equals(skill.source()))
                  .allMatch(changed::contains);
      if (!first) {
        return Outcome.refuse(
            "the skill had no archive (too many files, too big or unreadable): a file may have been"
                + " added");
      }
      // its first files beside its SKILL.md: what the last build served was that file alone
      newList.stream()
          .filter(e -> e.equals(skillMd) || e.equals(skillMd + " x"))
          .forEach(oldList::add);
    } else {
      if (files.isEmpty() || files.get().isEmpty()) {
        return Outcome.refuse("the skill's folder is no longer one archive (too big, unreadable)");
      }
      for (TarGz.Listed l : TarGz.listing(Files.readAllBytes(oldArchive))) {
        before.put(l.path(), l);
        oldList.add(l.path() + (l.executable() ? " x" : ""));
      }
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
      if (first && path.equals(skill.source())) {
        continue; // its copy is the pages side's, as for a skill of its SKILL.md alone
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
    if (files.get().size() == 1) {
      // its last file beside its SKILL.md deleted: served as that file from now (the caller
      // rewrites the discovery entry and the page's download; the archive is deleted)
      return new Outcome(staged, Optional.empty(), Optional.empty(), true, List.of(archivePath));
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
    return new Outcome(staged, Optional.of(archive), Optional.empty(), first, List.of());
  }

  /**
   * Stages the files of the site that are {@code skill}'s own, for a skill added (no file of it in
   * the site yet), as a whole build writes them: its raw {@code SKILL.md}, its archive when it has
   * files beside its SKILL.md ({@link SkillArchives}: {@link Outcome#archive}, whose digest the
   * discovery entry names), and the copies its documents' links publish ({@code copies}: site paths
   * under its folder, as the pages side records them when it makes its pages). Refused when a copy
   * is not a file of the skill's folder that may be published.
   */
  public static Outcome add(Path contentRoot, Skill skill, List<String> copies, Path staging)
      throws IOException {
    ContentFiles content = new ContentFiles(Optional.of(contentRoot));
    List<String> staged = new ArrayList<>();
    Optional<List<SkillFolder.Entry>> files = SkillFolder.files(contentRoot, skill);
    Optional<byte[]> archive = Optional.empty();
    if (files.isPresent() && files.get().size() > 1) {
      TarGz tar = new TarGz();
      for (SkillFolder.Entry e : files.get()) {
        tar.add(e.path(), Files.readAllBytes(e.file()), Files.isExecutable(e.file()));
      }
      archive = Optional.of(tar.finish());
      stage(staging, SiteLayout.archive(skill.id()), archive.get(), staged);
    }
    // the raw copy beside its page (SiteGenerator); the discovery index copies it when it serves
    // the SKILL.md alone even where the pages side does not (RawSkillFiles)
    Optional<Path> raw = content.source(skill.source(), skill.dir());
    if (raw.isPresent() || archive.isEmpty()) {
      Path from = raw.orElse(contentRoot.resolve(skill.source()));
      stage(staging, SiteLayout.rawSkill(skill.id()), Files.readAllBytes(from), staged);
    }
    String own = SiteLayout.file(skill.id(), "");
    for (String copy : new TreeSet<>(copies)) {
      if (!copy.startsWith(own) || copy.length() == own.length()) {
        return Outcome.refuse(copy + " is not a copy of a file of " + skill.id() + "'s folder");
      }
      String inSkill = copy.substring(own.length());
      String path = skill.dir().isEmpty() ? inSkill : skill.dir() + "/" + inSkill;
      Optional<Path> source = content.publishable(path, skill.dir());
      if (source.isEmpty()) {
        return Outcome.refuse(path + " may not be published as a copy");
      }
      Path to = staging.resolve(copy);
      Files.createDirectories(to.getParent());
      Files.copy(source.get(), to);
      staged.add(copy);
    }
    return new Outcome(staged, archive, Optional.empty());
  }

  /**
   * The files of the published site that are skill {@code id}'s own (its raw {@code SKILL.md}, its
   * archive, the copies of its files), for a skill removed: the site paths to delete. Its pages
   * (its page, its references') are the pages side's. Reads the skill's folder of the site alone.
   */
  public static List<String> removed(Path published, dev.skillsite.model.SkillId id)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String p : List.of(SiteLayout.rawSkill(id), SiteLayout.archive(id))) {
      if (Files.isRegularFile(published.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
        out.add(p);
      }
    }
    Path files = published.resolve(SiteLayout.file(id, ""));
    if (Files.isDirectory(files, LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(files)) {
        walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
            .map(f -> published.relativize(f).toString().replace('\\', '/'))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  private static void stage(Path staging, String path, byte[] bytes, List<String> staged)
      throws IOException {
    Path to = staging.resolve(path);
    Files.createDirectories(to.getParent());
    Files.write(to, bytes);
    staged.add(path);
  }

  /**
   * Whether the archive's list changed only by files added or deleted that a patch follows: each
   * listed as changed, not Markdown (a reference: its page, the sitemaps, {@code skills.json}), its
   * executable bit the same where it stays, the skill not at the content root (whose documents may
   * link anywhere), no published copy of a deleted one, and, but for a reference in {@code
   * references} (whose skill's documents the caller makes again), no document of the skill (its
   * SKILL.md, its references) naming the file (a link that would resolve differently: the page, the
   * copies). Fills {@code paths} (in the skill's folder) and gives empty, else why not.
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
      if (references.contains(full)) {
        // a reference the caller patches: every document of the skill is made again from the new
        // list (a link to it resolves or breaks, an anchor in it comes or goes), and a document
        // of another skill reaching into the folder is refused by the record of links between
        // skills; a mention in prose or code is no link (the build runs no mentioned-files check)
        continue;
      }
      String name = path.substring(path.lastIndexOf('/') + 1);
      boolean named = text.contains(name);
      for (var ref : skill.references()) {
        named |= ref.markdown().contains(name);
      }
      if (named) {
        return Optional.of(
            full
                + " was added or removed and the skill's documents name it (a link to it may"
                + " resolve otherwise: the pages and copies are not made again)");
      }
    }
    paths.addAll(names);
    return Optional.empty();
  }
}
