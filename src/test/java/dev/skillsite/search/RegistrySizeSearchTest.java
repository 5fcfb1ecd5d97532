package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser search's export at a size past the old limits, on a synthetic collection (2,100
 * skills over a vocabulary of 30,000 made-up words, so that its term data passes 1,024 chunks of
 * the target size): the manifest every query loads first does not grow with the skills, term chunks
 * stay near their target size instead of growing with the collection, a query fetches a handful of
 * small files, and the engine still answers exactly as {@link Router} does (top skill, score to the
 * float bit, abstention), names included, and reads every postings list in place as a plain decode
 * reads it.
 */
@Tag("corpus")
class RegistrySizeSearchTest {
  private static final int SKILLS = 2_100;
  private static final int WORDS = 30_000;

  @TempDir Path tmp;

  @Test
  void theManifestStaysSmallTheChunksNearTheirTargetAndTheRankingExact() throws Exception {
    Random random = new Random(27);
    String[] vocabulary = new String[WORDS];
    for (int i = 0; i < WORDS; i++) {
      vocabulary[i] = MadeUpText.word(random, "bcdfghklmnprstvz");
    }
    List<Skill> skills = new ArrayList<>();
    for (int i = 0; i < SKILLS; i++) {
      skills.add(
          TestSkills.of(
              String.format("tool-%04d", i),
              "Use when " + MadeUpText.text(random, vocabulary, 14) + ".",
              "# "
                  + MadeUpText.text(random, vocabulary, 3)
                  + "\n\n"
                  + MadeUpText.text(random, vocabulary, 160)));
    }
    List<String> queries = new ArrayList<>();
    for (int q = 0; q < 24; q++) {
      queries.add(MadeUpText.text(random, vocabulary, 2 + q % 4));
    }
    queries.addAll(
        List.of(
            "/tool-0042 " + vocabulary[7],
            "please use the tool 1234 skill for " + vocabulary[99],
            "don't use the tool-0042 skill"));
    try (RoutingIndex index = RoutingIndex.build(skills);
        RoutingIndex few =
            RoutingIndex.build(skills.subList(0, SearchIndexWriter.NORMS_IN_MANIFEST_UP_TO + 1))) {
      Path site = tmp.resolve("site");
      TestExports.write(new IndexContents(index), site);
      TestExports.write(new IndexContents(few), tmp.resolve("few"));

      // the manifest: the same size for 257 skills and 2,100 (a few digits differ), under 12 KB
      // (up to 256 skills it holds each field's norms instead of the postings)
      long manifest = Files.size(site.resolve("search/manifest.js"));
      long fewManifest = Files.size(tmp.resolve("few/search/manifest.js"));
      assertTrue(manifest < 12_000, "manifest " + manifest);
      assertTrue(Math.abs(manifest - fewManifest) < 100, manifest + " vs " + fewManifest);

      // the term chunks: more than the old cap of 1,024, and about the target size on average
      // (hashing puts a few common terms together now and then: no chunk is past 16 times it)
      List<Path> chunks = files(site.resolve("search/t"));
      assertTrue(chunks.size() > TermChunks.MAX_CHUNKS, chunks.size() + " chunks");
      long total = 0;
      long largest = 0;
      for (Path c : chunks) {
        total += Files.size(c);
        largest = Math.max(largest, Files.size(c));
      }
      long mean = total / chunks.size();
      assertTrue(
          mean <= 2 * SearchIndexWriter.CHUNK_TARGET
              && largest <= 16 * SearchIndexWriter.CHUNK_TARGET,
          chunks.size() + " chunks, mean " + mean + " bytes, largest " + largest);

      // a query: the manifest, then its own chunks, all small
      JsonArray fetched =
          NodeScript.run("fetched-node.js", queries, site.toString()).getAsJsonArray();
      Router router = new Router(index);
      List<String> diffs = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        JsonObject o = fetched.get(i).getAsJsonObject();
        long bytes = 0;
        for (var f : o.getAsJsonArray("files")) {
          bytes += Files.size(site.resolve(f.getAsString()));
        }
        assertTrue(
            o.getAsJsonArray("files").size() <= 60 && bytes < 200_000,
            queries.get(i)
                + ": "
                + o.getAsJsonArray("files").size()
                + " files, "
                + bytes
                + " bytes");
        RouteResult r = router.route(queries.get(i), 10);
        String expected =
            r.hits().isEmpty()
                ? "none"
                : r.hits().get(0).id().value() + " " + (float) r.hits().get(0).score();
        String actual =
            o.get("top").isJsonNull()
                ? "none"
                : o.get("top").getAsString() + " " + (float) o.get("score").getAsDouble();
        expected += " abstained=" + r.abstained();
        actual += " abstained=" + o.get("abstained").getAsBoolean();
        if (!expected.equals(actual)) {
          diffs.add(queries.get(i) + "\n  route  " + expected + "\n  engine " + actual);
        }
      }
      assertEquals(List.of(), diffs);
      assertEquals("tool-0042", fetched.get(24).getAsJsonObject().get("top").getAsString());

      // every postings list as the engine reads it in place (no decoded arrays): size, scores to
      // the float bit and membership equal a plain decode's, before and after its skip index
      JsonObject lists =
          NodeScript.run(
                  "lists-node.js",
                  Fields.SEARCHED.stream().filter(w -> w.boost() > 0).map(w -> w.field()).toList(),
                  site.toString())
              .getAsJsonObject();
      assertEquals(new JsonArray(), lists.getAsJsonArray("diffs"));
      assertTrue(lists.get("indexed").getAsInt() > 100, lists.toString());
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
