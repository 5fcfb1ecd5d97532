package dev.skillsite.build;

import dev.skillsite.audit.AuditMemo;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSettings;
import dev.skillsite.audit.Auditor;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    private final Optional<AuditMemo> memo;

    private Running(
        AuditSettings settings,
        CompletableFuture<Optional<AuditReport>> report,
        Optional<AuditMemo> memo) {
      this.settings = settings;
      this.report = report;
      this.memo = memo;
    }

    /**
     * Leaves each file's findings in {@code staging}'s build cache for the next build, which then
     * scans only the files that changed (nothing without the cache or the audit).
     */
    void keep(Path staging) throws IOException {
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
          settings, CompletableFuture.completedFuture(Optional.empty()), Optional.empty());
    }
    String key = BuildCache.auditKey().value();
    Optional<AuditMemo> memo = build.cache().auditFindings().map(f -> AuditMemo.read(f, key));
    return new Running(
        settings,
        clock.beside(
            Stage.AUDIT,
            () -> {
              try {
                return Optional.of(
                    Auditor.standard()
                        .audit(
                            catalog,
                            build.content(),
                            Optional.of(settings.baselineFile(build.content())),
                            memo));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            build.pool()),
        memo);
  }
}
