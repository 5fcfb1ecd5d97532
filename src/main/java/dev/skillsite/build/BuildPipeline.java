package dev.skillsite.build;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.discovery.LlmsTxtWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.search.SearchIndexWriter;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteInput;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SiteReport;
import dev.skillsite.site.Summaries;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build as a short sequence of stages: load → triggers → index → relate → render (pages, routing index,
 * discovery index, llms.txt) → swap. The site is written into a staging folder and swapped in only when
 * every stage succeeded.
 */
public final class BuildPipeline {
  /** Where the routing index goes inside the site. */
  public static final String LUCENE_DIR = "search/lucene";

  private static final String[] STAGES = {"load", "triggers", "index", "relate", "render", "swap"};
  private static final int RELATED = 6;

  private final ContentLoader loader = new ContentLoader();
  private final TriggerExtractor extractor = new TriggerExtractor();
  private final SiteGenerator generator;
  private final Progress progress;

  public BuildPipeline(SiteGenerator generator, Progress progress) {
    this.generator = generator;
    this.progress = progress;
  }

  /**
   * Builds the site of {@code options.content()} into {@code options.out()}.
   *
   * @throws OutputLocation.RefusedException for an output folder that must not be used
   * @throws IOException when the content root cannot be read or the site cannot be written; the previous
   *     output is then left as it was
   */
  public BuildResult run(BuildOptions options) throws IOException {
    long start = System.nanoTime();
    OutputLocation location = OutputLocation.check(options.out(), options.content());
    try {
      step(0);
      Catalog catalog = loader.load(options.content());
      if (options.baseUrl().isPresent()) {
        catalog = new Catalog(catalog.config().withBaseUrl(options.baseUrl().get()), catalog.collections(),
            catalog.skills(), catalog.skippedSources(), catalog.diagnostics());
      }
      step(1);
      catalog = withTriggers(catalog);
      step(2);
      try (RoutingIndex index = RoutingIndex.build(catalog.skills())) {
        step(3);
        SiteInput input = new SiteInput(catalog, new RelatedSkillsStage(RELATED).relate(catalog, index),
            Optional.of(options.content()));
        step(4);
        List<Diagnostic> diagnostics = new ArrayList<>(catalog.diagnostics());
        SiteReport report;
        boolean published;
        try (AtomicSiteWriter writer = AtomicSiteWriter.begin(location)) {
          report = generator.generate(input, writer.staging());
          index.writeTo(writer.staging().resolve(LUCENE_DIR));
          new SearchIndexWriter().write(new IndexContents(index), searchDisplay(catalog), writer.staging());
          new DiscoveryIndexWriter().write(catalog, options.content(), writer.staging());
          new LlmsTxtWriter().write(catalog, writer.staging());
          diagnostics.addAll(report.diagnostics());
          step(5);
          boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
          published = options.publishWithErrors() || !failed;
          if (published) {
            writer.commit();
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BuildResult(catalog.skills().size(), report.pages(), diagnostics, seconds, published);
      }
    } finally {
      progress.done();
    }
  }

  /** What the browser search shows per skill, in index order (document i is skill i). */
  private static List<SearchIndexWriter.Display> searchDisplay(Catalog catalog) {
    return catalog.skills().stream()
        .map(s -> new SearchIndexWriter.Display(s.id().value(), s.name(), SiteLayout.skill(s.id()),
            Summaries.clip(s.description(), Summaries.ONE_LINE)))
        .toList();
  }

  private Catalog withTriggers(Catalog catalog) {
    List<Skill> skills = catalog.skills().parallelStream()
        .map(s -> s.withTriggers(extractor.extract(s.description())))
        .toList();
    return catalog.withSkills(skills);
  }

  private void step(int i) {
    progress.stage(STAGES[i], i + 1, STAGES.length);
  }
}
