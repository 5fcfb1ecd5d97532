package dev.skillsite.build;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.content.EditorFiles;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.discovery.LlmsTxtWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.CodeIdentity;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.output.UnchangedFiles;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RouterFactory;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.search.SearchIndexWriter;
import dev.skillsite.site.HealthViews;
import dev.skillsite.site.PublishedAsIs;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteInput;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SiteReport;
import dev.skillsite.site.SkillSummary;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A build as a short sequence of stages: load → triggers → index → relate → health (routing health,
 * on the same index) → render (pages, routing index, discovery index, llms.txt) → swap. The site is
 * written into a staging folder and swapped in only when every stage succeeded.
 */
public final class BuildPipeline {
  /** Where the routing index goes inside the site. */
  public static final String LUCENE_DIR = "search/lucene";

  /**
   * Beside the build cache's documents: what the published routing index was built from (see {@link
   * #run}).
   */
  static final String INDEX_KEY = SiteGenerator.CACHE_FOLDER + "/index.key";

  private static final String[] STAGES = {
    "load", "triggers", "index", "relate", "health", "render", "export", "swap"
  };
  private static final int RELATED = 6;

  /**
   * Where Markdown is rendered beside the related and health stages: a pool of its own, as wide as
   * the machine. Run from a plain thread, its parallel streams shared the common pool (one worker
   * on two cores) with the stages', and the waiting thread spun looking for work to help with (5–9
   * % of the samples).
   */
  private static final ForkJoinPool DOCUMENTS_POOL =
      new ForkJoinPool(Runtime.getRuntime().availableProcessors());

  private final ContentLoader loader = new ContentLoader();
  private final TriggerExtractor extractor = new TriggerExtractor();
  private final SiteGenerator generator;
  private final Progress progress;

  /** Held while a site is swapped in or updated in place, so that the two never interleave. */
  private static final Object PUBLISH = new Object();

  /** More changed skills than this at once (a branch switch, a bulk edit) go to a full build. */
  static final int MAX_REFRESHED = 8;

  private final boolean keepLive;

  /** How a build takes the lock of its output folder (one writer per folder). */
  private final OutputLock.Policy writers;

  public BuildPipeline(SiteGenerator generator, Progress progress) {
    this(generator, progress, false);
  }

  /**
   * @param keepLive whether a published build's result keeps a {@link LiveSite} for {@link
   *     #refresh} (a watching server); it holds every rendered document, so plain builds do not
   */
  public BuildPipeline(SiteGenerator generator, Progress progress, boolean keepLive) {
    this(generator, progress, keepLive, OutputLock.Policy.build());
  }

  private BuildPipeline(
      SiteGenerator generator, Progress progress, boolean keepLive, OutputLock.Policy writers) {
    this.generator = generator;
    this.progress = progress;
    this.keepLive = keepLive;
    this.writers = writers;
  }

  /** This pipeline, taking the lock of its output folder as {@code policy} says. */
  public BuildPipeline locking(OutputLock.Policy policy) {
    return new BuildPipeline(generator, progress, keepLive, policy);
  }

  /**
   * Builds the site of {@code options.content()} into {@code options.out()}.
   *
   * @throws OutputLocation.RefusedException for an output folder that must not be used
   * @throws IOException when the content root cannot be read or the site cannot be written; the
   *     previous output is then left as it was
   */
  public BuildResult run(BuildOptions options) throws IOException {
    return run(options, () -> false);
  }

  /**
   * Like {@link #run(BuildOptions)}, giving up between stages once {@code cancelled} says so (a
   * newer edit makes this build moot): then it throws {@link CancellationException} and leaves the
   * output as it was.
   */
  public BuildResult run(BuildOptions options, BooleanSupplier cancelled) throws IOException {
    return run(options, cancelled, Optional.empty());
  }

