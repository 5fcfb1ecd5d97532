package dev.skillsite.build;

import java.util.Locale;

/**
 * The stages of a build, in the order they start. Trigger extraction is part of {@code load} (the
 * loader extracts each skill's triggers as it reads it, once). {@code audit} runs beside {@code
 * index}, {@code relate} and {@code health}; the Markdown half of {@code render} too; {@code
 * export} runs beside the pages half of {@code render}.
 */
enum Stage {
  /** Content folder → catalog (skills with their triggers, collections, diagnostics). */
  LOAD,
  /** Catalog → audit report (when the collection asks for one); may hide skills with dangers. */
  AUDIT,
  /** Catalog + build cache → routing index, its key and answers (read back when unchanged). */
  INDEX,
  /** Catalog + index → each skill's related skills. */
  RELATE,
  /** Catalog + index → the routing health report the site shows. */
  HEALTH,
  /** Catalog (+ earlier documents) → rendered documents; site input → pages in staging. */
  RENDER,
  /** Index + catalog → routing index, search export, llms.txt, discovery index in staging. */
  EXPORT,
  /** Staging + diagnostics → the published site (or the old one kept). */
  SWAP;

  /** The name shown by the progress bar and {@code build --timings}, e.g. {@code render}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
