package dev.skillsite.build;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.content.EditorFiles;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.HealthViews;
import dev.skillsite.site.PublishedAsIs;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteInput;
import dev.skillsite.site.SiteReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A build as a short sequence of stages over one {@link BuildContext} (see {@link Stage}): load →
 * audit (beside) → index → relate → health → render → export → swap. The site is written into a
 * staging folder and swapped in only when every stage succeeded; each stage's time is reported to
 * the {@link Progress}.
 */
public final class BuildPipeline {
  /** Where the routing index goes inside the site. */
  public static final String LUCENE_DIR = IndexStage.DIR;

  /** Related skills per page at most. */
  static final int RELATED = 6;

  /** More changed skills than this at once (a branch switch, a bulk edit) go to a full build. */
  static final int MAX_REFRESHED = 8;

  private final ContentLoader loader = new ContentLoader();
  private final SiteGenerator generator;
  private final Progress progress;
  private final boolean keepLive;

  /** How a build takes the lock of its output folder (one writer per folder). */
  private final OutputLock.Policy writers;

  /**
   * Held while a site is swapped in or updated in place, so that the two never interleave: the lock
   * a watching server holds, which all its pipelines share, else this pipeline's own.
   */
  private final Object publishing;

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
    this.publishing = writers.held().<Object>map(l -> l).orElseGet(Object::new);
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
    try (OutputLock.Hold hold = writers.take(location.out());
        BuildContext build = new BuildContext(options, location, previous, cancelled)) {
      return stages(build, start);
    } finally {
      progress.done();
    }
  }

  private BuildResult stages(BuildContext build, long start) throws IOException {
    StageClock clock = new StageClock(progress, build.cancelled());
    // before the content is read: an edit made while the build reads it is seen by the next one
    Optional<ContentStamps> stamps =
        build.options().cache()
            ? Optional.of(clock.run(Stage.LOAD, () -> ContentStamps.take(build.content())))
            : Optional.empty();
    Catalog loaded = clock.run(Stage.LOAD, () -> new LoadStage(loader).load(build));
    AuditStage.Running audit = new AuditStage().start(build, loaded, clock);
    Catalog catalog = audit.visible(loaded);
    IndexStage.Started started =
        clock.run(Stage.INDEX, () -> new IndexStage().start(build, catalog));
    // the index documents are inverted first, on all cores, alone: the index is done sooner, and
    // the build as a whole is not slower (interleaved A/B); the merge is one thread, so Markdown
    // starts then
    RenderStage render = new RenderStage(generator, keepLive);
    CompletableFuture<SiteGenerator.Documents> documents = render.documents(build, catalog, clock);
    try (IndexStage.Built index = clock.run(Stage.INDEX, started::finish)) {
      Map<SkillId, List<RelatedSkill>> related =
          clock.run(
              Stage.RELATE,
              () ->
                  new RelatedSkillsStage(RELATED).relate(catalog, index.index(), index.answers()));
      HealthViews health =
          clock.run(
              Stage.HEALTH,
              () ->
                  new RoutingHealthStage()
                      .check(catalog, build.content(), index.index(), index.answers()));
      SiteInput input =
          new SiteInput(
              catalog, related, Optional.of(build.content()), Optional.of(health), audit.report());
      List<Diagnostic> diagnostics = new ArrayList<>(catalog.diagnostics());
      try (AtomicSiteWriter writer = AtomicSiteWriter.begin(build.location())) {
        Path staging = writer.staging();
        ExportStage export = new ExportStage();
        ExportStage.Running exporting = export.start(build, catalog, index, staging, clock);
        SiteReport report;
        boolean searchReused;
        try {
          report = clock.run(Stage.RENDER, () -> render.pages(build, input, documents, staging));
          searchReused =
              clock.run(
                  Stage.EXPORT,
                  () -> export.finish(build, catalog, staging, report.kept(), exporting));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        } finally {
          exporting.settle(); // nothing may write into the staging folder once it is deleted
        }
        diagnostics.addAll(report.diagnostics());
        audit.keep(build, staging);
        if (build.options().cache()) { // what the next build needs to patch (PatchBuild)
          boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
          PatchState.write(
              staging,
              PatchState.key(generator.identity(), build.options(), errors),
              catalog,
              audit.report(),
              report.pages(),
              Files.exists(staging.resolve(DiscoveryIndexWriter.PATH))
                  ? staging.resolve(DiscoveryIndexWriter.PATH)
                  : build.location().out().resolve(DiscoveryIndexWriter.PATH));
          // the routing side's state (RoutingWire): the index patched in place, the probed triggers
          RoutingWire.record(
              staging,
              build.location().out(),
              PatchState.key(generator.identity(), build.options(), errors),
              catalog,
              index.index(),
              index.answers(),
              exporting.termBytes());
          RelatedState.write(staging, catalog, related); // the lists a patch makes again
        }
        if (stamps.isPresent()) { // what a plain build compares to find the changed files
          stamps.get().write(staging);
        }
        // static/ last: no generated file is replaced unknowingly
        diagnostics.addAll(
            new PublishedAsIs(build.content())
                .copyInto(staging, Optional.of(build.location().out()), report.kept()));
        Optional<AtomicSiteWriter.Published> how =
            clock.run(
                Stage.SWAP,
                () -> new SwapStage(publishing).swap(build, writer, diagnostics, report));
        boolean published = how.isPresent();
        double seconds = (System.nanoTime() - start) / 1e9;
        SiteGenerator.Documents docs = BuildContext.join(documents);
        return new BuildResult(
            catalog.skills().size(),
            report.pages(),
            diagnostics,
            seconds,
            published,
            published
                ? report.snapshot().map(s -> new LiveSite(build.options(), s))
                : Optional.empty(),
            new BuildResult.Documents(docs.total(), docs.reused()),
            index.reused(),
            index.answersReused(),
            searchReused,
            new BuildResult.Rankings(
                index.answers().carried(),
                index.answers().asked(),
                index.answers().carriedSimilar(),
                index.carry()),
            new BuildResult.Output(
                report.notRendered(),
                how.map(AtomicSiteWriter.Published::inPlace).orElse(false),
                how.map(AtomicSiteWriter.Published::replaced).orElse(0),
                how.map(AtomicSiteWriter.Published::deleted).orElse(0)),
            BuildResult.Patch.NONE);
      }
    }
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
      updated.add(again.get().skill()); // with its triggers, extracted by the loader
      diagnostics.addAll(again.get().diagnostics());
    }
    int pages = 0;
    for (Skill skill : updated) {
      SiteGenerator.Refresh r;
      synchronized (publishing) {
        r = generator.refresh(live.snapshot(), skill, live.options().out());
      }
      diagnostics.addAll(r.diagnostics());
      pages += r.written().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return Optional.of(new BuildResult(touched.size(), pages, diagnostics, seconds, true));
  }
}
