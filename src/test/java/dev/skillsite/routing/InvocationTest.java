package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvocationTest {
  private static final List<String> NAMES =
      List.of(
          "pdf",
          "writing-plans",
          "Writing Plans",
          "template-skill",
          "Excel Analysis",
          "skill",
          "brainstorming");

  private static int find(String query) {
    OptionalInt doc = new Invocation(NAMES).find(query);
    return doc.isPresent() ? doc.getAsInt() : -1;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/pdf fill in this form | 0",
        "   /pdf | 0",
        "/tools:pdf merge these | 0",
        "/writing-plans for the export feature | 1",
        "please use the brainstorming skill to help me think | 6",
        "use the writing plans skill, then start | 1",
        "Use The WRITING_PLANS Skill | 1",
        "copy the template skill into skills/pdf-redactor | 3",
        "with the excel analysis skill, sum column B | 4",
        "fill in this pdf form | -1",
        "the pdf is a skill test | -1",
        "/usr/bin/pdf is missing | -1",
        "run /pdf on it | -1",
        "skill | -1",
        "I need a new skill for pdfs | -1",
        "my interview skills are rusty, brainstorming helps | -1",
        "don't use the pdf skill for this | -1",
        "do this without the writing plans skill | -1",
        "use the brainstorming skill instead of the pdf skill | 6",
        "not the pdf skill: use the brainstorming skill | 6",
        "rather than the pdf skill | -1",
        "no, really, now use the pdf skill | 0"
      })
  void findsTheSkillCalledByName(String query, int doc) {
    assertEquals(doc, find(query), query);
  }

  @Test
  void aSlashCommandMustLeadTheMessage() {
    assertEquals(-1, find("look at /pricing then /writing"));
    assertEquals(0, find("\n\t/pdf"));
  }

  @Test
  void theRouterFiresAnInvokedSkillWhateverItsWordsSay() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      Router router = new Router(index);
      String offTopic = "remap the tmux prefix to ctrl-a and enable mouse scrolling";
      assertTrue(router.route(offTopic, 3).abstained());
      RouteExplanation ex = router.explain("/git-commit " + offTopic, 3);
      RouteResult r = ex.result();
      assertTrue(ex.invoked());
      assertFalse(r.abstained());
      assertFalse(r.ambiguous());
      assertEquals("git-commit", r.hits().get(0).name());
      assertEquals(1.0, r.hits().get(0).confidence());
      assertTrue(
          ex.wordConfidence() < Confidence.DEFAULT.threshold(),
          "its words alone would not fire it");
      assertEquals("name", r.hits().get(0).field());
      assertEquals("git-commit", r.hits().get(0).matched());

      RouteResult named = router.route("use the docker images skill to convert the Dockerfile", 3);
      assertEquals("docker-images", named.hits().get(0).name());
      assertTrue(named.triggered());
      assertEquals(
          1,
          named.hits().stream().filter(h -> h.name().equals("docker-images")).count(),
          "listed once");

      RouteExplanation plain = router.explain("convert the Dockerfile to a multi-stage build", 3);
      assertFalse(plain.invoked());
      assertEquals(plain.result().hits().get(0).confidence(), plain.wordConfidence());
    }
  }
}
