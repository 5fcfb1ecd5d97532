package dev.skillsite.site;

import dev.skillsite.model.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What a site generation wrote and found.
 *
 * @param pages the number of HTML pages written
 * @param diagnostics problems found while rendering (links, images), sorted by {@link
 *     Diagnostic#ORDER}
 * @param snapshot what a watching server keeps to refresh one skill's pages quickly
 */
public record SiteReport(
    int pages, List<Diagnostic> diagnostics, Optional<SiteGenerator.Snapshot> snapshot) {
  public SiteReport {
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  public SiteReport(int pages, List<Diagnostic> diagnostics) {
    this(pages, diagnostics, Optional.empty());
  }
}
