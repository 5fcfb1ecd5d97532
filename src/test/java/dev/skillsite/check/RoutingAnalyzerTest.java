package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import dev.skillsite.triggers.TriggerExtractor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingAnalyzerTest {
  private static RouteProbe.Ranked hit(String id, double score) {
    return new RouteProbe.Ranked(new SkillId(id), score);
  }

  /** A router given as a table: phrase to ranked hits; anything else routes nowhere. */
  private static RouteProbe table(Map<String, List<RouteProbe.Ranked>> routes) {
    return q -> routes.getOrDefault(q, List.of());
  }

  private final Skill forms =
      Skills.skill("forms", "d", List.of("create a form", "validate input"), List.of());
  private final Skill tables =
      Skills.skill("tables", "d", List.of("create a table"), List.of("Ecto"));
  private final Skill quiet = Skills.skill("quiet", "d", List.of(), List.of());

  @Test
  void triggerRoutingToAnotherSkillFirstIsACollision() {
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "create a form", List.of(hit("tables", 5.0), hit("forms", 3.0)),
                        "validate input", List.of(hit("forms", 4.0)),
                        "create a table", List.of(hit("tables", 6.0)),
                        "Ecto", List.of(hit("tables", 2.0)))))
            .analyze(List.of(forms, tables));
    assertEquals(1, health.pairs().size());
    CollisionPair pair = health.pairs().get(0);
    assertEquals(new SkillId("forms"), pair.first());
    assertEquals(new SkillId("tables"), pair.second());
    assertEquals(
        List.of(
            new Collision(
                new SkillId("forms"),
                new SkillId("tables"),
                "create a form",
                Optional.of(3.0),
                5.0,
                false)),
        pair.collisions());
    assertEquals(List.of(), health.unreachable());
  }

  @Test
  void runnerUpWithinMarginMakesTheTriggerAmbiguous() {
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "create a form", List.of(hit("forms", 5.0), hit("tables", 4.6)),
                        "validate input", List.of(hit("forms", 5.0), hit("tables", 4.4)),
                        "create a table", List.of(hit("tables", 6.0)),
                        "Ecto", List.of(hit("tables", 2.0)))))
            .analyze(List.of(forms, tables));
    List<Collision> collisions = health.collisions();
    assertEquals(1, collisions.size());
    assertTrue(collisions.get(0).ambiguous());
    assertEquals("create a form", collisions.get(0).trigger());
  }

  @Test
  void skillWhoseOwnPhrasesAllGoElsewhereIsUnreachable() {
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "create a form", List.of(hit("tables", 5.0)),
                        "create a table", List.of(hit("tables", 6.0)))))
            .analyze(List.of(forms, tables));
    assertEquals(1, health.unreachable().size());
    Unreachable u = health.unreachable().get(0);
    assertEquals(new SkillId("forms"), u.id());
    assertEquals(List.of("create a form", "validate input"), u.triggers());
    assertEquals(List.of(Optional.of(new SkillId("tables")), Optional.empty()), u.takenBy());
  }

  @Test
  void skillWithoutPhrasesOrKeywordsIsUnreachableWithNoTriggers() {
    RoutingHealth health = new RoutingAnalyzer(table(Map.of())).analyze(List.of(quiet));
    assertTrue(health.unreachable().get(0).hasNoTriggers());
    assertFalse(health.unreachable().isEmpty());
  }

  @Test
  void sameInputSameOrderWhateverTheSkillOrder() {
    RouteProbe probe =
        table(
            Map.of(
                "create a form", List.of(hit("tables", 5.0)),
                "validate input", List.of(hit("quiet", 5.0)),
                "create a table", List.of(hit("forms", 6.0))));
    RoutingHealth a = new RoutingAnalyzer(probe).analyze(List.of(forms, tables, quiet));
    RoutingHealth b = new RoutingAnalyzer(probe).analyze(List.of(quiet, tables, forms));
    assertEquals(a, b);
    assertEquals(
        List.of("forms", "forms"), a.pairs().stream().map(p -> p.first().value()).toList());
  }

  @Test
  void triggerThatNamesTheRivalSkillIsNotACollision() {
    Skill dispatcher =
        Skills.skill("using-skills", "d", List.of("which skill?"), List.of("Tables", "Forms"));
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "which skill?", List.of(hit("using-skills", 3.0)),
                        "Tables", List.of(hit("tables", 4.0), hit("using-skills", 1.0)),
                        "Forms", List.of(hit("tables", 4.0), hit("using-skills", 1.0)))))
            .analyze(List.of(dispatcher, tables));
    assertEquals(List.of("Forms"), health.collisions().stream().map(Collision::trigger).toList());
    assertTrue(RoutingAnalyzer.namesSkill("Ecto", "ecto-thinking"));
    assertTrue(RoutingAnalyzer.namesSkill("ecto thinking", "ecto-thinking"));
    assertFalse(RoutingAnalyzer.namesSkill("Ect", "ecto-thinking"));
  }

  @Test
  void aClauseOrTheFallbackSentenceThatRoutesHomeMakesTheSkillReachable() {
    Skill prose =
        new TriggerExtractor()
            .ensure(
                Skills.skill(
                        "audit",
                        "Audits sites for accessibility. Use when"
                            + " checking contrast, or reviewing ARIA roles.",
                        List.of(),
                        List.of())
                    .withTriggers(Triggers.NONE));
    assertEquals(List.of("checking contrast", "reviewing ARIA roles"), prose.triggers().all());
    Skill plain =
        new TriggerExtractor()
            .ensure(
                Skills.skill("plain", "Draws charts from tables.", List.of(), List.of())
                    .withTriggers(Triggers.NONE));
    assertEquals(List.of("Draws charts from tables"), plain.triggers().all());
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "checking contrast", List.of(hit("forms", 5.0), hit("audit", 4.0)),
                        "reviewing ARIA roles", List.of(hit("audit", 5.0)),
                        "Draws charts from tables", List.of(hit("plain", 5.0)))))
            .analyze(List.of(prose, plain, forms));
    assertEquals(List.of("forms"), health.unreachable().stream().map(u -> u.id().value()).toList());
    assertEquals(
        List.of(),
        health.collisions().stream().filter(c -> c.owner().value().equals("audit")).toList(),
        "a clause lost to a rival is no listed-trigger collision");
  }

  @Test
  void theUnreachableReportNamesTheRivalAndTheSharedWords() {
    Skill rival =
        Skills.skill("tables", "Creates forms and tables", List.of("create a table"), List.of());
    RoutingHealth health =
        new RoutingAnalyzer(
                table(
                    Map.of(
                        "create a form", List.of(hit("tables", 5.0)),
                        "create a table", List.of(hit("tables", 6.0)))))
            .analyze(List.of(forms, rival));
    Unreachable u = health.unreachable().get(0);
    assertEquals(Optional.of(new SkillId("tables")), u.rival());
    assertEquals(List.of("create", "form"), u.sharedWords());
  }

  @Test
  void aSkillCalledOnlyByNameIsNeverUnreachable() {
    Skill byName =
        new Skill(
            new SkillId("deploy"),
            "deploy",
            "d",
            "skills/deploy/SKILL.md",
            "skills",
            Map.of("disable-model-invocation", true),
            "",
            5,
            List.of(),
            Triggers.NONE,
            List.of());
    RoutingHealth health = new RoutingAnalyzer(table(Map.of())).analyze(List.of(byName));
    assertEquals(List.of(), health.unreachable());
    assertTrue(RoutingAnalyzer.nameOnly(byName));
  }
}
