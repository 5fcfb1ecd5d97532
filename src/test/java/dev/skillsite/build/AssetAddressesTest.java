package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader's browser may keep across a deploy: every asset a page loads is addressed by its
 * content ({@code assets/NAME?v=} the first 10 hex digits of the SHA-256 of the file the site
 * holds, or of our script before its comments are stripped), the same content at the same address
 * in every page and every build, a changed asset at a new one; a patch that changes no asset
 * changes no page's addresses. The search manifest's {@code tag} (the chunks' address) is the sum
 * of the chunk files' parts (path and text, SHA-256's first 8 bytes), so it moves when a chunk
 * does, and a patch makes the one a clean build makes; {@code search/tag.js} holds it alone.
 */
class AssetAddressesTest {
  private static final Pattern ASSET =
      Pattern.compile("\"(?:\\.\\./)*assets/([a-z.-]+)\\?v=([0-9a-f]+)\"");

  @TempDir Path tmp;

  @Test
  void anAssetsAddressIsItsContentsFingerprintInEveryPageAndBuild() throws IOException {
    Path one = build(content("one", Map.of("alpha", "brew green tea")), Optional.empty());
    Path two =
        build(
            content("two", Map.of("beta", "grind coffee beans", "gamma", "roast cocoa")),
            Optional.empty());

    Map<String, String> first = addresses(one);
    assertTrue(
        first.keySet().containsAll(List.of("site.css", "site.js", "search-engine.js", "search.js")),
        first.toString());
    for (var e : first.entrySet()) {
      // our scripts ship without their comments: the address is the source's digest
      byte[] source;
      try (var ours =
          getClass().getClassLoader().getResourceAsStream("templates/assets/" + e.getKey())) {
        source =
            ours != null && e.getKey().endsWith(".js")
                ? ours.readAllBytes()
                : Files.readAllBytes(one.resolve("assets/" + e.getKey()));
      }
      assertEquals(
          sha256(source).substring(0, 10),
          e.getValue(),
          e.getKey() + ": the digest of the file the site's is made from");
    }
    assertEquals(first, addresses(two), "other skills, the same assets: the same addresses");
  }

  @Test
  void aChangedAssetGetsANewAddressAndTheOthersKeepTheirs() throws IOException {
    Path content = content("c", Map.of("alpha", "brew green tea", "beta", "grind coffee beans"));
    Map<String, String> ours = addresses(build(content, Optional.empty()));
    Path templates = tmp.resolve("templates");
    Files.createDirectories(templates.resolve("assets"));
    Files.writeString(templates.resolve("assets/site.css"), "body { color: teal; }\n");
    Path site = build(content, Optional.of(templates));

    Map<String, String> theirs = addresses(site);
    assertNotEquals(ours.get("site.css"), theirs.get("site.css"));
    assertEquals(
        sha256("body { color: teal; }\n".getBytes(StandardCharsets.UTF_8)).substring(0, 10),
        theirs.get("site.css"));
    Map<String, String> rest = new TreeMap<>(theirs);
    rest.remove("site.css");
    Map<String, String> oursRest = new TreeMap<>(ours);
    oursRest.remove("site.css");
    assertEquals(oursRest, rest);
  }

  @Test
  void aPatchKeepsEveryAddressAndMovesTheChunksTagAsACleanBuildDoes() throws IOException {
    Path content = content("p", Map.of("alpha", "brew green tea", "beta", "grind coffee beans"));
    Path site = tmp.resolve("site-p");
    BuildPipeline pipeline = new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);
    assertTrue(pipeline.run(new BuildOptions(content, site, Optional.empty(), true)).published());
    Map<String, String> before = addresses(site);
    Map<String, String> pagesBefore = pages(site);
    String tagBefore = tag(site);
    assertEquals(chunkSum(site), tagBefore, "a clean build's tag");
    assertEquals(tagFile(tagBefore), Files.readString(site.resolve("search/tag.js")), "tag.js");

