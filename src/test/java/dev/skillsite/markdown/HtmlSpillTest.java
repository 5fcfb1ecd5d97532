package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rendered markup moved to a spill file reads back the same, and the build cache stores it in the
 * same bytes as markup held in memory.
 */
class HtmlSpillTest {
  private static byte[] cached(RenderedDocument doc) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DocumentCodec.write(new DataOutputStream(bytes), doc);
    return bytes.toByteArray();
  }

  @Test
  void spilledMarkupReadsBackAndCachesTheSame() throws IOException {
    List<String> markup =
        List.of(
            "<p>short</p>", // held
            "<p>" + "médium ".repeat(60) + "</p>", // not deflated, spilled
            "<p>" + "long text, ünïcode ✓ ".repeat(500) + "</p>"); // deflated, spilled
    Set<Path> before = spillFiles();
    try (HtmlSpill spill = HtmlSpill.create()) {
      for (String html : markup) {
        RenderedDocument held =
            new RenderedDocument(
                new SanitizedHtml(html), List.of(new TocEntry(2, "a", "A")), Set.of(), List.of());
        RenderedDocument spilled = held.spillTo(spill);
        assertEquals(html, spilled.html().html());
        assertEquals(held.toc(), spilled.toc());
        assertArrayEquals(cached(held), cached(spilled));
      }
      assertTrue(spill.size() > 0 && spill.size() < 3_000, "bytes spilled: " + spill.size());
    }
    Set<Path> left = spillFiles();
    left.removeAll(before);
    assertEquals(Set.of(), left, "the spill file is deleted once closed");
  }

  private static Set<Path> spillFiles() throws IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("skillsite-markup-"))
          .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
  }
}
