package dev.skillsite.site.view;

import java.util.Locale;

/** One frontmatter key shown as text. */
public record MetaEntry(String key, String value) {
  /**
   * The key as a reader reads it: {@code metadata.based-on} is "Based on", {@code metadata.author}
   * "Author", other nested keys joined with " › " ({@code x.release-date} is "X › Release date").
   */
  public String label() {
    String k = key.startsWith("metadata.") ? key.substring("metadata.".length()) : key;
    StringBuilder out = new StringBuilder();
    for (String part : k.split("\\.")) {
      String words = part.replace('-', ' ').replace('_', ' ').strip();
      if (words.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(" › ");
      }
      out.append(words.substring(0, 1).toUpperCase(Locale.ROOT)).append(words.substring(1));
    }
    return out.length() == 0 ? key : out.toString();
  }
}
