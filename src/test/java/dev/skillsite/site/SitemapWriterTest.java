package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sitemap of more URLs than one file may hold becomes a sitemap index of parts (the limit made
 * small here).
 */
class SitemapWriterTest {
  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  private static final String NS = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";

  @Test
  void upToTheLimitOneSitemap() {
    Map<String, String> files =
        new SitemapWriter(Optional.of("https://x.dev/"), 3)
            .sitemaps(List.of("b.html", "a.html", "c.html"));
    assertEquals(
        Map.of(
            "sitemap.xml",
            HEAD
                + "<urlset "
                + NS
                + ">\n"
                + "  <url><loc>https://x.dev/a.html</loc></url>\n"
                + "  <url><loc>https://x.dev/b.html</loc></url>\n"
                + "  <url><loc>https://x.dev/c.html</loc></url>\n"
                + "</urlset>\n"),
        files);
  }

  @Test
  void overTheLimitAnIndexOfParts() {
    Map<String, String> files =
        new SitemapWriter(Optional.of("https://x.dev/"), 2)
            .sitemaps(List.of("e.html", "d.html", "c.html", "b.html", "a.html"));
    assertEquals(
        List.of("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"),
        files.keySet().stream().toList());
    assertEquals(
        HEAD
            + "<sitemapindex "
            + NS
            + ">\n"
            + "  <sitemap><loc>https://x.dev/sitemap-1.xml</loc></sitemap>\n"
            + "  <sitemap><loc>https://x.dev/sitemap-2.xml</loc></sitemap>\n"
            + "  <sitemap><loc>https://x.dev/sitemap-3.xml</loc></sitemap>\n"
            + "</sitemapindex>\n",
        files.get("sitemap.xml"));
    assertEquals(
        HEAD
            + "<urlset "
            + NS
            + ">\n"
            + "  <url><loc>https://x.dev/c.html</loc></url>\n"
            + "  <url><loc>https://x.dev/d.html</loc></url>\n"
            + "</urlset>\n",
        files.get("sitemap-2.xml"));
    assertEquals(
        HEAD
            + "<urlset "
            + NS
            + ">\n"
            + "  <url><loc>https://x.dev/e.html</loc></url>\n"
            + "</urlset>\n",
        files.get("sitemap-3.xml"));
  }

  @Test
  void longUrlsSplitBeforeTheCount() {
    // 26 bytes of markup and 19 of URL a page: two fit in 100 bytes, a third does not
    Map<String, String> files =
        new SitemapWriter(Optional.of("https://x.dev/"), 50, 100)
            .sitemaps(List.of("a.html", "b.html", "c.html", "d.html", "e.html"));
    assertEquals(
        List.of("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"),
        files.keySet().stream().toList());
    assertEquals(
        List.of("sitemap.xml"),
        new SitemapWriter(Optional.of("https://x.dev/"), 50, 100)
            .sitemaps(List.of("a.html", "b.html")).keySet().stream().toList());
  }

  @Test
  void theDefaultLimitIsTheProtocols() {
    assertEquals(50_000, SitemapWriter.MAX_URLS);
  }
}
