package dev.skillsite.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a site may be written. Refuses an output folder that is a file, a symbolic link, the
 * content folder, a folder inside it or one of its ancestors (a swap there would replace the
 * content), the root of a file system, or a folder that holds files skillsite did not write (a
 * build replaces its output folder as a whole: {@code --out ~/Documents} must not delete the
 * documents).
 */
public record OutputLocation(Path out) {
  /**
   * The file at the root of every site skillsite writes (and of its staging folder while a build
   * runs): an existing output folder is replaced only when it has this file, or is empty.
   */
  public static final String MARKER = ".skillsite-output";

  /** What the marker says to a person who finds it. */
  public static final String MARKER_TEXT =
      "This folder is written by skillsite and replaced as a whole by each build: keep nothing else here.\n";

  /** Entries of a refused folder named in the message. */
  private static final int NAMED = 3;

  /** Thrown for an output folder that must not be used; the CLI maps it to exit code 2. */
  public static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /** Checks {@code out} against {@code content} and returns its absolute, normalised location. */
  public static OutputLocation check(Path out, Path content) throws RefusedException {
    Path o = out.toAbsolutePath().normalize();
    Path c = content.toAbsolutePath().normalize();
    if (o.getParent() == null) {
      throw new RefusedException("output folder " + out + " is a file system root");
    }
    if (Files.isSymbolicLink(o)) {
      throw new RefusedException("output folder " + out + " is a symbolic link");
    }
    if (Files.exists(o, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(o, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException("output folder " + out + " exists and is not a folder");
    }
    Path realC = realOrSelf(c);
    Path realO = realParent(o);
    if (realO.equals(realC) || realC.startsWith(realO)) {
      throw new RefusedException(
          "output folder "
              + out
              + " overlaps the content folder "
              + content
              + " (it is replaced as a whole); choose a folder beside it");
    }
    if (realO.startsWith(realC)) {
      // a build would read its own pages and SKILL.md copies as content; a repository of skills
      // built from its
      // root is the usual way in, so say where the site can go instead
      Path beside =
          c.getParent() == null ? o.getFileName() : c.getParent().resolve(o.getFileName());
      throw new RefusedException(
          "output folder "
              + out
              + " overlaps the content folder "
              + content
              + " (a build would read its own pages as skills); choose a folder beside it, e.g. --out "
              + beside);
    }
    if (Files.isDirectory(o, LinkOption.NOFOLLOW_LINKS) && !isSite(o)) {
      List<String> entries;
      try (Stream<Path> list = Files.list(o)) {
        entries = list.map(p -> p.getFileName().toString()).sorted().toList();
      } catch (IOException e) {
        throw new RefusedException("output folder " + out + " cannot be read: " + e.getMessage());
      }
      if (!entries.isEmpty()) {
        throw new RefusedException(
            "output folder "
                + out
                + " holds files skillsite did not write ("
                + String.join(", ", entries.subList(0, Math.min(NAMED, entries.size())))
                + (entries.size() > NAMED ? ", …" : "")
                + "), and a build replaces its output folder as a whole;"
                + " give a new or empty folder");
      }
    }
    return new OutputLocation(o);
  }

  /**
   * Whether {@code dir} is a site skillsite wrote: it has the {@link #MARKER}, or (written before
   * there was one) both the catalog and the routing index.
   */
  static boolean isSite(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
        || (Files.isRegularFile(dir.resolve("skills.json"), LinkOption.NOFOLLOW_LINKS)
            && Files.isDirectory(dir.resolve("search/lucene"), LinkOption.NOFOLLOW_LINKS));
  }

  private static Path realOrSelf(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * The real path of {@code o}'s parent joined with its name: resolves links above the output
   * folder.
   */
  private static Path realParent(Path o) {
    return realOrSelf(o.getParent()).resolve(o.getFileName().toString());
  }
}
