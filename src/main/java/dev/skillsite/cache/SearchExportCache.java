package dev.skillsite.cache;

import dev.skillsite.output.UnchangedFiles;
import dev.skillsite.search.SearchIndexWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The browser search export of the last build ({@link SearchIndexWriter}: {@code
 * search/manifest.js}, {@code search/t/}, {@code search/d/}), used again when this build's would be
 * the same bytes. The export is a function of the routing index, of what a result shows per skill
 * and of the code, so its key is the index key (same code, same skills, same threshold) and a
 * digest of the displayed fields. The list beside the index key names each file with its size and
 * CRC-32: a file that is missing, changed or damaged, or a list that does not parse, and the export
 * is written again. On the large corpus writing it was about a fifth of a rebuild in which nothing
 * changed (BENCHMARKS.md, session 11).
 */
final class SearchExportCache {
  private static final String HEADER = "skillsite search export 4";

  /**
   * The only paths an export writes: a damaged list must not link anything else into the new site.
   */
  private static final Pattern FILE =
      Pattern.compile(SearchIndexWriter.DIR + "/(manifest\\.js|tag\\.js|[tdn]/[0-9a-z]{1,8}\\.js)");

  private static final int MAX_FILES = 1_000_000; // a 100k-skill export writes ~143,000

  private SearchExportCache() {}

  /** The export's key: the routing index's key and what the results show per skill. */
  static CacheKey key(CacheKey index, List<SearchIndexWriter.Display> shown) {
    List<String> fields = new ArrayList<>();
    for (SearchIndexWriter.Display d : shown) {
      fields.addAll(List.of(d.id(), d.name(), d.url(), d.description()));
    }
    return index.digest(fields);
  }

  /**
   * Links the export of the site {@code published} into {@code staging} when its list holds {@code
   * key} and each file it names is there, intact; records the list in {@code staging} too.
   *
   * @return whether the export was used again; when not, {@code staging} holds none of it
   */
  static boolean reuse(Path published, Path staging, CacheKey key) {
    Optional<List<Entry>> listed = read(published.resolve(BuildCache.SEARCH_EXPORT), key);
    if (listed.isEmpty()) {
      return false;
    }
    Path root;
    try {
      root = published.toRealPath();
    } catch (IOException e) {
      return false;
    }
    List<Path> made = new ArrayList<>();
    for (Entry e : listed.get()) {
      Path at = staging.resolve(e.path());
      try {
        Files.createDirectories(at.getParent());
      } catch (IOException x) {
        return undo(made);
      }
      // compared on the very file linked: the published one may be replaced meanwhile (serve's
      // refresh)
      if (!UnchangedFiles.linkIfSame(
          at, root.resolve(e.path()), root, e.size(), f -> crc(f) == e.crc())) {
        return undo(made);
      }
      made.add(at);
    }
    try {
      Files.writeString(
          staging.resolve(BuildCache.SEARCH_EXPORT),
          text(key, listed.get()),
          StandardCharsets.UTF_8);
    } catch (IOException x) {
      return undo(made);
    }
    return true;
  }

  /**
   * Records the export {@link SearchIndexWriter} just wrote into {@code staging} ({@code files},
   * relative).
   */
  static void record(Path staging, CacheKey key, List<String> files) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String f : files) {
      Path file = staging.resolve(f);
      entries.add(new Entry(f, Files.size(file), crc(file)));
    }
    Path list = staging.resolve(BuildCache.SEARCH_EXPORT);
    Files.createDirectories(list.getParent());
    Files.writeString(list, text(key, entries), StandardCharsets.UTF_8);
  }

  private record Entry(String path, long size, long crc) {}

  private static String text(CacheKey key, List<Entry> entries) {
    StringBuilder s = new StringBuilder(HEADER).append('\n').append(key.value()).append('\n');
    for (Entry e : entries) {
      s.append(Long.toHexString(e.crc()))
          .append(' ')
          .append(e.size())
          .append(' ')
          .append(e.path())
          .append('\n');
    }
    return s.toString();
  }

  private static Optional<List<Entry>> read(Path list, CacheKey key) {
    try {
      if (!Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)
          || Files.size(list) > 64L * MAX_FILES) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(key.value())) {
        return Optional.empty();
      }
      List<Entry> entries = new ArrayList<>();
      for (String line : lines.subList(2, lines.size())) {
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || !FILE.matcher(parts[2]).matches()) {
          return Optional.empty();
        }
        entries.add(new Entry(parts[2], Long.parseLong(parts[1]), Long.parseLong(parts[0], 16)));
      }
      return Optional.of(entries);
    } catch (IOException | RuntimeException e) { // unreadable, not UTF-8, a bad number
      return Optional.empty();
    }
  }

  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return crc.getValue();
  }

  /**
   * Removes what a reuse that failed half way had linked: the export is then written as in a clean
   * build.
   */
  private static boolean undo(List<Path> made) {
    for (Path p : made) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
