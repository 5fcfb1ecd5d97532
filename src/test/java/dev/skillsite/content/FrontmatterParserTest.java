package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontmatterParserTest {
  private final FrontmatterParser parser = new FrontmatterParser(new YamlComposer());

  @Test
  void keyPositionsAndBodyLineAreThoseOfTheFile() throws ContentException {
    Frontmatter fm =
        parser.parse(
            "---\nname: x\n  # comment\ndescription: >-\n  folded\n  text\n---  \nBody\n",
            "a/SKILL.md");
    assertEquals(new SourcePos("a/SKILL.md", 2, 1), fm.keyPositions().get("name"));
    assertEquals(new SourcePos("a/SKILL.md", 4, 1), fm.keyPositions().get("description"));
    assertEquals("folded text", fm.values().get("description"));
    assertEquals("Body\n", fm.body());
    assertEquals(8, fm.bodyLine());
  }

  @Test
  void fileEndingAtTheClosingFenceHasAnEmptyBody() throws ContentException {
    Frontmatter fm = parser.parse("---\ndescription: d\n---", "SKILL.md");
    assertEquals("", fm.body());
    assertEquals(4, fm.bodyLine());
  }

  @Test
  void yamlErrorsPointIntoTheSkillFileAndTheValueIsReadLeniently() throws ContentException {
    Frontmatter fm = parser.parse("---\nname: x\ndescription: [unclosed\n---\n", "s/SKILL.md");
    Diagnostic e = fm.warnings().get(0);
    assertEquals("lenient-frontmatter", e.code());
    assertTrue(e.isError());
    assertEquals(new SourcePos("s/SKILL.md", 4, 1), e.pos());
    // the parser notices only at the end; the message names the line where the bracket was opened
    assertTrue(e.message().contains("starts at line 3, column 14"), e.message());
    assertTrue(e.message().endsWith("(hint: quote the value: description: \"…\")"), e.message());
    assertEquals("[unclosed", fm.values().get("description"));
  }

  @Test
  void aColonInAValueIsReportedAtTheColonWithTheAgentsThatSkipTheSkill() throws ContentException {
    Frontmatter fm =
        parser.parse("---\nname: x\ndescription: Use when: asked\n---\n", "s/SKILL.md");
    assertEquals(
        List.of(
            "s/SKILL.md:3:22: error: frontmatter is not valid YAML: ': ' inside the unquoted value"
                + " of 'description' reads as a second key; read leniently, so the skill is published, but Codex and the"
                + " skills CLI skip this skill, Claude Code loads it leniently (hint: quote the value: description: \"…\")"),
        fm.warnings().stream().map(Diagnostic::format).toList());
    assertEquals(Map.of("name", "x", "description", "Use when: asked"), fm.values());
    assertFalse(fm.warnings().get(0).message().contains("starts at line"));
  }

  @Test
  void theLimitsOfStrictYamlStillEndTheFile() {
    String big = "---\ndescription: a: b " + "x".repeat(YamlComposer.MAX_CODE_POINTS) + "\n---\n";
    ContentException e =
        assertThrows(ContentException.class, () -> parser.parse(big, "s/SKILL.md"));
    assertEquals("yaml-too-large", e.diagnostic().code());
  }

  @Test
  void aFileThatIsNeverClosedAndHoldsNoKeyIsStillAnError() {
    ContentException e =
        assertThrows(
            ContentException.class,
            () -> parser.parse("---\n# Just a heading\ntext\n", "s/SKILL.md"));
    assertEquals(
        "s/SKILL.md:1:1: error: frontmatter opened on line 1 is never closed with '---'",
        e.diagnostic().format());
  }

  @Test
  void valuesArePlainJava() throws ContentException {
    Frontmatter fm =
        parser.parse(
            "---\nn: 0x1F\nf: .inf\nb: True\nnil: ~\nbig: 123456789012345678901234567890\n"
                + "l: [a, 1, null]\nm: {k: [x]}\n---\n",
            "SKILL.md");
    assertEquals(31L, fm.values().get("n"));
    assertEquals(Double.POSITIVE_INFINITY, fm.values().get("f"));
    assertEquals(true, fm.values().get("b"));
    assertEquals(false, fm.values().containsKey("nil"));
    assertEquals("123456789012345678901234567890", fm.values().get("big"));
    assertEquals(List.of("a", 1L), fm.values().get("l"));
    assertEquals(Map.of("k", List.of("x")), fm.values().get("m"));
  }
}
