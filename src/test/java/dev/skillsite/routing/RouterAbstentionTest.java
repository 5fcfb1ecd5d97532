package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SmallTalk;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RouterAbstentionTest {
  @Test
  void onTopicRequestTriggers() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      RouteResult r =
          new Router(index)
              .route("convert the Dockerfile to a multi-stage build and run as non-root", 3);
      assertFalse(r.abstained());
      assertTrue(r.triggered());
      assertEquals("docker-images", r.hits().get(0).name());
      assertTrue(r.hits().get(0).confidence() >= Confidence.DEFAULT.threshold());
    }
  }

  @Test
  void offTopicRequestAbstainsButStillRanks() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      RouteResult r =
          new Router(index).route("remap the tmux prefix to ctrl-a and enable mouse scrolling", 3);
      assertTrue(r.abstained());
      assertFalse(r.triggered());
      assertTrue(
          r.hits().isEmpty() || r.hits().get(0).confidence() < Confidence.DEFAULT.threshold());
    }
  }

  @Test
  void queryOfOnlyStopWordsAbstainsWithNoHits() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      RouteResult r = new Router(index).route("how do I do this?", 3);
      assertTrue(r.abstained());
      assertEquals(0, r.hits().size());
    }
  }

  @Test
  void rankGivesRouteHitsScoresAndAbstentionWithoutTheMatchedPhrase() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      Router router = new Router(index);
      for (String q :
          java.util.List.of(
              "convert the Dockerfile to a multi-stage build and run as non-root",
              "remap the tmux prefix to ctrl-a and enable mouse scrolling",
              "how do I do this?",
              "the restart of my cache process")) {
        RouteResult full = router.route(q, 5);
        RouteResult ranked = router.rank(q, 5);
        assertEquals(full.abstained(), ranked.abstained(), q);
        assertEquals(full.ambiguous(), ranked.ambiguous(), q);
        assertEquals(
            full.hits().stream().map(h -> h.id() + " " + h.score() + " " + h.confidence()).toList(),
            ranked.hits().stream()
                .map(h -> h.id() + " " + h.score() + " " + h.confidence())
                .toList(),
            q);
        assertTrue(
            ranked.hits().stream().allMatch(h -> h.matched().isEmpty() && h.field().isEmpty()), q);
      }
      assertFalse(
          router
              .route("convert the Dockerfile to a multi-stage build", 3)
              .hits()
              .get(0)
              .field()
              .isEmpty(),
          "route still names the field that matched");
    }
  }

  @Test
  void lowerThresholdTriggersMore() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      String q = "the restart of my cache process";
      RouteResult strict = new Router(index, Confidence.DEFAULT.withThreshold(0.999)).route(q, 3);
      RouteResult lax = new Router(index, Confidence.DEFAULT.withThreshold(0.0)).route(q, 3);
      assertTrue(strict.abstained());
      assertFalse(lax.abstained());
      assertEquals(strict.hits(), lax.hits());
    }
  }

  @Test
  void nearIdenticalSkillsAreAmbiguous() throws IOException {
    var skills = new java.util.ArrayList<>(TestSkills.fixture());
    skills.add(
        TestSkills.of(
            "docker-slim",
            "Build small, secure Docker images with multi-stage builds. Use when"
                + " writing a Dockerfile or shrinking an image.",
            "# Docker\n\n## Multi-stage builds\n\nCompile in one stage,"
                + " copy the binary into a slim runtime image, run as a non-root user.\n"));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      RouteResult r =
          new Router(index).route("shrink the docker image with a multi-stage build", 3);
      assertFalse(r.abstained());
      assertTrue(r.ambiguous());
    }
  }

  /** The fixture and a deployment skill that says what it is not for. */
  private static List<Skill> fixtureWithVercelDeploy() {
    var skills = new java.util.ArrayList<>(TestSkills.fixture());
    skills.add(
        TestSkills.of(
            "vercel-deploy",
            "Deploy web apps to Vercel with preview URLs. Use when deploying a"
                + " Next.js app. Not for Netlify or Heroku sites.",
            "# Deploy\n\n## Preview deployments\n"));
    return skills;
  }

  @Test
  void wordsOfANotForClauseCountAgainstTheSkill() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(fixtureWithVercelDeploy())) {
      Router router = new Router(index);
      RouteExplanation onTopic = router.explain("deploy my Next.js app with a preview URL", 3);
      RouteExplanation excluded = router.explain("deploy my Netlify app", 3);
      assertEquals("vercel-deploy", onTopic.result().hits().get(0).name());
      assertEquals(0.0, onTopic.features().excluded());
      assertEquals("vercel-deploy", excluded.result().hits().get(0).name());
      assertTrue(excluded.features().excluded() > 0, () -> excluded.features().toString());
      assertTrue(excluded.result().abstained(), () -> excluded.features().toString());
    }
  }

  /**
   * A request that names the skill itself (a specific word of its name: "vercel") is for it, even
   * when it also names what the skill is not for: moving from Netlify to Vercel. A generic name
   * word ("deploy") does not lift the veto.
   */
  @Test
  void namingTheSkillItselfLiftsItsNotForVeto() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(fixtureWithVercelDeploy())) {
      Router router = new Router(index);
      Background bg = index.background();
      assertTrue(bg.idf("vercel") / bg.maxIdf() >= Confidence.NAME_LIFTS_VETO);
      assertTrue(bg.idf("deploy") / bg.maxIdf() < Confidence.NAME_LIFTS_VETO);
      RouteExplanation moving = router.explain("move my Next.js app from Netlify to Vercel", 3);
      assertEquals("vercel-deploy", moving.result().hits().get(0).name());
      assertEquals(0.0, moving.features().excluded(), () -> moving.features().toString());
      assertTrue(moving.result().triggered(), () -> moving.features().toString());
      assertEquals(List.of(), moving.notFor());
      RouteExplanation netlify = router.explain("deploy my Next.js app to Netlify", 3);
      assertEquals("vercel-deploy", netlify.result().hits().get(0).name());
      assertTrue(netlify.features().excluded() > 0, () -> netlify.features().toString());
      assertTrue(netlify.result().abstained(), () -> netlify.features().toString());
      assertEquals(List.of("Not for Netlify or Heroku sites."), netlify.notFor());
    }
  }

  /**
   * A word that a skill names only in its "Not for …" clause is not a word the collection speaks
   * about: naming it in a request must not make another skill look more on-topic (it did, through
   * known and bgKnown).
   */
  @Test
  void aWordNamedOnlyToExcludeItCountsAsUnknown() throws IOException {
    String query = "convert the Dockerfile to a multi-stage build for our zxqvbn cluster";
    var plain = new java.util.ArrayList<>(TestSkills.fixture());
    plain.add(
        TestSkills.of(
            "vercel-deploy", "Deploy web apps to Vercel. Not for Netlify sites.", "# Deploy\n"));
    var excluding = new java.util.ArrayList<>(TestSkills.fixture());
    excluding.add(
        TestSkills.of(
            "vercel-deploy",
            "Deploy web apps to Vercel. Not for Netlify or zxqvbn sites.",
            "# Deploy\n"));
    try (RoutingIndex a = RoutingIndex.build(plain);
        RoutingIndex b = RoutingIndex.build(excluding)) {
      RouteExplanation without = new Router(a).explain(query, 3);
      RouteExplanation with = new Router(b).explain(query, 3);
      assertEquals("docker-images", without.result().hits().get(0).name());
      assertEquals("docker-images", with.result().hits().get(0).name());
      assertEquals(without.features(), with.features());
      assertEquals(without.wordConfidence(), with.wordConfidence());
      // in the skill whose clause names it, it still counts against that skill
      RouteExplanation own = new Router(b).explain("deploy to zxqvbn", 3);
      assertEquals("vercel-deploy", own.result().hits().get(0).name());
      assertTrue(own.features().excluded() > 0, () -> own.features().toString());
    }
  }

  @Test
  void backgroundFeaturesWeighUnknownWordsByTheirRarityAmongSkills() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      Router router = new Router(index);
      Confidence.Features on = router.explain("multi-stage Dockerfile build", 3).features();
      // "kubernetes" is neither in the fixture nor rare among skills; "zxqvbn" is used by no skill
      // anywhere
      Confidence.Features common =
          router.explain("multi-stage Dockerfile build for kubernetes", 3).features();
      Confidence.Features rare =
          router.explain("multi-stage Dockerfile build for zxqvbn", 3).features();
      assertEquals(1.0, on.bgKnown(), 1e-9, on::toString);
      assertEquals(0.0, on.rarestMissing(), 1e-9, on::toString);
      assertTrue(rare.bgKnown() < common.bgKnown(), () -> rare + " vs " + common);
      Background bg = Background.standard();
      assertEquals(
          bg.idf("zxqvbn") / bg.maxIdf(),
          rare.rarestMissing(),
          1e-9,
          "an unseen word counts as used once");
      assertTrue(common.rarestMissing() < rare.rarestMissing(), common::toString);
    }
  }

  @Test
  void confidenceIsTheLogisticOfTheDocumentedSumCappedByTheEvidence() {
    Confidence.Features f =
        new Confidence.Features(0.5, 0.8, 0.6, 0.4, 0.1, 0.7, 0.3, 0.9, 0.8, 10, 6);
    double z =
        Confidence.W_MATCHED * 0.5
            + Confidence.W_KNOWN * 0.8
            + Confidence.W_EXPLAINED * 0.6
            + Confidence.W_MARGIN * 0.4
            + Confidence.W_BG_KNOWN * 0.7
            + Confidence.W_BG_EXPLAINED * 0.3
            + Confidence.W_RAREST_MISSING * 0.9
            - Confidence.W_EXCLUDED * 0.1
            + Confidence.BIAS;
    assertEquals(z, f.z(), 1e-12);
    // evidence 0.8: the cap is 1 / (1 + e^-9), above the logistic of z, which is the confidence
    assertEquals(1 / (1 + Math.exp(-z)), Confidence.DEFAULT.score(f), 1e-12);
    // the same shares from too little evidence: the cap is the confidence, one half at MIN_EVIDENCE
    Confidence.Features weak =
        new Confidence.Features(0.5, 0.8, 0.6, 0.4, 0.1, 0.7, 0.3, 0.9, 0.2, 10, 6);
    assertEquals(
        1 / (1 + Math.exp(-Confidence.EVIDENCE_SLOPE * (0.2 - Confidence.MIN_EVIDENCE))),
        Confidence.DEFAULT.score(weak),
        1e-12);
    assertTrue(Confidence.DEFAULT.score(weak) < 0.05);
    Confidence.Features atMin =
        new Confidence.Features(1, 1, 1, 1, 0, 1, 1, 0, Confidence.MIN_EVIDENCE, 10, 1);
    assertEquals(0.5, Confidence.DEFAULT.score(atMin), 1e-12);
  }

  /**
   * Small talk and bare follow-ups say nothing about a skill, but each of their one or two words is
   * used by some skill, so every share-based signal is 1: they must not fire.
   */
  @Test
  void smallTalkFiresNothing() throws IOException {
    List<String> talk = SmallTalk.messages();
    for (Path corpus :
        List.of(
            Path.of("content"),
            Path.of("../shared/corpora/elixir"),
            Path.of("../shared/corpora/anthropic"))) {
      Assumptions.assumeTrue(Files.isDirectory(corpus), "shared corpora missing");
      try (RoutingIndex index = RoutingIndex.build(CorpusSkills.load(corpus))) {
        Router router = new Router(index);
        List<String> fired = talk.stream().filter(q -> router.route(q, 3).triggered()).toList();
        // a few two-word messages ("looks good", "never mind") still meet a skill's own wording
        assertTrue(fired.size() <= 2, () -> corpus + ": " + fired);
      }
    }
  }

  @Test
  void aShortRequestWithSpecificWordsStillFires() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(CorpusSkills.load(Path.of("content")))) {
      Router router = new Router(index);
      for (String q : List.of("genserver", "oban retries", "ecto migration")) {
        RouteExplanation ex = router.explain(q, 3);
        assertTrue(ex.result().triggered(), () -> q + " " + ex.features());
        assertTrue(
            ex.features().evidence() >= Confidence.MIN_EVIDENCE, () -> q + " " + ex.features());
      }
      RouteExplanation thanks = router.explain("thanks, that worked", 3);
      assertTrue(
          thanks.features().evidence() < Confidence.MIN_EVIDENCE,
          () -> thanks.features().toString());
    }
  }
}
