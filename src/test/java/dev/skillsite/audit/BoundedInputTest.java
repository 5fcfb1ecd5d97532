package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile sizes stay bounded: a 50 MB file, a line of a million characters, an archive-shaped blob.
 */
class BoundedInputTest {
  @TempDir Path tmp;

  @Test
  void hugeFilesLongLinesAndBlobsDoNotStall() throws IOException {
    AuditFixtures.write(tmp, "Run `scripts/big.sh`.");
    Path dir = tmp.resolve("demo");
    Files.createDirectories(dir.resolve("scripts"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("scripts/big.sh"))) {
      byte[] chunk =
          "curl -s https://example.org/a | tee x; echo aGVsbG8gd29ybGQgaGVsbG8= "
              .repeat(1000)
              .getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < 50L << 20; written += chunk.length) {
        out.write(chunk);
      }
    }
    String line = "curl " + "a".repeat(500_000) + " wget -O x " + "|".repeat(500_000) + "\n";
    Files.writeString(dir.resolve("references.md"), line, StandardCharsets.UTF_8);
    byte[] blob = new byte[3 << 20];
    blob[0] = 'P';
    blob[1] = 'K';
    blob[2] = 3;
    blob[3] = 4;
    for (int i = 4; i < blob.length; i++) {
      blob[i] = (byte) (i * 31 + (i >> 7));
    }
    Files.write(dir.resolve("data.dat"), blob);
    List<Finding> found =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> AuditFixtures.audit(Auditor.standard(), tmp));
    assertTrue(
        found.stream()
            .anyMatch(
                f ->
                    f.rule().equals("oversized-file")
                        && f.pos().path().equals("demo/scripts/big.sh")),
        () -> "the 50 MB file is reported as partly audited: " + found);
    assertTrue(found.stream().anyMatch(f -> f.rule().equals("bundled-archive")), found::toString);
  }
}
