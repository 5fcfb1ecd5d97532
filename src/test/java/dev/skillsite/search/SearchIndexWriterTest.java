package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.StopWords;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexWriterTest {
  @TempDir Path tmp;

  @Test
  void everyTermIsInTheChunkItsHashNamesWithTheIndexPostings() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      IndexContents contents = new IndexContents(index);
      write(contents, tmp.resolve("a"));
      JsonObject manifest = call(tmp.resolve("a/search/manifest.js"), "manifest(");
      int chunks = manifest.get("chunks").getAsInt();
      int description = SearchIndexWriter.SLOTS.indexOf(Fields.DESCRIPTION);
      Map<String, List<IndexContents.Posting>> postings = contents.postings(Fields.DESCRIPTION);
      assertTrue(postings.size() > 20);
      postings.forEach(
          (term, list) -> {
            int chunk = TermChunks.chunkOf(term, chunks);
            JsonObject data =
                call(
                    tmp.resolve("a/search/t/" + Integer.toString(chunk, 36) + ".js"),
                    "terms(" + chunk + ",");
            JsonArray entry = data.getAsJsonArray(term);
            // a collection this small keeps the norms in the manifest, not beside the postings
            assertEquals(TermChunks.encode(list, true), entry.get(description).getAsString(), term);
          });
      StringBuilder hex = new StringBuilder();
      for (byte b : contents.stats(Fields.DESCRIPTION).norms()) {
        hex.append(String.format("%02x", b & 0xff));
      }
      boolean found = false;
      for (var f : manifest.getAsJsonArray("fields")) {
        if (f.getAsJsonObject().get("name").getAsString().equals(Fields.DESCRIPTION)) {
          assertEquals(hex.toString(), f.getAsJsonObject().get("norms").getAsString());
          found = true;
        }
      }
      assertTrue(found, "the manifest holds the description's norms, a byte a skill");
    }
  }

  @Test
  void chunksAreAboutTheTargetSizeUntilThereAreTooMany() {
    assertEquals(1, TermChunks.count(1_500, 2_000));
    assertEquals(128, TermChunks.count(185_000, 2_000)); // a small collection: ~1.4 KB chunks
    assertEquals(
        TermChunks.MAX_CHUNKS,
        TermChunks.count(4_400_000, 2_000)); // large: bigger chunks, not 4,096 files
    // a registry: as many chunks as four a skill, so that they stay about the target size
    assertEquals(2_048, TermChunks.maxChunks(883));
    assertEquals(TermChunks.MAX_CHUNKS, TermChunks.maxChunks(20));
    assertEquals(262_144, TermChunks.maxChunks(99_779));
    assertEquals(65_536, TermChunks.count(120_000_000, 2_000, TermChunks.maxChunks(99_779)));
    assertEquals(131_072, TermChunks.count(150_000_000, 2_000, TermChunks.maxChunks(99_779)));
  }

  @Test
  void postingsEncodeAsBase36DeltasWithFrequencies() {
    List<IndexContents.Posting> p =
        List.of(
            new IndexContents.Posting(3, 2),
            new IndexContents.Posting(13, 1),
            new IndexContents.Posting(44, 40));
    assertEquals("3:2,a,v:14", TermChunks.encode(p, true));
    assertEquals("3,a,v", TermChunks.encode(p, false));
    byte[] norms = new byte[45];
    norms[3] = 0x1f;
    norms[13] = (byte) 0xa0;
    norms[44] = 7;
    assertEquals("3:2,a,v:14|1fa007", TermChunks.encode(p, norms));
    assertEquals("", TermChunks.encode(List.of(), norms));
  }

  @Test
  void manifestCarriesTheRoutingConstantsAndSkills() throws Exception {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      write(new IndexContents(index), tmp.resolve("a"));
      JsonObject m = call(tmp.resolve("a/search/manifest.js"), "manifest(");
      assertEquals(StopWords.WORDS.size(), m.getAsJsonArray("stop").size());
      JsonObject c = m.getAsJsonObject("confidence");
      assertEquals(Confidence.DEFAULT.threshold(), c.get("threshold").getAsDouble());
      assertEquals(
          Confidence.W_EXCLUDED, c.getAsJsonObject("weights").get("excluded").getAsDouble());
      assertEquals(index.size(), m.get("skillCount").getAsInt());
      assertFalse(m.has("skills"), "no per-skill list in the manifest");
      assertFalse(m.has("lengthTable"), "the engine makes Lucene's length table itself");
      JsonArray lengths = NodeScript.run("norms-node.js", List.of()).getAsJsonArray();
      int[] lucene = dev.skillsite.routing.IndexContents.lengthTable();
      assertEquals(lucene.length, lengths.size());
      for (int b = 0; b < lucene.length; b++) {
        assertEquals(lucene[b], lengths.get(b).getAsLong(), "the length of norm byte " + b);
      }
      assertEquals(
          Fields.SEARCHED.stream().filter(w -> w.boost() > 0).count(),
          m.getAsJsonArray("fields").size());
    }
  }

  @Test
  void skillEntriesHoldOnlyWhatDiffersAndTheEngineReadsEveryPartBack() throws Exception {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      IndexContents contents = new IndexContents(index);
      List<SearchIndexWriter.Display> display = new java.util.ArrayList<>();
      for (int d = 0; d < contents.size(); d++) {
        String id = contents.skill(d).id().value();
        // the usual page and a name that is the id; a name of its own; a page of its own
        String name = d == 1 ? "A Name Of Its Own" : id;
        String url = d == 2 ? "elsewhere/" + id + ".html" : "skills/" + id + "/index.html";
        display.add(new SearchIndexWriter.Display(id, name, url, "about " + id));
      }
      new SearchIndexWriter().write(contents, display, tmp.resolve("c"));
      // docs(0, phrase data, skill entries)
      JsonArray entries =
          arguments(tmp.resolve("c/search/d/0.js"), "docs(").get(2).getAsJsonArray();
      assertEquals(1, entries.get(0).getAsJsonArray().size());
      assertEquals(2, entries.get(1).getAsJsonArray().size());
      assertEquals(3, entries.get(2).getAsJsonArray().size());

      JsonArray shown =
          NodeScript.run("skills-node.js", List.of(), tmp.resolve("c").toString()).getAsJsonArray();
      assertEquals(display.size(), shown.size());
      for (int d = 0; d < display.size(); d++) {
        JsonObject s = shown.get(d).getAsJsonObject();
        SearchIndexWriter.Display want = display.get(d);
        assertEquals(
            List.of(want.id(), want.name(), want.url(), want.description()),
            List.of(
                s.get("id").getAsString(),
                s.get("name").getAsString(),
                s.get("url").getAsString(),
                s.get("description").getAsString()),
            "skill " + d);
      }
    }
  }

  @Test
  void theBrowserFiresAtTheCollectionsOwnThreshold() throws IOException {
    try (RoutingIndex index =
        RoutingIndex.build(TestSkills.fixture(), Confidence.DEFAULT.withThreshold(0.7))) {
      write(new IndexContents(index), tmp.resolve("own"));
      JsonObject m = call(tmp.resolve("own/search/manifest.js"), "manifest(");
      assertEquals(0.7, m.getAsJsonObject("confidence").get("threshold").getAsDouble());
    }
  }

  @Test
  void sameIndexSameBytes() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      write(new IndexContents(index), tmp.resolve("a"));
      write(new IndexContents(index), tmp.resolve("b"));
    }
    List<Path> files = files(tmp.resolve("a"));
    assertEquals(
        files,
        files(tmp.resolve("b")).stream()
            .map(p -> Path.of(p.toString().replace("/b/", "/a/")))
            .toList());
    for (Path f : files) {
      assertArrayEquals(
          Files.readAllBytes(f), Files.readAllBytes(Path.of(f.toString().replace("/a/", "/b/"))));
    }
  }

  private static void write(IndexContents contents, Path site) throws IOException {
    List<SearchIndexWriter.Display> display =
        java.util.stream.IntStream.range(0, contents.size())
            .mapToObj(d -> contents.skill(d))
            .map(
                s ->
                    new SearchIndexWriter.Display(
                        s.id().value(), s.name(), "skills/" + s.id() + "/index.html", "d"))
            .toList();
    new SearchIndexWriter().write(contents, display, site);
  }

  /** The arguments of the call in a data file, as a JSON array. */
  static JsonArray arguments(Path file, String prefix) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      String start = "SkillsiteSearch." + prefix;
      assertTrue(s.startsWith(start) && s.endsWith(");\n"), file.toString());
      return new Gson()
          .fromJson("[" + s.substring(start.length(), s.length() - 3) + "]", JsonArray.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonObject call(Path file, String prefix) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      String start = "SkillsiteSearch." + prefix;
      assertTrue(s.startsWith(start) && s.endsWith(");\n"), file.toString());
      return new Gson().fromJson(s.substring(start.length(), s.length() - 3), JsonObject.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
