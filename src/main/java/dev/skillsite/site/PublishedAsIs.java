package dev.skillsite.site;

import dev.skillsite.content.EditorFiles;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of the content root's {@code static/} folder, published as they are at the same path
 * from the site's root ({@code static/CNAME} → {@code CNAME}, {@code static/favicon.ico} → {@code
 * favicon.ico}): what a custom domain on GitHub Pages, a favicon or a site verification file need,
 * kept by every rebuild. The folder is as untrusted as the rest of the content, so the rules of
 * files linked from skills hold (see {@link ContentFiles}): the published types only, never a type
 * a page or a web server could run, regular files reached without symbolic links, at most {@link
 * ContentFiles#MAX_BYTES} each and {@link #MAX_TOTAL_BYTES} and {@link #MAX_FILES} in all. A file
 * never replaces one the site generates nor goes into a folder the site generates; {@code
 * robots.txt} is the one exception (as with jekyll-sitemap, the maintainer's own robots.txt wins).
 * Each file left out is a warning naming it; the rest is published.
 */
public final class PublishedAsIs {
  /** All the files of {@code static/} together. */
  static final long MAX_TOTAL_BYTES = 200L * 1024 * 1024;

  static final int MAX_FILES = 5_000;

  /** Generated files a maintainer's file replaces. */
  private static final Set<String> REPLACEABLE = Set.of(SiteLayout.ROBOTS);

  /**
   * Folders the site generates and owns: nothing is added to them (the build cache and the routing
   * index are read again by the next build; pages and assets are the generator's). Lowercase: a
   * host whose file names ignore case must not see {@code Skills/} as another folder.
   */
  static final List<String> GENERATED_FOLDERS =
      List.of(
          "assets/",
          "skills/",
          "collections/",
          "search/",
          "triggers/",
          "health/",
          "audit/",
          "audit-json/",
          "skills-json/",
          "llms/",
          ".well-known/agent-skills/",
          dev.skillsite.cache.BuildCache.FOLDER + "/");

  /**
   * Files at the site's root that a build may generate (some only with some settings), whether or
   * not this build does.
   */
  static final Set<String> GENERATED_FILES =
      Set.of(
          SiteLayout.INDEX,
          SiteLayout.NOT_FOUND,
          SiteLayout.SITEMAP,
          SiteLayout.ROBOTS,
          SiteLayout.SKILLS_JSON,
          SiteLayout.AUDIT_JSON,
          "llms.txt",
          ".nojekyll",
          ".skillsite-output");

  /** Kept out without a word: what version control and file managers leave in folders. */
  private static final Set<String> IGNORED = Set.of(".gitkeep", ".gitignore", ".ds_store");

  /** Published in spite of the type rules: GitHub Pages' custom domain and its Jekyll switch. */
  private static final Set<String> HOSTING_FILES = Set.of("CNAME", ".nojekyll");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

  private final Path content;

  /**
   * @param content the content root
   */
  public PublishedAsIs(Path content) {
    this.content = content;
  }

  /**
   * Copies the files of {@code static/} into {@code site} (a staging folder that holds every file
   * the build generates), and names every file it leaves out. With {@code previous} (the site this
   * one replaces), also names each entry at its root that no build writes and that this one does
   * not have: a file put there by hand (a {@code CNAME}) that the swap removes.
   *
   * @return the warnings, in path order
   * @throws IOException when the site cannot be written
   */
  public List<Diagnostic> copyInto(Path site, Optional<Path> previous) throws IOException {
    return copyInto(site, previous, Set.of());
  }

  /**
   * Like {@link #copyInto(Path, Optional)} for a site that will update {@code previous} in place:
   * the generated files at {@code kept} are not in {@code site} but stay in {@code previous}, and
   * count as generated as if they were in {@code site}.
   */
  public List<Diagnostic> copyInto(Path site, Optional<Path> previous, Set<String> kept)
      throws IOException {
    this.kept = previous.isPresent() ? kept : Set.of();
    this.previous = previous;
    return publish(site, previous);
  }

  /** See {@link #copyInto(Path, Optional, Set)}. */
  private Set<String> kept = Set.of();

  private Optional<Path> previous = Optional.empty();

  /** The generated file at {@code rel}: in {@code site}, else the kept published one. */
  private Optional<Path> generated(Path site, String rel) {
    Path target = site.resolve(rel);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(target);
    }
    return kept.contains(rel) ? previous.map(p -> p.resolve(rel)) : Optional.empty();
  }

  /**
   * What {@link #copyInto} would say of {@code static/}, with nothing written: for {@code check}. A
   * clash with a file the site generates is found by its name ({@code index.html}, a generated
   * folder), as a build finds it.
   *
   * @throws IOException when {@code static/} cannot be read
   */
  public List<Diagnostic> check() throws IOException {
    return publish(null, Optional.empty());
  }

  /** Publishes into {@code site}, or only checks when it is null. */
  private List<Diagnostic> publish(Path site, Optional<Path> previous) throws IOException {
    List<Diagnostic> out = new ArrayList<>();
    Path root = content.toAbsolutePath().normalize();
    Path dir = root.resolve(ContentPaths.STATIC_FOLDER);
    if (Files.isSymbolicLink(dir)) {
      out.add(
          warning(
              ContentPaths.STATIC_FOLDER,
              "static-symlink",
              "static is a symbolic link; links are not followed, so nothing in it is published"));
    } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      copy(dir, site, out);
    }
    previous.ifPresent(p -> removedByHand(p, site, out, kept));
    out.sort(Diagnostic.ORDER);
    return out;
  }

  private void copy(Path dir, Path site, List<Diagnostic> out) throws IOException {
    TreeMap<String, Path> files = new TreeMap<>(RelPathOrder.INSTANCE);
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            String where = ContentPaths.STATIC_FOLDER + "/" + rel;
            String name = file.getFileName().toString();
            if (attrs.isSymbolicLink()) {
              out.add(
                  warning(
                      where,
                      "static-symlink",
                      name
                          + " is a symbolic link; links are not followed, so it is not published"));
            } else if (!attrs.isRegularFile()) {
              out.add(
                  warning(
                      where,
                      "not-a-file",
                      name
                          + " is a special file (FIFO, socket or device), not a regular file; it is"
                          + " not published"));
            } else if (!IGNORED.contains(name.toLowerCase(Locale.ROOT))
                && !EditorFiles.isScratch(name)) {
              files.put(rel, file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            out.add(
                warning(
                    ContentPaths.STATIC_FOLDER
                        + "/"
                        + dir.relativize(file).toString().replace('\\', '/'),
                    "unreadable-path",
                    "cannot read: " + e.getClass().getSimpleName()));
            return FileVisitResult.CONTINUE;
          }
        });
    long total = 0;
    int count = 0;
    for (var e : files.entrySet()) {
      String rel = e.getKey();
      Path file = e.getValue();
      String where = ContentPaths.STATIC_FOLDER + "/" + rel;
      Optional<String> refused = refusal(rel, file, site);
      if (refused.isPresent()) {
        out.add(warning(where, "static-not-published", refused.get()));
        continue;
      }
      long size = Files.size(file);
      if (size > ContentFiles.MAX_BYTES) {
        out.add(
            warning(
                where,
                "static-too-large",
                "file of "
                    + size
                    + " bytes is over the "
                    + ContentFiles.MAX_BYTES
                    + " bytes one published file may have; not published"));
        continue;
      }
      if (count + 1 > MAX_FILES || total + size > MAX_TOTAL_BYTES) {
        out.add(
            warning(
                where,
                "static-budget",
                "static/ holds more than "
                    + MAX_FILES
                    + " files or "
                    + MAX_TOTAL_BYTES
                    + " bytes; this file and the ones after it in path order are not published"));
        break;
      }
      if (site == null) { // check only
        if (rel.equals("CNAME")) {
          cnameWarning(file).ifPresent(m -> out.add(warning(where, "static-cname", m)));
        }
        total += size;
        count++;
        continue;
      }
      Path target = site.resolve(rel);
      Optional<Path> generated = generated(site, rel);
      int slash = rel.lastIndexOf('/');
      if (generated.isPresent()) {
        if (Files.isRegularFile(generated.get(), LinkOption.NOFOLLOW_LINKS)
            && sameBytes(file, generated.get(), size)) {
          continue; // the file the site generates anyway (.nojekyll): nothing is lost
        }
        if (!REPLACEABLE.contains(rel)) {
          out.add(
              warning(
                  where,
                  "static-clash",
                  "the site generates "
                      + rel
                      + "; the generated file is kept and this one is not published"));
          continue;
        }
        // may be a hard link to the published file: never written through; a kept one is
        // replaced by the staged copy when the site is published
        Files.deleteIfExists(target);
      } else if ((Files.exists(target.getParent(), LinkOption.NOFOLLOW_LINKS)
              && !Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS))
          || (slash > 0 && kept.contains(rel.substring(0, slash)))) {
        out.add(
            warning(
                where,
                "static-clash",
                "the site generates the file "
                    + site.relativize(target.getParent()).toString().replace('\\', '/')
                    + "; this file is not published"));
        continue;
      }
      if (rel.equals("CNAME")) {
        cnameWarning(file).ifPresent(m -> out.add(warning(where, "static-cname", m)));
      }
      Files.createDirectories(target.getParent());
      // the bytes only: no executable bit, and no symlink swapped in since the walk is followed
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(in, target);
      }
      total += size;
      count++;
    }
  }

  /** Why {@code rel} is not published, if it is not. */
  private static Optional<String> refusal(String rel, Path file, Path site) {
    String lower = rel.toLowerCase(Locale.ROOT);
    for (String folder : GENERATED_FOLDERS) {
      if (lower.startsWith(folder)) {
        return Optional.of(
            "the site generates the folder "
                + folder
                + " and nothing is added to it; this file is not published"
                + (folder.equals("assets/")
                    ? " (hint: put the file in your templates' assets/ folder, or in another"
                        + " folder of static/)"
                    : " (hint: put it in another folder of static/)"));
      }
    }
    if (!REPLACEABLE.contains(lower)
        && GENERATED_FILES.contains(lower)
        && !lower.equals(".nojekyll")) {
      return Optional.of(
          "the site generates "
              + lower
              + "; the generated file is kept and this one is not published");
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    if (HOSTING_FILES.contains(name) && !rel.contains("/")) {
      return Optional.empty();
    }
    if (!ContentFiles.isPublishableName(rel)) {
      Optional<String> server = ContentFiles.serverSideExtension(rel);
      if (server.isPresent()) {
        return Optional.of(
            "." + server.get() + " is a type a web server runs; such a file is never published");
      }
      int dot = name.lastIndexOf('.');
      return Optional.of(
          (dot > 0
                  ? "." + name.substring(dot + 1).toLowerCase(Locale.ROOT) + " files are"
                  : name + " is")
              + " not on the list of published types (docs/security.md; never HTML, SVG, XML,"
              + " JavaScript or a type a web server runs); not published");
    }
    return Optional.empty();
  }

  /** A CNAME that GitHub Pages would not read as one custom domain. */
  private static Optional<String> cnameWarning(Path file) throws IOException {
    if (Files.size(file) > 300) {
      return Optional.of(
          "CNAME should hold one domain name (such as docs.example.com); it is longer");
    }
    String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    return DOMAIN.matcher(text).matches()
        ? Optional.empty()
        : Optional.of(
            "CNAME should hold one domain name, such as docs.example.com, with no scheme or path;"
                + " GitHub Pages will not use it as it is");
  }

  /**
   * Entries at the root of the published site that no build generates and this one does not have
   * (put there by hand): the swap removes them.
   */
  private static void removedByHand(
      Path previous, Path site, List<Diagnostic> out, Set<String> kept) {
    Set<String> keptRoots = new java.util.HashSet<>();
    for (String k : kept) {
      int slash = k.indexOf('/');
      keptRoots.add(slash < 0 ? k : k.substring(0, slash));
    }
    if (!Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> entries = Files.list(previous)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean generated =
            GENERATED_FILES.contains(lower)
                || GENERATED_FOLDERS.stream().anyMatch(f -> f.equals(lower + "/"))
                || lower.equals(".well-known");
        if (!generated
            && !keptRoots.contains(name)
            && !Files.exists(site.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          out.add(
              warning(
                  previous.resolve(name).toString(),
                  "output-file-removed",
                  name
                      + " is in the output folder but no build made it; the new site replaces the"
                      + " folder without it (hint: files that must be published as they are go in"
                      + " the content's static/ folder)"));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // the previous site cannot be listed: nothing to warn about, the swap reports what it must
    }
  }

  private static boolean sameBytes(Path a, Path b, long size) throws IOException {
    if (Files.size(b) != size || size > (8L << 20)) {
      return false;
    }
    try (InputStream x = Files.newInputStream(a, LinkOption.NOFOLLOW_LINKS);
        InputStream y = Files.newInputStream(b, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(x.readAllBytes(), y.readAllBytes());
    }
  }

  private static Diagnostic warning(String path, String code, String message) {
    return Diagnostic.warning(SourcePos.of(path), code, message);
  }

  /** Paths compared by their segments, as {@code RelPaths.ORDER} does (a/b before a.b). */
  private enum RelPathOrder implements java.util.Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
      return a.replace('/', '\0').compareTo(b.replace('/', '\0'));
    }
  }
}
