package dev.skillsite.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sitemap files of a published site with pages added and removed (a reference's page made or
 * deleted by a patch), as {@link SitemapWriter} writes them for the new set of pages, read from the
 * published files alone: each URL is read back into its page path (the writer's encoding undone and
 * checked by encoding it again). A single {@code sitemap.xml} stays single while the pages fit it;
 * a sitemap index keeps its number of parts (the parts are cut again as {@link
 * SitemapWriter#sitemaps} cuts them, so every part after the first change may differ). A change of
 * form (one file to an index or back) or of the number of parts is refused: the index and its parts
 * would be written anew. Stateless.
 */
public final class SitemapPatch {
  private static final Pattern LOC = Pattern.compile("<loc>([^<]*)</loc>");

  /** The changed sitemap files by site path, their new text; or why the change is not patched. */
  public record Outcome(Map<String, String> files, Optional<String> refused) {
    static Outcome refuse(String why) {
      return new Outcome(Map.of(), Optional.of(why));
    }
  }

  private final SitemapWriter writer;
  private final Optional<String> baseUrl;
  private final int maxUrls;
  private final int maxBytes;

  public SitemapPatch(Optional<String> baseUrl) {
    this(baseUrl, SitemapWriter.MAX_URLS, SitemapWriter.MAX_BYTES);
  }

  SitemapPatch(Optional<String> baseUrl, int maxUrls, int maxBytes) {
    this.writer = new SitemapWriter(baseUrl, maxUrls, maxBytes);
    this.baseUrl = baseUrl.flatMap(Urls::external);
    this.maxUrls = maxUrls;
    this.maxBytes = maxBytes;
  }

  /**
   * The sitemap files of {@code published} with the pages {@code added} (site paths, not listed
   * yet) and {@code removed} (listed).
   */
  public Outcome change(Path published, Set<String> added, Set<String> removed) throws IOException {
    Optional<String> top = read(published.resolve(SiteLayout.SITEMAP));
    if (top.isEmpty()) {
      return Outcome.refuse("the site has no sitemap.xml");
    }
    boolean index = top.get().contains("<sitemapindex");
    List<String> parts = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    if (index) {
      int count = 0;
      for (Matcher m = LOC.matcher(top.get()); m.find(); ) {
        count++;
      }
      for (int n = 1; n <= count; n++) {
        String part = "sitemap-" + n + ".xml";
        Optional<String> text = read(published.resolve(part));
        if (text.isEmpty()) {
          return Outcome.refuse("the sitemap index names " + part + ", which is missing");
        }
        parts.add(part);
        texts.add(text.get());
      }
      if (parts.isEmpty()) {
        return Outcome.refuse("the sitemap index has no parts");
      }
    } else {
      parts.add(SiteLayout.SITEMAP);
      texts.add(top.get());
    }
    TreeSet<String> pages = new TreeSet<>();
    for (String text : texts) {
      Matcher m = LOC.matcher(text);
      while (m.find()) {
        Optional<String> page = page(m.group(1));
        if (page.isEmpty()) {
          return Outcome.refuse("a sitemap URL does not read back as a page: " + m.group(1));
        }
        pages.add(page.get());
      }
    }
    for (String p : removed) {
      if (!pages.remove(p)) {
        return Outcome.refuse(p + " is not in the sitemap");
      }
    }
    for (String p : added) {
      if (!pages.add(p)) {
        return Outcome.refuse(p + " is in the sitemap already");
      }
    }
    Map<String, String> now = writer.sitemaps(new ArrayList<>(pages));
    boolean stillIndex = now.size() > 1;
    if (stillIndex != index) {
      return Outcome.refuse(
          "the sitemap would "
              + (index ? "fit one file again" : "need an index")
              + " (more than "
              + maxUrls
              + " URLs or "
              + maxBytes
              + " bytes)");
    }
    if (index && now.size() - 1 != parts.size()) {
      return Outcome.refuse(
          "the sitemap would have " + (now.size() - 1) + " parts instead of " + parts.size());
    }
    Map<String, String> changed = new LinkedHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      String text = now.get(parts.get(k));
      if (!text.equals(texts.get(k))) {
        changed.put(parts.get(k), text);
      }
    }
    if (index && !now.get(SiteLayout.SITEMAP).equals(top.get())) {
      return Outcome.refuse("the sitemap index itself would change");
    }
    return new Outcome(changed, Optional.empty());
  }

  /**
   * As {@link #change}, reading only the sitemap files a skill added or removed changes: {@code
   * sitemap.xml} when it is the one file (it is the part), else the first URL of each part (a few
   * kilobytes of each, to find the parts the pages fall in) and those parts whole. A changed part
   * must end where it ended — its last page a cut past half, or full — judged with the next part's
   * first page, so that every later part stays as it is; else refused (a cut moved). A sitemap
   * index of three parts or fewer is read whole ({@link #change}: a removal could make it one file
   * again, which only every part's count tells).
   */
  public Outcome changeLocal(Path published, Set<String> added, Set<String> removed)
      throws IOException {
    Optional<String> top = read(published.resolve(SiteLayout.SITEMAP));
    if (top.isEmpty()) {
      return Outcome.refuse("the site has no sitemap.xml");
    }
    if (!top.get().contains("<sitemapindex")) {
      return change(published, added, removed);
    }
    int count = 0;
    for (Matcher m = LOC.matcher(top.get()); m.find(); ) {
      count++;
    }
    if (count <= 3) {
      return change(published, added, removed);
    }
    List<String> firsts = new ArrayList<>(); // each part's first page
    for (int n = 1; n <= count; n++) {
      Optional<String> first = firstPage(published.resolve("sitemap-" + n + ".xml"));
      if (first.isEmpty()) {
        return Outcome.refuse("sitemap-" + n + ".xml has no URL that reads back as a page");
      }
      firsts.add(first.get());
    }
    Map<Integer, List<String>> adds = new java.util.TreeMap<>();
    Map<Integer, List<String>> removes = new java.util.TreeMap<>();
    for (String p : added) {
      adds.computeIfAbsent(partOf(firsts, p), k -> new ArrayList<>()).add(p);
    }
    for (String p : removed) {
      removes.computeIfAbsent(partOf(firsts, p), k -> new ArrayList<>()).add(p);
    }
    TreeSet<Integer> touched = new TreeSet<>(adds.keySet());
    touched.addAll(removes.keySet());
    Map<String, String> changed = new LinkedHashMap<>();
    for (int k : touched) {
      String part = "sitemap-" + (k + 1) + ".xml";
      Optional<String> text = read(published.resolve(part));
      if (text.isEmpty()) {
        return Outcome.refuse("the sitemap index names " + part + ", which is missing");
      }
      TreeSet<String> pages = new TreeSet<>();
      for (Matcher m = LOC.matcher(text.get()); m.find(); ) {
        Optional<String> page = page(m.group(1));
        if (page.isEmpty()) {
          return Outcome.refuse("a sitemap URL does not read back as a page: " + m.group(1));
        }
        pages.add(page.get());
      }
      for (String p : removes.getOrDefault(k, List.of())) {
        if (!pages.remove(p)) {
          return Outcome.refuse(p + " is not in the sitemap");
        }
      }
      for (String p : adds.getOrDefault(k, List.of())) {
        if (!pages.add(p)) {
          return Outcome.refuse(p + " is in the sitemap already");
        }
      }
      if (pages.isEmpty()) {
        return Outcome.refuse(part + " would list no page");
      }
      List<String> entries = new ArrayList<>(pages);
      boolean last = k == count - 1;
      if (!last) {
        entries.add(firsts.get(k + 1));
      }
      int end =
          DataParts.firstEnd(
              entries.size(),
              maxUrls,
              maxBytes,
              i -> writer.weight(entries.get(i)),
              i -> DataParts.cut(entries.get(i)));
      if (end != pages.size()) {
        return Outcome.refuse(part + " would end elsewhere (a cut moved)");
      }
      String now = writer.sitemap(new ArrayList<>(pages));
      if (!now.equals(text.get())) {
        changed.put(part, now);
      }
    }
    return new Outcome(changed, Optional.empty());
  }

  /** The part (from 0) a page falls in: the last whose first page is at most it. */
  private static int partOf(List<String> firsts, String page) {
    int at = java.util.Collections.binarySearch(firsts, page);
    return at >= 0 ? at : Math.max(0, -at - 2);
  }

  /** The page of a sitemap part's first URL, read from its first few kilobytes. */
  private Optional<String> firstPage(Path part) throws IOException {
    if (!Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (var in = Files.newInputStream(part)) {
      Matcher m = LOC.matcher(new String(in.readNBytes(1 << 12), StandardCharsets.UTF_8));
      if (m.find()) {
        return page(m.group(1));
      }
    }
    return firstPageWhole(part); // a long URL past the first window
  }

  private Optional<String> firstPageWhole(Path part) throws IOException {
    Matcher m = LOC.matcher(Files.readString(part, StandardCharsets.UTF_8));
    return m.find() ? page(m.group(1)) : Optional.empty();
  }

  /** The page a URL the writer made stands for, checked by making its URL again. */
  private Optional<String> page(String loc) {
    String url = unxml(loc);
    String path;
    if (baseUrl.isPresent()) {
      String base = baseUrl.get().endsWith("/") ? baseUrl.get() : baseUrl.get() + "/";
      if (!url.startsWith(base)) {
        return Optional.empty();
      }
      path = url.substring(base.length());
      path = path.isEmpty() ? "index.html" : path.endsWith("/") ? path + "index.html" : path;
    } else {
      path = url;
    }
    Optional<String> decoded = decode(path);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    String again =
        baseUrl.map(b -> Urls.absolute(b, decoded.get())).orElse(Urls.encodePath(decoded.get()));
    return again.equals(url) ? decoded : Optional.empty();
  }

  private static Optional<String> decode(String path) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= path.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return Optional.empty(); // the writer encodes every byte past ASCII
      }
    }
    return Optional.of(bytes.toString(StandardCharsets.UTF_8));
  }

  private static String unxml(String s) {
    return s.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
  }

  private static Optional<String> read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
  }
}
