package dev.skillsite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The bytes of a built site, to compare two builds. */
public final class SiteFingerprint {
  private SiteFingerprint() {}

  /**
   * The build cache's record of file stamps (modification times, and which files were too recent to
   * trust when it was written): it depends on when the content was written and built, not only on
   * what it holds, so it is not part of what two builds must agree on.
   */
  private static final String STAMPS = ".skillsite-cache/audit.bin";

  /**
   * The build cache's findings by file: a rebuild keeps those of the files it scanned again, which
   * depends on which skills the stamps above let it skip, so it too is history, not content.
   */
  private static final String FINDINGS = ".skillsite-cache/audit-findings.bin";

  /**
   * The build cache's record of the pages it made from keys, with the stamps the written files had
   * (site.PageStamps): times and file keys, history as {@link #STAMPS} is.
   */
  private static final String PAGES = ".skillsite-cache/pages.bin";

  /**
   * The patch rebuild's state (build.PatchState): its key names the templates a build used, so a
   * templates folder holding the packaged templates' very files is another key (as for {@link
   * #PAGES}); the pages are the same. Its records are checked by the patch builds that read them.
   */
  private static final String PATCH_STATE = ".skillsite-cache/patch/skills.tab";

  /**
   * The list pages a patch made again since the last whole build (site.ListState's delta): a clean
   * build has none, its pages' records are in the whole table; CardPatchSpecTest checks that each
   * record equals the clean build's.
   */
  private static final String LIST_DELTA = ".skillsite-cache/patch/list-delta.tab";

  /**
   * The list state's tables (site.ListState): a patch leaves them as the last whole build wrote
   * them and puts what changed in {@link #LIST_DELTA}, so they differ from a clean build's while
   * holding, delta first, the same records (checked by CardPatchSpecTest).
   */
  private static final String LIST_PAGES = ".skillsite-cache/patch/list-pages.tab";

  private static final String LIST_SKILLS = ".skillsite-cache/patch/list-skills.tab";

  /**
   * Relative path → SHA-256 of every file under {@code root} (the routing index's files included;
   * the caches of stamps not: {@link #STAMPS}, {@link #FINDINGS}, {@link #PAGES}, {@link
   * #PATCH_STATE}, the list state: {@link #LIST_DELTA}, {@link #LIST_PAGES}, {@link #LIST_SKILLS}).
   */
  public static SortedMap<String, String> of(Path root) throws IOException {
    SortedMap<String, String> map = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.equals(STAMPS)
            && !rel.equals(FINDINGS)
            && !rel.equals(PAGES)
            && !rel.equals(PATCH_STATE)
            && !rel.equals(LIST_DELTA)
            && !rel.equals(LIST_PAGES)
            && !rel.equals(LIST_SKILLS)) {
          map.put(rel, sha256(Files.readAllBytes(f)));
        }
      }
    }
    return map;
  }

  /** The files that differ, are missing or were added, one line each. */
  public static List<String> differences(
      SortedMap<String, String> expected, SortedMap<String, String> actual) {
    SortedMap<String, String> all = new TreeMap<>(expected);
    all.putAll(actual);
    return all.keySet().stream()
        .filter(k -> !Objects.equals(expected.get(k), actual.get(k)))
        .map(
            k ->
                k
                    + (expected.containsKey(k)
                        ? actual.containsKey(k) ? " differs" : " missing"
                        : " added"))
        .toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
