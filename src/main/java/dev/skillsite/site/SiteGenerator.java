package dev.skillsite.site;

import dev.skillsite.markdown.HtmlSpill;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.site.view.EmptyPage;
import dev.skillsite.site.view.NotFoundPage;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import dev.skillsite.site.view.SkillPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Writes the static site for a catalog: home, collection, skill and reference pages, skills and
 * triggers A–Z, search, routing health (when the input has it), 404, sitemap, robots, skills.json
 * and assets. Templates compile once, in the constructor; an instance is thread-safe and its output
 * depends only on its input.
 */
public final class SiteGenerator {
  private final PageRenderer pages;
  private final AssetCopier assets;
  private final MarkdownRenderer markdown = new MarkdownRenderer();

  public SiteGenerator(Optional<Path> userTemplates) {
    this.pages = new PageRenderer(userTemplates);
    this.assets = new AssetCopier(userTemplates);
  }

  /**
   * The identity of the pages a generator with {@code userTemplates} writes: the code and the
   * templates' digest (what a patch build's state is keyed by), without compiling the templates.
   */
  public static String identityOf(Optional<Path> userTemplates) {
    return PageStamps.identity(PageRenderer.identityOf(userTemplates));
  }

  /** {@link #identityOf} of this generator's templates. */
  public String identity() {
    return PageStamps.identity(pages.identity());
  }

  /** Writes the whole site into {@code dir}, which must be empty or absent. */
  public SiteReport generate(SiteInput input, Path dir) throws IOException {
    OutputDir.requireEmpty(dir);
    return generate(
        input,
        render(input.catalog(), input.contentRoot(), () -> false, Optional.empty()),
        dir,
        false,
        Optional.empty(),
        false);
  }

  /**
   * Writes the whole site into {@code dir}, with the documents {@link #render} made of the same
   * catalog. {@code dir} is a fresh folder (a build's staging folder): files that another writer
   * puts there at the same time, at paths the site does not write, are left alone. A file that is
   * byte for byte the file at the same path in {@code previous} (the published site this one will
   * replace) is hard-linked to it instead of written, so it keeps its modification time.
   *
   * @param keepSnapshot whether the report keeps a {@link Snapshot} (every rendered document) for
   *     {@link #refresh}: only a watching server wants that memory held
   * @param cache whether the site gets a build cache ({@link #cached}) for the next build
   */
  public SiteReport generate(
      SiteInput input,
      Documents documents,
      Path dir,
      boolean keepSnapshot,
      Optional<Path> previous,
      boolean cache)
      throws IOException {
    return generate(input, documents, dir, keepSnapshot, previous, cache, false);
  }

