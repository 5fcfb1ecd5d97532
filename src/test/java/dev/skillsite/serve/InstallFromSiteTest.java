package dev.skillsite.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skill installed from a served site the way an agent's client does it: fetch {@code
 * /.well-known/agent-skills/index.json} over HTTP, fetch each entry's {@code url}, check its
 * SHA-256 against the {@code digest}, unpack an archive with {@code tar} (refusing absolute and
 * {@code ..} paths, over 1,000 files or 50 MB), and find the skill folder of the content, file for
 * file and byte for byte, with scripts still executable, hidden files and nested skills left out.
 */
class InstallFromSiteTest {
  @TempDir static Path tmp;
  static Path content;
  static SiteServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static URI index;

  @BeforeAll
  static void serve() throws Exception {
    content = tmp.resolve("content");
    write(
        "skills/alpha/SKILL.md",
        "---\nname: alpha\ndescription: Use when the user asks to \"tune alpha\".\n---\n"
            + "# Alpha\n\nRun [the script](scripts/run.sh), read [notes](references/notes.md).\n");
    write("skills/alpha/references/notes.md", "# Notes\n\nMore.\n");
    write("skills/alpha/scripts/run.sh", "#!/bin/sh\necho alpha\n");
    Files.setPosixFilePermissions(
        content.resolve("skills/alpha/scripts/run.sh"),
        Set.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    write("skills/alpha/assets/" + "d".repeat(120) + "/template with spaces é.txt", "deep\n");
    write("skills/alpha/.env", "SECRET=1\n");
    write(
        "skills/alpha/nested/SKILL.md",
        "---\nname: nested\ndescription: Use when the user asks to \"nest\".\n"
            + "---\n# Nested\n");
    write(
        "skills/beta/SKILL.md",
        "---\nname: beta\ndescription: Use when the user asks to \"tune beta\".\n---\n"
            + "# Beta\n");
    Path site = tmp.resolve("site");
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, site, Optional.empty(), false));
    server = SiteServer.start("127.0.0.1", 0, site, new BuildStatus(), false);
    index =
        URI.create("http://127.0.0.1:" + server.port() + "/.well-known/agent-skills/index.json");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void write(String path, String text) throws IOException {
    Path f = content.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> get(URI uri, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, JsonObject> entries() throws Exception {
    HttpResponse<byte[]> r = get(index, "GET");
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    Map<String, JsonObject> out = new TreeMap<>();
    JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8))
        .getAsJsonObject()
        .getAsJsonArray("skills")
        .forEach(e -> out.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
    return out;
  }

  /** Fetches an entry's artifact and checks its digest, as clients must before using it. */
  private static byte[] fetchVerified(JsonObject entry) throws Exception {
    URI url = index.resolve(entry.get("url").getAsString());
    HttpResponse<byte[]> r = get(url, "GET");
    assertEquals(200, r.statusCode(), url::toString);
    assertEquals(
        "*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(), url::toString);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
    assertEquals(entry.get("digest").getAsString(), "sha256:" + hex, url::toString);
    HttpResponse<byte[]> head = get(url, "HEAD");
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(
        String.valueOf(r.body().length), head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(r.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
    return r.body();
  }

  @Test
  void aSkillWithFilesInstallsFromItsArchive() throws Exception {
    JsonObject alpha = entries().get("alpha");
    assertEquals("archive", alpha.get("type").getAsString());
    assertEquals("../../skills/alpha/alpha.tar.gz", alpha.get("url").getAsString());
    byte[] archive = fetchVerified(alpha);
    assertEquals(
        "application/gzip",
        get(index.resolve(alpha.get("url").getAsString()), "HEAD")
            .headers()
            .firstValue("Content-Type")
            .orElseThrow());
    Path tgz = tmp.resolve("alpha.tar.gz");
    Files.write(tgz, archive);
    List<String> listed = run("tar", "-tzf", tgz.toString()).lines().toList();
    assertTrue(listed.size() <= 1000 && archive.length <= 50L * 1024 * 1024);
    for (String p : listed) {
      assertFalse(p.startsWith("/") || List.of(p.split("/")).contains(".."), p);
    }
    Path installed = tmp.resolve("home/.claude/skills/alpha");
    Files.createDirectories(installed);
    run("tar", "-xzf", tgz.toString(), "-C", installed.toString());
    Map<String, byte[]> expected = tree(content.resolve("skills/alpha"));
    expected.remove(".env");
    expected.remove("nested/SKILL.md");
    Map<String, byte[]> got = tree(installed);
    assertEquals(expected.keySet(), got.keySet());
    expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
    assertTrue(Files.isExecutable(installed.resolve("scripts/run.sh")));
    assertFalse(Files.isExecutable(installed.resolve("references/notes.md")));
  }

  @Test
  void aSkillThatIsOneFileInstallsFromItsSkillMd() throws Exception {
    Map<String, JsonObject> entries = entries();
    assertEquals(List.of("alpha", "beta", "nested"), List.copyOf(entries.keySet()));
    JsonObject beta = entries.get("beta");
    assertEquals("skill-md", beta.get("type").getAsString());
    assertArrayEquals(
        Files.readAllBytes(content.resolve("skills/beta/SKILL.md")), fetchVerified(beta));
    assertEquals(
        "text/markdown; charset=utf-8",
        get(index.resolve(beta.get("url").getAsString()), "GET")
            .headers()
            .firstValue("Content-Type")
            .orElseThrow());
    assertEquals(
        200,
        get(index.resolve("/.nojekyll"), "HEAD").statusCode(),
        "GitHub Pages must publish .well-known");
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    return out;
  }
}
