package dev.skillsite.build;

import dev.skillsite.audit.AuditMemo;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.audit.Baseline;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.cache.AuditCache;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Audit: the catalog → the audit report, when the collection's settings ask for one. It runs beside
 * the index, relate and health stages; a collection that hides skills with danger findings waits
 * for it before the index, since those skills are left out of everything after.
 */
final class AuditStage {
  /** The audit of one build, running or done. */
  static final class Running {
    private final AuditSettings settings;
    private final CompletableFuture<Optional<AuditReport>> report;
    private final Optional<AuditCache> cache;
    private final Optional<AuditMemo> memo;

    private Running(
        AuditSettings settings,
        CompletableFuture<Optional<AuditReport>> report,
        Optional<AuditCache> cache,
        Optional<AuditMemo> memo) {
      this.settings = settings;
      this.report = report;
      this.cache = cache;
      this.memo = memo;
    }

    /**
     * Leaves each skill's audit (by its files' stamps) and each file's findings (by its bytes) in
     * {@code staging}'s build cache for the next build, which then audits only what changed.
     */
    void keep(BuildContext build, Path staging) throws IOException {
      if (cache.isPresent()) {
        report(); // done
        cache.get().keep(staging, build.cache());
      }
      if (memo.isPresent() && report().isPresent()) {
        memo.get().write(staging.resolve(BuildCache.AUDIT_FINDINGS));
      }
    }

    /** The skills the rest of the build sees: without those hidden for danger findings. */
    Catalog visible(Catalog catalog) {
      if (!settings.hideDanger()) {
        return catalog;
      }
      Optional<AuditReport> r = report();
      return catalog.withSkills(
          catalog.skills().stream()
              .filter(s -> r.flatMap(a -> a.of(s.id())).map(a -> a.dangers() == 0).orElse(true))
              .toList());
    }

    /** The report, waited for; empty when the collection has no audit. */
    Optional<AuditReport> report() {
      return BuildContext.join(report);
    }
  }

  /** Starts the audit of {@code catalog} beside the next stages, if the collection has one. */
  Running start(BuildContext build, Catalog catalog, StageClock clock) {
    AuditSettings settings = AuditSettings.read(build.content());
    if (!settings.enabled()) {
      return new Running(
          settings,
          CompletableFuture.completedFuture(Optional.empty()),
          Optional.empty(),
          Optional.empty());
    }
    String key = BuildCache.auditKey().value();
    Optional<AuditMemo> memo = build.cache().auditFindings().map(f -> AuditMemo.read(f, key));
    AuditCache cache = AuditCache.of(build.cache(), build.published(), settingsText(build));
    return new Running(
        settings,
        clock.beside(
            Stage.AUDIT,
            () -> {
              try {
                return Optional.of(audit(build, catalog, settings, cache, memo));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            build.pool()),
        Optional.of(cache),
        memo);
  }

  /**
   * Every skill's audit (the last build's where the skill's files, frontmatter and description did
   * not change: {@link AuditCache}; else each file's findings kept by its bytes: {@link
   * AuditMemo}), then the baseline applied, as {@link Auditor#audit(Catalog, Path, Optional)} does.
   */
  private static AuditReport audit(
      BuildContext build,
      Catalog catalog,
      AuditSettings settings,
      AuditCache cache,
      Optional<AuditMemo> memo)
      throws IOException {
    Auditor auditor = Auditor.standard();
    Path content = build.content();
    List<SkillAudit> audits;
    try {
      audits =
          catalog.skills().parallelStream()
              .map(
                  s -> {
                    try {
                      return cache.audit(s, content, x -> auditor.audit(x, content, memo));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return Baseline.read(settings.baselineFile(content)).apply(new AuditReport(audits), content);
  }

  /** The collection's settings file as text: what the audit's cache key depends on besides code. */
  private static String settingsText(BuildContext build) {
    StringBuilder sb = new StringBuilder();
    for (String name : new String[] {"skillsite.yaml", "skillsite.yml"}) {
      try {
        Path f = build.content().resolve(name);
        sb.append(name)
            .append('\u0000')
            .append(Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "")
            .append('\u0000');
      } catch (IOException | RuntimeException e) {
        sb.append("unreadable");
      }
    }
    return sb.toString();
  }
}
