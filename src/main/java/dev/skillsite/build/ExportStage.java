package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.CacheKey;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.discovery.LlmsTxtWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.search.SearchIndexWriter;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SkillSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Export: the index and the catalog → the routing index, the build cache's index key and answers,
 * the browser search export (the last build's when it would be the same bytes) and llms.txt, in the
 * staging folder. They need neither pages nor documents, so they are written on a thread of their
 * own beside the pages (their single thread would otherwise run alone at the end), at paths no page
 * takes. The discovery index comes last: it digests the SKILL.md copies the pages made.
 */
final class ExportStage {
  /** The part of the export written beside the pages; {@code true} once the search was reused. */
  static final class Running {
    private final CompletableFuture<Written> written;

    private Running(CompletableFuture<Written> written) {
      this.written = written;
    }

    /** Whether the search export was the last build's; waits for it. */
    boolean searchReused() {
      return BuildContext.join(written).reused();
    }

    /**
     * The term data size of the search export this build wrote ({@link
     * SearchIndexWriter#termBytes}), what a patch of it needs; empty when the last build's export
     * was used again (its size is the one its patch state recorded). Waits for the export.
     */
    OptionalLong termBytes() {
      return BuildContext.join(written).termBytes();
    }

    /** Waits until nothing writes into the staging folder any more, whatever happened. */
    void settle() {
      written.exceptionally(x -> null).join();
    }
  }

  /** The search export: reused, or written with this term data size. */
  private record Written(boolean reused, OptionalLong termBytes) {}

  /** Starts writing the exports of {@code index} into {@code staging}, on a thread of its own. */
  Running start(
      BuildContext build, Catalog catalog, IndexStage.Built index, Path staging, StageClock clock) {
    return new Running(
        clock.ahead(
            Stage.EXPORT,
            () -> {
              try {
                return write(build.cache(), catalog, index, staging);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            ExportStage::onOwnThread));
  }

  /**
   * The discovery index, once the pages are written ({@code kept}: site paths left in the published
   * folder, not staged); then waits for the rest of the export.
   */
  boolean finish(
      BuildContext build, Catalog catalog, Path staging, Set<String> kept, Running running)
      throws IOException {
    Path published = build.published();
    new DiscoveryIndexWriter()
        .write(
            catalog,
            build.content(),
            staging,
            p -> kept.contains(p) ? published.resolve(p) : staging.resolve(p));
    return running.searchReused();
  }

  private static Written write(
      BuildCache cache, Catalog catalog, IndexStage.Built index, Path staging) throws IOException {
    index.index().writeTo(staging.resolve(IndexStage.DIR));
    cache.keepIndex(staging, index.key(), index.answers());
    cache.keepDocs(staging, index.ids(), index.digests());
    List<SearchIndexWriter.Display> shown = searchDisplay(catalog);
    CacheKey searchKey = BuildCache.searchKey(index.key(), shown);
    boolean same = index.reused() && cache.reuseSearchExport(staging, searchKey);
    OptionalLong termBytes = OptionalLong.empty();
    if (!same) {
      SearchIndexWriter writer = new SearchIndexWriter();
      List<String> files = writer.write(new IndexContents(index.index()), shown, staging);
      termBytes = OptionalLong.of(writer.termBytes());
      cache.keepSearchExport(staging, searchKey, files);
    }
    new LlmsTxtWriter().write(catalog, staging);
    return new Written(same, termBytes);
  }

  /** What the browser search shows per skill, in index order (document i is skill i). */
  private static List<SearchIndexWriter.Display> searchDisplay(Catalog catalog) {
    return catalog.skills().stream().map(s -> display(s, catalog.config().summaries())).toList();
  }

  /**
   * What the browser search shows of {@code s}, given the collection's own summaries ({@code
   * summaries:} by name or id): a patch makes a changed skill's entry with it.
   */
  static SearchIndexWriter.Display display(Skill s, Map<String, String> summaries) {
    return new SearchIndexWriter.Display(
        s.id().value(),
        s.name(),
        SiteLayout.skill(s.id()),
        SkillSummary.of(s, summaries),
        SkillSummary.clauses(s.description()));
  }

  private static void onOwnThread(Runnable task) {
    Thread t = new Thread(task, "skillsite-export");
    t.setDaemon(true);
    t.start();
  }
}
