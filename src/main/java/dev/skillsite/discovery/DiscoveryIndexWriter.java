package dev.skillsite.discovery;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes {@code .well-known/agent-skills/index.json}, the Agent Skills discovery index (draft
 * schema 0.2.0): per skill its {@code name}, {@code description}, {@code type: "skill-md"}, the
 * {@code url} of its raw SKILL.md in the site and {@code digest: "sha256:<hex>"} of exactly those
 * bytes; a skill whose folder the site serves as an archive (it has files beside its SKILL.md) is
 * {@code type: "archive"} with the archive's {@code url} and digest instead. Also writes {@code
 * .nojekyll}, without which GitHub Pages hides every path starting with a dot, this index's among
 * them. URLs are absolute under the site's base URL when it has one, else relative to the index
 * (RFC 3986), so the index works under a sub-path too. Skills are listed by name, then id; output
 * is byte-for-byte deterministic.
 */
public final class DiscoveryIndexWriter {
  public static final String PATH = ".well-known/agent-skills/index.json";
  public static final String SCHEMA = "https://schemas.agentskills.io/discovery/0.2.0/schema.json";

  /**
   * Tells GitHub Pages to publish the site as it is (no Jekyll, which drops {@code .well-known}).
   */
  static final String NO_JEKYLL = ".nojekyll";

  /**
   * @param contentRoot where the catalog was loaded from (raw SKILL.md files missing from the site
   *     are copied from it)
   * @param siteDir the site being written (the staging folder)
   */
  public void write(Catalog catalog, Path contentRoot, Path siteDir) throws IOException {
    write(catalog, contentRoot, siteDir, siteDir::resolve);
  }

  /**
   * Like {@link #write(Catalog, Path, Path)}, reading the site's files where {@code site} says they
   * are (a site updated in place keeps unchanged files in the published folder, not in {@code
   * siteDir}).
   */
  public void write(Catalog catalog, Path contentRoot, Path siteDir, Function<String, Path> site)
      throws IOException {
    RawSkillFiles raw = new RawSkillFiles(contentRoot, siteDir, site);
    List<Skill> sorted = sorted(catalog.skills());
    List<String> digests;
    try { // hashing every SKILL.md is the larger part of this file's work: on all cores
      digests =
          sorted.parallelStream()
              .map(
                  s -> {
                    try {
                      Path archive = site.apply(RawSkillFiles.archivePath(s));
                      return sha256(
                          Files.isRegularFile(archive)
                              ? Files.readAllBytes(archive)
                              : raw.bytes(s));
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    JsonArray skills = new JsonArray();
    for (int i = 0; i < sorted.size(); i++) {
      Skill s = sorted.get(i);
      boolean archive = Files.isRegularFile(site.apply(RawSkillFiles.archivePath(s)));
      JsonObject o = new JsonObject();
      o.addProperty("name", s.name());
      o.addProperty("type", archive ? "archive" : "skill-md");
      o.addProperty("description", s.description().strip());
      o.addProperty(
          "url", url(catalog, archive ? RawSkillFiles.archivePath(s) : RawSkillFiles.sitePath(s)));
      o.addProperty("digest", "sha256:" + digests.get(i));
      skills.add(o);
    }
    JsonObject index = new JsonObject();
    index.addProperty("$schema", SCHEMA);
    index.add("skills", skills);
    Path file = siteDir.resolve(PATH);
    Files.createDirectories(file.getParent());
    String json =
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(index) + "\n";
    Files.writeString(file, json, StandardCharsets.UTF_8);
    Files.write(siteDir.resolve(NO_JEKYLL), new byte[0]);
  }

  private static final String DIGEST = "\"digest\": \"sha256:";

  /**
   * Where, in the index {@code file} ({@link #PATH} of a site), the digest of each archive entry
   * starts (byte offset of its hex), by the archive's site path: what a patch build records so that
   * it can change one entry's digest without reading the index ({@link #patchDigest}). Empty
   * without an index.
   */
  public static Map<String, Long> digestOffsets(Path file) throws IOException {
    Map<String, Long> at = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return at;
    }
    // one char a byte: offsets in the text are offsets in the file
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    String url = "\"url\": \"";
    for (int u = text.indexOf(url); u >= 0; u = text.indexOf(url, u + 1)) {
      int end = text.indexOf('"', u + url.length());
      int digest = text.indexOf(DIGEST, end);
      String target = text.substring(u + url.length(), end);
      int skills = target.indexOf("skills/");
      if (digest >= 0 && skills >= 0 && target.endsWith(".tar.gz")) {
        at.put(target.substring(skills), (long) digest + DIGEST.length());
      }
    }
    return at;
  }

  /**
   * For a patch build: writes into {@code staging} the index of {@code published} with the digest
   * of the archive at {@code archivePath} (a site path) changed to that of {@code archive}, the
   * rest byte for byte as it was (an archive's entry keeps its name, description and URL): the file
   * is copied, its 64 hex digits at {@code at} ({@link #digestOffsets}) written over, nothing read
   * but the entry's few bytes, checked first. An index already staged (another skill's archive) is
   * changed again. True when the index was staged or the site has none; false when {@code at} is
   * not that archive's digest.
   */
  public static boolean patchDigest(
      Path published, Path staging, String archivePath, byte[] archive, long at)
      throws IOException {
    Path to = staging.resolve(PATH);
    if (!Files.isRegularFile(to)) {
      Path file = published.resolve(PATH);
      if (!Files.isRegularFile(file)) {
        return !Files.exists(file);
      }
      Files.createDirectories(to.getParent());
      Files.copy(file, to);
    }
    String expect = "/" + archivePath + "\",";
    int window = expect.length() + 64 + DIGEST.length();
    try (FileChannel ch = FileChannel.open(to, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (at < window || at + 64 > ch.size()) {
        return false;
      }
      ByteBuffer before = ByteBuffer.allocate(window);
      ch.read(before, at - window);
      String text = new String(before.array(), StandardCharsets.ISO_8859_1);
      if (!text.endsWith(DIGEST) || !text.contains(expect)) {
        return false;
      }
      ByteBuffer hex = ByteBuffer.wrap(sha256(archive).getBytes(StandardCharsets.US_ASCII));
      while (hex.hasRemaining()) {
        ch.write(hex, at + hex.position());
      }
    }
    return true;
  }

  static List<Skill> sorted(List<Skill> skills) {
    return skills.stream()
        .sorted(Comparator.comparing(Skill::name).thenComparing(Skill::id))
        .toList();
  }

  private static String url(Catalog catalog, String sitePath) {
    return catalog
        .config()
        .baseUrl()
        .filter(SiteConfig::isSiteUrl)
        .map(base -> base.replaceAll("/+$", "") + "/" + sitePath)
        .orElse("../../" + sitePath);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
