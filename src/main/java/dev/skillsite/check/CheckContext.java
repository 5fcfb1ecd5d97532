package dev.skillsite.check;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.SourcePos;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every {@link Rule} sees.
 *
 * @param root the content root, a real path
 * @param catalog the loaded collection, triggers extracted
 * @param locator where keys and phrases sit in each SKILL.md
 * @param options the target and the listing budget
 */
public record CheckContext(
    Path root, Catalog catalog, SourceLocator locator, CheckOptions options) {
  /** Where catalog-level findings point: {@code skillsite.yaml}, else the marketplace, line 1. */
  public SourcePos catalogPos() {
    for (String candidate :
        new String[] {"skillsite.yaml", "skillsite.yml", ".claude-plugin/marketplace.json"}) {
      if (Files.isRegularFile(root.resolve(candidate))) {
        return SourcePos.of(candidate);
      }
    }
    return SourcePos.of("skillsite.yaml");
  }
}
