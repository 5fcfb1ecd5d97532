package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skillsite.model.SourcePos;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontmatterParserTest {
  private final FrontmatterParser parser = new FrontmatterParser(new YamlComposer());

  @Test
  void keyPositionsAndBodyLineAreThoseOfTheFile() throws ContentException {
    Frontmatter fm = parser.parse(
        "---\nname: x\n  # comment\ndescription: >-\n  folded\n  text\n---  \nBody\n", "a/SKILL.md");
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
  void yamlErrorsPointIntoTheSkillFile() {
    ContentException e = assertThrows(ContentException.class,
        () -> parser.parse("---\nname: x\ndescription: [unclosed\n---\n", "s/SKILL.md"));
    assertEquals("invalid-yaml", e.diagnostic().code());
    assertEquals("s/SKILL.md", e.diagnostic().pos().path());
    assertEquals(4, e.diagnostic().pos().line());
    // the parser notices only at the end; the message names the line where the bracket was opened
    assertTrue(e.diagnostic().message().contains("starts at line 3, column 14"), e.diagnostic().message());
  }

  @Test
  void aProblemOnTheLineOfItsContextDoesNotRepeatTheLine() {
    ContentException e = assertThrows(ContentException.class,
        () -> parser.parse("---\nname: x\ndescription: Use when: asked\n---\n", "s/SKILL.md"));
    assertEquals(3, e.diagnostic().pos().line());
    assertFalse(e.diagnostic().message().contains("starts at line"), e.diagnostic().message());
  }

  @Test
  void valuesArePlainJava() throws ContentException {
    Frontmatter fm = parser.parse("---\nn: 0x1F\nf: .inf\nb: True\nnil: ~\nbig: 123456789012345678901234567890\n"
        + "l: [a, 1, null]\nm: {k: [x]}\n---\n", "SKILL.md");
    assertEquals(31L, fm.values().get("n"));
    assertEquals(Double.POSITIVE_INFINITY, fm.values().get("f"));
    assertEquals(true, fm.values().get("b"));
    assertEquals(false, fm.values().containsKey("nil"));
    assertEquals("123456789012345678901234567890", fm.values().get("big"));
    assertEquals(List.of("a", 1L), fm.values().get("l"));
    assertEquals(Map.of("k", List.of("x")), fm.values().get("m"));
  }
}
