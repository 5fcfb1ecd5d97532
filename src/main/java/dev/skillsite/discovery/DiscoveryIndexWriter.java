package dev.skillsite.discovery;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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

  /**
   * For a patch build: writes into {@code staging} the index of {@code published} with the digest
   * of the archive at {@code archivePath} (a site path) changed to that of {@code archive}, the
   * rest byte for byte as it was (an archive's entry keeps its name, description and URL); an index
   * already staged (another skill's archive) is changed again. True when the index was staged or
   * the site has none; false when it has no entry for that archive.
   */
  public static boolean patchDigest(
      Path published, Path staging, String archivePath, byte[] archive) throws IOException {
    Path file =
        Files.isRegularFile(staging.resolve(PATH))
            ? staging.resolve(PATH)
            : published.resolve(PATH);
    if (!Files.isRegularFile(file)) {
      return !Files.exists(file);
    }
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char a byte: offsets agree
    int url = text.indexOf("/" + archivePath + "\",");
    if (url < 0) {
      return false;
    }
    String marker = "\"digest\": \"sha256:";
    int digest = text.indexOf(marker, url);
    int next = text.indexOf("\"url\"", url + 1);
    if (digest < 0 || (next >= 0 && next < digest)) {
      return false;
    }
    byte[] hex = sha256(archive).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(hex, 0, bytes, digest + marker.length(), hex.length);
    Path to = staging.resolve(PATH);
    Files.createDirectories(to.getParent());
    Files.write(to, bytes);
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
