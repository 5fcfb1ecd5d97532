package dev.skillsite.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the files of a skill folder, boundedly: at most {@value #MAX_FILES} files, {@value
 * #MAX_DEPTH} folders deep, the first {@value #MAX_BYTES} bytes of each; symbolic links are not
 * followed, and a sub-folder that holds a SKILL.md of its own belongs to that other skill.
 */
final class SkillFiles {
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_FILES = 1000;
  static final int MAX_DEPTH = 8;
  private static final int SNIFF = 8000;

  private SkillFiles() {}

  /**
   * @param root the content root
   * @param dir the skill's folder relative to the root ({@code ""} for the root itself)
   */
  static List<SkillFile> read(Path root, String dir) throws IOException {
    Path base = dir.isEmpty() ? root : root.resolve(dir);
    List<Path> paths = new ArrayList<>();
    Map<Path, Boolean> skillDirs = new HashMap<>(); // each folder looked at once
    try (Stream<Path> walk = Files.walk(base, MAX_DEPTH, new FileVisitOption[0])) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !inOtherSkill(base, p, skillDirs))
          .filter(p -> !hiddenFolder(base, p))
          .sorted()
          .limit(MAX_FILES)
          .forEach(paths::add);
    }
    List<SkillFile> files = new ArrayList<>();
    for (Path p : paths) {
      files.add(read(root, base, p));
    }
    return files;
  }

  private static SkillFile read(Path root, Path base, Path p) throws IOException {
    long size = Files.size(p);
    byte[] head;
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      // read into an array of the file's size (readNBytes(MAX_BYTES) reads 8 KB pieces and copies
      // them together), then whatever more there is now, up to the limit
      byte[] buf = new byte[(int) Math.min(size, MAX_BYTES)];
      int n = in.readNBytes(buf, 0, buf.length);
      byte[] more = n < buf.length ? new byte[0] : in.readNBytes(MAX_BYTES - n);
      head = n == buf.length && more.length == 0 ? buf : concat(buf, n, more);
    }
    boolean binary = false;
    for (int i = 0; i < Math.min(head.length, SNIFF); i++) {
      if (head[i] == 0) {
        binary = true;
        break;
      }
    }
    String text = binary ? "" : new String(head, StandardCharsets.UTF_8);
    return new SkillFile(rel(root, p), rel(base, p), size, head, text, binary);
  }

  private static byte[] concat(byte[] a, int n, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, n + b.length);
    System.arraycopy(b, 0, out, n, b.length);
    return out;
  }

  static SkillFile of(String path, String inSkill, byte[] bytes) {
    boolean binary = false;
    for (int i = 0; i < Math.min(bytes.length, SNIFF); i++) {
      binary |= bytes[i] == 0;
    }
    return new SkillFile(
        path,
        inSkill,
        bytes.length,
        bytes,
        binary ? "" : new String(bytes, StandardCharsets.UTF_8),
        binary);
  }

  private static String rel(Path from, Path p) {
    return from.relativize(p).toString().replace('\\', '/');
  }

  /**
   * Whether a folder between the skill folder and {@code p} holds a SKILL.md (another skill's
   * file).
   */
  private static boolean inOtherSkill(Path base, Path p, Map<Path, Boolean> skillDirs) {
    for (Path d = p.getParent();
        d != null && !d.equals(base) && d.startsWith(base);
        d = d.getParent()) {
      if (skillDirs.computeIfAbsent(
          d, x -> Files.isRegularFile(x.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS))) {
        return true;
      }
    }
    return false;
  }

  /** Files under .git are Git's, not the skill's. */
  private static boolean hiddenFolder(Path base, Path p) {
    Path rel = base.relativize(p);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      String n = rel.getName(i).toString();
      if (n.equals(".git")) {
        return true;
      }
    }
    return false;
  }
}
