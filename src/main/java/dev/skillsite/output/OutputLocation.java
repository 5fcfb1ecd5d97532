package dev.skillsite.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a site may be written. Refuses an output folder that is a file, a symbolic link, the content
 * folder, a folder inside it or one of its ancestors (a swap there would replace the content), or the
 * root of a file system.
 */
public record OutputLocation(Path out) {
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
    if (Files.exists(o, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(o, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException("output folder " + out + " exists and is not a folder");
    }
    Path realC = realOrSelf(c);
    Path realO = realParent(o);
    if (realO.equals(realC) || realC.startsWith(realO)) {
      throw new RefusedException("output folder " + out + " overlaps the content folder " + content
          + " (it is replaced as a whole); choose a folder beside it");
    }
    if (realO.startsWith(realC)) {
      // a build would read its own pages and SKILL.md copies as content; a repository of skills built from its
      // root is the usual way in, so say where the site can go instead
      Path beside = c.getParent() == null ? o.getFileName() : c.getParent().resolve(o.getFileName());
      throw new RefusedException("output folder " + out + " overlaps the content folder " + content
          + " (a build would read its own pages as skills); choose a folder beside it, e.g. --out " + beside);
    }
    return new OutputLocation(o);
  }

  private static Path realOrSelf(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  /** The real path of {@code o}'s parent joined with its name: resolves links above the output folder. */
  private static Path realParent(Path o) {
    return realOrSelf(o.getParent()).resolve(o.getFileName().toString());
  }
}
