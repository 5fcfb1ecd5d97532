package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarGzTest {
  @Test
  void theListingIsWhatWasAdded() throws IOException {
    String longPath = "a/" + "b".repeat(120) + "/c.txt"; // split into prefix and name
    String longName = "d".repeat(130) + ".txt"; // a pax header
    String unicode = "scripts/caf\u00e9.py"; // a pax header
    TarGz tar = new TarGz();
    tar.add("SKILL.md", "x".getBytes(StandardCharsets.UTF_8), false);
    tar.add("scripts/run.sh", new byte[700], true);
    tar.add(longPath, new byte[0], false);
    tar.add(longName, new byte[512], false);
    tar.add(unicode, new byte[3], true);
    assertEquals(
        List.of(
            new TarGz.Listed("SKILL.md", false, 1),
            new TarGz.Listed("scripts/run.sh", true, 700),
            new TarGz.Listed(longPath, false, 0),
            new TarGz.Listed(longName, false, 512),
            new TarGz.Listed(unicode, true, 3)),
        TarGz.listing(tar.finish()));
  }
}
