package dev.skillsite.build;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.UnchangedFiles;
import dev.skillsite.site.SiteReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Swap: the staging folder and the build's diagnostics → the published site. The new site replaces
 * the old one in one rename when no skill had an error, or when the build publishes with errors
 * ({@code build}); else the old site stays as it was ({@code serve --watch}). Unchanged files are
 * hard links to the published ones, so they keep their times. A plain build whose site changed in a
 * few files updates the published folder in place instead, through a journal ({@link
 * AtomicSiteWriter#commit(java.util.Set)}): unchanged files are not touched at all.
 */
final class SwapStage {
  private final Object publishing;

  /**
   * @param publishing held while a site is swapped in, and by {@link BuildPipeline#refresh} while
   *     it updates pages in place, so that the two never interleave
   */
  SwapStage(Object publishing) {
    this.publishing = publishing;
  }

  /** How the new site was published; empty when it was not. */
  Optional<AtomicSiteWriter.Published> swap(
      BuildContext build, AtomicSiteWriter writer, List<Diagnostic> diagnostics, SiteReport report)
      throws IOException {
    boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
    if (!build.options().publishWithErrors() && failed) {
      return Optional.empty();
    }
    synchronized (publishing) {
      if (report.kept().isEmpty()) {
        UnchangedFiles.link(writer.staging(), build.published());
        writer.commit();
        return Optional.of(new AtomicSiteWriter.Published(false, 0, 0));
      }
      return Optional.of(writer.commit(report.kept())); // in place when the change is small
    }
  }
}
