package dev.skillsite.build;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;

/**
 * Load: the content folder → the catalog (every skill with its triggers, collections, the loader's
 * diagnostics), with the base URL the build was given.
 */
final class LoadStage {
  private final ContentLoader loader;

  LoadStage(ContentLoader loader) {
    this.loader = loader;
  }

  Catalog load(BuildContext build) throws IOException {
    Catalog catalog = loader.load(build.content(), build.options().maxSkills());
    return build
        .options()
        .baseUrl()
        .map(
            url ->
                new Catalog(
                    catalog.config().withBaseUrl(url),
                    catalog.collections(),
                    catalog.skills(),
                    catalog.skippedSources(),
                    catalog.diagnostics()))
        .orElse(catalog);
  }
}
