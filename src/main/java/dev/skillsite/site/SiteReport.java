package dev.skillsite.site;

import dev.skillsite.model.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a site generation wrote and found.
 *
 * @param pages the number of HTML pages written
 * @param diagnostics problems found while rendering (links, images), sorted by {@link
 *     Diagnostic#ORDER}
 * @param snapshot what a watching server keeps to refresh one skill's pages quickly
 * @param kept site paths whose published file is the new one, left where it is (a site published in
 *     place, {@code AtomicSiteWriter#commit(Set)}); none otherwise
 */
public record SiteReport(
    int pages,
    List<Diagnostic> diagnostics,
    Optional<SiteGenerator.Snapshot> snapshot,
    Set<String> kept,
    long notRendered) {
  public SiteReport {
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
    kept = Set.copyOf(kept);
  }

  public SiteReport(
      int pages, List<Diagnostic> diagnostics, Optional<SiteGenerator.Snapshot> snapshot) {
    this(pages, diagnostics, snapshot, Set.of(), 0);
  }

  public SiteReport(int pages, List<Diagnostic> diagnostics) {
    this(pages, diagnostics, Optional.empty());
  }
}
