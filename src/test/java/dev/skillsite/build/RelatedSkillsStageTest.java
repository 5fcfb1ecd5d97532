package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.testing.TestSkills;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelatedSkillsStageTest {
  @Test
  void declaredRelationsComeFirstThenSimilarSkillsWithAReasonNeverItself() throws Exception {
    List<Skill> skills = new ArrayList<>(TestSkills.fixture());
    Skill git =
        skills.stream().filter(s -> s.name().equals("git-commit")).findFirst().orElseThrow();
    Skill declaring =
        new Skill(
            git.id(),
            git.name(),
            git.description(),
            git.source(),
            git.collectionId(),
            git.frontmatter(),
            git.body(),
            git.bodyLine(),
            git.references(),
            git.triggers(),
            List.of("pdf-forms", "no-such-skill", "git-commit"));
    skills.set(skills.indexOf(git), declaring);
    Catalog catalog =
        new Catalog(SiteConfig.defaults("t"), List.of(), skills, List.of(), List.of());

    try (RoutingIndex index = RoutingIndex.build(skills)) {
      Map<SkillId, List<RelatedSkill>> related =
          new RelatedSkillsStage(3).relate(catalog, index, new IndexAnswers());

      List<RelatedSkill> ofGit = related.get(git.id());
      assertEquals(
          new RelatedSkill(new SkillId("pdf-forms"), RelatedSkillsStage.DECLARED_REASON, true),
          ofGit.get(0),
          "the declared one first; unknown names and itself are dropped");
      assertTrue(ofGit.size() <= 3, ofGit.toString());
      for (RelatedSkill r : ofGit.subList(1, ofGit.size())) {
        assertFalse(r.declared());
        assertTrue(r.reason().startsWith("both cover "), r.reason());
      }
      for (Map.Entry<SkillId, List<RelatedSkill>> e : related.entrySet()) {
        assertTrue(
            e.getValue().stream().noneMatch(r -> r.id().equals(e.getKey())),
            "no skill relates to itself");
        assertEquals(
            e.getValue().size(), e.getValue().stream().map(RelatedSkill::id).distinct().count());
      }
      IndexAnswers recorded = new IndexAnswers();
      assertEquals(
          related,
          new RelatedSkillsStage(3).relate(catalog, index, recorded),
          "the same every time");
      assertEquals(
          related,
          new RelatedSkillsStage(3).relate(catalog, index, recorded),
          "and from what it recorded");
    }
  }

  /**
   * "Similar" needs specific shared words: words most skills use anywhere ("page", "never") make no
   * neighbour.
   */
  @Test
  void similarSkillsShareSpecificWordsAndSayWhichInWords() throws java.io.IOException {
    List<Skill> skills =
        List.of(
            TestSkills.of(
                "otp-supervision",
                "Design supervision trees for GenServer processes and ETS tables. Use when"
                    + " a supervisor keeps restarting a GenServer.",
                "# Supervisors\n\nGenServer, ETS, supervision trees.\n"),
            TestSkills.of(
                "genserver-tuning",
                "Tune a slow GenServer mailbox and move hot reads to ETS. Use when a"
                    + " GenServer is a bottleneck under supervision.",
                "# GenServer\n\nETS and supervision.\n"),
            TestSkills.of(
                "page-writer",
                "Write a page that never documents multi things. Use when a page is needed.",
                "# Page\n\nNever multi documents on a page.\n"),
            TestSkills.of(
                "page-reader",
                "Read a page and never skip multi documents. Use when reading a page.",
                "# Page\n\nA page, never multi documents.\n"));
    Catalog catalog =
        new Catalog(SiteConfig.defaults("t"), List.of(), skills, List.of(), List.of());
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      Map<SkillId, List<RelatedSkill>> related =
          new RelatedSkillsStage(6).relate(catalog, index, new IndexAnswers());
      List<RelatedSkill> ofOtp = related.get(new SkillId("otp-supervision"));
      assertEquals(1, ofOtp.size(), ofOtp.toString());
      assertEquals("genserver-tuning", ofOtp.get(0).id().value());
      assertTrue(
          ofOtp.get(0).reason().matches("both cover \\S+(, \\S+)* and \\S+"),
          ofOtp.get(0).reason());
      assertEquals(
          List.of(), related.get(new SkillId("page-writer")), "common words are no reason");
    }
  }
}
