package dev.skillsite.build;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.UnchangedFiles;
import java.io.IOException;
import java.util.List;

/**
 * Swap: the staging folder and the build's diagnostics → the published site. The new site replaces
 * the old one in one rename when no skill had an error, or when the build publishes with errors
 * ({@code build}); else the old site stays as it was ({@code serve --watch}). Unchanged files are
 * hard links to the published ones, so they keep their times.
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

  /** Whether the new site was published. */
  boolean swap(BuildContext build, AtomicSiteWriter writer, List<Diagnostic> diagnostics)
      throws IOException {
    boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
    if (!build.options().publishWithErrors() && failed) {
      return false;
    }
    synchronized (publishing) {
      UnchangedFiles.link(writer.staging(), build.published());
      writer.commit();
    }
    return true;
  }
}
