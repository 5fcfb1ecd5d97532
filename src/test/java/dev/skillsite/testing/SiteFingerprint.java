package dev.skillsite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
   * The routing patch state (build.RoutingWire, routing.RoutingPatch): a Lucene index patched in
   * place (base segment + patch segments + tombstones) and small Lucene tables, whose segment files
   * differ between a patched and a clean build (and carry random segment ids), and the generation
   * the published site matches. Their logical equality — every ranking and route equal to a fresh
   * index's — is RoutingPatchTest's and RoutingWireTest's.
   */
  private static final String ROUTING_STATE = ".skillsite-cache/patch/routing";

  /**
   * What the last whole build's routing index was and answered, and its search export's list:
   * self-checking caches (by key, digests and CRCs) that a routing patch leaves describing the
   * index the last whole build published (rewriting them is O(collection)); the next whole build
   * checks them and carries from them correctly. Compared by {@link #of}, which whole builds are
   * checked with (carried answers must equal fresh ones); left out by {@link #ofPatched}.
   */
  private static final Set<String> INDEX_CACHES =
      Set.of(
          ".skillsite-cache/index.key",
          ".skillsite-cache/index-answers.bin",
          ".skillsite-cache/index-docs.txt",
          ".skillsite-cache/search-export.list");

  /**
   * The content tree's stamps (build.ContentStamps): times and file keys of the content as each
   * build found it, history as {@link #STAMPS} is; a patch told the changed files leaves them as
   * they were. Compared by the builds that read them (ContentStampsTest).
   */
  private static final String CONTENT_STAMPS = ".skillsite-cache/patch/stamps.tab";

  /**
   * The stamps of the files patches were told since the content stamps were taken
   * (build.PatchedStamps): history, as {@link #CONTENT_STAMPS}; a clean build has none. Compared by
   * the builds that read them (StampedBuildTest).
   */
  private static final String PATCHED_STAMPS = ".skillsite-cache/patch/stamps-patched.tab";

  /**
   * The list pages a patch made again since the last whole build (site.ListState's delta): a clean
   * build has none, its pages' records are in the whole table; CardPatchSpecTest checks that each
   * record equals the clean build's.
   */
  private static final String LIST_DELTA = ".skillsite-cache/patch/list-delta.tab";

  /**
   * The list state's tables (site.ListState): a patch leaves them as the last whole build wrote
   * them (or folds a large delta into the pages' table) and puts what changed in {@link
   * #LIST_DELTA}, so they differ from a clean build's while holding, delta first, the same records
   * (checked by CardPatchSpecTest).
   */
  private static final String LIST_PAGES = ".skillsite-cache/patch/list-pages.tab";

  private static final String LIST_SKILLS = ".skillsite-cache/patch/list-skills.tab";

  /**
   * The health state (site.HealthState): a patch leaves the pages' table as the last whole build
   * wrote it and puts the pages and skill health sections it made again in the delta (a clean build
   * has none); RoutingWireTest checks the health pages byte for byte and the sections against the
   * clean build's.
   */
  private static final String HEALTH_PAGES = ".skillsite-cache/patch/health-pages.tab";

  /** The delta's folded table, its chain file and segments ({@code health-delta.N.tab}). */
  private static final String HEALTH_DELTA = ".skillsite-cache/patch/health-delta.";

  /**
   * The health probes (build.HealthProbes: trigger → the skills that have it): a patch that changes
   * a skill's triggers leaves the table as the last whole build wrote it and puts the changed
   * triggers' records in the delta (a clean build has none); RoutingWireTest checks that the
   * records read through the delta are the clean build's.
   */
  private static final String HEALTH_PROBES = ".skillsite-cache/patch/health.tab";

  private static final String HEALTH_PROBES_DELTA = ".skillsite-cache/patch/health-probes.tab";

  /**
   * The pages side's record for a patch build (site.SkillPagesPatch): a patch that renders a
   * skill's pages again does not rewrite it (it is one file for the whole site), so after a patch
   * its record of the changed skill is the last whole build's; every value a patch reads from it is
   * either the same by the patch's own checks or recomputed, and PatchBuildSpecTest's later patches
   * of the same skill check that it still answers right.
   */
  private static final String PAGES_STATE = ".skillsite-cache/patch/pages.tab";

  /**
   * The rendered documents kept for the next build (site.DocumentCache): a patch build renders a
   * skill's documents again without rewriting this one file of the whole site, so it keeps the
   * changed documents' earlier renderings; each is kept with its source's fingerprint and is used
   * again only for that same source, so the next build renders the changed documents again and
   * makes the same site (the rows of PatchBuildSpecTest that build whole after a patch check it).
   */
  private static final String DOCUMENTS = ".skillsite-cache/documents.bin";

  /**
   * What patch builds changed of the two records above (build.PatchOverlay): empty after a whole
   * build, the patched skills' entries after a patch — history of the same kind.
   */
  private static final String PATCHED = ".skillsite-cache/patch/patched.txt";

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
   * #PATCH_STATE}, {@link #CONTENT_STAMPS}, {@link #PATCHED_STAMPS}, the list state: {@link
   * #LIST_DELTA}, {@link #LIST_PAGES}, {@link #LIST_SKILLS}, {@link #RELATED}, {@link
   * #RELATED_PATCHED}).
   */
  public static SortedMap<String, String> of(Path root) throws IOException {
    return of(root, false);
  }

  /**
   * As {@link #of}, for a site a patch build may have updated: the index caches a routing patch
   * leaves as the last whole build wrote them ({@link #INDEX_CACHES}) left out too.
   */
  public static SortedMap<String, String> ofPatched(Path root) throws IOException {
    return of(root, true);
  }

  private static SortedMap<String, String> of(Path root, boolean patched) throws IOException {
    SortedMap<String, String> map = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.equals(STAMPS)
            && !rel.equals(FINDINGS)
            && !rel.equals(PAGES)
            && !rel.equals(PATCH_STATE)
            && !rel.startsWith(ROUTING_STATE)
            && !(patched && INDEX_CACHES.contains(rel))
            && !rel.equals(CONTENT_STAMPS)
            && !rel.equals(PATCHED_STAMPS)
            && !rel.equals(LIST_DELTA)
            && !rel.equals(LIST_PAGES)
            && !rel.equals(LIST_SKILLS)
            && !rel.equals(HEALTH_PAGES)
            && !rel.startsWith(HEALTH_DELTA)
            && !rel.equals(HEALTH_PROBES)
            && !rel.equals(HEALTH_PROBES_DELTA)
            && !rel.equals(PAGES_STATE)
            && !rel.equals(DOCUMENTS)
            && !rel.equals(PATCHED)
            && !rel.equals(RELATED)
            && !rel.equals(RELATED_PATCHED)) {
          map.put(rel, sha256(Files.readAllBytes(f)));
        }
      }
    }
    return map;
  }

  /** The published routing index (build.IndexStage.DIR). */
  private static final String LUCENE = "search/lucene/";

  /**
   * The marker of a published routing index a patch build changed in place
   * (routing.PublishedIndex): its folder holds the full build's base segment, the patched segments,
   * the tombstones and a commit Lucene's plain readers refuse, so its bytes cannot be a clean
   * build's single segment. Where either side has it, the folder's files are left out of {@link
   * #differences}: its logical equality (every route and eval answer that of a fresh index) is
   * PublishedIndexTest's and PublishedIndexCliTest's.
   */
  private static final String PATCHED_LUCENE = LUCENE + "skillsite-patched.properties";

  /** The files that differ, are missing or were added, one line each. */
  public static List<String> differences(
      SortedMap<String, String> expected, SortedMap<String, String> actual) {
    SortedMap<String, String> all = new TreeMap<>(expected);
    all.putAll(actual);
    boolean patchedLucene =
        expected.containsKey(PATCHED_LUCENE) || actual.containsKey(PATCHED_LUCENE);
    return all.keySet().stream()
        .filter(k -> !(patchedLucene && k.startsWith(LUCENE)))
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
