package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.markdown.HtmlSpill;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.model.Skill;
import dev.skillsite.testing.TestSkills;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build cache file: what is read back is what was written, and a damaged file is no cache. */
class DocumentCacheTest {
  @TempDir Path tmp;

  private static DocumentPipeline.Reusable rendered() {
    return new DocumentPipeline(new dev.skillsite.markdown.MarkdownRenderer())
        .render(skills(), new ContentFiles(Optional.empty()))
        .reusable();
  }

  private static List<Skill> skills() {
    List<Skill> skills = new ArrayList<>(TestSkills.fixture());
    // long enough to be held deflated, with a table of contents, a broken link (a diagnostic) and a
    // mention
    StringBuilder body = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      body.append("## Part ")
          .append(i)
          .append("\n\nKeep state in a GenServer — “quoted” ✓. ")
          .append("x".repeat(600))
          .append("\n\n");
    }
    body.append("[gone](missing.md) and pdf-forms.\n");
    skills.add(
        TestSkills.of(
            "long-one", "Use when the user asks to \"write a long page\".", body.toString()));
    return skills;
  }

  /**
   * A build that spills keeps no memo in memory, only each one's cache record in the spill file,
   * and writes the same cache as a build that holds them; without a cache it keeps no record.
   */
  @Test
  void aSpillingBuildKeepsTheCacheRecordsOutOfTheHeap() throws IOException {
    byte[] held = encode(rendered());
    try (HtmlSpill spill = HtmlSpill.create()) {
      DocumentPipeline.Result result =
          new DocumentPipeline(
                  new MarkdownRenderer(), MarkdownBudget.DEFAULT, Optional.of(spill), true)
              .render(skills(), new ContentFiles(Optional.empty()), () -> false, Optional.empty());
      assertEquals(Map.of(), result.memos());
      assertEquals(Map.of(), result.anchors());
      assertEquals(rendered().memos().keySet(), result.spilled().keySet());
      assertEquals(result.spilled().size(), result.total());
      assertArrayEquals(held, encode(result.reusable()), "the same cache, byte for byte");

      DocumentPipeline.Result uncached =
          new DocumentPipeline(
                  new MarkdownRenderer(), MarkdownBudget.DEFAULT, Optional.of(spill), false)
              .render(skills(), new ContentFiles(Optional.empty()), () -> false, Optional.empty());
      assertEquals(result.total(), uncached.total());
      assertEquals(result.rendered(), uncached.rendered());
      assertTrue(uncached.spilled().values().stream().allMatch(m -> m.file().isEmpty()));
    }
  }

  @Test
  void whatIsReadBackIsWhatWasWritten() throws IOException {
    DocumentPipeline.Reusable result = rendered();
    byte[] bytes = encode(result);

    DocumentPipeline.Reusable back =
        DocumentCache.decode(new ByteArrayInputStream(bytes), bytes.length).orElseThrow();

    assertEquals(result.all(), back.all());
    assertEquals(result.mentions(), back.mentions());
    assertEquals(result.memos().keySet(), back.memos().keySet());
    boolean sawDeflated = false;
    boolean sawDiagnostic = false;
    boolean sawProse = false;
    for (var e : result.memos().entrySet()) {
      DocumentPipeline.Memo a = e.getValue();
      DocumentPipeline.Memo b = back.memos().get(e.getKey());
      assertEquals(a.source(), b.source());
      assertEquals(a.anchors(), b.anchors());
      assertEquals(a.asked(), b.asked());
      assertEquals(a.prose(), b.prose());
      sawProse |= !a.prose().isEmpty();
      RenderedDocument x = a.doc();
      RenderedDocument y = b.doc();
      assertEquals(x.html().html(), y.html().html());
      assertEquals(x.toc(), y.toc());
      assertEquals(List.copyOf(x.mentions()), List.copyOf(y.mentions()));
      assertEquals(x.diagnostics(), y.diagnostics());
      sawDeflated |= x.html().html().length() > 2048;
      sawDiagnostic |= !x.diagnostics().isEmpty();
    }
    assertTrue(
        sawDeflated && sawDiagnostic && sawProse,
        "the fixture covers long markup, diagnostics, mentions");
    assertArrayEquals(bytes, encode(back), "written again, the same bytes");
  }

  private static byte[] encode(DocumentPipeline.Reusable docs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DocumentCache.encode(docs, out);
    return out.toByteArray();
  }

  /** A build reads the cache with its markup moved to the spill file: the same documents. */
  @Test
  void readIntoASpillFileTheSameDocuments() throws IOException {
    byte[] bytes = encode(rendered());
    Path site = tmp.resolve("spilled");
    Path file = site.resolve(DocumentCache.PATH);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    try (HtmlSpill spill = HtmlSpill.create()) {
      DocumentPipeline.Reusable back = DocumentCache.read(site, Optional.of(spill)).orElseThrow();
      assertTrue(spill.size() > 0, "markup moved out of the heap");
      assertArrayEquals(bytes, encode(back), "written again, the same bytes");
    }
  }

  @Test
  void aDamagedFileIsNoCache() throws IOException {
    byte[] bytes = encode(rendered());
    Path site = tmp.resolve("site");
    Path file = site.resolve(DocumentCache.PATH);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    assertTrue(DocumentCache.read(site).isPresent());
    for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 97)) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x01;
      Files.write(file, damaged);
      assertEquals(
          Optional.empty(), DocumentCache.read(site).map(r -> "read"), "a flipped bit at " + at);
    }
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertEquals(Optional.empty(), DocumentCache.read(site).map(r -> "read"), "truncated");
    Files.delete(file);
    assertEquals(Optional.empty(), DocumentCache.read(site).map(r -> "read"), "missing");
  }
}
