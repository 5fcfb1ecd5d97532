package dev.skillsite.cli;

import static dev.skillsite.cli.Watching.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path tmp;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final StringWriter stdout = new StringWriter();
  private ServeCommand command;
  private Future<Integer> running;
  private Path content;
  private int port;

  @BeforeEach
  void serve() throws Exception {
    content = tmp.resolve("content");
    writeSkill("alpha", "Use when the user asks to \"brew green tea\".");
    writeSkill("beta", "Use when the user asks to \"grind coffee beans\".");
    Files.writeString(tmp.resolve("secret.txt"), "outside the site");
    command = new ServeCommand();
    CommandLine cl = new CommandLine(command);
    cl.setOut(Watching.printingTo(stdout));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    running =
        Executors.newSingleThreadExecutor()
            .submit(
                () ->
                    cl.execute(
                        "--content",
                        content.toString(),
                        "--out",
                        tmp.resolve("site").toString(),
                        "--port",
                        "0",
                        "--watch",
                        "--templates",
                        emptyTemplates()));
    port =
        Integer.parseInt(
            await(() -> SERVING.matcher(stdout.toString()), Matcher::find, 90).group(1));
  }

  @AfterEach
  void stop() throws Exception {
    command.stop();
    assertEquals(0, running.get());
  }

  @Test
  void aSavedSkillShowsUpOnItsPageAndOpenPagesGetTheReloadScript() throws Exception {
    String before = get("/skills/alpha/index.html").body();
    assertTrue(before.contains("brew green tea"), before);
    assertTrue(before.contains("/__skillsite/reload.js"), "live reload script injected");
    long version = statusVersion();

    writeSkill("alpha", "Use when the user asks to \"steep oolong slowly\".");
    String after =
        await(
            () -> get("/skills/alpha/index.html").body(),
            b -> b.contains("steep oolong slowly"),
            90);
    assertTrue(!after.contains("brew green tea"));
    await(
        this::statusVersion,
        v -> v > version,
        90); // the version moves after the swap: open pages reload
  }

  @Test
  void anEditShowsOnItsPageInPlaceFirstAndInTheListsAfterTheFullRebuild() throws Exception {
    writeSkill("alpha", "Use when the user asks to \"whisk matcha\".");
    await(
        () -> stdout.toString(),
        s -> s.contains("updated 1 page in "),
        90); // the quick path, not a full build
    assertTrue(get("/skills/alpha/index.html").body().contains("whisk matcha"));
    await(
        () -> get("/index.html").body(),
        b -> b.contains("whisk matcha"),
        90); // the home page's chips follow
    assertTrue(
        !get("/skills.json").body().contains("brew green tea"), "the catalog is rebuilt too");
  }

  @Test
  void anEditOfAScriptIsPatchedInPlaceAndOpenPagesReload() throws Exception {
    Path script = content.resolve("skills/alpha/scripts/run.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "echo 1\n"); // a file added: built whole
    byte[] archive =
        await(() -> getBytes("/skills/alpha/alpha.tar.gz"), r -> r.statusCode() == 200, 90).body();
    await(
        () -> stdout.toString(),
        s -> s.indexOf("built: ") != s.lastIndexOf("built: "),
        90); // the full build after the first one reported (its reload fired)
    long version = statusVersion();
    Files.writeString(script, "echo 22\n");
    await(
        () -> stdout.toString(),
        s -> s.contains("patched 1 changed skill in place (2 files)"),
        90); // no full build: the archive and the discovery index replaced
    assertTrue(
        !java.util.Arrays.equals(archive, getBytes("/skills/alpha/alpha.tar.gz").body()),
        "the archive holds the edit");
    assertTrue(statusVersion() > version, "open pages reload");
  }

  private HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aBrokenSaveKeepsTheLastGoodSiteAndReportsTheError() throws Exception {
    Files.writeString(content.resolve("skills/alpha/SKILL.md"), "---\nname: alpha\n");
    String status =
        await(() -> get("/__skillsite/status").body(), s -> s.contains("\"ok\":false"), 90);
    assertTrue(status.contains("skills/alpha/SKILL.md:"), status);
    assertTrue(
        get("/skills/alpha/index.html").body().contains("brew green tea"),
        "last good page still served");
  }

  @Test
  void requestsOutsideTheSiteAreNotFound() throws Exception {
    for (String path :
        new String[] {
          "/../secret.txt",
          "/%2e%2e/secret.txt",
          "/skills/..%2f..%2fsecret.txt",
          "/%2e%2e%2fsecret.txt",
          "/..\\secret.txt"
        }) {
      String response = rawGet(path);
      assertTrue(
          response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"),
          path + " -> " + response.lines().findFirst().orElse(""));
      assertTrue(!response.contains("outside the site"), path);
    }
    Files.createSymbolicLink(tmp.resolve("site/leak.txt"), tmp.resolve("secret.txt"));
    assertEquals(404, get("/leak.txt").statusCode());
    // the build cache and the output marker are in the output folder but not part of the site;
    // other dot
    // folders are
    assertTrue(Files.isRegularFile(tmp.resolve("site/.skillsite-cache/documents.bin")));
    assertEquals(404, get("/.skillsite-cache/documents.bin").statusCode());
    assertTrue(Files.isRegularFile(tmp.resolve("site/.skillsite-output")));
    assertEquals(404, get("/.skillsite-output").statusCode());
    assertEquals(200, get("/.well-known/agent-skills/index.json").statusCode());
  }

  private long statusVersion() throws Exception {
    Matcher m = Pattern.compile("\"version\":(\\d+)").matcher(get("/__skillsite/status").body());
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends the path as written, without the client normalising it. */
  private String rawGet(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPortInUseIsNamedWithTheWayOut() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine second = new CommandLine(new ServeCommand());
    second.setOut(new PrintWriter(new StringWriter(), true));
    second.setErr(new PrintWriter(err, true));
    assertEquals(
        2,
        second.execute(
            "--content",
            content.toString(),
            "--out",
            tmp.resolve("site2").toString(),
            "--port",
            String.valueOf(port)));
    assertTrue(
        err.toString().startsWith("skillsite serve: cannot listen on 127.0.0.1:" + port + " ("),
        err.toString());
    assertTrue(
        err.toString().contains("choose another with --port, or 0 for any free port"),
        err.toString());
  }

  private void writeSkill(String name, String description) throws IOException {
    TestSkills.write(content, name, description, "Body of " + name + ".");
  }

  private String emptyTemplates() throws IOException {
    return Files.createDirectories(tmp.resolve("templates")).toString();
  }
}
