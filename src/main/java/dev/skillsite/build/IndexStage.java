package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.CacheKey;
import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.IndexDelta;
import dev.skillsite.routing.RouterFactory;
import dev.skillsite.routing.RoutingIndex;
import java.io.IOException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * The stage's output: closing it closes the index (and the last build's, when kept open to carry
   * its answers over).
   *
   * @param key what the index was made of, for the build cache
   * @param answers what the relate and health stages ask of the index: the last build's when the
   *     index is the last build's, else those of its rankings the edit provably left unchanged
   *     ({@link IndexDelta}), recorded for the next build either way
   * @param reused whether the index was read back from the build cache
   * @param answersReused whether the answers were too
   * @param ids the indexed skills, in index order
   * @param digests their documents' digests ({@link RoutingIndex#skillDigests}), for the next build
   * @param carry why the last build's rankings were or were not carried over (for {@code
   *     --timings})
   */
  record Built(
      RoutingIndex index,
      CacheKey key,
      IndexAnswers answers,
      boolean reused,
      boolean answersReused,
      List<SkillId> ids,
      List<String> digests,
      Optional<RoutingIndex> earlier,
      String carry)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        index.close();
      } finally {
        if (earlier.isPresent()) {
          earlier.get().close();
        }
      }
    }
  }

  /** The index read back, or the skills' documents inverted and not yet merged. */
  static final class Started {
    private final CacheKey key;
    private final Optional<RoutingIndex> reused;
    private final Optional<RoutingIndex.Inverted> inverted;
    private final Optional<IndexAnswers> held;
    private final List<SkillId> ids;
    private final List<String> digests;
    private final Optional<BuildCache.Earlier> earlier;
    private final List<Skill> skills;

    private Started(
        CacheKey key,
        Optional<RoutingIndex> reused,
        Optional<RoutingIndex.Inverted> inverted,
        Optional<IndexAnswers> held,
        List<SkillId> ids,
        List<String> digests,
        Optional<BuildCache.Earlier> earlier,
        List<Skill> skills) {
      this.key = key;
      this.skills = skills;
      this.reused = reused;
      this.inverted = inverted;
      this.held = held;
      this.ids = ids;
      this.digests = digests;
      this.earlier = earlier;
    }

    /** The index, merged on this thread when it was not read back. */
    Built finish() {
      RoutingIndex index = reused.orElseGet(() -> inverted.orElseThrow().merge());
      if (held.isPresent() || earlier.isEmpty()) {
        return new Built(
            index,
            key,
            held.orElseGet(IndexAnswers::new),
            reused.isPresent(),
            held.isPresent(),
            ids,
            digests,
            Optional.empty(),
            held.isPresent() ? "the same index" : "no earlier index in the build cache");
      }
      BuildCache.Earlier e = earlier.get();
      Set<SkillId> changed = new HashSet<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!digests.get(i).equals(e.digests().get(i))) {
          changed.add(ids.get(i));
        }
      }
      // read into memory and checksummed: a damaged earlier index carries nothing over
      Optional<RoutingIndex> read = RoutingIndex.reuse(e.dir(), skills);
      if (read.isEmpty()) {
        return fresh(index, "the earlier index could not be read whole");
      }
      RoutingIndex before = read.get();
      Optional<IndexDelta> delta = IndexDelta.of(before, index, changed);
      Optional<String> why =
          delta.isEmpty()
              ? Optional.of("the skills or their order changed")
              : delta.get().statisticsDiffer();
      if (why.isPresent()) {
        try {
          before.close();
        } catch (IOException x) {
          // read-only; nothing to lose
        }
        return fresh(index, why.get());
      }
      return new Built(
          index,
          key,
          IndexAnswers.carrying(
              e.answers(), delta.get()::unaffected, delta.get()::unaffectedSimilar),
          false,
          false,
          ids,
          digests,
          Optional.of(before),
          changed.size() + " skill(s) changed, collection statistics the same");
    }

    private Built fresh(RoutingIndex index, String why) {
      return new Built(
          index, key, new IndexAnswers(), false, false, ids, digests, Optional.empty(), why);
    }
  }

  Started start(BuildContext build, Catalog catalog) {
    Confidence confidence = RouterFactory.confidence(catalog);
    List<String> digests = RoutingIndex.skillDigests(catalog.skills());
    byte[] seed = RoutingIndex.seedOf(digests);
    CacheKey key = key(seed, confidence);
    List<SkillId> ids = catalog.skills().stream().map(Skill::id).toList();
    Optional<RoutingIndex> reused = build.cache().index(key, DIR, catalog.skills());
    // the last build's index, when its answers might carry over: same code and threshold (its key
    // is what this build would write for its documents), same skills in the same order
    Optional<BuildCache.Earlier> earlier =
        reused.isPresent()
            ? Optional.empty()
            : build
                .cache()
                .earlier(DIR)
                .filter(
                    e ->
                        e.ids().equals(ids)
                            && e.key()
                                .equals(key(RoutingIndex.seedOf(e.digests()), confidence).value()));
    return new Started(
        key,
        reused,
        reused.isPresent()
            ? Optional.empty()
            : Optional.of(RoutingIndex.invert(catalog.skills(), confidence, seed)),
        reused.isPresent() ? build.cache().answers(key) : Optional.empty(),
        ids,
        digests,
        earlier,
        catalog.skills());
  }

  private static CacheKey key(byte[] seed, Confidence confidence) {
    return CacheKey.code()
        .with(HexFormat.of().formatHex(seed))
        .with(String.valueOf(confidence.threshold()));
  }
}
