package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.TestSkills;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class RelationGraphTest {
  private static final Skill HUB = TestSkills.of("hub", "Use when starting.", "# Hub\n");
  private static final Skill A = TestSkills.of("a-skill", "Use for a.", "# A\n");
  private static final Skill B = TestSkills.of("b-skill", "Use for b.", "# B\n");
  private static final Skill C = TestSkills.of("c-skill", "Use for c.", "# C\n");
  private static final Skill LONE = TestSkills.of("lone", "Use alone.", "# Lone\n");

  @Test
  void declaredEdgesAreSolidComputedOnesDashedAndEveryNodeLinksToItsPage() {
    Map<SkillId, List<RelatedSkill>> related =
        Map.of(
            HUB.id(),
                List.of(
                    new RelatedSkill(A.id(), "declared", true),
                    new RelatedSkill(B.id(), "declared", true),
                    new RelatedSkill(C.id(), "declared", true)),
            A.id(), List.of(new RelatedSkill(B.id(), "both cover x and y", false)));
    RelationGraph.Graph g =
        RelationGraph.of(
            List.of(HUB, A, B, C, LONE), id -> related.getOrDefault(id, List.of()), "index.html");
    Document svg = Jsoup.parse(g.svg());
    assertEquals(3, svg.select("line.edge-declared").size());
    assertEquals(1, svg.select("line.edge-similar[stroke-dasharray]").size());
    assertEquals(
        List.of(
            "skills/a-skill/index.html",
            "skills/b-skill/index.html",
            "skills/c-skill/index.html",
            "skills/hub/index.html"),
        svg.select("a.node").eachAttr("href"));
    assertEquals(
        List.of("a-skill", "b-skill", "c-skill", "hub"), svg.select("a.node text").eachText());
    assertEquals(
        "a&lt;b&gt; &amp; &quot;c&quot;", RelationGraph.xml("a<b> & \"c\""), "names are escaped");
    assertTrue(svg.select("script, [style], [onload]").isEmpty());
    // the hub (related to every other) is drawn in the middle
    assertEquals("360.0", svg.selectFirst("a.node[href$=hub/index.html] circle").attr("cx"));
    // the same as text, for screen readers and for collections too big to draw
    assertEquals(
        new RelationGraph.Row(
            "a-skill", "skills/a-skill/index.html", List.of(), List.of("b-skill")),
        g.rows().get(0));
    assertEquals(List.of("a-skill", "b-skill", "c-skill"), g.rows().get(3).declared());
  }

  /**
   * A registry's home page gets no relations list: past {@link RelationGraph#MAX_ROWS} related
   * skills it would be megabytes; up to it the list is there without a drawing.
   */
  @Test
  void tooManyRelatedSkillsNoList() {
    for (int n : List.of(RelationGraph.MAX_ROWS, RelationGraph.MAX_ROWS + 1)) {
      List<Skill> skills = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        skills.add(TestSkills.of("s-" + i, "Use for " + i + ".", "# S\n"));
      }
      // each skill similar to the next one: every skill is on an edge
      RelationGraph.Graph g =
          RelationGraph.of(
              skills,
              id -> {
                int i = Integer.parseInt(id.value().substring(2));
                return List.of(new RelatedSkill(skills.get((i + 1) % n).id(), "similar", false));
              },
              "index.html");
      assertEquals("", g.svg());
      assertEquals(n == RelationGraph.MAX_ROWS ? n : 0, g.rows().size(), "skills: " + n);
    }
  }

  @Test
  void noRelationsNoGraph() {
    RelationGraph.Graph g = RelationGraph.of(List.of(A, B), id -> List.of(), "index.html");
    assertEquals("", g.svg());
    assertEquals(List.of(), g.rows());
  }
}
