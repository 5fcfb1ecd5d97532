package dev.skillsite.site;

import java.util.List;
import java.util.Optional;

/** {@code sitemap.xml} (absolute URLs with a base URL, else relative) and {@code robots.txt}. */
final class SitemapWriter {
  private final Optional<String> baseUrl;

  SitemapWriter(Optional<String> baseUrl) {
    this.baseUrl = baseUrl.flatMap(Urls::external);
  }

  String sitemap(List<String> pages) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    pages.stream().sorted().forEach(p -> sb.append("  <url><loc>")
        .append(xml(baseUrl.map(b -> Urls.absolute(b, p)).orElse(Urls.encodePath(p))))
        .append("</loc></url>\n"));
    return sb.append("</urlset>\n").toString();
  }

  String robots() {
    return "User-agent: *\nAllow: /\n" + baseUrl.map(b -> "Sitemap: " + Urls.absolute(b, SiteLayout.SITEMAP) + "\n")
        .orElse("");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
