package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.site.SiteGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser search's download budget: what any reader's first query fetches (scripts, manifest,
 * the chunks of its terms and hits, gzipped), measured by {@code bench/search.js} on the built
 * site, stays under half of Pagefind's first query on the same collection (91,936 bytes on elixir,
 * BENCHMARKS.md "Search in the browser"). Chunk sizes, the manifest and the scripts all move this
 * figure.
 */
@Tag("corpus")
class FirstQueryBytesTest {
  private static final int PAGEFIND_ELIXIR_FIRST_QUERY = 91_936;

  @TempDir Path tmp;

  @Test
  void everyElixirFirstQueryDownloadsLessThanHalfOfPagefinds() throws Exception {
    Path site = tmp.resolve("site");
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(Path.of("../shared/corpora/elixir"), site, Optional.empty(), true));
    Path out = tmp.resolve("bytes.json");
    Process p =
        new ProcessBuilder(
                "node",
                "bench/search.js",
                site.toString(),
                "../shared/eval/elixir.jsonl",
                "--no-browser")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "bench/search.js failed");
    JsonObject r =
        new Gson().fromJson(Files.readString(out, StandardCharsets.UTF_8), JsonObject.class);
    int p50 = r.get("first_query_gzip_bytes_p50").getAsInt();
    int fixed = r.get("search_fixed_gzip_bytes").getAsInt();
    assertTrue(fixed > 5_000 && p50 > fixed, "measured nothing: " + r);
    int max = r.get("first_query_gzip_bytes_max").getAsInt();
    assertTrue(
        max <= PAGEFIND_ELIXIR_FIRST_QUERY / 2,
        "first query p50 " + p50 + ", max " + max + " bytes: " + r);
  }
}
