package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  @Test
  void readsHeaderAndTermCounts() throws IOException {
    Background b =
        Background.read(
            new ByteArrayInputStream(
                "skills\t100\nfile\t60\ngenserv\t4\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(100, b.skills());
    assertEquals(60, b.df("file"));
    assertEquals(0, b.df("tmux"));
    assertTrue(b.idf("genserv") > b.idf("file"));
    assertEquals(Idf.of(100, 1), b.idf("tmux"), 1e-12, "unseen words count as used by one skill");
    assertEquals(Math.log(101), b.maxIdf(), 1e-12);
  }

  @Test
  void rejectsAFileWithoutHeader() {
    assertThrows(
        IOException.class,
        () ->
            Background.read(
                new ByteArrayInputStream("file\t60\n".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void shippedListKnowsCommonDeveloperWordsAsCommon() {
    Background b = Background.standard();
    assertTrue(b.skills() > 1000, () -> "skills " + b.skills());
    // stems of the stemmed chain: a word every kind of skill uses is far less rare than a language
    // name
    assertTrue(
        b.df("elixir") > 0 && b.df("file") > 10 * b.df("elixir"),
        () -> b.df("file") + " vs " + b.df("elixir"));
  }
}
