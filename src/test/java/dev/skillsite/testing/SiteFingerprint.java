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
   * The related lists of the last build (build.RelatedState) and those patch builds made since: a
   * patched site keeps the first as its full build wrote it and the changed lists in the second, a
   * clean build writes the same lists into the first alone. Their lists are compared logically
   * ({@code RelatedPatchTest}: the state's lists after each patch are a full build's).
   */
  private static final String RELATED = ".skillsite-cache/patch/related.tab";

  private static final String RELATED_PATCHED = ".skillsite-cache/patch/related-patched.tab";

  /**
   * Relative path → SHA-256 of every file under {@code root} (the routing index's files included;
   * the caches of stamps not: {@link #STAMPS}, {@link #FINDINGS}, {@link #PAGES}, {@link
   * #PATCH_STATE}, {@link #RELATED}, {@link #RELATED_PATCHED}).
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
            && !rel.equals(RELATED)
            && !rel.equals(RELATED_PATCHED)) {
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