  /**
   * Like {@link #run(BuildOptions, BooleanSupplier)}, using again the rendered documents of {@code
   * previous} (the site a watching server published last) where their source and links did not
   * change.
   */
  public BuildResult run(
      BuildOptions options, BooleanSupplier cancelled, Optional<LiveSite> previous)
      throws IOException {
    long start = System.nanoTime();
    OutputLocation location = OutputLocation.check(options.out(), options.content());
    // one writer per output folder: another build's staging folder and swap are never touched
    try (OutputLock.Hold hold = writers.take(location.out())) {
      return runLocked(options, cancelled, previous, start, location);
    }
  }

  private BuildResult runLocked(
      BuildOptions options,
      BooleanSupplier cancelled,
      Optional<LiveSite> previous,
      long start,
      OutputLocation location)
      throws IOException {
    AtomicBoolean abandoned = new AtomicBoolean();
    AtomicBoolean searchReused = new AtomicBoolean();
    CompletableFuture<SiteGenerator.Documents> documents;
    try {
      step(0, cancelled);
      Catalog catalog = loader.load(options.content());
      if (options.baseUrl().isPresent()) {
        catalog =
            new Catalog(
                catalog.config().withBaseUrl(options.baseUrl().get()),
                catalog.collections(),
                catalog.skills(),
                catalog.skippedSources(),
                catalog.diagnostics());
      }
      step(1, cancelled);
      catalog = withTriggers(catalog);
      // the audit (issue 24) runs beside the index and the related stage; a collection that hides
      // skills with
      // danger findings waits for it here, since those skills are left out of everything after
      Catalog loaded = catalog;
      AuditSettings auditSettings = AuditSettings.read(options.content());
      CompletableFuture<Optional<AuditReport>> audit =
          auditSettings.enabled()
              ? CompletableFuture.supplyAsync(
                  () -> audit(loaded, options.content(), auditSettings), DOCUMENTS_POOL)
              : CompletableFuture.completedFuture(Optional.empty());
      if (auditSettings.hideDanger()) {
        Optional<AuditReport> report = join(audit);
        catalog =
            catalog.withSkills(
                catalog.skills().stream()
                    .filter(
                        s ->
                            report
                                .flatMap(r -> r.of(s.id()))
                                .map(a -> a.dangers() == 0)
                                .orElse(true))
                    .toList());
      }
      step(2, cancelled);
      // Markdown rendering needs only the catalog: it runs beside the index merge and the related
      // and health
      // stages, and stops if this build fails or is cancelled before it is used. The index
      // documents are
      // inverted first, on all cores, alone: the index is done sooner, and the build as a whole is
      // not slower
      // (interleaved A/B); the merge is one thread, so Markdown starts then
      Catalog forDocs = catalog;
      Confidence confidence = RouterFactory.confidence(catalog);
      byte[] seed = RoutingIndex.contentSeed(catalog.skills());
      String indexKey =
          CodeIdentity.VALUE
              + "\n"
              + HexFormat.of().formatHex(seed)
              + "\n"
              + confidence.threshold()
              + "\n";
      // the build cache: the last build's index when its skills and this code are the same (same
      // bytes)
      Optional<RoutingIndex> reused =
          options.cache() && indexKey.equals(readKey(location.out()))
              ? RoutingIndex.reuse(location.out().resolve(LUCENE_DIR), catalog.skills())
              : Optional.empty();
      RoutingIndex.Inverted inverted =
          reused.isPresent() ? null : RoutingIndex.invert(catalog.skills(), confidence, seed);
      // and what the last build asked of that same index (its triggers' rankings, similar skills);
      // a new index
      // starts with no answers, and this build's are kept for the next
      Optional<IndexAnswers> heldAnswers =
          reused.isPresent()
              ? IndexAnswers.read(location.out().resolve(IndexAnswers.PATH), indexKey)
              : Optional.empty();
      IndexAnswers answers = heldAnswers.orElseGet(IndexAnswers::new);
      // documents rendered before: a watching server's last build, else the build cache of the
      // output folder
      documents =
          CompletableFuture.supplyAsync(
              () ->
                  generator.render(
                      forDocs,
                      Optional.of(options.content()),
                      () -> abandoned.get() || cancelled.getAsBoolean(),
                      previous
                          .map(p -> p.snapshot().documents().earlier())
                          .or(
                              () ->
                                  options.cache()
                                      ? generator.cached(location.out())
                                      : Optional.empty())),
              DOCUMENTS_POOL);
      try (RoutingIndex index = reused.isPresent() ? reused.get() : inverted.merge()) {
        step(3, cancelled);
        var related = new RelatedSkillsStage(RELATED).relate(catalog, index, answers);
        step(4, cancelled);
        HealthViews health =
            new RoutingHealthStage().check(catalog, options.content(), index, answers);
        SiteInput input =
            new SiteInput(
                catalog, related, Optional.of(options.content()), Optional.of(health), join(audit));
        step(5, cancelled);
        List<Diagnostic> diagnostics = new ArrayList<>(catalog.diagnostics());
        SiteReport report;
        boolean published;
        try (AtomicSiteWriter writer = AtomicSiteWriter.begin(location)) {
          // the routing and search indexes and llms.txt need only the index and the catalog:
          // written beside the
          // pages (their single thread would otherwise run alone at the end), at paths no page
          // takes
          Catalog forExport = catalog;
          CompletableFuture<Void> export =
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      index.writeTo(writer.staging().resolve(LUCENE_DIR));
                      if (options.cache()) {
                        Path key = writer.staging().resolve(INDEX_KEY);
                        Files.createDirectories(key.getParent());
                        Files.writeString(key, indexKey, StandardCharsets.UTF_8);
                        answers.write(writer.staging().resolve(IndexAnswers.PATH), indexKey);
                      }
                      // the browser search export: the last build's when this one's would be the
                      // same bytes
                      List<SearchIndexWriter.Display> shown = searchDisplay(forExport);
                      String searchKey = SearchExportCache.key(indexKey, shown);
                      boolean sameSearch =
                          reused.isPresent()
                              && SearchExportCache.reuse(
                                  location.out(), writer.staging(), searchKey);
                      if (!sameSearch) {
                        List<String> files =
                            new SearchIndexWriter()
                                .write(new IndexContents(index), shown, writer.staging());
                        if (options.cache()) {
                          SearchExportCache.record(writer.staging(), searchKey, files);
                        }
                      }
                      searchReused.set(sameSearch);
                      new LlmsTxtWriter().write(forExport, writer.staging());
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  },
                  BuildPipeline::onOwnThread);
          try {
            report =
                generator.generate(
                    input,
                    join(documents),
                    writer.staging(),
                    keepLive,
                    Optional.of(location.out()),
                    options.cache());
            step(6, cancelled);
            // digests the SKILL.md copies the pages stage made
            new DiscoveryIndexWriter().write(catalog, options.content(), writer.staging());
            join(export);
          } catch (UncheckedIOException e) {
            throw e.getCause();
          } finally {
            export
                .exceptionally(x -> null)
                .join(); // nothing may write into the staging folder once it is deleted
          }
          diagnostics.addAll(report.diagnostics());
          diagnostics.addAll( // static/ last: no generated file is replaced unknowingly
              new PublishedAsIs(options.content())
                  .copyInto(writer.staging(), Optional.of(location.out())));
          step(7, cancelled);
          boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
          published = options.publishWithErrors() || !failed;
          if (published) {
            synchronized (PUBLISH) {
              UnchangedFiles.link(writer.staging(), location.out());
              writer.commit();
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<LiveSite> live =
            published ? report.snapshot().map(s -> new LiveSite(options, s)) : Optional.empty();
        SiteGenerator.Documents docs = join(documents);
        return new BuildResult(
            catalog.skills().size(),
            report.pages(),
            diagnostics,
            seconds,
            published,
            live,
            new BuildResult.Documents(docs.total(), docs.reused()),
            reused.isPresent(),
            heldAnswers.isPresent(),
            searchReused.get());
      }
    } finally {
      abandoned.set(
          true); // a side rendering still running is for a build that is over: let it stop
      progress.done();
    }
  }

  private static Optional<AuditReport> audit(
      Catalog catalog, Path content, AuditSettings settings) {
    try {
      return Optional.of(
          Auditor.standard().audit(catalog, content, Optional.of(settings.baselineFile(content))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index key the build cache of {@code site} holds, or "" without one. */
  private static String readKey(Path site) {
    Path key = site.resolve(INDEX_KEY);
    try {
      return Files.isRegularFile(key, LinkOption.NOFOLLOW_LINKS) && Files.size(key) < 4096
          ? Files.readString(key, StandardCharsets.UTF_8)
          : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** What the browser search shows per skill, in index order (document i is skill i). */
  private static List<SearchIndexWriter.Display> searchDisplay(Catalog catalog) {
    return catalog.skills().stream()
        .map(
            s ->
                new SearchIndexWriter.Display(
                    s.id().value(),
                    s.name(),
                    SiteLayout.skill(s.id()),
                    SkillSummary.of(s, catalog.config().summaries()),
                    SkillSummary.clauses(s.description())))
        .toList();
  }

  private Catalog withTriggers(Catalog catalog) {
    List<Skill> skills = catalog.skills().parallelStream().map(extractor::ensure).toList();
    return catalog.withSkills(skills);
  }

  /**
   * Shows an edit to the files of a few skills of a published site in place, in milliseconds: each
   * changed skill is read again and its pages rendered again against the rest of the site as the
   * last full build left it (see {@link SiteGenerator#refresh}). Empty when the change needs a full
   * build: a file that belongs to no known skill or reference (a new file, templates, collection
   * metadata), an error, a renamed skill, added or removed references. The caller runs a full build
   * afterwards to bring lists, search and other skills' pages up to date. It writes in place: the
   * caller holds the output folder's {@link OutputLock} (as {@code serve --watch} does for as long
   * as it runs).
   *
   * @param changed absolute paths of the changed files
   */
  public Optional<BuildResult> refresh(LiveSite live, Set<Path> changed) throws IOException {
    long start = System.nanoTime();
    Path root = live.options().content().toRealPath();
    Map<String, Skill> owners = new HashMap<>();
    for (Skill s : live.snapshot().catalog().skills()) {
      owners.put(s.source(), s);
      for (Reference ref : s.references()) {
        owners.put(s.contentPath(ref), s);
      }
    }
    Set<Skill> touched = new LinkedHashSet<>();
    for (Path p : changed) {
      Path abs = p.toAbsolutePath().normalize();
      if (abs.getFileName() != null && EditorFiles.isScratch(abs.getFileName().toString())) {
        continue;
      }
      Path real = Files.exists(abs) ? abs.toRealPath() : abs;
      if (!real.startsWith(root)) {
        return Optional.empty();
      }
      Skill owner = owners.get(root.relativize(real).toString().replace('\\', '/'));
      if (owner == null) {
        return Optional.empty();
      }
      touched.add(owner);
    }
    if (touched.isEmpty() || touched.size() > MAX_REFRESHED) {
      return Optional.empty();
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Skill> updated = new ArrayList<>();
    for (Skill old :
        touched) { // read them all first: one that needs a full build leaves the site untouched
      Optional<ContentLoader.Reloaded> again = loader.reload(live.options().content(), old);
      if (again.isEmpty()) {
        return Optional.empty();
      }
      updated.add(extractor.ensure(again.get().skill()));
      diagnostics.addAll(again.get().diagnostics());
    }
    int pages = 0;
    for (Skill skill : updated) {
      SiteGenerator.Refresh r;
      synchronized (PUBLISH) {
        r = generator.refresh(live.snapshot(), skill, live.options().out());
      }
      diagnostics.addAll(r.diagnostics());
      pages += r.written().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return Optional.of(new BuildResult(touched.size(), pages, diagnostics, seconds, true));
  }

  private static void onOwnThread(Runnable task) {
    Thread t = new Thread(task, "skillsite-documents");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The result of a task run beside the stages, or what went wrong, as it would have been thrown
   * here.
   */
  private static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private void step(int i, BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("build cancelled by a newer change");
    }
    progress.stage(STAGES[i], i + 1, STAGES.length);
  }
}
