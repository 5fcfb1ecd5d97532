package dev.skillsite.site;

import java.util.Locale;

/**
 * The kinds of page, each rendered by the template of the same name ({@code templates/<name>.peb}).
 */
enum PageKind {
  INDEX,
  SKILL,
  REFERENCE,
  COLLECTION,
  COLLECTIONS,
  SKILLS,
  TRIGGERS,
  SEARCH,
  HEALTH,
  AUDIT,
  NOT_FOUND;

  String template() {
    return this == NOT_FOUND ? "404" : name().toLowerCase(Locale.ROOT);
  }
}
