package dev.skillsite.cache;

import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.search.ExportPatch;
import dev.skillsite.search.SearchIndexWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing side of a patch rebuild, as {@code build/PatchBuild} calls it: the index patched in
 * place ({@link RoutingPatch}), the trigger rankings that may have changed asked again (in the form
 * the health stage keeps, {@link IndexAnswers.Ranked}), and the browser search files that change
 * ({@link ExportPatch}). Time and memory follow the change, not the collection.
 *
 * <p>Every full or incremental build calls {@link #record} after its export; a patch build calls
 * {@link #patch}, publishes {@link Patched#rankings}' consequences and {@link Patched#files} with
 * its pages, then {@link Patched#commit} (in the order of its journal: the state is committed once
 * the site's journal is written; a build killed before that finds the state one patch behind the
 * published site and must fall back, which the key and generation cannot see: PatchBuild records
 * the generation it published, see docs/notes/issue-27.md).
 */
public final class RoutingPatcher {
  private static final String TERM_BYTES = "termBytes";

  /** Where a site publishes its routing index ({@code build.IndexStage.DIR}). */
  public static final String LUCENE = "search/lucene";

  /** Hits per trigger ranking: the health check's ({@code RouterProbe.TOP}). */
  public static final int TOP = 5;

  private RoutingPatcher() {}

  /**
   * Writes the patch state after a full or incremental build: its routing index, the distinct
   * trigger phrases its health stage probed, the term data size of its search export ({@link
   * SearchIndexWriter#termBytes}), and its key (code, configuration, templates).
   */
  public static void record(
      Path cache, RoutingIndex index, Collection<String> triggers, long termBytes, String key)
      throws IOException {
    RoutingPatch.write(cache, index, triggers, key, Map.of(TERM_BYTES, Long.toString(termBytes)));
  }

  /**
   * The search export's term data size the state under {@code cache} was last recorded or committed
   * with: a build that reuses the published export (same bytes) records it again. Empty without a
   * readable state.
   */
  public static java.util.OptionalLong recordedTermBytes(Path cache) {
    return RoutingPatch.note(cache, TERM_BYTES)
        .filter(v -> v.matches("[0-9]{1,18}"))
        .map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
        .orElse(java.util.OptionalLong.empty());
  }

  /** What a patch says. */
  public sealed interface Result permits Patched, CannotPatch {}

  /** The build must fall back (and {@link #record} again): why. */
  public record CannotPatch(String reason) implements Result {}

  /** A staged patch. Close it, committed or not. */
  public static final class Patched implements Result, Closeable {
    private final RoutingPatch.Patched routing;
    private final Map<String, List<IndexAnswers.Ranked>> rankings;
    private final Map<String, List<IndexAnswers.Ranked>> before;
    private final ExportPatch.Files files;
    private final Path site;
    private RoutingPatch.Published lucene;

    private Patched(
        RoutingPatch.Patched routing,
        Map<String, List<IndexAnswers.Ranked>> rankings,
        Map<String, List<IndexAnswers.Ranked>> before,
        ExportPatch.Files files,
        Path site) {
      this.routing = routing;
      this.rankings = rankings;
      this.before = before;
      this.files = files;
      this.site = site;
    }

    /**
     * The published routing index's files to write ({@link #LUCENE}: site path → bytes), staged and
     * published with the pages before {@link #commit}: the patched layout that {@code route
     * --index} and {@code eval --index} read as a fresh index (routing.PublishedIndex). Empty when
     * no skill's routing document was replaced. Prepares the index's commit (once).
     */
    public Map<String, byte[]> luceneFiles() throws IOException {
      Map<String, byte[]> out = new LinkedHashMap<>();
      lucene().written().forEach((name, bytes) -> out.put(LUCENE + "/" + name, bytes));
      return out;
    }

    /** The published routing index's files to delete (site paths), with {@link #luceneFiles}. */
    public List<String> luceneDeleted() throws IOException {
      return lucene().deleted().stream().map(name -> LUCENE + "/" + name).toList();
    }

    private RoutingPatch.Published lucene() throws IOException {
      if (lucene == null) {
        lucene = routing.published(site.resolve(LUCENE));
      }
      return lucene;
    }

    /**
     * The phrases of {@link #rankings} that the changed skills did not add, ranked as before the
     * patch (same form): what the health side compares.
     */
    public Map<String, List<IndexAnswers.Ranked>> rankingsBefore() {
      return before;
    }

    /**
     * The state's generation this patch starts from; {@link #commit} makes it one more. A build
     * publishes the generation its site matches, so that a patch published but not committed
     * (killed between the two) is seen by the next one.
     */
    public long generation() {
      return routing.generation();
    }

    /**
     * Trigger phrase → its ranking now, as the health stage records it (empty when the router
     * abstains; equal scores by id), for every phrase whose ranking may have changed; every other
     * phrase ranks as in the last build.
     */
    public Map<String, List<IndexAnswers.Ranked>> rankings() {
      return rankings;
    }

    /**
     * {@code phrase} ranked on the patched index now, as {@link #rankings} has it (the health
     * stage's form): for a phrase the patch did not ask, whose ranking is as before the patch (a
     * search: O(the phrase's postings)).
     */
    public List<IndexAnswers.Ranked> rankNow(String phrase) {
      if (router == null) {
        router = routing.router();
      }
      return ranked(router.rank(phrase, TOP));
    }

    private dev.skillsite.routing.Router router;

    /** Search export files to write (site path → content); none is deleted. */
    public Map<String, String> files() {
      return files.changed();
    }

    /**
     * The skills whose similar skills may have changed (ids): the patched ones and those whose
     * "more like this" words a patched skill holds differently; every other list is as before.
     */
    public Set<String> similarMayChange() {
      return routing.similarMayChange();
    }

    /**
     * Similar skills on the patched index, as a fresh build finds them (for {@link
     * #similarMayChange}: build/RelatedPatch makes their related lists again with it).
     */
    public IndexAnswers.Finder similarSkills() {
      return routing.similarSkills()::similar;
    }

    /** The wall time (ms) of the routing state's parts and the export ({@code --timings}). */
    public Map<String, Long> walls() {
      return routing.walls();
    }

    /**
     * The routing step's counts for {@code --timings}: "rankings: asked N (+U unmoved…), re-ranked
     * M (…)" — phrases asked, phrases whose ranking was proved unmoved without one (RoutingPatch's
     * {@code Unmoved}), those left out before their records were read ("pruned": {@code
     * Unmoved.prune}), rankings made by a full search (before and after counted apart), and those
     * made from the full build's records ({@link RoutingPatch}'s bound) with the candidates they
     * scored.
     */
    public String note() {
      Map<String, Integer> c = routing.counts();
      return "rankings: asked "
          + c.getOrDefault("asked", 0)
          + " (+"
          + c.getOrDefault("unmoved", 0)
          + " unmoved, decided from records alone; +"
          + c.getOrDefault("pruned", 0)
          + " pruned, unread; decided by: "
          + c.getOrDefault("unmoved: no clause", 0)
          + " no clause, "
          + c.getOrDefault("unmoved: bound", 0)
          + " bound, "
          + c.getOrDefault("unmoved: saturated", 0)
          + " saturated, "
          + c.getOrDefault("unmoved: exact", 0)
          + " exact, "
          + c.getOrDefault("unmoved: not exact", 0)
          + " not exact), re-ranked "
          + c.getOrDefault("re-ranked", 0)
          + " (of "
          + 2 * c.getOrDefault("asked", 0)
          + " before+after; "
          + c.getOrDefault("from records", 0)
          + " from records, "
          + c.getOrDefault("candidates", 0)
          + " candidates scored; CPU ms "
          + routing.parts()
          + ")"
          + (routing.similarMayChangeParts().isEmpty()
              ? ""
              : "; related lists: " + routing.similarMayChangeParts())
          + exportNote;
    }

    private String exportNote = "";

    /**
     * Starts writing the state's next commits beside what follows (the site's syncs); {@link
     * #commit} finishes them ({@link RoutingPatch.Patched#prepareCommit}).
     */
    public void prepareCommit() {
      routing.prepareCommit();
    }

    /**
     * Waits for the state's prepared commits; the syncs they put off, for the publish's one sync
     * ({@link RoutingPatch.Patched#prepared}).
     */
    public dev.skillsite.output.FileSystemSync.Deferred prepared() throws IOException {
      return routing.prepared();
    }

    /** Makes the patched state the state: after the site is published. */
    public void commit() throws IOException {
      routing.commit(Map.of(TERM_BYTES, Long.toString(files.termBytes())));
    }

    @Override
    public void close() throws IOException {
      routing.close();
    }
  }

  /**
   * Patches for {@code changes}, given the published site folder {@code site} (its search export is
   * read where it changes), each changed skill's search display by id, and the trigger phrases the
   * changed skills added and dropped (that no other skill holds).
   */
  public static Result patch(
      Path cache,
      Path site,
      String key,
      List<RoutingPatch.Change> changes,
      Map<String, SearchIndexWriter.Display> shown,
      Collection<String> added,
      Collection<String> removed) {
    RoutingPatch.Outcome o = RoutingPatch.patch(cache, key, changes, added, removed, TOP);
    if (o instanceof RoutingPatch.CannotPatch c) {
      return new CannotPatch(c.reason());
    }
    RoutingPatch.Patched p = (RoutingPatch.Patched) o;
    try {
      String bytes = p.notes().get(TERM_BYTES);
      if (bytes == null) {
        p.close();
        return new CannotPatch("the patch state does not know the search export's size");
      }
      if (!p.addedIds().isEmpty() || !p.removedIds().isEmpty()) {
        // the export names skills by dense ord: every ord from the first added or removed skill on
        // shifts, and with it nearly every term chunk's postings and the norms (session 33's
        // survey at 10x: 16,077 of 16,384 term chunks for one add), a whole export's work
        p.close();
        return new CannotPatch(
            "a skill added or removed ("
                + String.join(", ", new java.util.TreeSet<>(p.changedIds()))
                + "): the search export addresses skills by ord, and every ord after it shifts"
                + " (nearly every term chunk): built whole");
      }
      long export0 = threadCpu();
      long exportWall = System.nanoTime();
      ExportPatch export = new ExportPatch();
      Optional<ExportPatch.Files> files = export.patch(site, p, shown, Long.parseLong(bytes));
      p.parts().put("export", (threadCpu() - export0) / 1_000_000); // the search export patched
      p.walls().put("export", (System.nanoTime() - exportWall) / 1_000_000);
      if (files.isEmpty()) {
        p.close();
        return new CannotPatch("the search export's chunk count changes");
      }
      Map<String, List<IndexAnswers.Ranked>> rankings = new LinkedHashMap<>();
      p.rankings().forEach((q, r) -> rankings.put(q, ranked(r)));
      Map<String, List<IndexAnswers.Ranked>> before = new LinkedHashMap<>();
      p.rankingsBefore().forEach((q, r) -> before.put(q, ranked(r)));
      Patched out = new Patched(p, rankings, before, files.get(), site);
      Map<String, Long> c = export.counts();
      out.exportNote =
          "; export: "
              + c.getOrDefault("terms", 0L)
              + " terms, "
              + c.getOrDefault("spliced", 0L)
              + " spliced, "
              + c.getOrDefault("remade", 0L)
              + " remade from "
              + c.getOrDefault("postings", 0L)
              + " postings, "
              + c.getOrDefault("chunks", 0L)
              + " term chunks read, "
              + c.getOrDefault("written", 0L)
              + " files, "
              + c.getOrDefault("bytes", 0L)
              + " chars";
      return out;
    } catch (IOException | RuntimeException e) {
      try {
        p.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      return new CannotPatch("the search export cannot be patched: " + e);
    }
  }

  private static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** A ranking as {@code RouterProbe} gives it to the health check ({@link RouteResult#probed}). */
  private static List<IndexAnswers.Ranked> ranked(RouteResult r) {
    return r.probed().stream().map(h -> new IndexAnswers.Ranked(h.id(), h.score())).toList();
  }
}
