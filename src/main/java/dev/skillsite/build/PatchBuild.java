package dev.skillsite.build;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.audit.Baseline;
import dev.skillsite.check.DescriptionFacts;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.content.EditorFiles;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.routing.PatchCaps;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.HealthState;
import dev.skillsite.site.LineShift;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SkillFilesPatch;
import dev.skillsite.site.SkillPagesPatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code build --changed PATH…}: a rebuild in O(change). Told which files changed (by a watcher or
 * {@code git diff --name-only}: nothing is walked), it opens the patch state the last build left
 * ({@link PatchState}: random access, never read whole), reads only the changed skills again,
 * decides from recorded digests which site files can change, stages those alone and publishes them
 * in place through the journal ({@link AtomicSiteWriter#patch}). Whatever it cannot prove confined
 * — a path outside every known skill, a new or deleted file, changed Markdown, a changed routing
 * document (until the routing side is wired in: {@link RoutingSeam}), changed audit findings, other
 * code, templates, settings or options — makes it fall back to the whole build ({@link
 * BuildPipeline}), which writes the state again; the reason is in the result ({@link
 * BuildResult.Patch}) and in {@code --timings}. Either way the site is what {@code build
 * --no-cache} writes.
 *
 * <p>Patched today: edits in place of a skill's files that are not Markdown (scripts, assets, data)
 * whose audit findings stay the same — the skill's archive, the published copies of the files, the
 * archive's digest in the discovery index. The result's diagnostics are the changed skills' (the
 * others' were printed by the build that made the site); with {@code --strict} it builds whole.
 */
public final class PatchBuild {
  /** More changed skills than this at once go to the whole build. */
  static final int MAX_SKILLS = BuildPipeline.MAX_REFRESHED;

  private final Supplier<BuildPipeline> fallback;
  private final Optional<Path> templates;
  private final OutputLock.Policy writers;
  private final RoutingSeam routing;
  private final ContentLoader loader = new ContentLoader();
  private int killAfter = -1;
  private boolean strict;
  private Consumer<String> fallingBack = why -> {};
  private Consumer<String> counts = line -> {};
  private boolean foldsInIdle;

  /**
   * @param fallback the whole build, made only when it runs (its templates compile then)
   * @param templates the user's templates folder: the state's key depends on it
   */
  public PatchBuild(
      Supplier<BuildPipeline> fallback, Optional<Path> templates, OutputLock.Policy writers) {
    this(fallback, templates, writers, new RoutingWire(templates));
  }

  PatchBuild(
      Supplier<BuildPipeline> fallback,
      Optional<Path> templates,
      OutputLock.Policy writers,
      RoutingSeam routing) {
    this.fallback = fallback;
    this.templates = templates;
    this.writers = writers;
    this.routing = routing;
  }

  /**
   * Whether warnings count as errors ({@code --strict}): then every skill's warnings decide the
   * exit code, and a patch, which reads the changed skills only, does not know them: it builds
   * whole.
   */
  public PatchBuild strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  /**
   * Tells {@code fallingBack} why a patch that was tried is not taken, before the whole build
   * starts (a whole build of a large collection takes minutes: {@code --timings} says why at once).
   */
  public PatchBuild announcing(Consumer<String> fallingBack) {
    this.fallingBack = fallingBack;
    return this;
  }

  /**
   * Tells {@code counts} what the route step is about to do (its rankings priced, the related lists
   * that may change) before it does it: {@code --timings} prints it at once.
   */
  public PatchBuild tellingCounts(Consumer<String> counts) {
    this.counts = counts;
    return this;
  }

  /**
   * A resident builder's patches ({@code build --watch}, {@code serve --watch}): {@link #patchOnly}
   * leaves the health delta's fold to idle time ({@link #foldIdle}) unless its chain is past a hard
   * bound. Off with {@code -Dskillsite.idlefold=false}: each patch folds as {@code build
   * --changed}.
   */
  public PatchBuild foldingInIdle() {
    this.foldsInIdle = true;
    return this;
  }

  /**
   * Idle work of a resident builder after a patch was published and no save is pending: folds the
   * health delta's chain of {@code options}' site when the next patch would fold it ({@link
   * HealthState#stageIdleFold}), published as a patch's files are (one journal: a crash leaves the
   * chain or the folded table). {@code cancelled} (a save arrived) is asked while the records are
   * read; cancelled, nothing is published. Returns what it did for {@code --timings}; empty when no
   * fold was due, it was cancelled or {@code -Dskillsite.idlefold=false}.
   */
  public Optional<String> foldIdle(
      BuildOptions options, java.util.function.BooleanSupplier cancelled) throws IOException {
    if (!options.cache() || "false".equals(System.getProperty("skillsite.idlefold"))) {
      return Optional.empty();
    }
    long wall = System.nanoTime();
    ThreadCpu threads = ThreadCpu.take();
    OutputLocation location = OutputLocation.check(options.out(), options.content());
    Path out = location.out();
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS) || cancelled.getAsBoolean()) {
      return Optional.empty();
    }
    try (OutputLock.Hold hold = writers.take(out);
        AtomicSiteWriter writer = AtomicSiteWriter.begin(location)) {
      Optional<List<String>> staged = HealthState.stageIdleFold(out, writer.staging(), cancelled);
      if (staged.isEmpty() || cancelled.getAsBoolean()) {
        return Optional.empty();
      }
      long bytes = 0;
      for (String f : staged.get()) {
        bytes += Files.size(writer.staging().resolve(f));
      }
      writer.patch(staged.get(), killAfter);
      return Optional.of(
          String.format(
              Locale.ROOT,
              "health delta folded in idle time: %d KB written, wall %.1f ms; %s",
              bytes >> 10,
              (System.nanoTime() - wall) / 1e6,
              ThreadCpu.take().note(threads)));
    }
  }

  /** Stops the next patch's publishing after {@code steps} steps, as if killed (tests). */
  PatchBuild killingAfter(int steps) {
    this.killAfter = steps;
    return this;
  }

  /**
   * Builds {@code options}' site: a patch when {@code changed} (absolute or working-folder relative
   * paths of changed files) is given and the patch can be proved confined, else the whole build.
   */
  public BuildResult run(BuildOptions options, Optional<List<Path>> changed) throws IOException {
    long start = System.nanoTime();
    String reason;
    if (!options.cache()) {
      reason = "--no-cache";
    } else if (strict && changed.isPresent()) {
      reason = "--strict counts every skill's warnings; a patch reads only the changed skills";
    } else if (changed.isEmpty()) {
      reason = "no --changed paths given (every skill folder would have to be compared)";
    } else {
      Attempt a = attempt(options, changed.get(), start);
      if (a.result().isPresent()) {
        return a.result().get();
      }
      reason = a.why();
      fallingBack.accept(reason);
    }
    return fallback.get().run(options).withPatch(new BuildResult.Patch(false, reason, 0, 0, ""));
  }

  /**
   * The patch alone, for a caller with a whole build of its own ({@code serve --watch}:
   * cancellable, using the live site's documents again): the patched build, or empty with the
   * reason given to {@code refused}.
   */
  public Optional<BuildResult> patchOnly(
      BuildOptions options, List<Path> changed, Consumer<String> refused) throws IOException {
    String reason;
    if (!options.cache()) {
      reason = "--no-cache";
    } else if (strict) {
      reason = "--strict counts every skill's warnings; a patch reads only the changed skills";
    } else {
      Attempt a;
      try (HealthState.FoldLater later =
          foldsInIdle ? HealthState.foldingLater() : () -> {}) { // foldIdle folds
        a = attempt(options, changed, System.nanoTime());
      }
      if (a.result().isPresent()) {
        return a.result();
      }
      reason = a.why();
    }
    refused.accept(reason);
    return Optional.empty();
  }

  private record Attempt(Optional<BuildResult> result, String why) {
    static Attempt no(String why) {
      return new Attempt(Optional.empty(), why);
    }
  }

  /**
   * The times of a patch's steps, wall and this thread's CPU, each with the parts {@link #part}
   * named in it; first the JVM's start (its uptime and the process's CPU when the patch began).
   */
  private static final class Steps {
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder parts = new StringBuilder();
    private long wall = System.nanoTime();
    private long used = cpu.getCurrentThreadCpuTime();
    private long partWall = wall;
    private long partUsed = used;
    private final ThreadCpu threads = ThreadCpu.take();

    Steps() {
      text.append(
          String.format(
              Locale.ROOT,
              "start %.1f ms (process CPU %.1f)",
              (double) ManagementFactory.getRuntimeMXBean().getUptime(),
              processCpu() / 1e6));
    }

    /** The process's CPU so far, from the operating system's process table (no MXBean loaded). */
    private static long processCpu() {
      return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    /** Ends a part of the current step, shown in brackets after it. */
    void part(String name) {
      long w = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      parts
          .append(parts.length() == 0 ? " [" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%s %.1f (CPU %.1f)",
                  name,
                  (w - partWall) / 1e6,
                  (c - partUsed) / 1e6));
      partWall = w;
      partUsed = c;
    }

    /** A note among the parts of the current step (no time of its own). */
    void note(String text) {
      parts.append(parts.length() == 0 ? " [" : ", ").append(text);
    }

    void done(String step) {
      long w = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      text.append(", ")
          .append(
              String.format(
                  Locale.ROOT, "%s %.1f ms (CPU %.1f)", step, (w - wall) / 1e6, (c - used) / 1e6));
      if (parts.length() > 0) {
        text.append(parts).append(']');
        parts.setLength(0);
      }
      wall = w;
      used = c;
      partWall = w;
      partUsed = c;
    }

    /**
     * Ends the steps with where the process's CPU went since they began, by thread ({@link
     * ThreadCpu#note}): this thread's (the steps'), the compiler's, the collector's, the helpers'.
     */
    void threads() {
      text.append(", threads [").append(ThreadCpu.take().note(threads)).append(']');
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * {@code abs} without links, or (gone) the real path of its nearest folder that is there and the
   * names below it (a file deleted with its folder).
   */
  private static Path real(Path abs) throws IOException {
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      return abs.toRealPath();
    }
    Path there = abs.getParent();
    while (there != null && !Files.isDirectory(there)) {
      there = there.getParent();
    }
    return there == null ? abs : there.toRealPath().resolve(there.relativize(abs));
  }

  /**
   * Whether a patch since the stamps may have made the site from {@code rel}, a path of {@code
   * owner}'s folder the stamps do not record: a patch adds only a reference or a file of the
   * skill's archive (a first file beside a SKILL.md alone makes the archive, which lists it; a
   * hidden file or a link is built whole, which takes the stamps again), and the patched stamps,
   * which record both, may be full or missing.
   */
  private static boolean patchedIn(Path out, Optional<PatchState.SkillRecord> owner, String rel)
      throws IOException {
    if (owner.isEmpty()) {
      return false; // a path in no skill is never patched in
    }
    String dir = owner.get().dir();
    return owner.get().references().contains(rel)
        || SkillFilesPatch.archived(
            out, owner.get().id(), dir.isEmpty() ? rel : rel.substring(dir.length() + 1));
  }

  /**
   * The content paths of {@code changed} that are gone and that the site in {@code out} was never
   * made from ({@link ContentStamps#recorded}): a temp file an editor or tool wrote and renamed
   * over the file it saves ({@code sed -i}'s {@code sedXXXXXX}, {@code mktemp}'s names), which a
   * watcher saw come and go. Whatever its name; none when the stamps cannot tell.
   */
  private static Set<String> neverRead(Path out, Path root, List<Path> changed) throws IOException {
    Set<String> gone = new TreeSet<>();
    for (Path p : changed) {
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
        Path real = real(abs);
        if (real.startsWith(root) && !real.equals(root)) {
          gone.add(root.relativize(real).toString().replace('\\', '/'));
        }
      }
    }
    if (gone.isEmpty()) {
      return gone;
    }
    Optional<Set<String>> recorded = ContentStamps.recorded(out, root, gone);
    if (recorded.isEmpty()) {
      return Set.of();
    }
    gone.removeAll(recorded.get());
    return gone;
  }

  private Attempt attempt(BuildOptions options, List<Path> changed, long start) throws IOException {
    Steps steps = new Steps();
    OutputLocation location = OutputLocation.check(options.out(), options.content());
    Path out = location.out();
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      return Attempt.no("no published site");
    }
    try (OutputLock.Hold hold = writers.take(out);
        AtomicSiteWriter writer = AtomicSiteWriter.begin(location); // finishes a killed update
        RoutingSeam.Held held = new RoutingSeam.Held();
        Befores befores = new Befores(loader)) {
      steps.part("lock");
      String key = PatchState.key(SiteGenerator.identityOf(templates), options);
      steps.part("key");
      PatchState.Opened opened = PatchState.open(out, key);
      steps.part("state");
      if (opened.state().isEmpty()) {
        return Attempt.no(opened.why());
      }
      try (PatchState state = opened.state().get()) {
        Optional<PatchOverlay> read = PatchOverlay.read(out);
        if (read.isEmpty()) {
          return Attempt.no("the record of earlier patches is missing, damaged or too large");
        }
        Optional<String> healthDamaged = HealthState.damaged(out);
        if (healthDamaged.isPresent()) {
          return Attempt.no(healthDamaged.get());
        }
        PatchOverlay overlay = read.get();
        steps.done("open");
        Path root = options.content().toRealPath();
        Map<PatchState.SkillRecord, List<String>> owners = new LinkedHashMap<>();
        ReferenceFiles referenceFiles = new ReferenceFiles();
        Set<PatchState.SkillRecord> markdown = new HashSet<>();
        Set<PatchState.SkillRecord> skillMd = new HashSet<>();
        Set<String> neverRead = neverRead(out, root, changed);
        for (Path p : changed) {
          Path abs = p.toAbsolutePath().normalize();
          if (abs.getFileName() != null && EditorFiles.isScratch(abs.getFileName().toString())) {
            continue;
          }
          Path parent = abs.getParent();
          Path real = real(abs);
          if (!real.startsWith(root)) {
            continue; // the site is made of the content folder, templates and options (the key)
          }
          String rel = root.relativize(real).toString().replace('\\', '/');
          String lower = rel.toLowerCase(Locale.ROOT);
          Optional<PatchState.SkillRecord> owner = Optional.empty();
          for (String dir = ContentPaths.parent(rel); owner.isEmpty(); ) {
            owner = state.skillIn(dir).map(o -> withReferences(o, overlay));
            if (owner.isPresent() || dir.isEmpty()) {
              break;
            }
            dir = ContentPaths.parent(dir);
          }
          if (neverRead.contains(rel) && !patchedIn(out, owner, rel)) {
            continue; // gone, and the site was never made from it: no change
          }
          boolean regular = Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
          boolean reference =
              lower.endsWith(".md") && owner.isPresent() && owner.get().references().contains(rel);
          if (!regular
              && (Files.exists(real, LinkOption.NOFOLLOW_LINKS)
                  || !reference
                      && (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS))
                  || lower.endsWith(".markdown")
                  || lower.endsWith(".md") && !reference)) {
            // a file deleted from a skill's folder that is there is the files side's
            // (SkillFilesPatch: the archive), a deleted reference the last build read
            // (ReferenceFiles), its folder gone with it or not (what else the folder held is
            // told, or the loader misses a reference, the archive's list a file told of); a
            // folder, a link, a deleted folder or any other Markdown file (a SKILL.md) is not
            // patched
            return Attempt.no(
                rel + " is not a regular file (a deleted Markdown file, a folder or a link)");
          }
          if (owner.isEmpty()) {
            Optional<String> added = AddedSkill.folderOf(root, real);
            return Attempt.no(
                added.isPresent()
                    ? AddedSkill.refusal(rel, added.get())
                    : rel + " belongs to no skill of the last build");
          }
          if (ReferenceFiles.markdown(rel)) {
            Optional<String> no = referenceFiles.note(owner.get(), rel, regular);
            if (no.isPresent()) {
              return Attempt.no(no.get());
            }
          }
          if (real.getFileName().toString().equals("SKILL.md")
              && !rel.equals(owner.get().source())) {
            return Attempt.no(rel + " is a new skill");
          }
          if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            markdown.add(owner.get());
          }
          if (rel.equals(owner.get().source())) {
            skillMd.add(owner.get());
          }
          owners.computeIfAbsent(owner.get(), k -> new ArrayList<>()).add(rel);
        }
        if (owners.size() > MAX_SKILLS) {
          return Attempt.no(owners.size() + " skills changed, more than " + MAX_SKILLS);
        }
        if (!referenceFiles.isEmpty()) {
          Optional<SkillPagesPatch.State> links = SkillPagesPatch.State.open(out);
          if (links.isEmpty()) {
            return Attempt.no("the last build left no pages record (a reference added or deleted)");
          }
          try (SkillPagesPatch.State l = links.get()) {
            Optional<String> files = referenceFiles.refusal(l::unlinked);
            if (files.isPresent()) {
              return Attempt.no(files.get());
            }
          }
        }
        steps.done("find");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<RoutingSeam.Change> changes = new ArrayList<>();
        List<Skill> skills = new ArrayList<>();
        // a changed SKILL.md's published copy, read once (the routing seam takes it from the
        // change): the reader's warnings show in its page's health section, which a patch takes
        // as recorded, so a change of them is refused; the frontmatter extras a patch follows
        // (SkillPagesPatch.EXTRAS) and the body's first line are compared with it
        Map<SkillId, LineShift> bodyLines = new HashMap<>();
        Map<SkillId, List<Diagnostic>> readerWarnings = new HashMap<>();
        Map<SkillId, List<Diagnostic>> warningsBefore = new HashMap<>();
        Set<SkillId> listed = new HashSet<>(); // extras shown in skills.json or the triggers
        Set<SkillId> served = new HashSet<>(); // whose download changes kind
        for (Map.Entry<PatchState.SkillRecord, List<String>> e : owners.entrySet()) {
          PatchState.SkillRecord r = e.getKey();
          Optional<ContentLoader.Reloaded> again =
              loader.read(
                  root,
                  r.id(),
                  r.source(),
                  r.collectionId(),
                  referenceFiles.now(r),
                  r.declaredRelated());
          if (again.isEmpty()) {
            return Attempt.no(r.id() + " has an error or a missing file now");
          }
          Skill now = again.get().skill();
          for (Diagnostic d : again.get().diagnostics()) {
            if (referenceFiles.added(r).contains(d.pos().path())) {
              // a reference skipped or warned about is the loader's finding (its health rows)
              return Attempt.no(
                  r.id() + "'s reference " + d.pos().path() + " added has a warning: " + d.code());
            }
          }
          diagnostics.addAll(again.get().diagnostics());
          skills.add(now);
          // only a file beside its SKILL.md told changed can change its folder's list
          boolean beside = e.getValue().stream().anyMatch(p -> !p.equals(r.source()));
          boolean archived =
              beside
                  && Files.isRegularFile(
                      out.resolve(SkillFilesPatch.archivePath(r.id())), LinkOption.NOFOLLOW_LINKS);
          if (beside && SkillFilesPatch.archives(root, now) != archived) {
            // a first file beside its SKILL.md, or its last one deleted: its page's download and
            // install view change (SkillPagesPatch.State#served), so its pages are made again
            overlay.served(r.id(), !archived);
            served.add(r.id());
            markdown.add(r);
          }
          Optional<RoutingSeam.Published> published = Optional.empty();
          if (skillMd.contains(r)) {
            Befores.Read b = befores.read(out, now);
            if (b.published().isEmpty()) {
              return Attempt.no(b.why());
            }
            published = b.published();
            ContentLoader.Reloaded was = published.get().read();
            // changed warnings are replaced in its page's health section (SkillPagesPatch)
            List<Diagnostic> wasOwn = own(was.diagnostics(), now.source());
            List<Diagnostic> nowOwn = own(again.get().diagnostics(), now.source());
            if (was.skill().bodyLine() != now.bodyLine()) { // the lines of its findings moved
              Skill old = was.skill();
              String before =
                  new String(
                      Files.readAllBytes(published.get().root().resolve(now.source())),
                      java.nio.charset.StandardCharsets.UTF_8);
              String after =
                  new String(
                      Files.readAllBytes(root.resolve(now.source())),
                      java.nio.charset.StandardCharsets.UTF_8);
              boolean settled =
                  old.description().equals(now.description())
                      && java.util.Objects.equals(
                          old.stringKey("when_to_use"), now.stringKey("when_to_use"))
                      && old.triggers().equals(now.triggers());
              bodyLines.put(
                  now.id(),
                  LineShift.of(old.bodyLine(), before, after, settled)
                      .proven( // where the check places its findings, before and now
                          DescriptionFacts.of(published.get().root(), old),
                          DescriptionFacts.of(root, now))
                      .provenKey("name", before, after)); // duplicate-name, reserved-name
            }
            warningsBefore.put(now.id(), wasOwn);
            readerWarnings.put(now.id(), nowOwn);
            List<String> extras = SkillPagesPatch.extrasChanged(was.skill(), now);
            if (extras.contains("license") || extras.contains("when_to_use")) {
              listed.add(now.id());
            }
          }
          changes.add(
              new RoutingSeam.Change(
                  r.id(),
                  overlay.routing(r.dir(), r.routing()),
                  RoutingIndex.skillDigests(List.of(now)).get(0),
                  now,
                  again.get().diagnostics(),
                  Optional.of(root),
                  published));
        }
        // references deleted (ReferenceFiles.refusal let them through): the published list from
        // now, skills.json's entry, the pages and sitemap URLs to delete
        Set<String> referencesChanged = new TreeSet<>();
        List<String> pagesGone = new ArrayList<>();
        List<String> pagesNew = new ArrayList<>();
        for (PatchState.SkillRecord r : owners.keySet()) {
          if (!referenceFiles.changes(r)) {
            continue;
          }
          overlay.referenced(r.dir(), referenceFiles.now(r));
          listed.add(r.id());
          referencesChanged.addAll(referenceFiles.deleted(r));
          referencesChanged.addAll(referenceFiles.added(r));
          for (String gone : referenceFiles.deleted(r)) {
            pagesGone.add(dev.skillsite.site.SiteLayout.reference(r.id(), inSkill(r.dir(), gone)));
          }
          for (String come : referenceFiles.added(r)) {
            pagesNew.add(dev.skillsite.site.SiteLayout.reference(r.id(), inSkill(r.dir(), come)));
          }
        }
        overlay.pages(pagesNew.size() - pagesGone.size());
        // the settings install views are made from, when a download changed kind since the whole
        // build (the state's key says they did not change)
        SiteConfig config = null;
        if (!overlay.served().isEmpty()) {
          config = loader.config(root);
          config =
              options.baseUrl().isPresent() ? config.withBaseUrl(options.baseUrl().get()) : config;
        }
        steps.done("read");
        Optional<SkillPagesPatch.State> pagesState = Optional.empty();
        if (!markdown.isEmpty()) { // before routing: its state is not touched for nothing
          pagesState = SkillPagesPatch.State.open(out);
          if (pagesState.isEmpty()) {
            return Attempt.no("the last build left no pages record (Markdown changed)");
          }
          prime(pagesState.get(), overlay, state, owners.keySet(), referenceFiles, config);
        }
        try (Closing closing = new Closing()) {
          pagesState.ifPresent(closing::add);
          PatchCaps.forget(); // the counts below are this patch's
          RoutingSeam.Outcome routed;
          try (PatchCaps.Telling told = PatchCaps.telling(work -> counts.accept(work.priced()))) {
            routed = routing.patch(out, key, changes);
          }
          held.keep(routed); // staged: committed after publishing, else rolled back when closed
          if (routed.patched().isEmpty()) {
            return Attempt.no(routed.cannot());
          }
          RoutingSeam.Patched patched = routed.patched().get();
          if (patched.health().isPresent()) {
            return Attempt.no(patched.health().get());
          }
          // the health report split again with another page count: its pages past the old count
          // added, past the new one deleted (the sitemap's URLs with them)
          pagesNew.addAll(patched.healthPatch().added());
          pagesGone.addAll(patched.healthPatch().deleted());
          overlay.pages(
              patched.healthPatch().added().size() - patched.healthPatch().deleted().size());
          Map<String, byte[]> routedBytes = new java.util.LinkedHashMap<>(patched.exportFiles());
          routedBytes.putAll(patched.healthPatch().files()); // health pages, the health delta
          List<String> routedFiles = new ArrayList<>(routedBytes.keySet());
          long[] staged0 = RoutingWire.snap();
          long stagedBytes = 0;
          for (Map.Entry<String, byte[]> f : routedBytes.entrySet()) {
            Path at = writer.staging().resolve(f.getKey());
            Files.createDirectories(at.getParent());
            Files.write(at, f.getValue());
            stagedBytes += f.getValue().length;
          }
          String stagedNote =
              "; staged "
                  + routedBytes.size()
                  + " files, "
                  + stagedBytes / 1024
                  + " KB: "
                  + RoutingWire.since(staged0, RoutingWire.snap());
          List<PatchState.SkillRecord> records = new ArrayList<>(owners.keySet());
          for (int k = 0; k < skills.size(); k++) {
            if (!markdown.contains(records.get(k))
                && !PatchState.model(skills.get(k))
                    .equals(overlay.model(records.get(k).dir(), records.get(k).model()))) {
              return Attempt.no(
                  records.get(k).id()
                      + "'s SKILL.md or references differ from the last build's"
                      + " (not listed as changed?)");
            }
          }
          String routeNote =
              java.util.stream.Stream.of(
                      routed.note().isEmpty()
                          ? stagedNote.substring(2)
                          : routed.note() + stagedNote,
                      PatchCaps.last().map(Object::toString).orElse(""))
                  .filter(s -> !s.isEmpty())
                  .collect(java.util.stream.Collectors.joining("; "));
          steps.done(routeNote.isEmpty() ? "route" : "route (" + routeNote + ")");
          List<String> staged = new ArrayList<>();
          int i = 0;
          // related lists (wt-relwire): the lists that may change made again on the patched index
          // (RelatedPatch), the ones that differ re-rendered below with the pages, their
          // skills.json
          // entries and who-shows-whose-card records patched (ListPatch), the state published
          Optional<RelatedState> relatedState = Optional.empty();
          if (!patched.similarMayChange().isEmpty() || !markdown.isEmpty()) {
            relatedState = RelatedState.open(out);
            if (relatedState.isEmpty()) {
              return Attempt.no("the last build left no related lists");
            }
            closing.add(relatedState.get());
          }
          Map<SkillId, List<RelatedSkill>> related = new TreeMap<>(RelatedPatch.BY_ID);
          if (!patched.similarMayChange().isEmpty()) {
            if (patched.similarSkills().isEmpty()) {
              return Attempt.no(
                  "the similar skills of "
                      + patched.similarMayChange().size()
                      + " skill(s) may change and the routing side gave no index to ask");
            }
            RelatedPatch.Outcome ro =
                RelatedPatch.patch(
                    relatedState.get(),
                    patched.similarMayChange().stream().map(SkillId::value).toList(),
                    patched.similarSkills().get(),
                    skills,
                    writer.staging());
            if (ro instanceof RelatedPatch.Refused no) {
              return Attempt.no(no.reason());
            }
            RelatedPatch.Patched rel = (RelatedPatch.Patched) ro;
            related.putAll(rel.changed());
            rel.staged().ifPresent(staged::add);
          }
          // skills.json's "related" ids and list-delta.tab's shownOn are patched with the cards
          // (stageCards: one ListPatch call, which writes the delta once); refused while the home
          // page draws the relation graph (a small collection)
          Map<SkillId, List<SkillId>> relatedIds = new TreeMap<>(RelatedPatch.BY_ID);
          related.forEach(
              (id, list) -> relatedIds.put(id, list.stream().map(RelatedSkill::id).toList()));
          if ((!related.isEmpty() || !patched.healthPatch().sections().isEmpty())
              && pagesState.isEmpty()) { // other skills' pages are made again
            pagesState = SkillPagesPatch.State.open(out);
            if (pagesState.isEmpty()) {
              return Attempt.no(
                  "the last build left no pages record (related lists or health sections changed)");
            }
            closing.add(pagesState.get());
            prime(pagesState.get(), overlay, state, owners.keySet(), referenceFiles, config);
          }
          steps.done(
              "related ("
                  + patched.similarMayChange().size()
                  + " asked, "
                  + related.size()
                  + " changed)");
          // other skills' related lists and health sections the routing side changed
          SkillPagesPatch.Overrides overrides =
              new SkillPagesPatch.Overrides(
                  withPatchedLists(related, relatedState, owners.keySet()),
                  patched.healthPatch().sections());
          // every page made again takes the lists and sections earlier patches gave it (the pages
          // record holds the last whole build's)
          SoFar soFar = SoFar.NONE;
          if (pagesState.isPresent()) {
            if (relatedState.isEmpty()) {
              relatedState = RelatedState.open(out);
              relatedState.ifPresent(closing::add);
            }
            Optional<HealthState> healthState = HealthState.open(out);
            healthState.ifPresent(closing::add);
            soFar = new SoFar(relatedState, healthState);
          }
          if (pagesState.isPresent()) {
            SkillPagesPatch.Skills known = known(loader, state, overlay, root);
            SkillPagesPatch pagesPatch = new SkillPagesPatch(templates);
            Set<SkillId> alike =
                alikeAsShown(
                    pagesState.get(),
                    pagesPatch,
                    overrides,
                    skills.stream().map(Skill::id).collect(Collectors.toSet()),
                    soFar);
            overrides = overrides.without(alike);
            Map<SkillId, List<RoutingHealthView.SkillHealth>> sections =
                new TreeMap<>(RelatedPatch.BY_ID);
            steps.part("templates");
            for (PatchState.SkillRecord r : owners.keySet()) {
              Skill now = skills.get(i++);
              if (!markdown.contains(r)) {
                continue;
              }
              SkillPagesPatch.Outcome o =
                  pagesPatch.stage(
                      pagesState.get(),
                      root,
                      now,
                      true,
                      skillMd.contains(r),
                      soFar.apply(overrides, now.id()),
                      known,
                      writer.staging(),
                      Optional.ofNullable(bodyLines.get(now.id()))
                          .map( // a section the routing side made again has new places
                              m ->
                                  m.settled(
                                      !patched.healthPatch().sections().containsKey(now.id()))),
                      warningsBefore.getOrDefault(now.id(), List.of()),
                      readerWarnings.getOrDefault(now.id(), List.of()));
              if (o.refused().isPresent()) {
                return Attempt.no(o.refused().get());
              }
              if (o.section().isPresent()) {
                sections.put(now.id(), o.section().get());
              }
              staged.addAll(o.staged());
              diagnostics.addAll(o.diagnostics());
            }
            if (!sections.isEmpty()) {
              for (String f : HealthState.stageSections(writer.staging(), out, sections)) {
                if (!routedFiles.contains(f) && !staged.contains(f)) {
                  staged.add(f);
                }
              }
            }
            steps.part("documents");
            OthersTally othersTally = new OthersTally();
            othersTally.asked += alike.size();
            othersTally.alike += alike.size();
            Optional<String> others =
                stageOverrides(
                    state,
                    overlay,
                    pagesState.get(),
                    pagesPatch,
                    loader,
                    root,
                    overrides,
                    skills.stream().map(Skill::id).collect(Collectors.toSet()),
                    writer.staging(),
                    staged,
                    soFar,
                    Optional.of(out),
                    othersTally);
            if (others.isPresent()) {
              return Attempt.no(others.get());
            }
            steps.part("others");
            steps.note(othersTally.toString());
            steps.done("pages");
            Optional<String> cards =
                stageCards(
                    state,
                    overlay,
                    pagesState.get(),
                    pagesPatch,
                    root,
                    overrides,
                    relatedIds,
                    listed,
                    owners.keySet(),
                    skills,
                    out,
                    writer.staging(),
                    staged,
                    soFar,
                    pagesNew,
                    pagesGone);
            if (cards.isPresent()) {
              return Attempt.no(cards.get());
            }
            // the state's records of the patched skills, as a whole build would write them now
            int k = 0;
            for (PatchState.SkillRecord r : owners.keySet()) {
              overlay.routed(r.dir(), changes.get(k).newRouting());
              overlay.patched(r.dir(), PatchState.model(skills.get(k++)));
            }
            overlay.chars(pagesState.get().patchedChars(), pagesState.get().total());
            overlay.cards(pagesState.get().summaries(), pagesState.get().descriptions());
            overlay.anchors(pagesState.get().anchors());
            overlay.write(writer.staging());
            staged.add(PatchOverlay.PATH);
            steps.done("cards");
          }
          i = 0;
          List<String> filesGone = new ArrayList<>(); // archives of skills now their SKILL.md alone
          for (PatchState.SkillRecord r : owners.keySet()) {
            Skill now = skills.get(i++);
            SkillFilesPatch.Outcome o =
                SkillFilesPatch.stage(
                    root, now, owners.get(r), referencesChanged, out, writer.staging());
            if (o.refused().isPresent()) {
              return Attempt.no(r.id() + ": " + o.refused().get());
            }
            staged.addAll(o.staged());
            if (o.served() != served.contains(now.id())) {
              return Attempt.no(
                  r.id() + "'s download changed kind otherwise than its pages had it");
            }
            if (o.served()) {
              // the discovery entry serves the archive from now, or the SKILL.md alone
              boolean archive = o.archive().isPresent();
              Optional<DiscoveryIndexWriter.Spliced> spliced =
                  r.discoveryAt() < 0
                      ? Optional.empty()
                      : DiscoveryIndexWriter.patchServed(
                          out,
                          writer.staging(),
                          archive
                              ? DiscoveryIndexWriter.skillMdPath(now)
                              : SkillFilesPatch.archivePath(now),
                          archive
                              ? SkillFilesPatch.archivePath(now)
                              : DiscoveryIndexWriter.skillMdPath(now),
                          archive,
                          archive
                              ? o.archive().get()
                              : Files.readAllBytes(root.resolve(now.source())),
                          overlay.discoveryAt(r.discoveryAt()));
              if (spliced.isEmpty()) {
                return Attempt.no(
                    r.id() + " has no entry of its last download in the discovery index");
              }
              overlay.shifted(spliced.get().at(), spliced.get().by());
              filesGone.addAll(o.deleted());
              continue;
            }
            if (o.archive().isPresent()
                && !DiscoveryIndexWriter.patchDigest(
                    out,
                    writer.staging(),
                    SkillFilesPatch.archivePath(now),
                    o.archive().get(),
                    overlay.discoveryAt(r.discoveryAt()))) {
              return Attempt.no(r.id() + " has no archive entry in the discovery index");
            }
            if (o.archive().isEmpty()
                && skillMd.contains(r)
                && !DiscoveryIndexWriter.patchDigest(
                    out,
                    writer.staging(),
                    DiscoveryIndexWriter.skillMdPath(now),
                    Files.readAllBytes(root.resolve(now.source())),
                    overlay.discoveryAt(r.discoveryAt()))) {
              return Attempt.no(r.id() + " has no SKILL.md entry in the discovery index");
            }
          }
          if (!served.isEmpty()) {
            overlay.write(writer.staging()); // again: with the discovery index's shifts above
          }
          if (!pagesGone.isEmpty() || !pagesNew.isEmpty()) {
            dev.skillsite.site.SitemapPatch.Outcome sitemap =
                new dev.skillsite.site.SitemapPatch(
                        options.baseUrl().isPresent()
                            ? options.baseUrl()
                            : loader.config(root).baseUrl())
                    .change(out, new TreeSet<>(pagesNew), new TreeSet<>(pagesGone));
            if (sitemap.refused().isPresent()) {
              return Attempt.no(sitemap.refused().get());
            }
            for (Map.Entry<String, String> f : sitemap.files().entrySet()) {
              Path at = writer.staging().resolve(f.getKey());
              Files.createDirectories(at.getParent());
              Files.writeString(at, f.getValue(), java.nio.charset.StandardCharsets.UTF_8);
              staged.add(f.getKey());
            }
          }
          staged.add(DiscoveryIndexWriter.PATH);
          staged.removeIf(p -> !Files.exists(writer.staging().resolve(p)));
          steps.done("stage");
          AuditSettings audit = AuditSettings.read(root);
          i = 0;
          for (PatchState.SkillRecord r : owners.keySet()) {
            Skill now = skills.get(i++);
            String findings = "";
            if (audit.enabled()) {
              Auditor auditor = Auditor.standard();
              steps.part("rules");
              var skillAudit = auditor.audit(now, root);
              steps.part("scan");
              Baseline baseline = Baseline.read(audit.baselineFile(root));
              steps.part("baseline");
              AuditReport one = baseline.apply(new AuditReport(List.of(skillAudit)), root);
              findings = PatchState.audit(one.of(now.id()));
            }
            if (!findings.equals(r.audit())) {
              return Attempt.no(r.id() + "'s audit findings changed (badges, audit pages)");
            }
          }
          steps.done("audit");
          staged.addAll(routedFiles);
          routed.prepareCommit(); // the state's files written beside the site's syncs (not made it)
          // one sync of the file system for the site's files and the state's prepared ones
          // (FileSystemSync, -Dskillsite.syncfs=true; by default an fsync each)
          dev.skillsite.output.FileSystemSync.Deferred stateSyncs =
              dev.skillsite.output.FileSystemSync.on()
                  ? routed.prepared().orElseGet(dev.skillsite.output.FileSystemSync.Deferred::new)
                  : null;
          AtomicSiteWriter.Published how =
              writer.patch(
                  List.copyOf(staged),
                  java.util.stream.Stream.of(patched.exportDeleted(), pagesGone, filesGone)
                      .flatMap(List::stream)
                      .toList(),
                  killAfter,
                  stateSyncs);
          steps.part("site " + AtomicSiteWriter.syncNote());
          routed.commit(); // once the journal is written: a kill before is seen by the next patch
          steps.part(("state " + dev.skillsite.routing.RoutingPatch.lastCommit()).strip());
          steps.done("publish");
          steps.threads();
          PatchState.Totals totals = state.totals();
          double seconds = (System.nanoTime() - start) / 1e9;
          return new Attempt(
              Optional.of(
                  new BuildResult(
                          totals.skills(),
                          (int) (totals.pages() + overlay.pages()),
                          diagnostics,
                          seconds,
                          true,
                          Optional.empty(),
                          BuildResult.Documents.NONE,
                          true,
                          true,
                          true,
                          BuildResult.Rankings.NONE,
                          new BuildResult.Output(
                              (int) (totals.pages() + overlay.pages()),
                              true,
                              how.replaced(),
                              how.deleted()),
                          BuildResult.Patch.NONE)
                      .withPatch(
                          new BuildResult.Patch(
                              true, "", owners.size(), how.replaced(), steps.toString()))),
              "");
        }
      }
    }
  }

  /** Closes the state files a patch opened (the pages record, the related lists), last first. */
  /**
   * What earlier patches since the last whole build gave pages whose parts the pages record holds
   * as that build made them: related lists ({@link RelatedState#patched}) and health sections
   * ({@link HealthState#patchedSection}). Every page a patch makes again takes them, unless this
   * patch overrides them.
   */
  record SoFar(Optional<RelatedState> related, Optional<HealthState> health) {
    static final SoFar NONE = new SoFar(Optional.empty(), Optional.empty());

    SkillPagesPatch.Overrides apply(SkillPagesPatch.Overrides o, SkillId id) throws IOException {
      Optional<List<RelatedSkill>> list =
          o.related().containsKey(id) || related.isEmpty()
              ? Optional.empty()
              : related.get().patched(id);
      Optional<List<RoutingHealthView.SkillHealth>> section =
          o.health().containsKey(id) || health.isEmpty()
              ? Optional.empty()
              : health.get().patchedSection(id);
      if (list.isEmpty() && section.isEmpty()) {
        return o;
      }
      Map<SkillId, List<RelatedSkill>> lists = new HashMap<>(o.related());
      list.ifPresent(l -> lists.put(id, l));
      Map<SkillId, List<RoutingHealthView.SkillHealth>> sections = new HashMap<>(o.health());
      section.ifPresent(x -> sections.put(id, x));
      return new SkillPagesPatch.Overrides(lists, sections);
    }
  }

  private static final class Closing implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    void add(AutoCloseable c) {
      open.add(c);
    }

    @Override
    public void close() throws IOException {
      IOException failed = null;
      for (int k = open.size() - 1; k >= 0; k--) {
        try {
          open.get(k).close();
        } catch (IOException e) {
          failed = failed == null ? e : failed;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * {@code related} (the lists this patch changed) with the lists earlier patches changed for the
   * {@code changed} skills, whose pages are made again now: a page's recorded parts ({@code
   * pages.tab}) hold the last whole build's list, the related state the published one.
   */
  private static Map<SkillId, List<RelatedSkill>> withPatchedLists(
      Map<SkillId, List<RelatedSkill>> related,
      Optional<RelatedState> state,
      Set<PatchState.SkillRecord> changed) {
    if (state.isEmpty()) {
      return related;
    }
    Map<SkillId, List<RelatedSkill>> out = new TreeMap<>(RelatedPatch.BY_ID);
    out.putAll(related);
    for (PatchState.SkillRecord r : changed) {
      if (!out.containsKey(r.id())) {
        state.get().patched(r.id()).ifPresent(list -> out.put(r.id(), list));
      }
    }
    return out;
  }

  /**
   * Drops a page made again that is byte for byte the one {@code published} holds (nothing to
   * publish); off with {@code -Dskillsite.othersIdentical=false}.
   */
  static final boolean OTHERS_IDENTICAL =
      !"false".equals(System.getProperty("skillsite.othersIdentical"));

  /** What {@link #stageOverrides} did with the pages it was asked for (for {@code --timings}). */
  static final class OthersTally {
    int asked;
    int made;
    int identical;
    int spliced;
    int alike;

    @Override
    public String toString() {
      return "others' pages: "
          + asked
          + " asked, "
          + made
          + " made, "
          + identical
          + " identical, "
          + spliced
          + " health sections spliced, "
          + alike
          + " alike as shown";
    }
  }

  /**
   * The skills {@code overrides} asks a health section of (no related list) whose page shows the
   * new section alike, none of {@code changed} ({@link SkillPagesPatch#shownAlike}: who wins and
   * the margin of each row, the findings as a page shows them): the section the published page
   * shows is the one the delta has from earlier patches ({@code soFar}), else the pages record's.
   * Their pages are not made (their record in the health delta is the new one all the same, staged
   * by the routing side). Empty with {@code -Dskillsite.scoreBuckets=false}.
   */
  private static Set<SkillId> alikeAsShown(
      SkillPagesPatch.State pages,
      SkillPagesPatch pagesPatch,
      SkillPagesPatch.Overrides overrides,
      Set<SkillId> changed,
      SoFar soFar)
      throws IOException {
    Set<SkillId> alike = new TreeSet<>();
    if (!RoutingHealthView.SCORE_BUCKETS) {
      return alike;
    }
    for (Map.Entry<SkillId, List<RoutingHealthView.SkillHealth>> e :
        overrides.health().entrySet()) {
      SkillId id = e.getKey();
      if (overrides.related().containsKey(id) || changed.contains(id)) {
        continue;
      }
      Optional<List<RoutingHealthView.SkillHealth>> before =
          soFar.health().isPresent() ? soFar.health().get().patchedSection(id) : Optional.empty();
      if (before.isEmpty()) {
        before = pages.health(id);
      }
      if (before.isPresent() && pagesPatch.shownAlike(before.get(), e.getValue())) {
        alike.add(id);
      }
    }
    return alike;
  }

  /**
   * Stages the page of every skill {@code overrides} names other than the {@code changed} ones
   * (whose pages are staged with their documents, the overrides applied): the skill read again from
   * its record, its page made again with its recorded parts and the override applied (a related
   * list, a health section), and what earlier patches gave it ({@code soFar}). Empty when done,
   * else why not. A page made again that is byte for byte the one in {@code published} is not
   * staged ({@link #OTHERS_IDENTICAL}); counted in {@code tally}.
   */
  static Optional<String> stageOverrides(
      PatchState state,
      PatchOverlay overlay,
      SkillPagesPatch.State pages,
      SkillPagesPatch pagesPatch,
      ContentLoader loader,
      Path root,
      SkillPagesPatch.Overrides overrides,
      Set<SkillId> changed,
      Path staging,
      List<String> staged,
      SoFar soFar,
      Optional<Path> published,
      OthersTally tally)
      throws IOException {
    Set<SkillId> ids = new TreeSet<>(overrides.related().keySet());
    ids.addAll(overrides.health().keySet());
    ids.removeAll(changed);
    tally.asked += ids.size();
    tally.made += ids.size();
    Restage restage = new Restage(state, overlay, pages, pagesPatch, loader, root, staging, staged);
    if (published.isPresent()) {
      Optional<String> why = restage.spliceOthers(overrides, ids, published.get(), tally);
      if (why.isPresent()) {
        return why;
      }
    }
    int before = staged.size();
    Optional<String> why = restage.stageOthers(overrides, ids, soFar);
    if (why.isEmpty() && OTHERS_IDENTICAL && published.isPresent()) {
      List<String> made = new ArrayList<>(staged.subList(before, staged.size()));
      staged.subList(before, staged.size()).clear();
      for (String page : made) {
        Path to = staging.resolve(page);
        Path at = published.get().resolve(page);
        if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS) && Files.mismatch(to, at) == -1L) {
          Files.delete(to);
          tally.identical++;
        } else {
          staged.add(page);
        }
      }
    }
    return why;
  }

  /**
   * What restaging other skills' pages (none of them changed) works with: the last build's state,
   * the overlay, the page patcher and its state, the content root, and the staging folder with the
   * paths staged so far.
   */
  private record Restage(
      PatchState state,
      PatchOverlay overlay,
      SkillPagesPatch.State pages,
      SkillPagesPatch pagesPatch,
      ContentLoader loader,
      Path root,
      Path staging,
      List<String> staged) {

    /**
     * Stages the pages of those of {@code ids} that this patch makes again for their routing health
     * section alone (no related list of theirs in {@code overrides}) as the published page with the
     * section replaced ({@link SkillPagesPatch#spliceHealth}), and removes them from {@code ids};
     * the others are left to be made whole. A page whose skill reads otherwise than the last
     * build's is refused, as when it is made whole. Empty when done, else why not.
     */
    Optional<String> spliceOthers(
        SkillPagesPatch.Overrides overrides, Set<SkillId> ids, Path published, OthersTally tally)
        throws IOException {
      if (!SkillPagesPatch.SPLICE_HEALTH) {
        return Optional.empty();
      }
      SkillPagesPatch.Skills known = null;
      for (java.util.Iterator<SkillId> it = ids.iterator(); it.hasNext(); ) {
        SkillId id = it.next();
        if (overrides.related().containsKey(id) || !overrides.health().containsKey(id)) {
          continue;
        }
        if (known == null) {
          known = known(loader, state, overlay, root);
        }
        Object read = unchanged(known, id);
        if (read instanceof String why) {
          return Optional.of(why);
        }
        Optional<Boolean> spliced =
            pagesPatch.spliceHealth(
                pages, id, overrides.health().get(id), published, staging, OTHERS_IDENTICAL);
        if (spliced.isEmpty()) {
          continue;
        }
        tally.spliced++;
        if (spliced.get()) {
          staged.add(dev.skillsite.site.SiteLayout.skill(id));
        } else {
          tally.identical++;
        }
        it.remove();
      }
      return Optional.empty();
    }

    /**
     * Stages the pages of the skills {@code ids} made again from their records, with {@code
     * overrides} and the summaries patched so far. Empty when done, else why not.
     */
    Optional<String> stageOthers(SkillPagesPatch.Overrides overrides, Set<SkillId> ids, SoFar soFar)
        throws IOException {
      SkillPagesPatch.Skills known = known(loader, state, overlay, root);
      for (SkillId id : ids) {
        Object read = unchanged(known, id);
        if (read instanceof String why) {
          return Optional.of(why);
        }
        SkillPagesPatch.Outcome o =
            pagesPatch.stage(
                pages,
                root,
                (Skill) read,
                false,
                false,
                soFar.apply(overrides, id),
                known,
                staging);
        if (o.refused().isPresent()) {
          return o.refused();
        }
        staged.addAll(o.staged());
      }
      return Optional.empty();
    }

    /**
     * The skill {@code id} read now, if it reads as the last build's did (with the overlay): a
     * {@link Skill}, else why not (a {@code String}).
     */
    private Object unchanged(SkillPagesPatch.Skills known, SkillId id) throws IOException {
      Optional<PatchState.SkillRecord> r = state.skill(id);
      if (r.isEmpty()) {
        return id + " is no skill of the last build";
      }
      Optional<Skill> y = known.read(new SkillPagesPatch.Folder(id, r.get().source(), List.of()));
      if (y.isEmpty()) {
        return id + " has an error or a missing file now";
      }
      if (!PatchState.model(y.get()).equals(overlay.model(r.get().dir(), r.get().model()))) {
        return id + " differs from the last build's (not listed as changed?)";
      }
      return y.get();
    }
  }

  /**
   * The published copies of the changed SKILL.md files, each copied into a folder of its own under
   * one temporary folder and read there once; the folder is deleted when the patch ends (a skill's
   * body is read from it when asked).
   */
  static final class Befores implements AutoCloseable {
    private final ContentLoader loader;
    private Path folder;

    Befores(ContentLoader loader) {
      this.loader = loader;
    }

    /** The published copy read, or why not. */
    record Read(Optional<RoutingSeam.Published> published, String why) {}

    Read read(Path site, Skill now) throws IOException {
      Path copy = site.resolve(dev.skillsite.site.SiteLayout.rawSkill(now.id()));
      if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
        return new Read(
            Optional.empty(), now.id() + " has no published SKILL.md to compare its warnings with");
      }
      if (folder == null) {
        folder = Files.createTempDirectory("skillsite-before");
      }
      Path root = folder.resolve(now.id().value());
      Path at = root.resolve(now.source());
      Files.createDirectories(at.getParent());
      Files.copy(copy, at);
      Optional<ContentLoader.Reloaded> was =
          loader.read(
              root, now.id(), now.source(), now.collectionId(), List.of(), now.declaredRelated());
      if (was.isEmpty()) {
        return new Read(Optional.empty(), now.id() + "'s published SKILL.md does not read");
      }
      return new Read(Optional.of(new RoutingSeam.Published(was.get(), root)), "");
    }

    @Override
    public void close() throws IOException {
      if (folder != null) {
        dev.skillsite.output.FileTrees.delete(folder);
      }
    }
  }

  /**
   * The first warning that differs between two lists, as "old → new" ("none" past an end), its
   * position kept apart: "moved" when only the line differs (a frontmatter line added or removed).
   */
  static String firstDifference(List<Diagnostic> was, List<Diagnostic> now) {
    for (int k = 0; k < Math.max(was.size(), now.size()); k++) {
      Diagnostic a = k < was.size() ? was.get(k) : null;
      Diagnostic b = k < now.size() ? now.get(k) : null;
      if (a != null && a.equals(b)) {
        continue;
      }
      if (a != null && b != null && a.code().equals(b.code()) && a.message().equals(b.message())) {
        return a.code() + " moved (line " + a.pos().line() + " → " + b.pos().line() + ")";
      }
      return (a == null ? "none" : a.code()) + " → " + (b == null ? "none" : b.code());
    }
    return "";
  }

  private static List<Diagnostic> own(List<Diagnostic> all, String source) {
    return all.stream().filter(d -> d.pos().path().equals(source)).toList();
  }

  /**
   * The cards of the changed skills whose description or summary this patch changed ({@code pages}
   * knows which, once their pages are staged): the list pages, catalogs and {@code llms.txt}
   * showing them ({@link CardPatch}), the pages of other skills showing their summary (related
   * cards: the list state's {@code shownOn}; "mentioned by": the skills they mention), their
   * entries' descriptions in the discovery index. Empty when done (or nothing to do), else why not.
   */
  private Optional<String> stageCards(
      PatchState state,
      PatchOverlay overlay,
      SkillPagesPatch.State pages,
      SkillPagesPatch pagesPatch,
      Path root,
      SkillPagesPatch.Overrides overrides,
      Map<SkillId, List<SkillId>> relatedIds,
      Set<SkillId> listed,
      Set<PatchState.SkillRecord> records,
      List<Skill> skills,
      Path out,
      Path staging,
      List<String> staged,
      SoFar soFar,
      List<String> pagesNew,
      List<String> pagesGone)
      throws IOException {
    Map<SkillId, String> summaries = pages.summaryChanged();
    Set<SkillId> described = pages.descriptionChanged();
    if (summaries.isEmpty() && described.isEmpty() && relatedIds.isEmpty() && listed.isEmpty()) {
      return Optional.empty();
    }
    Map<SkillId, Skill> changed = new TreeMap<>();
    for (Skill s : skills) {
      if (summaries.containsKey(s.id()) || described.contains(s.id()) || listed.contains(s.id())) {
        changed.put(s.id(), s);
      }
    }
    dev.skillsite.site.ListPatch.Outcome lists =
        new CardPatch(templates).stage(out, loader.config(root), changed, relatedIds, staging);
    if (lists instanceof dev.skillsite.site.ListPatch.Refused r) {
      return Optional.of((changed.isEmpty() ? "related skills changed: " : "lists: ") + r.reason());
    }
    dev.skillsite.site.ListPatch.Staged cardsStaged = (dev.skillsite.site.ListPatch.Staged) lists;
    staged.addAll(cardsStaged.paths());
    // the trigger index split again with another page count: its pages past the old count added,
    // past the new one deleted (the sitemap's URLs and the site's page count with them)
    pagesNew.addAll(cardsStaged.added());
    pagesGone.addAll(cardsStaged.deleted());
    overlay.pages(cardsStaged.added().size() - cardsStaged.deleted().size());
    Set<SkillId> showing = new TreeSet<>();
    if (!summaries.isEmpty()) {
      Optional<dev.skillsite.site.ListState> opened = dev.skillsite.site.ListState.open(out);
      if (opened.isEmpty()) {
        return Optional.of("the last build left no list state");
      }
      try (dev.skillsite.site.ListState lists2 = opened.get()) {
        for (SkillId id : summaries.keySet()) {
          Optional<dev.skillsite.site.ListState.SkillRecord> r = lists2.skill(id);
          if (r.isEmpty()) {
            return Optional.of(id + " is not in the last build's lists");
          }
          r.get().shownOn().forEach(y -> showing.add(new SkillId(y)));
          showing.addAll(pages.mentioned(id));
        }
      }
    }
    showing.removeAll(changed.keySet());
    skills.forEach(s -> showing.remove(s.id()));
    showing.removeAll(overrides.related().keySet()); // staged with the overrides, summaries new
    showing.removeAll(overrides.health().keySet());
    Optional<String> others =
        new Restage(state, overlay, pages, pagesPatch, loader, root, staging, staged)
            .stageOthers(overrides, showing, soFar);
    if (others.isPresent()) {
      return others;
    }
    for (PatchState.SkillRecord r : records) {
      if (!described.contains(r.id())) {
        continue;
      }
      Skill now = changed.get(r.id());
      Optional<dev.skillsite.discovery.DiscoveryIndexWriter.Spliced> spliced =
          r.discoveryAt() < 0
              ? Optional.empty()
              : DiscoveryIndexWriter.patchDescription(
                  out,
                  staging,
                  Files.isRegularFile(out.resolve(SkillFilesPatch.archivePath(now)))
                      ? SkillFilesPatch.archivePath(now)
                      : DiscoveryIndexWriter.skillMdPath(now),
                  now.description(),
                  overlay.discoveryAt(r.discoveryAt()));
      if (spliced.isEmpty()) {
        return Optional.of(r.id() + " has no archive entry in the discovery index (description)");
      }
      overlay.shifted(spliced.get().at(), spliced.get().by()); // staged with the digests
    }
    return Optional.empty();
  }

  /** A content path of the skill in folder {@code dir} as a path in that folder. */
  private static String inSkill(String dir, String path) {
    return dir.isEmpty() ? path : path.substring(dir.length() + 1);
  }

  /** {@code r} with the references the published site has (a patch may have deleted some). */
  static PatchState.SkillRecord withReferences(PatchState.SkillRecord r, PatchOverlay overlay) {
    List<String> now = overlay.references(r.dir(), r.references());
    return now.equals(r.references())
        ? r
        : new PatchState.SkillRecord(
            r.id(),
            r.source(),
            r.collectionId(),
            now,
            r.declaredRelated(),
            r.model(),
            r.routing(),
            r.audit(),
            r.discoveryAt());
  }

  /**
   * Gives the pages record what earlier patches changed (the Markdown characters, cards, anchors,
   * reference lists) and what this one may change: the anchors of the {@code changed} skills whose
   * references it adds or deletes (their folders proved unlinked: ReferenceFiles.refusal).
   */
  private static void prime(
      SkillPagesPatch.State pages,
      PatchOverlay overlay,
      PatchState state,
      Set<PatchState.SkillRecord> changed,
      ReferenceFiles referenceFiles,
      SiteConfig config) {
    pages.patched(overlay.chars(), overlay.total());
    if (!overlay.served().isEmpty()) {
      pages.served(overlay.served(), config);
    }
    pages.patchedCards(overlay.summaries(), overlay.descriptions());
    pages.patchedAnchors(overlay.anchors());
    for (String dir : overlay.referenceDirs()) {
      state
          .skillIn(dir)
          .ifPresent(
              r ->
                  pages.referencesRecorded(
                      r.id(), r.references().stream().map(f -> inSkill(dir, f)).toList()));
    }
    for (PatchState.SkillRecord r : changed) {
      if (referenceFiles.changes(r)) {
        pages.anchorsMayChange(r.id());
      }
    }
  }

  /** The last build's skills as the pages side asks about them: lookups in the state. */
  private static SkillPagesPatch.Skills known(
      ContentLoader loader, PatchState state, PatchOverlay overlay, Path root) {
    return new SkillPagesPatch.Skills() {
      @Override
      public Optional<SkillPagesPatch.Folder> skillIn(String dir) {
        return state
            .skillIn(dir)
            .map(r -> withReferences(r, overlay))
            .map(r -> new SkillPagesPatch.Folder(r.id(), r.source(), r.references()));
      }

      @Override
      public Optional<Skill> read(SkillPagesPatch.Folder folder) throws IOException {
        Optional<PatchState.SkillRecord> r =
            state.skillIn(folder.dir()).map(x -> withReferences(x, overlay));
        if (r.isEmpty()) {
          return Optional.empty();
        }
        return loader
            .read(
                root,
                r.get().id(),
                r.get().source(),
                r.get().collectionId(),
                r.get().references(),
                r.get().declaredRelated())
            .map(ContentLoader.Reloaded::skill);
      }
    };
  }
}