  /**
   * Like {@link #generate(SiteInput, Documents, Path, boolean, Optional, boolean)}, for a site that
   * will be published by updating {@code previous} in place when {@code inPlace}: a file that is
   * the same as the previous one is then not linked but left out of {@code dir} and listed in the
   * report ({@link SiteReport#kept}). With the build cache, a page whose view and templates are
   * those the last build made the published page of, and which is still as that build wrote it, is
   * not rendered again ({@link PageStamps}).
   */
  public SiteReport generate(
      SiteInput input,
      Documents documents,
      Path dir,
      boolean keepSnapshot,
      Optional<Path> previous,
      boolean cache,
      boolean inPlace)
      throws IOException {
    OutputDir out =
        new OutputDir(
            dir,
            previous,
            inPlace,
            cache ? Optional.of(PageStamps.identity(pages.identity())) : Optional.empty());
    try {
      return write(input, documents, out, keepSnapshot, cache);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Renders every skill's body and references (Markdown to HTML, links, cross-links), the larger
   * part of a site's work. It needs only the catalog, not the routing index or related skills, so a
   * build runs it while those are computed. Gives up with {@link
   * java.util.concurrent.CancellationException} once {@code stop} says so (the build it was for
   * failed or was cancelled), and uses again the documents of {@code previous} (a watching server's
   * last build) whose source and link answers did not change: the same result, faster.
   */
  public Documents render(
      Catalog catalog,
      Optional<Path> contentRoot,
      BooleanSupplier stop,
      Optional<Earlier> previous) {
    return render(catalog, contentRoot, stop, previous, Optional.empty(), false);
  }

  /**
   * Like {@link #render(Catalog, Optional, BooleanSupplier, Optional)}, the rendered markup waiting
   * in {@code spill} (which must stay open until the pages are written) instead of the heap, and,
   * when the site gets a build {@code cache}, each document's record for it.
   */
  public Documents render(
      Catalog catalog,
      Optional<Path> contentRoot,
      BooleanSupplier stop,
      Optional<Earlier> previous,
      Optional<HtmlSpill> spill,
      boolean cache) {
    ContentFiles files = new ContentFiles(contentRoot);
    return new Documents(
        catalog,
        new DocumentPipeline(markdown, MarkdownBudget.DEFAULT, spill, cache)
            .render(catalog.skills(), files, stop, previous.map(p -> p.docs)),
        files);
  }

  /**
   * The documents of the build cache a build left in {@code site} (see {@link DocumentCache}), for
   * {@link #render} to use again; empty when there is none, or none this program can use.
   */
  public Optional<Earlier> cached(Path site) {
    return cached(site, Optional.empty());
  }

  /**
   * Like {@link #cached(Path)}, the documents' markup waiting in {@code spill} instead of the heap.
   */
  public Optional<Earlier> cached(Path site, Optional<HtmlSpill> spill) {
    return DocumentCache.read(site, spill).map(Earlier::new);
  }

  /**
   * Documents an earlier build rendered, for {@link #render} to use again where nothing changed.
   */
  public static final class Earlier {
    private final DocumentPipeline.Reusable docs;

    private Earlier(DocumentPipeline.Reusable docs) {
      this.docs = docs;
    }
  }

  /** Every document of a catalog, rendered ({@link #render}). */
  public static final class Documents {
    private final Catalog catalog;
    private final DocumentPipeline.Result docs;
    private final ContentFiles files;

    private Documents(Catalog catalog, DocumentPipeline.Result docs, ContentFiles files) {
      this.catalog = catalog;
      this.docs = docs;
      this.files = files;
    }

    /** What a later build can use of these documents. */
    public Earlier earlier() {
      return new Earlier(docs.reusable());
    }

    /** How many Markdown documents there are. */
    public long total() {
      return docs.total();
    }

    /** How many of them were used again from an earlier build instead of being rendered. */
    public long reused() {
      return total() - docs.rendered();
    }

    /** What rendering them found (broken links and anchors, missing files), in document order. */
    public List<Diagnostic> diagnostics() {
      return docs.skills().stream().flatMap(r -> r.diagnostics().stream()).toList();
    }
  }

  /**
   * What a generation knows about the site it wrote, enough to render one skill's pages again when
   * only that skill's files changed ({@link #refresh}). Holds every rendered document: keep at most
   * one.
   */
  public static final class Snapshot {
    private final SiteInput input;
    private final Documents documents;

    private Snapshot(SiteInput input, Documents documents) {
      this.input = input;
      this.documents = documents;
    }

    /** The catalog the site was built from. */
    public Catalog catalog() {
      return input.catalog();
    }

    /** Its rendered documents, for the next full build to use again where nothing changed. */
    public Documents documents() {
      return documents;
    }
  }

  /** The pages written by {@link #refresh} (site paths) and what rendering them found. */
  public record Refresh(List<String> written, List<Diagnostic> diagnostics) {}

  /**
   * Renders the pages of {@code updated} (a new version of a skill of the snapshot, with the same
   * id, name and references) again, with the rest of the site as the snapshot has it, and replaces
   * them in the published site {@code live}, each file atomically. Nothing else is touched: lists,
   * the search index, other skills' "related" and "mentioned by" sections wait for the next full
   * build.
   */
  public Refresh refresh(Snapshot snapshot, Skill updated, Path live) throws IOException {
    List<Skill> skills =
        snapshot.input.catalog().skills().stream()
            .map(s -> s.id().equals(updated.id()) ? updated : s)
            .toList();
    DocumentPipeline.Again again =
        new DocumentPipeline(markdown)
            .renderAgain(updated, skills, snapshot.documents.docs, snapshot.documents.files);
    if (!Files.isDirectory(live)) {
      throw new NoSuchFileException(live.toString(), null, "no published site to refresh");
    }
    LiveDir out = new LiveDir(live);
    List<String> written = new ArrayList<>();
    try {
      InstallCommand install = new InstallCommand(snapshot.input.catalog().config());
      PageViews views = new PageViews(snapshot.input.catalog().config(), install);
      SkillPages skillPages =
          new SkillPages(snapshot.input, install, new Backlinks(snapshot.documents.docs.skills()));
      SiteView site = views.site(snapshot.input.health().isPresent());
      written.add(
          writeSkill(
              again.skill(),
              snapshot.documents.files,
              out,
              site,
              views,
              skillPages,
              Optional.empty()));
      for (RenderedSkill.RenderedReference ref : again.skill().references()) {
        written.add(writeReference(again.skill(), ref, out, site, views, skillPages));
      }
      String files = SiteLayout.file(updated.id(), "");
      again
          .links()
          .copies()
          .forEach(
              (path, source) -> {
                if (path.startsWith(files)) {
                  out.copy(path, source);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Refresh(
        written, again.skill().diagnostics().stream().sorted(Diagnostic.ORDER).toList());
  }

  private SiteReport write(
      SiteInput input, Documents documents, OutputDir out, boolean keepSnapshot, boolean cache) {
    Catalog catalog = input.catalog();
    if (documents.catalog != catalog) {
      throw new IllegalArgumentException("documents rendered from another catalog");
    }
    ContentFiles files = documents.files;
    DocumentPipeline.Result docs = documents.docs;
    InstallCommand install = new InstallCommand(catalog.config());
    PageViews views = new PageViews(catalog.config(), install);
    SiteView site = views.site(input.health().isPresent());
    SkillPages skillPages = new SkillPages(input, install, new Backlinks(docs.skills()));
    AuditViews auditViews = new AuditViews(input.audit());
    ListPages lists = new ListPages(catalog, auditViews);
    ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    // what a patch needs to render the lists showing a changed card again (ListPatch)
    ListState.Recorder listState = new ListState.Recorder(cache);
    // what a patch needs to render the health pages again (HealthState)
    HealthState.Recorder healthState = new HealthState.Recorder(cache);

    // a failed write (a full disk) stops the others before they start, and is thrown only once
    // every write
    // in flight is over: the caller then deletes the staging folder, which no thread may be writing
    // into
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    // one task per page, not per skill: a skill with hundreds of references would otherwise be
    // written by one
    // thread at the end while the other cores idle
    List<Runnable> tasks = new ArrayList<>();
    if (cache) {
      tasks.add(
          () -> out.stream(DocumentCache.PATH, os -> DocumentCache.encode(docs.reusable(), os)));
    }
    // what a patch build needs to render one skill's pages again (SkillPagesPatch)
    SortedMap<String, Path> copies = docs.links().copies();
    Optional<SkillPagesPatch.Recorder> recorder =
        Optional.of(
                new SkillPagesPatch.Recorder(
                    copies,
                    docs.links().inbound(),
                    docs.facts(),
                    catalog.config().summaries(),
                    MarkdownBudget.DEFAULT))
            .filter(r -> cache && r.usable(docs.skills().size()));
    for (int i = 0; i < docs.skills().size(); i++) {
      RenderedSkill r = docs.skills().get(i);
      int at = i;
      tasks.add(
          () ->
              written.add(
                  writeSkill(
                      r,
                      files,
                      out,
                      site,
                      views,
                      skillPages,
                      recorder.map(k -> v -> k.skill(at, r, v)))));
      for (RenderedSkill.RenderedReference ref : r.references()) {
        tasks.add(() -> written.add(writeReference(r, ref, out, site, views, skillPages)));
      }
    }
    tasks.parallelStream()
        .forEach(
            task -> {
              if (failed.get() == null) {
                try {
                  task.run();
                } catch (RuntimeException e) {
                  failed.compareAndSet(null, e);
                }
              }
            });
    if (failed.get() != null) {
      throw failed.get();
    }
    String title = catalog.config().title();
    String description =
        catalog.config().description().orElse(title + ": agent skills, their triggers and docs.");
    // the lists are split into pages (Paging): page 1 keeps the list's URL
    for (var p :
        lists.index(RelationGraph.of(catalog.skills(), input::related, SiteLayout.INDEX))) {
      String head = p.pager().number() == 1 ? title : "Skills";
      listState.page(
          PageKind.INDEX,
          p.path(),
          paged(out, written, PageKind.INDEX, p, head, description, site, views),
          p.view());
    }
    for (Collection c : catalog.collections()) {
      for (var p : lists.collection(c)) {
        String about = c.description().orElse(c.name());
        listState.page(
            PageKind.COLLECTION,
            p.path(),
            paged(out, written, PageKind.COLLECTION, p, c.name(), about, site, views),
            p.view());
      }
    }
    for (var p : lists.collections()) {
      paged(
          out,
          written,
          PageKind.COLLECTIONS,
          p,
          "Collections",
          "Every collection A–Z.",
          site,
          views);
    }
    for (var p : lists.skills()) {
      listState.page(
          PageKind.SKILLS,
          p.path(),
          paged(out, written, PageKind.SKILLS, p, "All skills", "Every skill A–Z.", site, views),
          p.view());
    }
    String aboutTriggers = "Every trigger phrase and keyword A–Z, and the skill it belongs to.";
    for (var p : lists.triggers()) {
      listState.triggerPage(
          p.path(),
          paged(
              out,
              written,
              PageKind.TRIGGERS,
              p,
              ListPages.TRIGGERS_TITLE,
              aboutTriggers,
              site,
              views),
          p.view());
    }
    page(
        out,
        written,
        PageKind.SEARCH,
        SiteLayout.SEARCH,
        "Search",
        "Search the skills.",
        site,
        views,
        new EmptyPage());
    // the health report is split like the lists (HealthPages): page 1 keeps health/index.html
    String aboutHealth =
        "Which skills compete for the same requests, which are unreachable, and description findings.";
    input
        .health()
        .ifPresent(
            h -> {
              for (var p :
                  HealthPages.of(
                      h.page(id -> Urls.relative(SiteLayout.HEALTH, SiteLayout.skill(id))))) {
                healthState.page(
                    p.path(),
                    paged(
                        out,
                        written,
                        PageKind.HEALTH,
                        p,
                        HealthPages.TITLE,
                        aboutHealth,
                        site,
                        views),
                    p.view());
              }
            });
    // the audit is split like the lists: page 1 keeps audit/index.html
    String aboutAudit =
        "What each skill would make an agent do: findings by rule and severity, worst skills first.";
    for (var p :
        auditViews.pages(
            catalog.skills().stream()
                .map(Skill::id)
                .collect(java.util.stream.Collectors.toSet()))) {
      paged(out, written, PageKind.AUDIT, p, "Audit", aboutAudit, site, views);
    }
    out.write(
        SiteLayout.NOT_FOUND,
        pages.render(
            PageKind.NOT_FOUND, site, views.notFound(), NotFoundPage.of(assets.file("site.css"))));

    copies.forEach(out::copy);
    recorder.ifPresent(
        k ->
            k.write(
                out,
                site,
                catalog.config().title(),
                views.base(),
                catalog.skills().size(),
                docs.all(),
                docs.mentions(),
                install,
                catalog.config()));
    assets.copy(out);
    CatalogJsonWriter json = new CatalogJsonWriter();
    // catalog.js, skills.json and audit.json are split into pages past a size (CatalogJsonWriter)
    CatalogJsonWriter.Split split = json.split(catalog, input);
    json.catalogJsFiles(split).forEach(out::write);
    for (var e : json.skillsJsonFiles(split).entrySet()) {
      out.write(e.getKey(), e.getValue());
    }
    input.audit().ifPresent(a -> json.auditJsonFiles(a).forEach(out::write));
    SitemapWriter sitemap = new SitemapWriter(catalog.config().baseUrl());
    for (var e : sitemap.sitemaps(new ArrayList<>(written)).entrySet()) {
      out.write(e.getKey(), e.getValue());
    }
    out.write(SiteLayout.ROBOTS, sitemap.robots());
    listState.write(out, catalog, input, site, split.parts());
    healthState.write(out, site);

    out.stamps().ifPresent(stamps -> out.stream(PageStamps.PATH, stamps::write));

    List<Diagnostic> diagnostics =
        docs.skills().stream().flatMap(r -> r.diagnostics().stream()).toList();
    return new SiteReport(
        written.size() + 1,
        diagnostics,
        keepSnapshot ? Optional.of(new Snapshot(input, documents)) : Optional.empty(),
        out.kept(),
        out.notRendered());
  }

  /** Writes a skill's page and the copy of its SKILL.md; returns the page's path. */
  private String writeSkill(
      RenderedSkill r,
      ContentFiles files,
      SiteFiles out,
      SiteView site,
      PageViews views,
      SkillPages skillPages,
      Optional<java.util.function.Consumer<SkillPage>> record) {
    Skill s = r.skill();
    String path = SiteLayout.skill(s.id());
    Optional<Path> raw = files.source(s.source(), s.dir());
    raw.ifPresent(p -> out.copy(SiteLayout.rawSkill(s.id()), p));
    boolean archive = new SkillArchives(files.root()).write(s, out);
    SkillPage view = skillPages.skill(r, raw.isPresent(), archive);
    record.ifPresent(k -> k.accept(view));
    render(
        out,
        path,
        PageKind.SKILL,
        site,
        views.page(path, s.name(), view.summary(), PageKind.SKILL, true),
        view);
    return path;
  }

  /** Writes the page of one of a skill's references; returns its path. */
  private String writeReference(
      RenderedSkill r,
      RenderedSkill.RenderedReference ref,
      SiteFiles out,
      SiteView site,
      PageViews views,
      SkillPages skillPages) {
    Skill s = r.skill();
    String refPath = SiteLayout.reference(s.id(), ref.reference().path());
    render(
        out,
        refPath,
        PageKind.REFERENCE,
        site,
        views.page(
            refPath,
            ref.reference().title() + " · " + s.name(),
            s.description(),
            PageKind.REFERENCE,
            true),
        skillPages.reference(r, ref));
    return refPath;
  }

  /**
   * Writes a page, keyed by the digest of its views ({@link ViewDigest}): an unchanged page of the
   * last build is kept without rendering it again (see {@link OutputDir#keyed}).
   */
  private void render(
      SiteFiles out, String path, PageKind kind, SiteView site, PageView page, Object view) {
    out.keyed(
        path,
        ViewDigest.of(kind, site, page, view),
        () -> pages.render(kind, site, page, view).getBytes(StandardCharsets.UTF_8));
  }

  private PageView paged(
      OutputDir out,
      ConcurrentLinkedQueue<String> written,
      PageKind kind,
      ListPages.Paged<?> p,
      String title,
      String description,
      SiteView site,
      PageViews views) {
    PageView view =
        views
            .page(p.path(), title + p.titleSuffix(), description, kind, false)
            .withPager(p.pager());
    render(out, p.path(), kind, site, view, p.view());
    written.add(p.path());
    return view;
  }

  private void page(
      OutputDir out,
      ConcurrentLinkedQueue<String> written,
      PageKind kind,
      String path,
      String title,
      String description,
      SiteView site,
      PageViews views,
      Object view) {
    render(out, path, kind, site, views.page(path, title, description, kind, false), view);
    written.add(path);
  }
}
