package dev.skillsite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS rebinding: a loopback server answers only requests that name it as a loopback host. */
class HostCheckTest {
  @TempDir Path tmp;

  /** Host header to whether a server bound to 127.0.0.1 answers it. */
  private static final Map<String, Boolean> ON_LOOPBACK =
      Map.ofEntries(
          Map.entry("localhost", true),
          Map.entry("localhost:8080", true),
          Map.entry("LOCALHOST:8080", true),
          Map.entry("localhost.:8080", true),
          Map.entry("127.0.0.1:8080", true),
          Map.entry("127.0.0.1", true),
          Map.entry("[::1]:8080", true),
          Map.entry("[::1]", true),
          Map.entry("evil.example:8080", false),
          Map.entry("evil.example", false),
          Map.entry("localhost.evil.example:8080", false),
          Map.entry("127.0.0.1.nip.io:8080", false),
          Map.entry("localhost:80@evil.example", false),
          Map.entry("localhost:", false),
          Map.entry("localhost:8080x", false),
          Map.entry("", false),
          Map.entry("0.0.0.0:8080", false),
          Map.entry("192.168.1.10:8080", false));

  @Test
  void aLoopbackServerAnswersLoopbackHostsOnly() {
    HostCheck check = HostCheck.forBind("127.0.0.1");
    List<String> wrong = new ArrayList<>();
    ON_LOOPBACK.forEach(
        (host, allowed) -> {
          if (check.allows(host) != allowed) {
            wrong.add(host + " -> " + !allowed);
          }
        });
    assertEquals(List.of(), wrong);
    assertTrue(check.allows(null), "no Host header: not a browser");
  }

  @Test
  void theBoundAddressIsAllowedAndAnExposedServerChecksNothing() {
    assertTrue(HostCheck.forBind("127.0.0.2").allows("127.0.0.2:8080"));
    assertTrue(HostCheck.forBind("::1").allows("[::1]:8080"));
    assertTrue(HostCheck.forBind("localhost").allows("localhost:8080"));
    assertTrue(!HostCheck.forBind("localhost").allows("evil.example:8080"));
    assertTrue(
        HostCheck.forBind("0.0.0.0").allows("192.168.1.10:8080"),
        "--bind 0.0.0.0 serves the network");
  }

  @Test
  void theServerRefusesARebindingRequest() throws IOException {
    Path site = Files.createDirectories(tmp.resolve("site"));
    Files.writeString(
        site.resolve("index.html"), "<!doctype html><title>home</title><p>private notes");
    try (SiteServer server = SiteServer.start("127.0.0.1", 0, site, new BuildStatus(), true)) {
      int port = server.port();
      String refused = request(port, "evil.example:" + port);
      assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
      assertTrue(
          refused.endsWith(
              "skillsite serve: this server answers requests for localhost, 127.0.0.1 and [::1]"
                  + " only (a defence against DNS rebinding); open http://127.0.0.1:"
                  + port
                  + "/\n"),
          refused);
      assertTrue(!refused.contains("private notes"));
      assertTrue(request(port, "localhost:" + port).contains("private notes"));
      assertTrue(request(port, "127.0.0.1:" + port).contains("private notes"));
      assertTrue(request(port, "[::1]:" + port).contains("private notes"));
      assertTrue(
          request(port, "evil.example:" + port, "/__skillsite/status").startsWith("HTTP/1.1 403"));
    }
  }

  private static String request(int port, String host) throws IOException {
    return request(port, host, "/");
  }

  private static String request(int port, String host, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
