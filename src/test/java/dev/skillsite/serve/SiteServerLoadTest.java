package dev.skillsite.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle and slow clients of the dev server (a browser's preconnects, a stalled tab, a hostile local
 * page) take nothing from the others: with them all connected, a plain request is answered at once.
 * Loopback only.
 */
class SiteServerLoadTest {
  private static final int IDLE = 12;
  private static final int SLOW_SENDERS = 4;
  private static final int SLOW_READERS = 6;

  @TempDir Path tmp;

  @Test
  void idleAndSlowClientsDoNotStarveOthers() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<!doctype html><title>home</title><p>hello");
    byte[] big =
        new byte
            [16 << 20]; // more than the socket buffers hold: a reader that stops holds the writer
    java.util.Arrays.fill(big, (byte) 'x');
    Files.write(site.resolve("big.txt"), big);
    List<Socket> clients = new ArrayList<>();
    try (SiteServer server = SiteServer.start("127.0.0.1", 0, site, new BuildStatus(), false)) {
      int port = server.port();
      assertTrue(
          get(port, "/index.html").startsWith("HTTP/1.1 200"),
          "a first request warms the server up");
      for (int i = 0; i < IDLE; i++) { // connected, never a byte sent
        clients.add(connect(port));
      }
      for (int i = 0; i < SLOW_SENDERS; i++) { // half a request line, the rest never comes
        Socket s = connect(port);
        s.getOutputStream().write("GET /index.ht".getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        clients.add(s);
      }
      for (int i = 0; i < SLOW_READERS; i++) { // asks for a large file, reads none of it
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream()
            .write(
                ("GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        clients.add(s);
      }
      Thread.sleep(500); // every one of them reached the server
      for (int round = 0; round < 3; round++) {
        long start = System.nanoTime();
        String response = get(port, "/index.html");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("hello"), response);
        assertTrue(millis < 3000, "answered in " + millis + " ms");
      }
    } finally {
      for (Socket s : clients) {
        s.close();
      }
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return s;
  }

  /**
   * A whole request on a connection of its own; gives up (and fails) after 10 s without an answer.
   */
  private static String get(int port, String path) throws IOException {
    try (Socket s = connect(port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
