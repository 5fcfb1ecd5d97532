package dev.skillsite.build;

import dev.skillsite.model.Catalog;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteInput;
import dev.skillsite.site.SiteReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Render, in two halves. Documents: the catalog → every skill's body and references rendered
 * (Markdown to HTML, links, cross-links), the larger part of a build; it needs only the catalog, so
 * it starts as soon as the index's documents are inverted and runs beside the index merge and the
 * relate and health stages, using again the documents of a watching server's last build, else of
 * the build cache. Pages: the site input and those documents → every page and file of the site in
 * the staging folder.
 */
final class RenderStage {
  private final SiteGenerator generator;
  private final boolean keepLive;

  /**
   * @param keepLive whether the report keeps what a watching server needs to refresh one skill
   */
  RenderStage(SiteGenerator generator, boolean keepLive) {
    this.generator = generator;
    this.keepLive = keepLive;
  }

  /** Starts rendering the documents of {@code catalog} beside the next stages. */
  CompletableFuture<SiteGenerator.Documents> documents(
      BuildContext build, Catalog catalog, StageClock clock) {
    return clock.ahead(
        Stage.RENDER,
        () ->
            generator.render(
                catalog,
                Optional.of(build.content()),
                build::stopped,
                build
                    .previous()
                    .map(p -> p.snapshot().documents().earlier())
                    .or(
                        () ->
                            build.cache().enabled()
                                ? generator.cached(
                                    build.published(),
                                    keepLive ? Optional.empty() : Optional.of(build.spill()))
                                : Optional.empty()),
                // a watching server keeps the documents after the build: they stay in memory
                keepLive ? Optional.empty() : Optional.of(build.spill()),
                build.cache().enabled()),
        build.pool());
  }

  /** Writes the pages of {@code input} into {@code staging}. */
  SiteReport pages(
      BuildContext build,
      SiteInput input,
      CompletableFuture<SiteGenerator.Documents> documents,
      Path staging)
      throws IOException {
    return generator.generate(
        input,
        BuildContext.join(documents),
        staging,
        keepLive,
        Optional.of(build.published()),
        build.cache().enabled(),
        !keepLive); // a watching server swaps: its refreshes write into the published folder
  }
}
