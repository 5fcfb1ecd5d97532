package dev.skillsite.site;

import java.nio.file.Path;

/**
 * Where pages and copied content files go: a new site's folder, or a published one updated in
 * place.
 */
interface SiteFiles {
  void write(String sitePath, String text);

  void write(String sitePath, byte[] bytes);

  void copy(String sitePath, Path source);
}
