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
import java.util.Optional;
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
      skills.add(entry(catalog.config(), s, archive, digests.get(i)));
    }
    Path file = siteDir.resolve(PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json(skills), StandardCharsets.UTF_8);
    Files.write(siteDir.resolve(NO_JEKYLL), new byte[0]);
  }

  /** The index listing {@code skills} (entries in order), as the file holds it. */
  static String json(JsonArray skills) {
    JsonObject index = new JsonObject();
    index.addProperty("$schema", SCHEMA);
    index.add("skills", skills);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(index)
        + "\n";
  }

  /** A skill's entry: served as its archive when {@code archive}, else as its SKILL.md. */
  private static JsonObject entry(SiteConfig config, Skill s, boolean archive, String digest) {
    JsonObject o = new JsonObject();
    o.addProperty("name", s.name());
    o.addProperty("type", archive ? "archive" : "skill-md");
    o.addProperty("description", s.description().strip());
    o.addProperty(
        "url", url(config, archive ? RawSkillFiles.archivePath(s) : RawSkillFiles.sitePath(s)));
    o.addProperty("digest", "sha256:" + digest);
    return o;
  }

  /**
   * A skill's entry as the index's text holds it (its lines from its opening brace to its closing
   * one, indented as in the file), serving {@code served} (its archive when {@code archive}).
   */
  static String entryText(SiteConfig config, Skill s, boolean archive, byte[] served) {
    JsonArray one = new JsonArray();
    one.add(entry(config, s, archive, sha256(served)));
    String json = json(one);
    int from = json.indexOf("[\n") + 2;
    int to = json.lastIndexOf("\n  ]");
    return json.substring(from, to);
  }

  private static final String DIGEST = "\"digest\": \"sha256:";

  /**
   * The site path of the SKILL.md the index names for a skill without an archive (its entry's
   * {@code url}; its digest is that file's).
   */
  public static String skillMdPath(Skill skill) {
    return RawSkillFiles.sitePath(skill);
  }

  /**
   * Where, in the index {@code file} ({@link #PATH} of a site), the digest of each entry starts
   * (byte offset of its hex), by the site path its URL names (an archive, or a SKILL.md served
   * alone, {@link #skillMdPath}): what a patch build records so that it can change one entry's
   * digest without reading the index ({@link #patchDigest}). Empty without an index.
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
      if (digest >= 0
          && skills >= 0
          && (target.endsWith(".tar.gz") || target.endsWith("/SKILL.md"))) {
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

  /** Where a description was rewritten: the bytes after {@code at} moved by {@code by}. */
  public record Spliced(long at, long by) {}

  private static final String DESCRIPTION = "\n      \"description\": \"";
  private static final String URL_FIELD = "\",\n      \"url\": \"";

  /** How far back from an archive's digest its entry's description may start. */
  static final int MAX_ENTRY = 1 << 18;

  /**
   * For a patch build: writes into {@code staging} the index of {@code published} (or the one
   * already staged) with the {@code description} of the skill whose archive is at {@code
   * archivePath} (a site path) and whose digest starts at {@code at} in that file; the rest byte
   * for byte as it was (the entry keeps its name, so its place). Reads the entry's bytes (at most
   * {@link #MAX_ENTRY} before its digest) and copies the rest of the file as it is. Empty when
   * {@code at} is not that archive's digest (nothing staged); else where the bytes after it moved.
   */
  public static Optional<Spliced> patchDescription(
      Path published, Path staging, String archivePath, String description, long at)
      throws IOException {
    Path to = staging.resolve(PATH);
    Path from = Files.isRegularFile(to) ? to : published.resolve(PATH);
    if (!Files.isRegularFile(from)) {
      return Optional.empty();
    }
    String expect = "\"url\": \"";
    byte[] entry;
    long start;
    long size;
    try (FileChannel ch = FileChannel.open(from, StandardOpenOption.READ)) {
      size = ch.size();
      if (at < DIGEST.length() || at + 64 > size) {
        return Optional.empty();
      }
      start = Math.max(0, at - MAX_ENTRY);
      ByteBuffer b = ByteBuffer.allocate((int) (at - start));
      while (b.hasRemaining() && ch.read(b, start + b.position()) > 0) {}
      entry = b.array();
    }
    String text = new String(entry, StandardCharsets.ISO_8859_1); // a char a byte: offsets hold
    String tail = "/" + archivePath + "\",\n      " + DIGEST;
    if (!text.endsWith(tail)) {
      return Optional.empty();
    }
    int d = text.lastIndexOf(DESCRIPTION);
    int u = d < 0 ? -1 : text.indexOf(URL_FIELD, d);
    if (d < 0 || u < 0 || text.indexOf(expect, u + URL_FIELD.length()) >= 0) {
      return Optional.empty(); // not this entry's fields, or a url field between
    }
    long from0 = start + d + DESCRIPTION.length();
    long to0 = start + u;
    String json = new GsonBuilder().disableHtmlEscaping().create().toJson(description.strip());
    byte[] now = json.substring(1, json.length() - 1).getBytes(StandardCharsets.UTF_8);
    return Optional.of(splice(from, to, size, from0, to0, now));
  }

  private static final String TYPE = "\"type\": \"";

  /**
   * For a patch build: writes into {@code staging} the index of {@code published} (or the one
   * already staged) with the entry whose URL names {@code fromPath} (a site path: the skill's
   * archive, or its SKILL.md served alone, {@link #skillMdPath}) and whose digest starts at {@code
   * at} now serving {@code toPath}: its {@code type} ({@code "archive"} when {@code archive}, else
   * {@code "skill-md"}), its {@code url} (the same base, the other path) and the digest of {@code
   * served}; its name and description and every other entry byte for byte as they were. What a
   * skill's first file beside its SKILL.md, or its last one deleted, changes in the index. Reads
   * the entry's bytes (at most {@link #MAX_ENTRY} before its digest). Empty when {@code at} is not
   * that entry's digest or the entry is not of the other type (nothing staged); else where the
   * bytes after it moved.
   */
  public static Optional<Spliced> patchServed(
      Path published,
      Path staging,
      String fromPath,
      String toPath,
      boolean archive,
      byte[] served,
      long at)
      throws IOException {
    Path to = staging.resolve(PATH);
    Path from = Files.isRegularFile(to) ? to : published.resolve(PATH);
    if (!Files.isRegularFile(from)) {
      return Optional.empty();
    }
    byte[] entry;
    long start;
    long size;
    try (FileChannel ch = FileChannel.open(from, StandardOpenOption.READ)) {
      size = ch.size();
      if (at < DIGEST.length() || at + 64 > size) {
        return Optional.empty();
      }
      start = Math.max(0, at - MAX_ENTRY);
      ByteBuffer b = ByteBuffer.allocate((int) (at - start));
      while (b.hasRemaining() && ch.read(b, start + b.position()) > 0) {}
      entry = b.array();
    }
    String text = new String(entry, StandardCharsets.ISO_8859_1); // a char a byte: offsets hold
    String tail = "\",\n      " + DIGEST;
    if (!text.endsWith("/" + fromPath + tail)) {
      return Optional.empty();
    }
    int d = text.lastIndexOf(DESCRIPTION);
    int u = d < 0 ? -1 : text.indexOf(URL_FIELD, d);
    if (d < 0 || u < 0 || text.indexOf("\"url\": \"", u + URL_FIELD.length()) >= 0) {
      return Optional.empty(); // not this entry's fields, or a url field between
    }
    String typeWas = TYPE + (archive ? "skill-md" : "archive") + "\",";
    int t = d - typeWas.length();
    if (t < 0 || !text.startsWith(typeWas, t)) {
      return Optional.empty();
    }
    String url = text.substring(u + URL_FIELD.length(), text.length() - tail.length());
    String region =
        TYPE
            + (archive ? "archive" : "skill-md")
            + "\","
            + text.substring(d, u + URL_FIELD.length())
            + url.substring(0, url.length() - fromPath.length())
            + toPath
            + tail
            + sha256(served);
    byte[] now = region.getBytes(StandardCharsets.ISO_8859_1);
    long cut = start + t;
    long end = at + 64;
    return Optional.of(splice(from, to, size, cut, end, now));
  }

  /**
   * {@code from} ({@code size} bytes) written to {@code to} with its bytes {@code cut} to {@code
   * end} replaced by {@code now}, through a sibling file moved over {@code to}.
   */
  static Spliced splice(Path from, Path to, long size, long cut, long end, byte[] now)
      throws IOException {
    Files.createDirectories(to.getParent());
    Path tmp = to.resolveSibling(to.getFileName() + ".splice");
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                tmp,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
      transfer(in, 0, cut, out);
      ByteBuffer mid = ByteBuffer.wrap(now);
      while (mid.hasRemaining()) {
        out.write(mid);
      }
      transfer(in, end, size - end, out);
    }
    Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new Spliced(cut, now.length - (end - cut));
  }

  private static void transfer(FileChannel in, long at, long count, FileChannel out)
      throws IOException {
    for (long done = 0; done < count; ) {
      long n = in.transferTo(at + done, count - done, out);
      if (n <= 0) {
        throw new IOException("the discovery index ended early");
      }
      done += n;
    }
  }

  static List<Skill> sorted(List<Skill> skills) {
    return skills.stream()
        .sorted(Comparator.comparing(Skill::name).thenComparing(Skill::id))
        .toList();
  }

  private static String url(SiteConfig config, String sitePath) {
    return config
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
