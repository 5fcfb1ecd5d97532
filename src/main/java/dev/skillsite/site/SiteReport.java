package dev.skillsite.site;

import dev.skillsite.model.Diagnostic;
import java.util.List;

/**
 * What a site generation wrote and found.
 *
 * @param pages the number of HTML pages written
 * @param diagnostics problems found while rendering (links, images), sorted by {@link Diagnostic#ORDER}
 */
public record SiteReport(int pages, List<Diagnostic> diagnostics) {
  public SiteReport {
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }
}
