package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page added to or removed from a published sitemap (a reference's page a patch makes or deletes)
 * gives, file for file, what {@link SitemapWriter} writes for the new set of pages; a change of the
 * sitemap's form or of its number of parts is refused.
 */
class SitemapPatchTest {
  @TempDir Path root;

  private Path dir;

  @org.junit.jupiter.api.BeforeEach
  void site() throws IOException {
    dir = Files.createDirectories(root.resolve("site-0"));
  }

  /** The pages of a small site, some with characters the writer encodes. */
  private static List<String> pages(Random random, int n) {
    List<String> out = new ArrayList<>(List.of("index.html", "skills/index.html", "search.html"));
    String[] names = {"alpha", "beta", "ça-va", "x y", "a&b", "zeta", "mu'nu"};
    while (out.size() < n) {
      String skill = names[random.nextInt(names.length)] + "-" + random.nextInt(1000);
      out.add("skills/" + skill + "/index.html");
      if (random.nextBoolean()) {
        out.add("skills/" + skill + "/references/ref-" + random.nextInt(50) + ".html");
      }
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  private void publish(Map<String, String> files) throws IOException {
    for (var e : files.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  private int sites;

  /** A fresh folder for the next site. */
  private void fresh() throws IOException {
    dir = Files.createDirectories(root.resolve("site-" + ++sites));
  }

  /** The published files after the patch's changed files are written over them. */
  private Map<String, String> patched(Map<String, String> before, Map<String, String> changed) {
    Map<String, String> out = new HashMap<>(before);
    out.putAll(changed);
    return out;
  }

  private void addAndRemove(Optional<String> base, int maxUrls, int maxBytes, long seed)
      throws IOException {
    Random random = new Random(seed);
    List<String> pages = pages(random, 40);
    SitemapWriter writer = new SitemapWriter(base, maxUrls, maxBytes);
    Map<String, String> before = writer.sitemaps(pages);
    fresh();
    publish(before);
    String added =
        "skills/" + (random.nextBoolean() ? "beta-7" : "ça va-3") + "/references/new.html";
    String removed = pages.get(3 + random.nextInt(pages.size() - 3));
    List<String> after = new ArrayList<>(pages);
    after.add(added);
    after.remove(removed);
    SitemapPatch.Outcome o =
        new SitemapPatch(base, maxUrls, maxBytes).change(dir, Set.of(added), Set.of(removed));
    Map<String, String> clean = writer.sitemaps(after);
    if (o.refused().isPresent()) {
      assertTrue(
          clean.size() != before.size(), "refused though the form stays: " + o.refused().get());
      return;
    }
    assertEquals(clean, patched(before, o.files()), "seed " + seed);
  }

  @Test
  void onePageAddedAndOneRemovedInOneSitemapAsTheWriterWritesThem() throws IOException {
    for (long seed = 1; seed <= 20; seed++) {
      addAndRemove(Optional.of("https://x.dev/docs"), SitemapWriter.MAX_URLS, 1 << 20, seed);
      addAndRemove(Optional.empty(), SitemapWriter.MAX_URLS, 1 << 20, seed);
    }
  }

  @Test
  void inAnIndexThePartsAreCutAgainAsTheWriterCutsThem() throws IOException {
    for (long seed = 1; seed <= 20; seed++) {
      addAndRemove(Optional.of("https://x.dev/"), 7, 1 << 20, seed);
      addAndRemove(Optional.empty(), 1000, 600, seed); // cut by bytes
    }
  }

  @Test
  void aPageAddedOnlyMovesThePartsAfterIt() throws IOException {
    SitemapWriter writer = new SitemapWriter(Optional.of("https://x.dev/"), 3);
    Map<String, String> before =
        writer.sitemaps(List.of("a.html", "b.html", "c.html", "d.html", "e.html", "f.html"));
    publish(before);
    SitemapPatch.Outcome o =
        new SitemapPatch(Optional.of("https://x.dev/"), 3, SitemapWriter.MAX_BYTES)
            .change(dir, Set.of("e2.html"), Set.of("a.html"));
    assertEquals(Optional.empty(), o.refused());
    assertEquals(Set.of("sitemap-1.xml", "sitemap-2.xml"), o.files().keySet());
    assertEquals(
        writer.sitemaps(List.of("b.html", "c.html", "d.html", "e.html", "e2.html", "f.html")),
        patched(before, o.files()));
  }

  @Test
  void crossingASplitOrTheOneFileLimitIsRefused() throws IOException {
    SitemapWriter writer = new SitemapWriter(Optional.of("https://x.dev/"), 3);
    publish(writer.sitemaps(List.of("a.html", "b.html", "c.html")));
    SitemapPatch patch =
        new SitemapPatch(Optional.of("https://x.dev/"), 3, SitemapWriter.MAX_BYTES);
    assertEquals(
        Optional.of(
            "the sitemap would need an index (more than 3 URLs or "
                + SitemapWriter.MAX_BYTES
                + " bytes)"),
        patch.change(dir, Set.of("d.html"), Set.of()).refused());
    publish(writer.sitemaps(List.of("a.html", "b.html", "c.html", "d.html", "e.html", "f.html")));
    assertEquals(
        Optional.of("the sitemap would have 3 parts instead of 2"),
        patch.change(dir, Set.of("g.html"), Set.of()).refused());
    assertEquals(
        Optional.of("a.html is in the sitemap already"),
        patch.change(dir, Set.of("a.html"), Set.of()).refused());
    assertEquals(
        Optional.of("z.html is not in the sitemap"),
        patch.change(dir, Set.of(), Set.of("z.html")).refused());
  }

  /**
   * {@link SitemapPatch#changeLocal} on an index of about ten parts (400 URLs at most a part, each
   * ending at a cut as at 50,000): a skill's pages added or removed give the writer's files for the
   * new pages; when the writer's files differ in the skill's parts alone, every other part is cut
   * down to its first URL before the patch (what it reads of them); a refusal only where more parts
   * differ (a cut moved).
   */
  @Test
  void aSkillsPagesInAnIndexOfTenPartsReadOnlyTheirParts() throws IOException {
    Random random = new Random(34);
    List<String> pages = pages(random, 4000);
    Optional<String> base = Optional.of("https://x.dev/docs/");
    SitemapWriter writer = new SitemapWriter(base, 400, SitemapWriter.MAX_BYTES);
    int patched = 0;
    for (int t = 0; t < 40; t++) {
      String skill = "skills/new-" + random.nextInt(100_000) + "/";
      Set<String> mine = new TreeSet<>(List.of(skill + "index.html", skill + "ref/a.html"));
      List<String> with = new ArrayList<>(pages);
      with.addAll(mine);
      for (boolean add : List.of(true, false)) {
        Map<String, String> before = writer.sitemaps(add ? pages : with);
        Map<String, String> clean = writer.sitemaps(add ? with : pages);
        fresh();
        publish(before);
        long differ =
            clean.keySet().stream().filter(f -> !clean.get(f).equals(before.get(f))).count();
        boolean local = clean.keySet().equals(before.keySet()) && differ <= 2;
        if (local) {
          for (var e : before.entrySet()) {
            if (!e.getKey().equals(SiteLayout.SITEMAP)
                && e.getValue().equals(clean.get(e.getKey()))) {
              String text = e.getValue();
              int end = text.indexOf("</url>") + "</url>".length();
              Files.writeString(dir.resolve(e.getKey()), text.substring(0, end) + "\n");
            }
          }
        }
        SitemapPatch.Outcome o =
            new SitemapPatch(base, 400, SitemapWriter.MAX_BYTES)
                .changeLocal(dir, add ? mine : Set.of(), add ? Set.of() : mine);
        if (o.refused().isPresent()) {
          assertTrue(!local, "refused though local: " + o.refused().get());
          continue;
        }
        patched++;
        assertEquals(clean, patched(before, o.files()), skill + (add ? " added" : " removed"));
      }
    }
    System.out.printf(
        "sitemap of %d parts: %d of 80 patched%n", writer.sitemaps(pages).size() - 1, patched);
    assertTrue(patched >= 60, patched + " patched");
  }
}