    Path skill = content.resolve("skills/alpha/SKILL.md");
    Files.writeString(
        skill,
        // the same number of words: the body's average length (on its grid) stays, so it patches
        Files.readString(skill).replace("step by step.", "step by kettle."),
        StandardCharsets.UTF_8);
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(
                new BuildOptions(content, site, Optional.empty(), true),
                Optional.of(List.of(skill)));

    assertTrue(r.patch().taken(), r.patch().toString());
    assertEquals(before, addresses(site), "no asset changed: no address moved");
    // the edit's own pages change (its page, the cards showing it); none only in an address
    Map<String, String> pagesAfter = pages(site);
    TreeSet<String> changed = new TreeSet<>();
    pagesAfter.forEach(
        (p, text) -> {
          if (!text.equals(pagesBefore.get(p))) {
            changed.add(p);
            assertNotEquals(
                ASSET.matcher(pagesBefore.get(p)).replaceAll("ASSET"),
                ASSET.matcher(text).replaceAll("ASSET"),
                p + " changed in its asset addresses alone");
          }
        });
    assertTrue(changed.contains("skills/alpha/index.html"), changed.toString());
    assertNotEquals(tagBefore, tag(site), "a chunk changed (the body's new words): a new tag");
    assertEquals(chunkSum(site), tag(site), "the patched tag is the sum of the chunks as written");
    assertEquals(
        tagFile(tag(site)), Files.readString(site.resolve("search/tag.js")), "tag.js patched");
  }

  /** What search/tag.js holds for {@code tag}: the assignment search.js reads fresh. */
  private static String tagFile(String tag) {
    return "SkillsiteSearch.tag=\"" + tag + "\";\n";
  }

  /** Writes skills (id to its one trigger phrase) into a content folder named {@code name}. */
  private Path content(String name, Map<String, String> phrases) throws IOException {
    Path content = tmp.resolve("content-" + name);
    for (var e : phrases.entrySet()) {
      TestSkills.write(
          content,
          e.getKey(),
          "Use when the user asks to \"" + e.getValue() + "\".",
          "How to " + e.getValue() + ", step by step.\n\n```bash\necho " + e.getKey() + "\n```");
    }
    return content;
  }

  private Path build(Path content, Optional<Path> templates) throws IOException {
    Path site = tmp.resolve("site-" + content.getFileName() + templates.map(t -> "-t").orElse(""));
    assertTrue(
        new BuildPipeline(new SiteGenerator(templates), Progress.NONE)
            .run(new BuildOptions(content, site, Optional.empty(), true))
            .published());
    return site;
  }

  /** Every asset address of every page, name to fingerprint; a name with two is a failure. */
  private static Map<String, String> addresses(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (var page : pages(site).entrySet()) {
      Matcher m = ASSET.matcher(page.getValue());
      while (m.find()) {
        String was = out.putIfAbsent(m.group(1), m.group(2));
        assertTrue(was == null || was.equals(m.group(2)), page.getKey() + ": " + m.group());
      }
    }
    return out;
  }

  /** Every HTML page, path to its text. */
  private static Map<String, String> pages(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(site)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        out.put(
            site.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String tag(Path site) throws IOException {
    Matcher m =
        Pattern.compile("\"tag\":\"([0-9a-z]+)\"")
            .matcher(Files.readString(site.resolve("search/manifest.js")));
    assertTrue(m.find(), "a manifest with a tag");
    return m.group(1);
  }

  /** The sum of every chunk file's part, as the manifest's tag writes it. */
  private static String chunkSum(Path site) throws IOException {
    long sum = 0;
    try (Stream<Path> files = Files.walk(site.resolve("search"))) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String path = site.relativize(p).toString().replace('\\', '/');
        if (!path.matches("search/[tdn]/[0-9a-z]+\\.js")) {
          continue;
        }
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] text = Files.readAllBytes(p);
        byte[] all = new byte[name.length + 1 + text.length];
        System.arraycopy(name, 0, all, 0, name.length);
        System.arraycopy(text, 0, all, name.length + 1, text.length);
        sum += ByteBuffer.wrap(HexFormat.of().parseHex(sha256(all))).getLong();
      }
    }
    return Long.toUnsignedString(sum, 36);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
