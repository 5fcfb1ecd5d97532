package dev.skillsite.build;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.audit.Baseline;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.content.EditorFiles;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.routing.RoutingIndex;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
      Attempt a = attempt(options, changed, System.nanoTime());
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

  /** The times of a patch's steps, wall and this thread's CPU. */
  private static final class Steps {
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final StringBuilder text = new StringBuilder();
    private long wall = System.nanoTime();
    private long used = cpu.getCurrentThreadCpuTime();

    void done(String step) {
      long w = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      text.append(text.length() == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT, "%s %.1f ms (CPU %.1f)", step, (w - wall) / 1e6, (c - used) / 1e6));
      wall = w;
      used = c;
    }

    @Override
    public String toString() {
      return text.toString();
    }
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
        RoutingSeam.Held held = new RoutingSeam.Held()) {
      String key = PatchState.key(SiteGenerator.identityOf(templates), options);
      PatchState.Opened opened = PatchState.open(out, key);
      if (opened.state().isEmpty()) {
        return Attempt.no(opened.why());
      }
      try (PatchState state = opened.state().get()) {
        Optional<PatchOverlay> read = PatchOverlay.read(out);
        if (read.isEmpty()) {
          return Attempt.no("the record of earlier patches is missing, damaged or too large");
        }
        PatchOverlay overlay = read.get();
        steps.done("open");
        Path root = options.content().toRealPath();
        Map<PatchState.SkillRecord, List<String>> owners = new LinkedHashMap<>();
        Set<PatchState.SkillRecord> markdown = new HashSet<>();
        Set<PatchState.SkillRecord> skillMd = new HashSet<>();
        for (Path p : changed) {
          Path abs = p.toAbsolutePath().normalize();
          if (abs.getFileName() != null && EditorFiles.isScratch(abs.getFileName().toString())) {
            continue;
          }
          Path parent = abs.getParent();
          Path real =
              Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
                  ? abs.toRealPath()
                  : parent != null && Files.isDirectory(parent)
                      ? parent.toRealPath().resolve(abs.getFileName())
                      : abs;
          if (!real.startsWith(root)) {
            continue; // the site is made of the content folder, templates and options (the key)
          }
          String rel = root.relativize(real).toString().replace('\\', '/');
          if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return Attempt.no(rel + " is not a regular file (deleted, a folder or a link)");
          }
          Optional<PatchState.SkillRecord> owner = Optional.empty();
          for (String dir = ContentPaths.parent(rel); owner.isEmpty(); ) {
            owner = state.skillIn(dir);
            if (owner.isPresent() || dir.isEmpty()) {
              break;
            }
            dir = ContentPaths.parent(dir);
          }
          if (owner.isEmpty()) {
            return Attempt.no(rel + " belongs to no skill of the last build");
          }
          if (real.getFileName().toString().equals("SKILL.md")
              && !rel.equals(owner.get().source())) {
            return Attempt.no(rel + " is a new skill");
          }
          String lower = rel.toLowerCase(Locale.ROOT);
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
        steps.done("find");
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<RoutingSeam.Change> changes = new ArrayList<>();
        List<Skill> skills = new ArrayList<>();
        for (Map.Entry<PatchState.SkillRecord, List<String>> e : owners.entrySet()) {
          PatchState.SkillRecord r = e.getKey();
          Optional<ContentLoader.Reloaded> again =
              loader.read(
                  root, r.id(), r.source(), r.collectionId(), r.references(), r.declaredRelated());
          if (again.isEmpty()) {
            return Attempt.no(r.id() + " has an error or a missing file now");
          }
          Skill now = again.get().skill();
          diagnostics.addAll(again.get().diagnostics());
          skills.add(now);
          changes.add(
              new RoutingSeam.Change(
                  r.id(),
                  r.routing(),
                  RoutingIndex.skillDigests(List.of(now)).get(0),
                  now,
                  again.get().diagnostics(),
                  Optional.of(root)));
        }
        steps.done("read");
        Optional<SkillPagesPatch.State> pagesState = Optional.empty();
        if (!markdown.isEmpty()) { // before routing: its state is not touched for nothing
          pagesState = SkillPagesPatch.State.open(out);
          if (pagesState.isEmpty()) {
            return Attempt.no("the last build left no pages record (Markdown changed)");
          }
          pagesState.get().patched(overlay.chars(), overlay.total());
        }
        try (Closing pagesClosing = new Closing(pagesState)) {
          RoutingSeam.Outcome routed = routing.patch(out, key, changes);
          held.keep(routed); // staged: committed after publishing, else rolled back when closed
          if (routed.patched().isEmpty()) {
            return Attempt.no(routed.cannot());
          }
          RoutingSeam.Patched patched = routed.patched().get();
          if (patched.health().isPresent()) {
            return Attempt.no(patched.health().get());
          }
          if (!patched.healthPatch().sections().isEmpty() && markdown.isEmpty()) {
            return Attempt.no("health sections changed with no page made again");
          }
          if (!patched.pagesUnchanged()) {
            return Attempt.no(
                "the similar skills of "
                    + patched.similarMayChange().size()
                    + " skill(s) may change: the pages side does not patch them yet");
          }
          Map<String, byte[]> routedBytes = new java.util.LinkedHashMap<>(patched.exportFiles());
          routedBytes.putAll(patched.healthPatch().files()); // health pages, the health delta
          List<String> routedFiles = new ArrayList<>(routedBytes.keySet());
          for (Map.Entry<String, byte[]> f : routedBytes.entrySet()) {
            Path at = writer.staging().resolve(f.getKey());
            Files.createDirectories(at.getParent());
            Files.write(at, f.getValue());
          }
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
          steps.done("route");
          List<String> staged = new ArrayList<>();
          int i = 0;
          // other skills' related lists and health sections the routing side changed (the lead
          // wires wt-similar's Patched.similar() and wt-wire's health overrides in here)
          SkillPagesPatch.Overrides overrides =
              new SkillPagesPatch.Overrides(Map.of(), patched.healthPatch().sections());
          if (!markdown.isEmpty()) {
            SkillPagesPatch.Skills known = known(loader, state, root);
            SkillPagesPatch pagesPatch = new SkillPagesPatch(templates);
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
                      overrides,
                      known,
                      writer.staging());
              if (o.refused().isPresent()) {
                return Attempt.no(o.refused().get());
              }
              staged.addAll(o.staged());
              diagnostics.addAll(o.diagnostics());
            }
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
                    staged);
            if (others.isPresent()) {
              return Attempt.no(others.get());
            }
            // the state's records of the patched skills, as a whole build would write them now
            int k = 0;
            for (PatchState.SkillRecord r : owners.keySet()) {
              overlay.patched(r.dir(), PatchState.model(skills.get(k++)));
            }
            overlay.chars(pagesState.get().patchedChars(), pagesState.get().total());
            overlay.write(writer.staging());
            staged.add(PatchOverlay.PATH);
            steps.done("pages");
          }
          i = 0;
          for (PatchState.SkillRecord r : owners.keySet()) {
            Skill now = skills.get(i++);
            SkillFilesPatch.Outcome o =
                SkillFilesPatch.stage(root, now, owners.get(r), out, writer.staging());
            if (o.refused().isPresent()) {
              return Attempt.no(r.id() + ": " + o.refused().get());
            }
            staged.addAll(o.staged());
            if (o.archive().isPresent()
                && !DiscoveryIndexWriter.patchDigest(
                    out,
                    writer.staging(),
                    SkillFilesPatch.archivePath(now),
                    o.archive().get(),
                    r.discoveryAt())) {
              return Attempt.no(r.id() + " has no archive entry in the discovery index");
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
              AuditReport one =
                  Baseline.read(audit.baselineFile(root))
                      .apply(new AuditReport(List.of(Auditor.standard().audit(now, root))), root);
              findings = PatchState.audit(one.of(now.id()));
            }
            if (!findings.equals(r.audit())) {
              return Attempt.no(r.id() + "'s audit findings changed (badges, audit pages)");
            }
          }
          steps.done("audit");
          staged.addAll(routedFiles);
          AtomicSiteWriter.Published how =
              writer.patch(List.copyOf(staged), patched.exportDeleted(), killAfter);
          routed.commit(); // once the journal is written: a kill before is seen by the next patch
          steps.done("publish");
          PatchState.Totals totals = state.totals();
          double seconds = (System.nanoTime() - start) / 1e9;
          return new Attempt(
              Optional.of(
                  new BuildResult(
                          totals.skills(),
                          totals.pages(),
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
                              totals.pages(), true, how.replaced(), how.deleted()),
                          BuildResult.Patch.NONE)
                      .withPatch(
                          new BuildResult.Patch(
                              true, "", owners.size(), how.replaced(), steps.toString()))),
              "");
        }
      }
    }
  }

  /** Closes the pages record, if one was opened. */
  private record Closing(Optional<SkillPagesPatch.State> state) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (state.isPresent()) {
        state.get().close();
      }
    }
  }

  /**
   * Stages the page of every skill {@code overrides} names other than the {@code changed} ones
   * (whose pages are staged with their documents, the overrides applied): the skill read again from
   * its record, its page made again with its recorded parts and the override applied (a related
   * list of wt-similar's, a health section of wt-wire's). Empty when done, else why not.
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
      List<String> staged)
      throws IOException {
    Set<SkillId> ids = new TreeSet<>(overrides.related().keySet());
    ids.addAll(overrides.health().keySet());
    ids.removeAll(changed);
    SkillPagesPatch.Skills known = known(loader, state, root);
    for (SkillId id : ids) {
      Optional<PatchState.SkillRecord> r = state.skill(id);
      if (r.isEmpty()) {
        return Optional.of(id + " is no skill of the last build");
      }
      Optional<Skill> y = known.read(new SkillPagesPatch.Folder(id, r.get().source(), List.of()));
      if (y.isEmpty()) {
        return Optional.of(id + " has an error or a missing file now");
      }
      if (!PatchState.model(y.get()).equals(overlay.model(r.get().dir(), r.get().model()))) {
        return Optional.of(id + " differs from the last build's (not listed as changed?)");
      }
      SkillPagesPatch.Outcome o =
          pagesPatch.stage(pages, root, y.get(), false, false, overrides, known, staging);
      if (o.refused().isPresent()) {
        return o.refused();
      }
      staged.addAll(o.staged());
    }
    return Optional.empty();
  }

  /** The last build's skills as the pages side asks about them: lookups in the state. */
  private static SkillPagesPatch.Skills known(ContentLoader loader, PatchState state, Path root) {
    return new SkillPagesPatch.Skills() {
      @Override
      public Optional<SkillPagesPatch.Folder> skillIn(String dir) {
        return state
            .skillIn(dir)
            .map(r -> new SkillPagesPatch.Folder(r.id(), r.source(), r.references()));
      }

      @Override
      public Optional<Skill> read(SkillPagesPatch.Folder folder) throws IOException {
        Optional<PatchState.SkillRecord> r = state.skillIn(folder.dir());
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
