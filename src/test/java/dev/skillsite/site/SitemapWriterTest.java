package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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

  private static List<String> locs(String xml) {
    List<String> out = new ArrayList<>();
    for (var m = java.util.regex.Pattern.compile("<loc>([^<]*)</loc>").matcher(xml); m.find(); ) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void partsCutWhereTheirPagesSayWithinTheProtocol() {
    Random r = new Random(27);
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      pages.add("skills/s-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "/index.html");
    }
    SitemapWriter w = new SitemapWriter(Optional.of("https://x.dev/"), 1_000, 60_000);
    Map<String, String> before = w.sitemaps(pages);
    // the index lists every part; each part within its bounds; every page once, in order
    List<String> parts = locs(before.get("sitemap.xml"));
    assertEquals(before.size() - 1, parts.size());
    List<String> all = new ArrayList<>();
    for (int n = 1; n <= parts.size(); n++) {
      assertEquals("https://x.dev/sitemap-" + n + ".xml", parts.get(n - 1));
      String part = before.get("sitemap-" + n + ".xml");
      List<String> urls = locs(part);
      assertTrue(urls.size() <= 1_000 && !urls.isEmpty(), n + ": " + urls.size() + " URLs");
      assertTrue(part.length() <= 60_000 + 200, n + ": " + part.length() + " bytes");
      all.addAll(urls);
    }
    assertEquals(
        pages.stream().sorted().map(p -> "https://x.dev/" + p.replace("index.html", "")).toList(),
        all);
    // pages added or removed one at a time: the part it is in, rarely the next
    int within = 0;
    int indexMoved = 0;
    for (int e = 0; e < 100; e++) {
      List<String> now = new ArrayList<>(pages);
      if (e % 2 == 0) {
        now.add("skills/new-" + e + "/index.html");
      } else {
        now.remove(r.nextInt(now.size()));
      }
      Map<String, String> after = w.sitemaps(now);
      long differ =
          after.keySet().stream()
              .filter(k -> !k.equals("sitemap.xml") && !after.get(k).equals(before.get(k)))
              .count();
      within += differ <= 2 ? 1 : 0;
      indexMoved += after.get("sitemap.xml").equals(before.get("sitemap.xml")) ? 0 : 1;
      assertTrue(differ >= 1);
    }
    assertTrue(within >= 95, within + " of 100 within two parts");
    assertTrue(indexMoved <= 5, "the index moved " + indexMoved + " times");
  }

  @Test
  void theDefaultLimitIsTheProtocols() {
    assertEquals(50_000, SitemapWriter.MAX_URLS);
  }
}
