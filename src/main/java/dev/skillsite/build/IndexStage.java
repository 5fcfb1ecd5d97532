package dev.skillsite.build;

import dev.skillsite.cache.CacheKey;
import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Catalog;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouterFactory;
import dev.skillsite.routing.RoutingIndex;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Index: the catalog → the routing index, its cache key, and the answers a build asks of it. The
 * published index is read back when the build cache holds one of the same key (same code, same
 * skills, same threshold), with what the last build asked of it; else the skills' documents are
 * inverted on all cores ({@link #start}), then merged on one thread ({@link Started#finish}), while
 * Markdown is rendered beside it.
 */
final class IndexStage {
  /** Where the routing index goes inside the site. */
  static final String DIR = "search/lucene";

  /**
   * The stage's output: closing it closes the index.
   *
   * @param key what the index was made of, for the build cache
   * @param answers what the relate and health stages ask of the index: the last build's when the
   *     index is the last build's, recorded for the next build either way
   * @param reused whether the index was read back from the build cache
   * @param answersReused whether the answers were too
   */
  record Built(
      RoutingIndex index, CacheKey key, IndexAnswers answers, boolean reused, boolean answersReused)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      index.close();
    }
  }

  /** The index read back, or the skills' documents inverted and not yet merged. */
  static final class Started {
    private final CacheKey key;
    private final Optional<RoutingIndex> reused;
    private final Optional<RoutingIndex.Inverted> inverted;
    private final Optional<IndexAnswers> held;

    private Started(
        CacheKey key,
        Optional<RoutingIndex> reused,
        Optional<RoutingIndex.Inverted> inverted,
        Optional<IndexAnswers> held) {
      this.key = key;
      this.reused = reused;
      this.inverted = inverted;
      this.held = held;
    }

    /** The index, merged on this thread when it was not read back. */
    Built finish() {
      RoutingIndex index = reused.orElseGet(() -> inverted.orElseThrow().merge());
      return new Built(
          index, key, held.orElseGet(IndexAnswers::new), reused.isPresent(), held.isPresent());
    }
  }

  Started start(BuildContext build, Catalog catalog) {
    Confidence confidence = RouterFactory.confidence(catalog);
    byte[] seed = RoutingIndex.contentSeed(catalog.skills());
    CacheKey key =
        CacheKey.code()
            .with(HexFormat.of().formatHex(seed))
            .with(String.valueOf(confidence.threshold()));
    Optional<RoutingIndex> reused = build.cache().index(key, DIR, catalog.skills());
    return new Started(
        key,
        reused,
        reused.isPresent()
            ? Optional.empty()
            : Optional.of(RoutingIndex.invert(catalog.skills(), confidence, seed)),
        reused.isPresent() ? build.cache().answers(key) : Optional.empty());
  }
}
