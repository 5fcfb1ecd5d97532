package dev.skillsite.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sitemap.xml} (absolute URLs with a base URL, else relative) and {@code robots.txt}. A site
 * of more than {@link #MAX_URLS} pages gets a sitemap index ({@code sitemap.xml}) of sitemaps
 * {@code sitemap-1.xml} …, each of at most {@link #MAX_URLS} URLs, as the sitemaps.org protocol
 * asks, and at most {@link #MAX_BYTES} of them, cut where a page's path says ({@link #sitemaps}).
 */
final class SitemapWriter {
  /**
   * URLs in one sitemap file at most (the protocol's limit; 50,000 URLs of ~100 bytes stay far
   * under 50 MB).
   */
  static final int MAX_URLS = 50_000;

  /**
   * Bytes of URLs in one sitemap file at most: the site's bound on a machine-readable file ({@link
   * Paging#MAX_DATA_BYTES}), less room for the XML around them.
   */
  static final int MAX_BYTES = (int) Paging.MAX_DATA_BYTES - 1024;

  /** The markup around one URL ({@code <url><loc>…</loc></url>}). */
  private static final int URL_MARKUP = 26;

  private final Optional<String> baseUrl;
  private final int maxUrls;
  private final int maxBytes;

  SitemapWriter(Optional<String> baseUrl) {
    this(baseUrl, MAX_URLS);
  }

  SitemapWriter(Optional<String> baseUrl, int maxUrls) {
    this(baseUrl, maxUrls, MAX_BYTES);
  }

  SitemapWriter(Optional<String> baseUrl, int maxUrls, int maxBytes) {
    if (maxUrls < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("a sitemap holds at least one URL");
    }
    this.baseUrl = baseUrl.flatMap(Urls::external);
    this.maxUrls = maxUrls;
    this.maxBytes = maxBytes;
  }

  /**
   * The sitemap files by path: {@code sitemap.xml} alone, or an index and its parts. A part holds
   * at most {@code maxUrls} URLs and {@code maxBytes} of them, and ends at its first page past half
   * of {@code maxUrls} whose path is a natural cut ({@link DataParts}): a page added or removed
   * changes its own part (rarely the next), and the index only when the count of parts moves.
   */
  Map<String, String> sitemaps(List<String> pages) {
    List<String> sorted = pages.stream().sorted().toList();
    // at most maxUrls URLs and maxBytes a part (long URLs: a reference's path, a long base URL)
    long[] weights = new long[sorted.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight(sorted.get(i));
    }
    DataParts parts =
        DataParts.split(
            sorted.size(), maxUrls, maxBytes, i -> weights[i], i -> DataParts.cut(sorted.get(i)));
    if (parts.count() <= 1) {
      return Map.of(SiteLayout.SITEMAP, sitemap(sorted));
    }
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder index =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (int k = 0; k < parts.count(); k++) {
      String part = "sitemap-" + (k + 1) + ".xml";
      out.put(part, sitemap(sorted.subList(parts.starts().get(k), parts.end(k, sorted.size()))));
      index.append("  <sitemap><loc>").append(xml(url(part))).append("</loc></sitemap>\n");
    }
    out.put(SiteLayout.SITEMAP, index.append("</sitemapindex>\n").toString());
    return out;
  }

  /** What a page weighs against a part's byte bound: its URL and the markup around it. */
  long weight(String page) {
    return xml(url(page)).length() + URL_MARKUP;
  }

  private String url(String page) {
    return baseUrl.map(b -> Urls.absolute(b, page)).orElse(Urls.encodePath(page));
  }

  String sitemap(List<String> pages) {
    StringBuilder sb =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    pages.stream()
        .sorted()
        .forEach(p -> sb.append("  <url><loc>").append(xml(url(p))).append("</loc></url>\n"));
    return sb.append("</urlset>\n").toString();
  }

  String robots() {
    return "User-agent: *\nAllow: /\n"
        + baseUrl.map(b -> "Sitemap: " + Urls.absolute(b, SiteLayout.SITEMAP) + "\n").orElse("");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
