package dev.skillsite.content;

import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.SourcePos;
import java.util.List;

/**
 * The site configuration and where each declared relation is written, for diagnostics.
 *
 * @param relations every {@code related} entry of skillsite.yaml, in file order
 * @param publishPlaceholders {@code publish_placeholders: true}: template skills are published too
 */
record SiteSettings(SiteConfig config, List<Relation> relations, boolean publishPlaceholders) {
  SiteSettings {
    relations = List.copyOf(relations);
  }

  SiteSettings(SiteConfig config, List<Relation> relations) {
    this(config, relations, false);
  }

  /** One declared relation: skill {@code from} is related to skill {@code to}. */
  record Relation(String from, SourcePos fromPos, String to, SourcePos toPos) {}
}
