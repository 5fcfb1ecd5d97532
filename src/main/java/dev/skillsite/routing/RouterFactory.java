package dev.skillsite.routing;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The index stage of a build, reusable by commands: load a content tree (the loader extracts each
 * skill's triggers) and index the skills.
 */
public final class RouterFactory {
  private RouterFactory() {}

  /**
   * Loads {@code contentRoot} and builds an in-memory routing index of the skills that loaded (at
   * least one).
   */
  public static RoutingIndex fromContent(Path contentRoot) throws IOException {
    Catalog catalog = new ContentLoader().load(contentRoot);
    if (catalog.skills().isEmpty()) {
      throw new IOException(
          contentRoot + ": no skill to route to (no SKILL.md under it loaded; `check` says why)");
    }
    return RoutingIndex.build(catalog.skills(), confidence(catalog));
  }

  /**
   * The threshold the collection sets ({@code routing.threshold} in {@code skillsite.yaml}), else
   * the default.
   */
  public static Confidence confidence(Catalog catalog) {
    return catalog
        .config()
        .threshold()
        .map(Confidence.DEFAULT::withThreshold)
        .orElse(Confidence.DEFAULT);
  }
}
